import {
  clipDuration,
  type Crop,
  defaultTextStyle,
  defaultTransform,
  MediaClip,
  ROTATION_MAX,
  ROTATION_MIN,
  SPEED_MAX,
  SPEED_MIN,
  TextClip,
  type TextRole,
  type TextStyle,
  type Transform,
  Transition,
  type Clip,
  type Track,
  type TrackKind,
  type TransitionKind,
  type VideoDraft,
} from './draft';
import { cropKeyframes } from './keyframe-crop';
import { retimeKeyframes } from './keyframe-retime';
import { playLimits, playOrder, sourceAtExtended, sourceOffsetAt, withoutRamp, withRange } from './clip-speed';
import { rampSourceAt } from './speed-ramp-time';
import { rampedDuration, RAMP_POINTS_STORED_MAX, SpeedRamp } from './speed-ramp';
import { EDGE_TOLERANCE_SEC, toFrames } from './timeline-snap';

export * from './timeline-snap';
export * from './timeline-playhead';
export { sourceOffsetAt, speedAt, timelineOffsetOf } from './clip-speed';

/**
 * Timeline edits: pure functions from a draft to a new draft (inputs are never mutated; unchanged tracks and
 * clips keep their identity so the editor re-renders only what moved).
 *
 * Rules every edit keeps (the property tests in timeline.test.ts check them after random edit sequences):
 *  - every time an edit produces is on the canvas frame grid (1/fps), and every clip it touches lasts a whole
 *    number of frames (`out` is adjusted by less than a frame of source time when speed makes that necessary),
 *    so a packed main track lands exactly on frames;
 *  - the main track is magnetic: clips are packed from 0 in array order with no gaps, a clip with
 *    `transitionIn` overlapping the previous one by the transition's duration;
 *  - other tracks may have gaps but never overlaps, and are kept sorted by start;
 *  - media clips stay inside their source (0 ≤ in < out ≤ duration; images have no source limit).
 *
 * Internally times are whole frame numbers (`toFrames`), converted back with `/ fps` only when written.
 */

/** What the timeline needs to know about an asset. Return null for an asset that is not (or no longer) in the library. */
export type SourceFacts = { kind: 'video' | 'image' | 'audio'; durationSec: number | null };
export type SourceInfo = (assetId: string) => SourceFacts | null | undefined;

/** Why an edit was refused: a stable code (for i18n in the editor) and an English message saying what to do. */
export type EditRefusal =
  | 'not_found'
  | 'wrong_track'
  | 'track_busy'
  | 'too_short'
  | 'near_edge'
  | 'first_clip'
  | 'not_main'
  | 'unknown_asset'
  | 'invalid_value'
  | 'ramp_full';

export type EditResult =
  | { ok: true; draft: VideoDraft; /** The clip the edit placed or changed (split: the second part; duplicate: the copy). */ clipId: string | null }
  | { ok: false; reason: EditRefusal; message: string };

/** Image clips get this long when added. */
export const IMAGE_DEFAULT_SEC = 3;
/** Text clips get this long when added. */
export const TEXT_DEFAULT_SEC = 3;
/** The shortest a text clip may be (the schema's floor). */
export const TEXT_MIN_SEC = 0.1;
/**
 * Tracks end here: a clip that finds no free spot before this time is refused as "track busy". Far beyond any
 * short-form limit (TikTok's longest is 10 min), and keeps a runaway drag from producing an absurd draft.
 */
export const MAX_TIMELINE_SEC = 3600;

const EPS = 1e-6;

const refuse = (reason: EditRefusal, message: string): EditResult => ({ ok: false, reason, message });
const done = (draft: VideoDraft, clipId: string | null): EditResult => ({ ok: true, draft, clipId });

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

// ── looking things up ───────────────────────────────────────────────────────

export type FoundClip = { track: Track; trackIndex: number; clip: Clip; clipIndex: number };

export function findClip(draft: VideoDraft, clipId: string): FoundClip | null {
  for (let trackIndex = 0; trackIndex < draft.tracks.length; trackIndex++) {
    const track = draft.tracks[trackIndex]!;
    const clipIndex = track.clips.findIndex((c) => c.id === clipId);
    if (clipIndex >= 0) return { track, trackIndex, clip: track.clips[clipIndex]!, clipIndex };
  }
  return null;
}

/** The magnetic track (the first of kind `main`), if the draft has one. */
export function mainTrack(draft: VideoDraft): Track | null {
  return draft.tracks.find((t) => t.kind === 'main') ?? null;
}

/** Length of a clip in whole frames (its duration as the edit functions see it). */
export function clipFrames(c: Clip, fps: number): number {
  return toFrames(clipDuration(c), fps);
}

/** The shortest a clip may be: one frame; text clips at least 0.1 s (the schema's floor). */
export function minClipFrames(c: Clip, fps: number): number {
  return c.type === 'text' ? Math.ceil(TEXT_MIN_SEC * fps - EPS) : 1;
}

/**
 * Whether a track of this kind takes the clip: main and overlay take video and image media, text takes text,
 * audio takes audio media (a video's own sound plays from its video clip, never from an audio track).
 * Returns null when it does, else why not.
 */
export function trackRefusal(kind: TrackKind, clip: Clip, info: SourceInfo): { reason: EditRefusal; message: string } | null {
  if (clip.type === 'text') {
    return kind === 'text' ? null : { reason: 'wrong_track', message: 'Text goes on a text track. Drop it on a text track.' };
  }
  const facts = info(clip.assetId);
  if (!facts) return { reason: 'unknown_asset', message: 'This clip’s media is no longer in the library. Re-import it or remove the clip.' };
  if (kind === 'audio') {
    return facts.kind === 'audio' ? null : { reason: 'wrong_track', message: 'Audio tracks take music and voice files only. Put videos and images on the main or an overlay track.' };
  }
  if (kind === 'text') return { reason: 'wrong_track', message: 'Text tracks take text only. Put media on the main, an overlay or an audio track.' };
  return facts.kind === 'audio' ? { reason: 'wrong_track', message: 'Audio goes on an audio track. Drop it on Music or Voiceover.' } : null;
}

// ── new clips ───────────────────────────────────────────────────────────────

