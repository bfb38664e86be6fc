import { clipDuration, type Clip, type VideoDraft } from './draft';
import { KEY_ROTATION_MAX, KEYFRAMES_MAX, ROTATION_MAX, ROTATION_MIN, type Easing, type Keyframe, type KeyframeProp, type Point } from './keyframe-track';
import { clipStateAt } from './keyframes';
import { findClip, type EditResult } from './timeline';
import { toFrames } from './timeline-snap';

/**
 * Keyframe edits the editor makes (docs/timeline.md "Animate"): pure `(draft) → EditResult` functions for
 * useEditor().edit, so each is one undo step. Times here are clip-local seconds (0 = the clip's first frame),
 * snapped to the canvas's frames and kept inside the clip; two keys never share a frame.
 */

export type KeyValue = number | Point;
type AnyTrack = Keyframe<KeyValue>[];

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The properties a clip can animate: text has `reveal`, media with a picture moves, media with sound has volume. */
export function animatableProps(clip: Clip, has: { picture: boolean; sound: boolean }): KeyframeProp[] {
  if (clip.type === 'text') return ['position', 'scale', 'rotation', 'opacity', 'reveal'];
  const props: KeyframeProp[] = has.picture ? ['position', 'scale', 'rotation', 'opacity'] : [];
  if (has.sound) props.push('volume');
  return props;
}

/** A property's value in the range its track accepts (keyframe-track.ts). */
export function clampKeyValue(prop: KeyframeProp, v: KeyValue): KeyValue {
  if (typeof v !== 'number') return { x: clamp(v.x, -1, 2), y: clamp(v.y, -1, 2) };
  switch (prop) {
    case 'scale': return clamp(v, 0.05, 8);
    case 'rotation': return clamp(v, -KEY_ROTATION_MAX, KEY_ROTATION_MAX);
    case 'volume': return clamp(v, 0, 2);
    default: return clamp(v, 0, 1);
  }
}

/** The property's value at clip-local time `local`, as the preview and the export show it. */
export function propValueAt(clip: Clip, prop: KeyframeProp, local: number): KeyValue {
  const s = clipStateAt(clip, clip.start + local);
  return prop === 'position' ? { x: s.x, y: s.y } : s[prop];
}

export function trackOf(clip: Clip, prop: KeyframeProp): AnyTrack | undefined {
  return clip.keyframes?.[prop];
}

/** Frame-snapped clip-local time inside the clip (its last frame included). */
export function keyTime(clip: Clip, local: number, fps: number): number {
  const len = toFrames(clipDuration(clip), fps);
  return clamp(toFrames(local, fps), 0, len) / fps;
}

/** The key of a track on the same frame as `t`, if any. */
export function keyIndexAt(track: readonly Keyframe<unknown>[] | undefined, t: number, fps: number): number {
  if (!track) return -1;
  const f = toFrames(t, fps);
  return track.findIndex((k) => toFrames(k.t, fps) === f);
}

/** The clip with `prop`'s track replaced (`null`: removed; an empty `keyframes` is dropped). */
export function withKeyTrack(clip: Clip, prop: KeyframeProp, track: AnyTrack | null): Clip {
  const others = Object.entries(clip.keyframes ?? {}).filter(([p]) => p !== prop);
  const entries = track && track.length > 0 ? [...others, [prop, track] as const] : others;
  const { keyframes: _old, ...rest } = clip;
  return entries.length > 0 ? { ...rest, keyframes: Object.fromEntries(entries) } : rest;
}

/** A clip's still (un-keyed) value for a property, where it has one: what is left when its last key goes. */
function withStatic(clip: Clip, prop: KeyframeProp, v: KeyValue): Clip {
  if (clip.type === 'text') {
    if (prop === 'position' && typeof v !== 'number') return { ...clip, x: v.x, y: v.y };
    if (prop === 'rotation' && typeof v === 'number') return { ...clip, rotation: clamp(v, ROTATION_MIN, ROTATION_MAX) };
    return clip; // text has no still scale, opacity or reveal
  }
  const tr = clip.transform;
  if (typeof v !== 'number') return prop === 'position' ? { ...clip, transform: { ...tr, x: v.x, y: v.y } } : clip;
  switch (prop) {
    case 'scale': return { ...clip, transform: { ...tr, scale: clamp(v, 0.05, 8) } };
    case 'rotation': return { ...clip, transform: { ...tr, rotation: clamp(v, ROTATION_MIN, ROTATION_MAX) } };
    case 'opacity': return { ...clip, transform: { ...tr, opacity: clamp(v, 0, 1) } };
    case 'volume': return { ...clip, volume: clamp(v, 0, 2) };
    default: return clip;
  }
}

