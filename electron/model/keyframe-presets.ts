import { clipDuration, type Clip, type VideoDraft } from './draft';
import { KEYFRAMES_MAX, type Keyframe, type KeyframeProp, type Point } from './keyframe-track';
import { clampKeyValue, onClip, trackOf, withKeyTrack, type KeyValue } from './keyframe-edit';
import { staticState } from './keyframes';
import type { EditResult } from './timeline';
import { toFrames } from './timeline-snap';

/**
 * Ready animations (docs/timeline.md "Animate"): Ken Burns on a photo or video, and text in/out animations.
 * Each is a pure function of the clip that writes a few keys; applying one is one edit (one undo step) and
 * touches only the tracks it sets, and only the time it animates: an "in" animation replaces keys in the
 * clip's first moments and keeps the rest (so a fade in and a slide out can live together), Ken Burns covers
 * the whole clip.
 */

export const kenBurnsPresets = ['kenBurnsIn', 'kenBurnsOut'] as const;
export const textInPresets = ['fadeIn', 'slideIn', 'popIn', 'typewriterIn'] as const;
export const textOutPresets = ['fadeOut', 'slideOut', 'popOut', 'typewriterOut'] as const;
export type AnimationPreset = (typeof kenBurnsPresets)[number] | (typeof textInPresets)[number] | (typeof textOutPresets)[number];

/** How far Ken Burns zooms (a gentle 15 %) and pans (a few percent of the canvas). */
export const KEN_BURNS_ZOOM = 1.15;
export const KEN_BURNS_PAN = { x: 0.03, y: -0.02 };
/** Text in/out animations last this long, or a third of a short clip. */
export const TEXT_ANIMATION_SEC = 0.5;
/** Typewriter types about this many characters a second (at most two thirds of the clip). */
export const TYPEWRITER_CPS = 15;
/** Slide travels from this far below (a share of the canvas height). */
export const SLIDE_DISTANCE = 0.08;

type Keys = Partial<Record<KeyframeProp, Keyframe<KeyValue>[]>>;
/** The keys a preset writes, and the clip-local window they replace. */
export type PresetKeys = { keys: Keys; from: number; to: number };

const key = (t: number, value: KeyValue, easing: Keyframe<KeyValue>['easing'] = 'linear') => ({ t, value, easing });

/** The presets that fit a clip: Ken Burns on pictures, in/out animations on text. */
export function presetsFor(clip: Clip, has: { picture: boolean }): AnimationPreset[] {
  if (clip.type === 'text') return [...textInPresets, ...textOutPresets];
  return has.picture ? [...kenBurnsPresets] : [];
}

/**
 * The keys of `preset` for `clip`, on frames of `fps`. Values start from the clip's still state, so a preset
 * animates the clip where it is.
 */
export function presetKeys(clip: Clip, preset: AnimationPreset, fps: number): PresetKeys {
  const len = toFrames(clipDuration(clip), fps) / fps;
  const snap = (t: number) => Math.min(len, Math.max(1, toFrames(t, fps)) / fps);
  const s = staticState(clip);
  const at: Point = { x: s.x, y: s.y };
  const d = snap(Math.min(TEXT_ANIMATION_SEC, len / 3));
  const end = len - d;
  const chars = clip.type === 'text' ? [...clip.text].length : 0;
  const typing = snap(Math.min(chars / TYPEWRITER_CPS, (len * 2) / 3));
  const below: Point = { x: at.x, y: Math.min(1, at.y + SLIDE_DISTANCE) };
  switch (preset) {
    case 'kenBurnsIn':
    case 'kenBurnsOut': {
      const big = s.scale * KEN_BURNS_ZOOM;
      const moved: Point = { x: at.x + KEN_BURNS_PAN.x, y: at.y + KEN_BURNS_PAN.y };
      const [s0, s1, p0, p1] = preset === 'kenBurnsIn' ? [s.scale, big, at, moved] : [big, s.scale, moved, at];
      return { from: 0, to: len, keys: { scale: [key(0, s0), key(len, s1)], position: [key(0, p0), key(len, p1)] } };
    }
    case 'fadeIn': return { from: 0, to: d, keys: { opacity: [key(0, 0, 'easeOut'), key(d, 1)] } };
    case 'fadeOut': return { from: end, to: len, keys: { opacity: [key(end, 1, 'easeIn'), key(len, 0)] } };
    case 'slideIn': return { from: 0, to: d, keys: { position: [key(0, below, 'easeOut'), key(d, at)], opacity: [key(0, 0, 'easeOut'), key(d, 1)] } };
    case 'slideOut': return { from: end, to: len, keys: { position: [key(end, at, 'easeIn'), key(len, below)], opacity: [key(end, 1, 'easeIn'), key(len, 0)] } };
    case 'popIn': {
      // Grows past its size and settles back: the overshoot is what makes it "pop".
      const peak = snap(d * 0.6);
      return { from: 0, to: d, keys: { scale: [key(0, 0.3, 'easeOut'), key(peak, 1.15, 'easeInOut'), key(d, 1)], opacity: [key(0, 0, 'easeOut'), key(peak, 1)] } };
    }
    case 'popOut': {
      const peak = snap(end + d * 0.4);
      return { from: end, to: len, keys: { scale: [key(end, 1, 'easeOut'), key(peak, 1.15, 'easeIn'), key(len, 0.3)], opacity: [key(peak, 1, 'easeIn'), key(len, 0)] } };
    }
    case 'typewriterIn': return { from: 0, to: typing, keys: { reveal: [key(0, 0), key(typing, 1)] } };
    case 'typewriterOut': return { from: len - typing, to: len, keys: { reveal: [key(len - typing, 1), key(len, 0)] } };
  }
}