/** A clip for an asset with sensible defaults: video/audio show the whole source, images 3 s; fill the canvas; full volume. */
export function newMediaClip(asset: { id: string; kind: 'video' | 'image' | 'audio'; durationSec: number | null }, start: number, idFor: (prefix: string) => string): MediaClip {
  // A video or audio asset without a known duration (probe failed) gets the image default rather than a guess
  // that could run past its end; trimming can lengthen it once the duration is known.
  const length = asset.kind === 'image' || asset.durationSec == null || !(asset.durationSec > 0) ? IMAGE_DEFAULT_SEC : asset.durationSec;
  return {
    id: idFor('clip'),
    type: 'media',
    assetId: asset.id,
    start: Math.max(0, start),
    in: 0,
    out: length,
    speed: 1,
    volume: 1,
    fadeIn: 0,
    fadeOut: 0,
    transform: defaultTransform(),
    transitionIn: null,
    brand: null,
  };
}

/** Share of the canvas width a picture added to an overlay track takes (a picture-in-picture, not a second full frame). */
export const OVERLAY_WIDTH_SHARE = 1 / 3;

/**
 * Where a picture added to an overlay track lands: fitted whole (nothing cropped), a third of the canvas wide,
 * centred. `src` is its display size. A source so tall that a third of the width would overflow the canvas's
 * height is fitted inside the canvas instead.
 */
export function overlayTransform(src: { width: number; height: number }, canvas: { width: number; height: number }): Transform {
  const contain = Math.min(canvas.width / src.width, canvas.height / src.height);
  const scale = Math.min(1, (canvas.width * OVERLAY_WIDTH_SHARE) / (src.width * contain));
  return { ...defaultTransform('fit'), scale: clamp(scale, 0.05, 8) };
}

/** A text clip, centred, 3 s, in the default style (or the given one). */
export function newTextClip(text: string, start: number, idFor: (prefix: string) => string, style: TextStyle = defaultTextStyle): TextClip {
  return { id: idFor('text'), type: 'text', start: Math.max(0, start), duration: TEXT_DEFAULT_SEC, text, style, x: 0.5, y: 0.5, maxWidth: 0.9, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null };
}

// ── internal building blocks ────────────────────────────────────────────────

/** The latest `out` a media clip may have: its source's duration (unlimited for images). */
function maxOutOf(clip: MediaClip, info: SourceInfo): number | null {
  const facts = info(clip.assetId);
  if (!facts) return null;
  if (facts.kind === 'image' || facts.durationSec == null) return Number.POSITIVE_INFINITY;
  return facts.durationSec;
}

function isImage(clip: Clip, info: SourceInfo): boolean {
  return clip.type === 'media' && info(clip.assetId)?.kind === 'image';
}

/** Fades as whole frames, each at most the clip's length (overlapping fades multiply in the preview and export). */
function clampFades<C extends Clip>(c: C, fps: number): C {
  const len = clipFrames(c, fps);
  const fadeIn = clamp(toFrames(c.fadeIn, fps), 0, len) / fps;
  const fadeOut = clamp(toFrames(c.fadeOut, fps), 0, len) / fps;
  return fadeIn === c.fadeIn && fadeOut === c.fadeOut ? c : { ...c, fadeIn, fadeOut };
}

/**
 * Makes a clip last a whole number of frames and stay inside its source: `out` moves down by less than one
 * frame of source time (never past the source's end); a clip shorter than its minimum is lengthened by moving
 * `out`, or `in` when the source ends. All in play order: for a reversed clip read `in` for `out` and 0 for the end. Returns null when the source is too short to give even that.
 */
function normalizeClip(c: Clip, fps: number, info: SourceInfo, trackKind: TrackKind): Clip | null {
  if (c.type === 'text') {
    const frames = Math.max(minClipFrames(c, fps), toFrames(c.duration, fps));
    const duration = frames / fps;
    return clampFades(duration === c.duration ? c : { ...c, duration }, fps);
  }
  const maxOut = maxOutOf(c, info);
  if (maxOut === null) return null;
  const image = isImage(c, info);
  // Fitted in play order (clip-speed.ts playOrder): a reversed clip keeps its first frame (`out`), `in` gives way.
  const rev = Boolean(c.reversed) && !image;
  const m = rev ? playOrder(c) : c;
  const back = (x: MediaClip): MediaClip => (x === m ? c : rev ? playOrder(x) : x);
  const { lo, hi } = rev ? playLimits(c, maxOut) : { lo: 0, hi: maxOut };
  let inT = Math.max(lo, m.in);
  let out = Math.min(m.out, hi);
  if (image) {
    // An image's source range is only how long it is shown: keep it as 0..duration·speed.
    out -= inT;
    inT = 0;
  }
  const transitionIn = trackKind === 'main' ? c.transitionIn : null;
  let base: MediaClip = m;
  if (m.speedRamp) {
    // A ramp keeps its curve over the source: a clamp to the source cuts it, and `out` comes back to where the
    // last whole frame ends under the curve (rampSourceAt), so the length is whole frames without reshaping it.
    const cut = image ? (inT === m.in && out === m.out ? m : { ...m, in: inT, out }) : withRange(m, inT, out);
    const frames = Math.floor(clipDuration(cut) * fps + EPS);
    if (frames >= 1) {
      const end = inT + rampSourceAt(cut.speedRamp!, out - inT, frames / fps);
      // Within float noise of `out` is `out`: normalising twice must change nothing.
      const fitted = back(withRange(cut, inT, end > out - 1e-9 ? out : end));
      return clampFades(fitted.transitionIn === transitionIn ? fitted : { ...fitted, transitionIn }, fps);
    }
    // Less than a frame of source under the curve: its start speed as a constant gives it its one frame.
    base = { ...withoutRamp(m), speed: cut.speedRamp!.points[0]!.speed };
  }
  let frames = Math.floor(((out - inT) / base.speed) * fps + EPS);
  if (frames < 1) {
    frames = 1;
    const need = base.speed / fps;
    if (inT + need > hi + EPS) inT = Math.max(lo, hi - need);
    if (inT + need > hi + EPS) return null;
  }
  out = Math.min(inT + (frames * base.speed) / fps, hi);
  const same = base === m && inT === m.in && out === m.out && transitionIn === c.transitionIn;
  return clampFades(same ? c : back({ ...base, in: inT, out, transitionIn }), fps);
}

/**
 * A transition as whole frames between 0.1 s (the schema's floor) and half the shorter of the two clips it
 * joins (so a clip's incoming and outgoing transitions never overlap each other) and 3 s. Null if it cannot fit.
 */
function fitTransition(t: Transition, shorterFrames: number, fps: number): Transition | null {
  const lo = Math.ceil(0.1 * fps - EPS);
  const hi = Math.min(Math.floor(shorterFrames / 2), Math.floor(3 * fps + EPS));
  if (hi < lo) return null;
  const duration = clamp(toFrames(t.duration, fps), lo, hi) / fps;
  return duration === t.duration ? t : { kind: t.kind, duration };
}