const tooMany = (): EditResult => ({
  ok: false,
  reason: 'invalid_value',
  message: `A property can have at most ${KEYFRAMES_MAX} keyframes. Remove a key before adding another.`,
});

/** Applies `change` to one clip of the draft (found by id), with a clear refusal when it is gone. */
export function onClip(draft: VideoDraft, clipId: string, change: (clip: Clip, fps: number) => Clip | EditResult): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return { ok: false, reason: 'not_found', message: 'That clip is no longer in this draft. Select a clip and try again.' };
  const next = change(found.clip, draft.canvas.fps);
  if ('ok' in next) return next;
  if (next === found.clip) return { ok: true, draft, clipId };
  const tracks = draft.tracks.map((tr, i) => (i === found.trackIndex ? { ...tr, clips: tr.clips.map((c) => (c.id === clipId ? next : c)) } : tr));
  return { ok: true, draft: { ...draft, tracks }, clipId };
}

/**
 * Adds a key for `prop` at clip-local `local` (snapped, inside the clip), or replaces the value of the key on
 * that frame. Without `value` the key takes the property's current value there, so adding a key never makes
 * the picture jump. A new key eases like the key before it (linear when it is the first).
 */
export function setKey(draft: VideoDraft, clipId: string, prop: KeyframeProp, local: number, value?: KeyValue, easing?: Easing): EditResult {
  return onClip(draft, clipId, (clip, fps) => {
    const t = keyTime(clip, local, fps);
    const v = clampKeyValue(prop, value ?? propValueAt(clip, prop, t));
    const track = [...(trackOf(clip, prop) ?? [])];
    const i = keyIndexAt(track, t, fps);
    if (i >= 0) {
      track[i] = { ...track[i]!, value: v, easing: easing ?? track[i]!.easing };
      return withKeyTrack(clip, prop, track);
    }
    if (track.length >= KEYFRAMES_MAX) return tooMany();
    const before = track.filter((k) => k.t < t).at(-1);
    track.push({ t, value: v, easing: easing ?? before?.easing ?? 'linear' });
    track.sort((a, b) => a.t - b.t);
    return withKeyTrack(clip, prop, track);
  });
}

/**
 * Removes the key on `local`'s frame. When it was the property's last key, the still value takes the key's
 * value, so the clip stays where the animation left it.
 */
export function removeKey(draft: VideoDraft, clipId: string, prop: KeyframeProp, local: number): EditResult {
  return onClip(draft, clipId, (clip, fps) => {
    const track = trackOf(clip, prop);
    const i = keyIndexAt(track, local, fps);
    if (!track || i < 0) return clip;
    if (track.length === 1) return withStatic(withKeyTrack(clip, prop, null), prop, track[0]!.value);
    return withKeyTrack(clip, prop, track.filter((_, j) => j !== i));
  });
}

/** Adds a key at `local` when none is there, removes it when one is: the diamond button. */
export function toggleKey(draft: VideoDraft, clipId: string, prop: KeyframeProp, local: number): EditResult {
  const found = findClip(draft, clipId);
  const onKey = found ? keyIndexAt(trackOf(found.clip, prop), local, draft.canvas.fps) >= 0 : false;
  return onKey ? removeKey(draft, clipId, prop, local) : setKey(draft, clipId, prop, local);
}

/** How the way from the key on `local`'s frame to the next key is shaped. */
export function setKeyEasing(draft: VideoDraft, clipId: string, prop: KeyframeProp, local: number, easing: Easing): EditResult {
  return onClip(draft, clipId, (clip, fps) => {
    const track = trackOf(clip, prop);
    const i = keyIndexAt(track, local, fps);
    if (!track || i < 0 || track[i]!.easing === easing) return clip;
    return withKeyTrack(clip, prop, track.map((k, j) => (j === i ? { ...k, easing } : k)));
  });
}

