import type { MediaClip } from './draft';
import { playOrder, sourceOffsetAt, timelineOffsetOf } from './clip-speed';
import { cropTrack } from './keyframe-crop';
import type { Keyframe, Point } from './keyframe-track';
import { toFrames } from './timeline-snap';

/**
 * Keys follow the picture when a clip's speed changes (a constant speed or a curve). A key is attached to the source
 * frame it was on, as in a pro editor: its clip time goes through the old speed to a source time and back through
 * the new speed to a clip time, so a Ken Burns that ended on the last frame still ends there after a slow-down.
 * Times land on the frame grid (as every edit's do); keys a speed-up puts on one frame become one (the later: the
 * value the picture shows from that frame on), so a track never has more keys than before. Keys that end up past the
 * clip's end are cut as a trim cuts them (keyframe-crop.ts). Pure.
 */

type AnyTrack = Keyframe<number | Point>[];

/** Clip-local time in `after` that shows the source frame clip-local `t` showed in `before` (both in play order). */
function mapTime(before: MediaClip, after: MediaClip, t: number): number {
  const src = before.in + sourceOffsetAt(before, t);
  return timelineOffsetOf(after, src - after.in);
}

/** One track re-timed from `before` to `after` (play order), on frames, cut to `length` seconds. */
function retimeTrack(track: AnyTrack, before: MediaClip, after: MediaClip, fps: number, length: number): AnyTrack {
  const out: AnyTrack = [];
  for (const k of track) {
    const t = Math.max(0, toFrames(mapTime(before, after, k.t), fps)) / fps;
    // Speed is never 0, so the mapping keeps the order; equal frames only come from rounding.
    if (out.length > 0 && out[out.length - 1]!.t === t) out[out.length - 1] = { ...k, t };
    else out.push({ ...k, t });
  }
  return cropTrack(out, 0, length);
}

/**
 * `after` (the clip with its new speed or curve, of `length` timeline seconds) with `before`'s keys moved to the
 * source frames they were on. A clip without keys, or whose timing did not change, comes back as it is.
 */
export function retimeKeyframes(before: MediaClip, after: MediaClip, fps: number, length: number): MediaClip {
  if (!before.keyframes) return after;
  if (before.speed === after.speed && before.speedRamp === after.speedRamp && before.in === after.in && before.out === after.out) return after;
  const b = playOrder(before);
  const a = playOrder(after);
  const entries = Object.entries(before.keyframes) as [string, AnyTrack][];
  return { ...after, keyframes: Object.fromEntries(entries.map(([p, tr]) => [p, retimeTrack(tr, b, a, fps, length)])) };
}