/** Packs main-track clips from 0 in order, each overlapping the previous by its transition; the first has none. */
function packMain(clips: readonly Clip[], fps: number): Clip[] {
  let prevEnd = 0;
  let prevFrames = 0;
  return clips.map((c, i) => {
    const frames = clipFrames(c, fps);
    let transitionIn: Transition | null = null;
    if (c.type === 'media' && c.transitionIn && i > 0) transitionIn = fitTransition(c.transitionIn, Math.min(prevFrames, frames), fps);
    const startF = prevEnd - (transitionIn ? toFrames(transitionIn.duration, fps) : 0);
    prevEnd = startF + frames;
    prevFrames = frames;
    const start = startF / fps;
    if (c.type === 'text') return c.start === start ? c : { ...c, start };
    return c.start === start && c.transitionIn === transitionIn ? c : { ...c, start, transitionIn };
  });
}

function sortByStart(clips: readonly Clip[]): Clip[] {
  return [...clips].sort((a, b) => a.start - b.start);
}

/** Puts a track's clips back in order: packed on main, sorted by start elsewhere. */
function settle(track: Track, clips: readonly Clip[], fps: number): Track {
  return { ...track, clips: track.kind === 'main' ? packMain(clips, fps) : sortByStart(clips) };
}

function withTracks(draft: VideoDraft, changes: ReadonlyMap<number, Track>): VideoDraft {
  return { ...draft, tracks: draft.tracks.map((t, i) => changes.get(i) ?? t) };
}

function withTrack(draft: VideoDraft, index: number, track: Track): VideoDraft {
  return withTracks(draft, new Map([[index, track]]));
}

/**
 * The earliest start at or after `fromF` where `frames` fit between the clips (frames). Null if that is past
 * MAX_TIMELINE_SEC.
 */
function freeStartFrames(clips: readonly Clip[], fromF: number, frames: number, fps: number): number | null {
  const spans = clips.map((c) => [toFrames(c.start, fps), toFrames(c.start, fps) + clipFrames(c, fps)] as const).sort((a, b) => a[0] - b[0]);
  let s = Math.max(0, fromF);
  for (const [cs, ce] of spans) {
    if (ce <= s) continue;
    if (cs >= s + frames) break;
    s = ce;
  }
  return s + frames <= toFrames(MAX_TIMELINE_SEC, fps) ? s : null;
}

/** Neighbours of a clip on a non-main track, in frames: where the previous one ends and the next one starts. */
function neighbourLimits(track: Track, clip: Clip, fps: number): { prevEnd: number; nextStart: number } {
  const s = toFrames(clip.start, fps);
  let prevEnd = 0;
  let nextStart = Number.POSITIVE_INFINITY;
  for (const c of track.clips) {
    if (c.id === clip.id) continue;
    const cs = toFrames(c.start, fps);
    const ce = cs + clipFrames(c, fps);
    if (cs < s || (cs === s && ce <= s)) prevEnd = Math.max(prevEnd, ce);
    else nextStart = Math.min(nextStart, cs);
  }
  return { prevEnd, nextStart };
}

/** Index in the main track at whose boundary `at` is nearest: 0 = before the first clip, n = after the last. */
function nearestBoundary(clips: readonly Clip[], at: number): number {
  let best = 0;
  let bestDist = Number.POSITIVE_INFINITY;
  for (let i = 0; i <= clips.length; i++) {
    const pos = i < clips.length ? clips[i]!.start : clips.length === 0 ? 0 : clips[i - 1]!.start + clipDuration(clips[i - 1]!);
    const d = Math.abs(at - pos);
    if (d < bestDist) {
      best = i;
      bestDist = d;
    }
  }
  return best;
}

/** Places an already normalised clip on a track (which does not contain it): main inserts and packs, others find a free spot. */
function place(draft: VideoDraft, trackIndex: number, clip: Clip, at: number): EditResult {
  const fps = draft.canvas.fps;
  const track = draft.tracks[trackIndex]!;
  if (track.kind === 'main') {
    const index = nearestBoundary(track.clips, at);
    const clips = [...track.clips.slice(0, index), clip, ...track.clips.slice(index)];
    return done(withTrack(draft, trackIndex, settle(track, clips, fps)), clip.id);
  }
  const startF = freeStartFrames(track.clips, toFrames(Math.max(0, at), fps), clipFrames(clip, fps), fps);
  if (startF === null) {
    return refuse('track_busy', `There is no room for this clip on “${track.name}” within ${MAX_TIMELINE_SEC / 60} minutes. Make room or use another track.`);
  }
  const start = startF / fps;
  const placed = clip.start === start ? clip : { ...clip, start };
  return done(withTrack(draft, trackIndex, settle(track, [...track.clips, placed], fps)), clip.id);
}

function notFound(clipId: string): EditResult {
  return refuse('not_found', `Clip ${clipId} is not in this draft any more (it may have been deleted). Select a clip and try again.`);
}

function unknownAsset(): EditResult {
  return refuse('unknown_asset', 'This clip’s media is no longer in the library. Re-import it or remove the clip.');
}

/** An id not used by any clip of the draft, for edits that create clips when the caller gives no id source. */
function freshIdFor(draft: VideoDraft): (prefix: string) => string {
  const used = new Set(draft.tracks.flatMap((t) => t.clips.map((c) => c.id)));
  return (prefix) => {
    let n = used.size + 1;
    while (used.has(`${prefix}-${n}`)) n++;
    const id = `${prefix}-${n}`;
    used.add(id);
    return id;
  };
}

// ── edits ───────────────────────────────────────────────────────────────────

/**
 * Adds a clip to a track. Main: inserted at the clip boundary nearest to `at`, then packed. Other tracks: at `at`
 * (on the frame grid), or if that overlaps a clip, at the next free spot after it. The clip is fitted to whole
 * frames and to its source first.
 */
export function insertClip(draft: VideoDraft, trackId: string, clip: Clip, at: number, info: SourceInfo): EditResult {
  const trackIndex = draft.tracks.findIndex((t) => t.id === trackId);
  if (trackIndex < 0) return refuse('not_found', 'That track is not in this draft any more. Drop the clip on a visible track.');
  if (findClip(draft, clip.id)) return refuse('invalid_value', `A clip with id ${clip.id} is already in this draft; give the new clip its own id.`);
  const track = draft.tracks[trackIndex]!;
  const wrong = trackRefusal(track.kind, clip, info);
  if (wrong) return { ok: false, ...wrong };
  const fitted = normalizeClip(clip, draft.canvas.fps, info, track.kind);
  if (!fitted) return refuse('too_short', 'This media is shorter than one frame, so it cannot be placed.');
  return place(draft, trackIndex, fitted, at);
}