/**
 * Moves the key on `from`'s frame to `to` (snapped), kept inside the clip and between its neighbours (a frame
 * clear of each), so keys keep their order and never share a frame.
 */
export function moveKey(draft: VideoDraft, clipId: string, prop: KeyframeProp, from: number, to: number): EditResult {
  return onClip(draft, clipId, (clip, fps) => {
    const track = trackOf(clip, prop);
    const i = keyIndexAt(track, from, fps);
    if (!track || i < 0) return clip;
    const lo = i > 0 ? toFrames(track[i - 1]!.t, fps) + 1 : 0;
    const hi = i < track.length - 1 ? toFrames(track[i + 1]!.t, fps) - 1 : toFrames(clipDuration(clip), fps);
    const t = clamp(toFrames(keyTime(clip, to, fps), fps), lo, hi) / fps;
    if (t === track[i]!.t) return clip;
    return withKeyTrack(clip, prop, track.map((k, j) => (j === i ? { ...k, t } : k)));
  });
}

/** Removes a property's animation; the still value takes what was shown at the clip's first frame. */
export function clearTrack(draft: VideoDraft, clipId: string, prop: KeyframeProp): EditResult {
  return onClip(draft, clipId, (clip) => {
    const track = trackOf(clip, prop);
    if (!track) return clip;
    return withStatic(withKeyTrack(clip, prop, null), prop, propValueAt(clip, prop, 0));
  });
}

/** Clip-local times of every key of the clip (any property), ascending, each once. */
export function keyTimes(clip: Clip): number[] {
  const all = Object.values(clip.keyframes ?? {}).flatMap((tr) => (tr as AnyTrack).map((k) => k.t));
  return [...new Set(all)].sort((a, b) => a - b);
}

/** The key time before (dir −1) or after (+1) `local`, over the given properties (all when omitted). */
export function adjacentKey(clip: Clip, local: number, dir: -1 | 1, fps: number, props?: readonly KeyframeProp[]): number | null {
  const f = toFrames(local, fps);
  const times = props ? [...new Set(props.flatMap((p) => (trackOf(clip, p) ?? []).map((k) => k.t)))].sort((a, b) => a - b) : keyTimes(clip);
  const hit = dir > 0 ? times.find((t) => toFrames(t, fps) > f) : times.filter((t) => toFrames(t, fps) < f).at(-1);
  return hit ?? null;
}

/** The properties with a key on `local`'s frame: one diamond of the timeline's keyframe lane. */
export function propsKeyedAt(clip: Clip, local: number, fps: number): KeyframeProp[] {
  return (Object.keys(clip.keyframes ?? {}) as KeyframeProp[]).filter((p) => keyIndexAt(trackOf(clip, p), local, fps) >= 0);
}

/**
 * Moves every key on `from`'s frame (one lane diamond) to `to`, together: clamped so none passes a neighbour
 * of its own track or leaves the clip.
 */
export function moveKeysAt(draft: VideoDraft, clipId: string, from: number, to: number): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return onClip(draft, clipId, (c) => c);
  const fps = draft.canvas.fps;
  let lo = 0;
  let hi = toFrames(clipDuration(found.clip), fps);
  const props = propsKeyedAt(found.clip, from, fps);
  for (const p of props) {
    const track = trackOf(found.clip, p)!;
    const i = keyIndexAt(track, from, fps);
    if (i > 0) lo = Math.max(lo, toFrames(track[i - 1]!.t, fps) + 1);
    if (i < track.length - 1) hi = Math.min(hi, toFrames(track[i + 1]!.t, fps) - 1);
  }
  const t = clamp(toFrames(to, fps), lo, hi) / fps;
  return props.reduce<EditResult>((r, p) => (r.ok ? moveKey(r.draft, clipId, p, from, t) : r), { ok: true, draft, clipId });
}

/** Removes every key on `local`'s frame (one lane diamond). */
export function removeKeysAt(draft: VideoDraft, clipId: string, local: number): EditResult {
  const found = findClip(draft, clipId);
  const props = found ? propsKeyedAt(found.clip, local, draft.canvas.fps) : [];
  return props.reduce<EditResult>((r, p) => (r.ok ? removeKey(r.draft, clipId, p, local) : r), { ok: true, draft, clipId });
}