/** `track` with its keys in [from, to] replaced by `keys` (time-ordered, one per frame). */
function mergeKeys(track: readonly Keyframe<KeyValue>[], keys: readonly Keyframe<KeyValue>[], from: number, to: number, fps: number): Keyframe<KeyValue>[] {
  // On a very short clip two of a preset's keys can fall on one frame: the later one wins.
  const byFrame = new Map(keys.map((k) => [toFrames(k.t, fps), k]));
  const kept = track.filter((k) => (k.t < from - 1e-9 || k.t > to + 1e-9) && !byFrame.has(toFrames(k.t, fps)));
  return [...kept, ...byFrame.values()].sort((a, b) => a.t - b.t);
}

/** Applies a preset to a clip: one edit, for one undo step. */
export function applyPreset(draft: VideoDraft, clipId: string, preset: AnimationPreset): EditResult {
  return onClip(draft, clipId, (found, fps) => {
    const { keys, from, to } = presetKeys(found, preset, fps);
    let clip = found;
    for (const [prop, ks] of Object.entries(keys) as [KeyframeProp, Keyframe<KeyValue>[]][]) {
      const merged = mergeKeys(trackOf(clip, prop) ?? [], ks.map((k) => ({ ...k, value: clampKeyValue(prop, k.value) })), from, to, fps);
      if (merged.length > KEYFRAMES_MAX) return { ok: false, reason: 'invalid_value', message: `This animation would give a property more than ${KEYFRAMES_MAX} keyframes. Remove some keys first.` };
      clip = withKeyTrack(clip, prop, merged);
    }
    return clip;
  });
}

/** Whether every key `preset` writes is on the clip (same frame, value and easing). */
function presetOnClip(clip: Clip, keys: Keys, fps: number): boolean {
  return (Object.entries(keys) as [KeyframeProp, Keyframe<KeyValue>[]][]).every(([prop, ks]) => {
    const track = trackOf(clip, prop) ?? [];
    // As mergeKeys writes them: two keys on one frame (a very short clip) are the later one.
    const written = [...new Map(ks.map((k) => [toFrames(k.t, fps), k])).values()];
    return written.every((k) => track.some((c) => toFrames(c.t, fps) === toFrames(k.t, fps) && c.easing === k.easing && sameValue(c.value, clampKeyValue(prop, k.value))));
  });
}

function sameValue(a: KeyValue, b: KeyValue): boolean {
  if (typeof a === 'number' || typeof b === 'number') return typeof a === typeof b && Math.abs((a as number) - (b as number)) < 1e-6;
  return Math.abs(a.x - b.x) < 1e-6 && Math.abs(a.y - b.y) < 1e-6;
}

/**
 * The ready animations a clip's keys are, for the Animation menu to name (walk finding 17): null when the clip has
 * no keys, 'custom' when its keys are not (only) presets', else the presets, fewest that explain every key (a slide
 * in also writes a fade in's keys: it is named alone). Read from the keys, so a hand-changed key reads as custom.
 */
export function presetsOnClip(clip: Clip, has: { picture: boolean }, fps: number): AnimationPreset[] | 'custom' | null {
  const tracks = Object.entries(clip.keyframes ?? {}) as [KeyframeProp, Keyframe<KeyValue>[]][];
  const total = tracks.reduce((n, [, tr]) => n + tr.length, 0);
  if (total === 0) return null;
  const found = presetsFor(clip, has)
    .map((p) => ({ p, keys: presetKeys(clip, p, fps).keys }))
    .filter((x) => presetOnClip(clip, x.keys, fps))
    .sort((a, b) => count(b.keys) - count(a.keys));
  const covered = new Set<string>();
  const named: AnimationPreset[] = [];
  for (const { p, keys } of found) {
    const ids = new Set((Object.entries(keys) as [KeyframeProp, Keyframe<KeyValue>[]][]).flatMap(([prop, ks]) => ks.map((k) => `${prop}@${toFrames(k.t, fps)}`)));
    if ([...ids].every((id) => covered.has(id))) continue;
    ids.forEach((id) => covered.add(id));
    named.push(p);
  }
  return named.length > 0 && covered.size === total ? named : 'custom';
}

const count = (keys: Keys): number => Object.values(keys).reduce((n, ks) => n + ks.length, 0);