/**
 * Moves a clip to `start` on a track (the same or another one of a compatible kind), with insertClip's rules.
 * Leaving the main track closes its gap (it is magnetic); leaving another track leaves a gap. A clip that moves
 * off the main track loses its transition (transitions join main-track clips only).
 */
export function moveClip(draft: VideoDraft, clipId: string, toTrackId: string, start: number, info: SourceInfo): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const toIndex = draft.tracks.findIndex((t) => t.id === toTrackId);
  if (toIndex < 0) return refuse('not_found', 'That track is not in this draft any more. Drop the clip on a visible track.');
  const target = draft.tracks[toIndex]!;
  const wrong = trackRefusal(target.kind, found.clip, info);
  if (wrong) return { ok: false, ...wrong };
  const fps = draft.canvas.fps;
  const fitted = normalizeClip(found.clip, fps, info, target.kind);
  if (!fitted) return refuse('too_short', 'This media is shorter than one frame, so it cannot be placed.');
  const from = found.track;
  const without = withTrack(draft, found.trackIndex, settle(from, from.clips.filter((c) => c.id !== clipId), fps));
  return place(without, toIndex, fitted, start);
}

/**
 * Moves one edge of a clip to `time` (snapped to a frame). The start edge moves `in` with `start`, so the
 * picture stays where it is on the timeline; the end edge moves `out` (a reversed clip, which plays `out` down to
 * `in`, the other way round: every frame left shows what it showed). Clamped to the source, to a minimum
 * length, and on non-main tracks to the neighbouring clips; the main track packs after (a ripple trim).
 */
export function trimClip(draft: VideoDraft, clipId: string, edge: 'start' | 'end', time: number, info: SourceInfo): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const fps = draft.canvas.fps;
  const { track, trackIndex } = found;
  const clip = normalizeClip(found.clip, fps, info, track.kind);
  if (!clip) return unknownAsset();
  const isMain = track.kind === 'main';
  const s = toFrames(clip.start, fps);
  const e = s + clipFrames(clip, fps);
  const minF = minClipFrames(clip, fps);
  const { prevEnd, nextStart } = isMain ? { prevEnd: Number.NEGATIVE_INFINITY, nextStart: Number.POSITIVE_INFINITY } : neighbourLimits(track, clip, fps);
  const image = isImage(clip, info);
  // Before 0 is off the timeline, except for a main-track start edge: packing puts the clip back in place, so
  // a time before 0 there means "reveal that much more of the source" (the first clip can grow its head).
  const t = isMain && edge === 'start' ? toFrames(time, fps) : Math.max(0, toFrames(time, fps));
  let next: Clip;
  let shift = 0;

  // Media is trimmed in play order (clip-speed.ts playOrder): a reversed clip's start edge moves `out`, its end edge
  // `in`, and the source it may reveal runs to the asset's end before its start and down to 0 after its end.
  const m = clip.type === 'media' && !image ? playOrder(clip) : null;
  const src = m ? playLimits(m, maxOutOf(m, info) ?? Number.POSITIVE_INFINITY) : null;

  if (edge === 'start') {
    // On main, packing puts the clip back at its start, so only the source limits the edge, not 0 or neighbours.
    let lo = isMain ? e - toFrames(MAX_TIMELINE_SEC, fps) : Math.max(0, prevEnd);
    // A ramped clip reveals more source at its first point's speed (the curve holds beyond its ends).
    if (m && src) lo = Math.max(lo, s - Math.floor(((m.in - src.lo) * fps) / (m.speedRamp?.points[0]!.speed ?? m.speed) + EPS));
    const hi = e - minF;
    const ns = lo > hi ? s : clamp(t, lo, hi);
    if (ns === s) return done(draft, clipId);
    shift = (ns - s) / fps;
    if (clip.type === 'text') next = { ...clip, start: ns / fps, duration: (e - ns) / fps };
    else if (!m || !src) next = { ...withoutRamp(clip), start: Math.max(0, ns) / fps, in: 0, out: ((e - ns) * clip.speed) / fps };
    else {
      const from = { ...m, start: Math.max(0, ns) / fps };
      const inT = Math.max(src.lo, m.speedRamp ? sourceAtExtended(m, (ns - s) / fps) : m.in + ((ns - s) * m.speed) / fps);
      next = playOrder(m.speedRamp ? withRange(from, inT, m.out) : { ...from, in: inT });
    }
  } else {
    let hi = isMain ? Number.POSITIVE_INFINITY : nextStart;
    if (m && src) {
      const last = m.speedRamp?.points[m.speedRamp.points.length - 1]!.speed;
      hi = Math.min(hi, last === undefined ? s + Math.floor(((src.hi - m.in) * fps) / m.speed + EPS) : s + Math.floor((clipDuration(m) + (src.hi - m.out) / last) * fps + EPS));
    }
    hi = Math.min(hi, toFrames(MAX_TIMELINE_SEC, fps));
    const lo = s + minF;
    const ne = lo > hi ? e : clamp(t, lo, hi);
    if (ne === e) return done(draft, clipId);
    if (clip.type === 'text') next = { ...clip, duration: (ne - s) / fps };
    else {
      const p = m ?? clip;
      const hiOut = src?.hi ?? Number.POSITIVE_INFINITY;
      const out = Math.min(p.speedRamp ? sourceAtExtended(p, (ne - s) / fps) : p.in + ((ne - s) * p.speed) / fps, hiOut);
      const cut = p.speedRamp ? withRange(p, p.in, out) : { ...p, out };
      next = m ? playOrder(cut) : cut;
    }
  }
  // Revealing more source holds the curve's end speed, which takes a point; a curve that cannot take it would have
  // to change shape (and the frames that stay with it), so the trim is refused instead.
  if (next.type === 'media' && next.speedRamp && next.speedRamp.points.length > RAMP_POINTS_STORED_MAX) {
    return refuse('ramp_full', 'This clip’s speed curve has too many points to show more of the clip. Remove a point from its curve (Speed), then trim again.');
  }
  // Keys keep their frames on the timeline: a start trim re-times them, and keys the trim cut off go.
  next = clampFades(cropKeyframes(next, shift, clipFrames(next, fps) / fps), fps);
  const clips = track.clips.map((c) => (c.id === clipId ? next : c));
  return done(withTrack(draft, trackIndex, settle(track, clips, fps)), clipId);
}

/**
 * Cuts a clip in two at `at` (snapped to a frame). The source point follows speed. The first part keeps the
 * fade-in and the transition in, the second keeps the fade-out. Refused when either part would be shorter than
 * a clip may be (one frame; 0.1 s for text). `idFor` names the second part (default: an unused `clip-N`).
 */
export function splitClip(draft: VideoDraft, clipId: string, at: number, idFor?: (prefix: string) => string): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const fps = draft.canvas.fps;
  const { track, trackIndex, clip, clipIndex } = found;
  const s = toFrames(clip.start, fps);
  const e = s + clipFrames(clip, fps);
  const a = toFrames(at, fps);
  const minF = minClipFrames(clip, fps);
  if (a - s < minF || e - a < minF) {
    return refuse('near_edge', 'Move the playhead further inside the clip to split it: both parts need at least one frame.');
  }
  const id = (idFor ?? freshIdFor(draft))(clip.type === 'text' ? 'text' : 'clip');
  let first: Clip;
  let second: Clip;
  if (clip.type === 'text') {
    first = { ...clip, duration: (a - s) / fps, fadeOut: 0 };
    second = { ...clip, id, start: a / fps, duration: (e - a) / fps, fadeIn: 0 };
  } else {
    // A ramp splits into two: each half keeps its own stretch of the curve, so both play exactly as before. A reversed
    // clip plays out..in (model/reverse.ts): it is cut in play order (playOrder), so its first part is the later source.
    const off = sourceOffsetAt(clip, (a - s) / fps);
    const play = playOrder(clip);
    first = { ...playOrder(withRange(play, play.in, play.in + off)), fadeOut: 0 };
    second = { ...playOrder(withRange(play, play.in + off, play.out)), id, start: a / fps, fadeIn: 0, transitionIn: null };
  }
  // Each part keeps the keys of its own time (the second re-timed from its start), so nothing moves on the cut.
  first = cropKeyframes(first, 0, (a - s) / fps);
  second = cropKeyframes(second, (a - s) / fps, (e - a) / fps);
  const clips = [...track.clips.slice(0, clipIndex), clampFades(first, fps), clampFades(second, fps), ...track.clips.slice(clipIndex + 1)];
  return done(withTrack(draft, trackIndex, settle(track, clips, fps)), id);
}

/**
 * Removes clips. The main track always closes up. With `ripple`, other tracks that lost a clip close the time
 * it took: later clips on that track move left by the deleted clips' lengths (other tracks stay put).
 */
export function deleteClips(draft: VideoDraft, ids: Iterable<string>, opts: { ripple: boolean } = { ripple: false }): EditResult {
  const gone = new Set(ids);
  const fps = draft.canvas.fps;
  const changes = new Map<number, Track>();
  draft.tracks.forEach((track, i) => {
    const removed = track.clips.filter((c) => gone.has(c.id));
    if (removed.length === 0) return;
    let kept = track.clips.filter((c) => !gone.has(c.id));
    if (opts.ripple && track.kind !== 'main') {
      const spans = removed.map((c) => [toFrames(c.start, fps), toFrames(c.start, fps) + clipFrames(c, fps)] as const);
      kept = kept.map((c) => {
        const cs = toFrames(c.start, fps);
        // Clips on a track never overlap, so each deleted span lies wholly before or after a kept clip.
        const shift = spans.reduce((sum, [ds, de]) => (de <= cs ? sum + (de - ds) : sum), 0);
        return shift === 0 ? c : { ...c, start: (cs - shift) / fps };
      });
    }
    changes.set(i, settle(track, kept, fps));
  });
  if (changes.size === 0) return refuse('not_found', 'None of the selected clips is in this draft any more. Select a clip and try again.');
  return done(withTracks(draft, changes), null);
}

/** A copy of a clip right after it: on main inserted after it (without a transition into the copy), elsewhere at the next free spot from its end. */
export function duplicateClip(draft: VideoDraft, clipId: string, idFor: (prefix: string) => string): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const fps = draft.canvas.fps;
  const { track, trackIndex, clip, clipIndex } = found;
  const id = idFor(clip.type === 'text' ? 'text' : 'clip');
  if (findClip(draft, id)) return refuse('invalid_value', `A clip with id ${id} is already in this draft; give the copy its own id.`);
  if (track.kind === 'main') {
    const copy: Clip = clip.type === 'media' ? { ...clip, id, transitionIn: null } : { ...clip, id };
    const clips = [...track.clips.slice(0, clipIndex + 1), copy, ...track.clips.slice(clipIndex + 1)];
    return done(withTrack(draft, trackIndex, settle(track, clips, fps)), id);
  }
  const end = (toFrames(clip.start, fps) + clipFrames(clip, fps)) / fps;
  return place(draft, trackIndex, { ...clip, id }, end);
}

/**
 * Playback speed, clamped to SPEED_MIN..SPEED_MAX, keeping the source range (so the clip gets shorter or
 * longer; `out` may move down by less than a frame of source time so the length is whole frames). The clip
 * keeps at least one frame (a reversed clip: `in` moves up, in play order); on non-main tracks it slows down only until it meets the next clip (the speed is
 * then rounded up to 0.01). The main track packs after. With `info`, the length is rounded UP where the source has
 * that much more (and the next clip leaves room): rounding down lost up to a frame of source at every change, and a
 * speed slider sends many (a new user's drag to 2.35× and back left 5.1 of a 6 s clip); now only a clip that already
 * ends at its source's end can lose less than a frame, and a later change takes it back.
 */
export function setSpeed(draft: VideoDraft, clipId: string, speed: number, info?: SourceInfo): EditResult {
  return setSpeedFrom(draft, clipId, speed, null, info);
}

/** setSpeed, with the keys moved from how `before` (default: the clip as found) played its source. */
function setSpeedFrom(draft: VideoDraft, clipId: string, speed: number, before: MediaClip | null, info?: SourceInfo): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const { track, trackIndex, clip } = found;
  if (clip.type !== 'media') return refuse('invalid_value', 'Text has no speed. Change its length by trimming it.');
  if (!Number.isFinite(speed)) return refuse('invalid_value', 'Enter a speed between 0.25× and 4×.');
  const fps = draft.canvas.fps;
  const range = clip.out - clip.in;
  // In play order: a reversed clip keeps its first frame (`out`) and gives way at `in`.
  const m = playOrder(clip);
  const maxOut = info ? maxOutOf(m, info) : null;
  const limit = maxOut === null ? null : playLimits(m, maxOut).hi;
  // Back from a curve (setSpeedRamp(…, null)): source seconds per frame of the curve, on average. Its fit to whole
  // frames moved `out` by less than that: up where the source had more, else down (within that of the source's end).
  const curveFrame = before?.speedRamp ? range / Math.max(1, clipFrames(before, fps)) : null;
  const toEnd = curveFrame !== null && limit !== null && m.in + range + curveFrame > limit + EPS ? limit - m.in : null;
  let s = clamp(speed, SPEED_MIN, SPEED_MAX);
  s = Math.min(s, (toEnd ?? range) * fps); // at least one frame long
  const nextStart = track.kind === 'main' ? Number.POSITIVE_INFINITY : neighbourLimits(track, clip, fps).nextStart;
  if (track.kind !== 'main') {
    const room = nextStart - toFrames(clip.start, fps);
    if (Number.isFinite(room)) s = Math.max(s, Math.ceil((range * fps * 100) / room - EPS) / 100);
    s = Math.min(s, SPEED_MAX);
  }
  if (s < SPEED_MIN) s = SPEED_MIN;
  let frames = Math.max(1, Math.floor((range / s) * fps + EPS));
  let hi = m.out;
  let roundedUp = false;
  if (limit !== null) {
    const up = Math.ceil((range / s) * fps - EPS);
    const fits = (f: number) => toFrames(clip.start, fps) + f <= nextStart;
    if (toEnd !== null) {
      // The curve ended within one of its frames of the source's end (its fit may have rounded down): all the
      // source has, in whole frames, so Constant gives back what the curve could not keep.
      const all = Math.floor((toEnd / s) * fps + EPS);
      if (all >= frames && fits(all)) {
        frames = all;
        hi = limit;
        roundedUp = true;
      }
    } else if (curveFrame !== null && (frames * s) / fps > range - curveFrame + EPS) {
      // The whole frames below the curve's range are the range it was fitted from (its fit rounded that up by less
      // than one of its frames): back to it, so Curve → Constant gives back the length the clip had, not a frame more.
    } else if (up > frames && m.in + (up * s) / fps <= limit + EPS && fits(up)) {
      frames = up;
      hi = Math.min(limit, m.in + (up * s) / fps);
      roundedUp = true;
    }
  }
  // Rounding the speed up to 0.01 can leave less than one frame: then the range sets the speed exactly.
  if (!roundedUp && (frames * s) / fps > range + EPS) s = (range * fps) / frames;
  const out = Math.min(m.in + (frames * s) / fps, hi);
  if (s === clip.speed && out === m.out && !clip.speedRamp && !before) return done(draft, clipId);
  // A constant speed replaces a ramp; keys stay on the source frames they were on.
  const fresh = playOrder({ ...withoutRamp(m), speed: s, out });
  const next = clampFades(retimeKeyframes(before ?? clip, fresh, fps, clipFrames(fresh, fps) / fps), fps);
  const clips = track.clips.map((c) => (c.id === clipId ? next : c));
  return done(withTrack(draft, trackIndex, settle(track, clips, fps)), clipId);
}

/**
 * Plays a clip along a speed ramp (null: back to its constant speed), keeping its source range: `out` moves by less
 * than a frame so the length is whole frames, up where the source has it, else down; the curve's points are kept as
 * given. Refused for text and photos (nothing moves to ramp) and on a non-main track when the slower clip would run
 * into the next one.
 */
export function setSpeedRamp(draft: VideoDraft, clipId: string, ramp: SpeedRamp | null, info: SourceInfo): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const { track, trackIndex, clip } = found;
  if (clip.type !== 'media') return refuse('invalid_value', 'Text has no speed. Change its length by trimming it.');
  // Back to the constant speed, rounded up where the source has the frames (setSpeed): the curve's fit may have
  // left the range up to a frame short, and Constant gives it back.
  if (ramp === null) return clip.speedRamp ? setSpeedFrom({ ...draft, tracks: draft.tracks.map((t, i) => (i === trackIndex ? { ...t, clips: t.clips.map((c) => (c.id === clipId ? withoutRamp(clip) : c)) } : t)) }, clipId, clip.speed, clip, info) : done(draft, clipId);
  if (isImage(clip, info)) return refuse('invalid_value', 'A photo has no motion to speed up or slow down. Change its length by trimming it.');
  const parsed = SpeedRamp.safeParse(ramp);
  if (!parsed.success) return refuse('invalid_value', `That curve cannot be used: ${parsed.error.issues[0]!.message}.`);
  const fps = draft.canvas.fps;
  const span = clip.out - clip.in;
  const curved: MediaClip = { ...clip, speedRamp: parsed.data };
  const exact = clipDuration(curved) * fps;
  let frames = Math.floor(exact + EPS);
  if (frames < 1) return refuse('too_short', 'This clip is too short for a curve. Lengthen it first.');
  const nextStart = track.kind === 'main' ? Number.POSITIVE_INFINITY : neighbourLimits(track, clip, fps).nextStart;
  if (toFrames(clip.start, fps) + frames > nextStart) {
    return refuse('track_busy', 'With this curve the clip would run into the next clip on its track. Move that clip later or pick a faster curve.');
  }
  // The curve is stored as the creator chose it (a preset stays that preset): the span is scaled in proportion,
  // which keeps every point's `at` and makes the length whole frames, since a ramp's length is linear in its span.
  // (Cutting the span with rampOver instead would re-space the points by up to a frame, #20 in the i14 walk.)
  // The length is rounded UP where the source has that much more (and the next clip leaves room), as setSpeed does:
  // rounding down cut up to a frame of source from the end at every curve applied (an 8 s clip given Hero played
  // 0–7.97 s), so a clip that played its whole range keeps playing it. Only a clip within a frame of its source's
  // end still rounds down, by less than a frame, and Constant gives that back (setSpeedRamp(…, null)).
  const m = playOrder(curved);
  const maxOut = maxOutOf(m, info);
  const up = Math.ceil(exact - EPS);
  let hi = m.out;
  if (maxOut !== null && up > frames && toFrames(clip.start, fps) + up <= nextStart) {
    const limit = playLimits(m, maxOut).hi;
    const reach = m.in + span * (up / fps / rampedDuration(span, parsed.data));
    if (reach <= limit + 1e-9) {
      frames = up;
      hi = limit;
    }
  }
  const fitted = span * (frames / fps / rampedDuration(span, parsed.data));
  const fresh = playOrder({ ...m, out: Math.min(m.in + fitted, hi) });
  const next = clampFades(retimeKeyframes(clip, fresh, fps, clipFrames(fresh, fps) / fps), fps);
  const clips = track.clips.map((c) => (c.id === clipId ? next : c));
  return done(withTrack(draft, trackIndex, settle(track, clips, fps)), clipId);
}

/**
 * Puts back a clip as it played its curve before it was switched to Constant (model/speed-mode.ts): `curved`'s
 * source range, curve, speed and keys exactly, at the clip's current start and with its current transition (main
 * track). Refused, like setSpeedRamp, on a non-main track when it would run into the next clip.
 */
export function restoreCurvedClip(draft: VideoDraft, clipId: string, curved: MediaClip): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const { track, trackIndex, clip } = found;
  if (clip.type !== 'media' || clip.assetId !== curved.assetId || !curved.speedRamp) return refuse('invalid_value', 'That curve belongs to another clip. Pick a preset instead.');
  const fps = draft.canvas.fps;
  const next: MediaClip = { ...curved, id: clipId, start: clip.start, transitionIn: clip.transitionIn };
  if (track.kind !== 'main' && toFrames(clip.start, fps) + clipFrames(next, fps) > neighbourLimits(track, clip, fps).nextStart) {
    return refuse('track_busy', 'With this curve the clip would run into the next clip on its track. Move that clip later or pick a faster curve.');
  }
  const clips = track.clips.map((c) => (c.id === clipId ? next : c));
  return done(withTrack(draft, trackIndex, settle(track, clips, fps)), clipId);
}

/**
 * The transition from the previous main-track clip into this one, or none (null). Its duration is snapped to
 * frames and clamped to at most half of the shorter of the two clips (and 0.1..3 s).
 */
export function setTransition(draft: VideoDraft, clipId: string, transition: { kind: TransitionKind; duration: number } | null): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const { track, trackIndex, clip, clipIndex } = found;
  if (track.kind !== 'main' || clip.type !== 'media') return refuse('not_main', 'Transitions join clips on the main track. Move the clip to the main track first.');
  const fps = draft.canvas.fps;
  let next: Transition | null = null;
  if (transition) {
    if (clipIndex === 0) return refuse('first_clip', 'The first clip has nothing before it to transition from. Add the transition to a later clip.');
    const kind = Transition.shape.kind.safeParse(transition.kind);
    if (!kind.success || !Number.isFinite(transition.duration)) return refuse('invalid_value', 'Choose one of the listed transitions and a duration in seconds.');
    const prev = track.clips[clipIndex - 1]!;
    next = fitTransition({ kind: kind.data, duration: transition.duration }, Math.min(clipFrames(prev, fps), clipFrames(clip, fps)), fps);
    if (!next) return refuse('too_short', 'Both clips must be at least 0.2 s long for a transition. Lengthen them first.');
  }
  if (next === null && clip.transitionIn === null) return done(draft, clipId);
  const clips = track.clips.map((c) => (c.id === clipId ? { ...clip, transitionIn: next } : c));
  return done(withTrack(draft, trackIndex, settle(track, clips, fps)), clipId);
}

/** Inspector fields. Media: volume, transform; text: text, style, position, wrap width; both: fades. */
export type ClipPatch = {
  volume?: number;
  fadeIn?: number;
  fadeOut?: number;
  transform?: Partial<Omit<Transform, 'crop'>> & { crop?: Partial<Crop> };
  text?: string;
  style?: Partial<TextStyle>;
  /** The kit role the style came from (a kit text style), or null (a built-in preset, hand styling). */
  styleRole?: TextRole | null;
  x?: number;
  y?: number;
  maxWidth?: number;
  /** Text: degrees clockwise (media turn with `transform.rotation`). */
  rotation?: number;
};

const MEDIA_ONLY = ['volume', 'transform'] as const;
const TEXT_ONLY = ['text', 'style', 'styleRole', 'x', 'y', 'maxWidth', 'rotation'] as const;

/**
 * Applies inspector changes. Numbers are clamped to their ranges (fades also to the clip's length, in whole
 * frames; crop so that at least a tenth of the source stays); anything else the schema refuses is refused
 * with the schema's reason.
 */
export function updateClip(draft: VideoDraft, clipId: string, patch: ClipPatch): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return notFound(clipId);
  const { track, trackIndex, clip } = found;
  const fps = draft.canvas.fps;
  const misplaced = (clip.type === 'text' ? MEDIA_ONLY : TEXT_ONLY).find((k) => patch[k] !== undefined);
  if (misplaced) return refuse('invalid_value', `“${misplaced}” does not apply to ${clip.type === 'text' ? 'text' : 'media'} clips.`);

  const len = clipFrames(clip, fps);
  const fade = (v: number | undefined, old: number) => (v === undefined ? old : clamp(toFrames(v, fps), 0, len) / fps);
  let next: Clip;
  if (clip.type === 'media') {
    const t = patch.transform;
    let transform = clip.transform;
    if (t) {
      const crop = { ...clip.transform.crop, ...Object.fromEntries(Object.entries(t.crop ?? {}).map(([k, v]) => [k, clamp(v, 0, 0.9)])) };
      // Keep at least 10 % of the source on each axis: the side being changed gives way.
      const fit = (a: 'left' | 'top', b: 'right' | 'bottom') => {
        const over = crop[a] + crop[b] - 0.9;
        if (over <= 0) return;
        if (t.crop?.[b] !== undefined) crop[b] = Math.max(0, crop[b] - over);
        else crop[a] = Math.max(0, crop[a] - over);
      };
      fit('left', 'right');
      fit('top', 'bottom');
      transform = {
        ...clip.transform,
        ...t,
        x: t.x === undefined ? clip.transform.x : clamp(t.x, -1, 2),
        y: t.y === undefined ? clip.transform.y : clamp(t.y, -1, 2),
        scale: t.scale === undefined ? clip.transform.scale : clamp(t.scale, 0.05, 8),
        opacity: t.opacity === undefined ? clip.transform.opacity : clamp(t.opacity, 0, 1),
        rotation: t.rotation === undefined ? clip.transform.rotation : clamp(t.rotation, ROTATION_MIN, ROTATION_MAX),
        crop,
      };
    }
    next = {
      ...clip,
      volume: patch.volume === undefined ? clip.volume : clamp(patch.volume, 0, 2),
      fadeIn: fade(patch.fadeIn, clip.fadeIn),
      fadeOut: fade(patch.fadeOut, clip.fadeOut),
      transform,
    };
    const parsed = MediaClip.safeParse(next);
    if (!parsed.success) return refuse('invalid_value', `That value cannot be used: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}.`);
  } else {
    const style = patch.style
      ? {
          ...clip.style,
          ...patch.style,
          size: patch.style.size === undefined ? clip.style.size : clamp(patch.style.size, 8, 400),
        }
      : clip.style;
    next = {
      ...clip,
      text: patch.text ?? clip.text,
      style,
      styleRole: patch.styleRole === undefined ? clip.styleRole : patch.styleRole,
      x: patch.x === undefined ? clip.x : clamp(patch.x, -1, 2),
      y: patch.y === undefined ? clip.y : clamp(patch.y, -1, 2),
      maxWidth: patch.maxWidth === undefined ? clip.maxWidth : clamp(patch.maxWidth, 0.1, 1),
      rotation: patch.rotation === undefined ? clip.rotation : clamp(patch.rotation, ROTATION_MIN, ROTATION_MAX),
      fadeIn: fade(patch.fadeIn, clip.fadeIn),
      fadeOut: fade(patch.fadeOut, clip.fadeOut),
    };
    if (next.text.trim() === '') return refuse('invalid_value', 'Type some text, or delete the text clip.');
    const parsed = TextClip.safeParse(next);
    if (!parsed.success) return refuse('invalid_value', `That value cannot be used: ${parsed.error.issues[0]!.path.join('.')}: ${parsed.error.issues[0]!.message}.`);
  }
  const clips = track.clips.map((c) => (c.id === clipId ? next : c));
  return done(withTrack(draft, trackIndex, { ...track, clips }), clipId);
}

/**
 * Brings a whole draft onto its frame grid and under the timeline rules: clips fitted to whole frames and to
 * their sources, the main track packed, other tracks sorted with any overlap pushed later. For drafts written
 * by other tools (docs/draft-format.md) and after a change of frame rate. Clips whose asset `info` does not
 * know keep their source range (there is nothing to check it against) but still land on the grid.
 */
export function normalizeDraft(draft: VideoDraft, info: SourceInfo): VideoDraft {
  const fps = draft.canvas.fps;
  const tracks = draft.tracks.map((track) => {
    const fitted = track.clips.map((c) => normalizeClip(c, fps, info, track.kind) ?? clampFades({ ...c, start: Math.max(0, c.start) }, fps));
    if (track.kind === 'main') return { ...track, clips: packMain(fitted, fps) };
    let end = 0;
    const clips = sortByStart(fitted).map((c) => {
      const startF = Math.max(end, toFrames(c.start, fps));
      end = startF + clipFrames(c, fps);
      const start = startF / fps;
      return c.start === start ? c : { ...c, start };
    });
    return { ...track, clips };
  });
  return { ...draft, tracks };
}

/** Changes the canvas frame rate and moves every time onto the new grid (see normalizeDraft). */
export function setCanvasFps(draft: VideoDraft, fps: VideoDraft['canvas']['fps'], info: SourceInfo): EditResult {
  if (fps === draft.canvas.fps) return done(draft, null);
  return done(normalizeDraft({ ...draft, canvas: { ...draft.canvas, fps } }, info), null);
}

// ── what is on screen ───────────────────────────────────────────────────────

export type LayerTransition = {
  kind: TransitionKind;
  /** 0 at the start of the transition, towards 1 at its end. */
  progress: number;
  /** `from`: the outgoing clip (drawn first); `to`: the incoming one. */
  role: 'from' | 'to';
};

export type ActiveLayer = {
  trackId: string;
  trackKind: TrackKind;
  clip: Clip;
  /** Time in the source to show (media), null for text. */
  sourceTime: number | null;
  /** Fade-in × fade-out at this time (0..1). Does not include `transform.opacity` or transitions. */
  opacityFactor: number;
  /** Set while a main-track transition runs; both its clips carry it. */
  transition: LayerTransition | null;
  /** The timeline time the layer is drawn at (keyframes are evaluated there: model/keyframes.ts clipStateAt). */
  time?: number;
};

/** Fade-in × fade-out of a clip at timeline time `t`. */
export function fadeFactor(c: Clip, t: number): number {
  const into = t - c.start;
  const left = c.start + clipDuration(c) - t;
  let f = 1;
  if (c.fadeIn > 0 && into < c.fadeIn) f *= into / c.fadeIn;
  if (c.fadeOut > 0 && left < c.fadeOut) f *= left / c.fadeOut;
  return clamp(f, 0, 1);
}

/** Source time of a media clip at timeline time `t`: in + (t − start) · speed (or along its ramp), held inside in..out. */
export function sourceTimeAt(c: MediaClip, t: number): number {
  if (c.speedRamp) return c.in + sourceOffsetAt(c, t - c.start);
  return clamp(c.in + (t - c.start) * c.speed, c.in, c.out);
}

/**
 * The clips to draw at timeline time `t`, bottom to top (track order, then clip order), for the preview. Hidden
 * tracks are skipped; audio tracks only with `includeAudio`. A clip is active on [start, end).
 */
export function activeLayersAt(draft: VideoDraft, t: number, opts: { includeAudio?: boolean } = {}): ActiveLayer[] {
  const layers: ActiveLayer[] = [];
  const tol = EDGE_TOLERANCE_SEC;
  for (const track of draft.tracks) {
    if (track.hidden || (track.kind === 'audio' && !opts.includeAudio)) continue;
    track.clips.forEach((c, i) => {
      const end = c.start + clipDuration(c);
      if (t < c.start - tol || t >= end - tol) return;
      let transition: LayerTransition | null = null;
      if (track.kind === 'main') {
        const next = track.clips[i + 1];
        if (c.type === 'media' && c.transitionIn && i > 0 && t < c.start + c.transitionIn.duration - tol) {
          transition = { kind: c.transitionIn.kind, progress: clamp((t - c.start) / c.transitionIn.duration, 0, 1), role: 'to' };
        } else if (next?.type === 'media' && next.transitionIn && t >= next.start - tol) {
          transition = { kind: next.transitionIn.kind, progress: clamp((t - next.start) / next.transitionIn.duration, 0, 1), role: 'from' };
        }
      }
      layers.push({
        trackId: track.id,
        trackKind: track.kind,
        clip: c,
        sourceTime: c.type === 'media' ? sourceTimeAt(c, t) : null,
        opacityFactor: fadeFactor(c, t),
        transition,
        time: t,
      });
    });
  }
  return layers;
}
