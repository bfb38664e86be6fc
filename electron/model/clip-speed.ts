import type { MediaClip } from './draft';
import { rampedDuration } from './speed-ramp';
import { rampOver, rampSourceAt, rampSpeedAtTime, rampTimeAt } from './speed-ramp-time';

/**
 * A media clip's timeline ↔ source time, whether it plays at one speed or along a ramp (docs/speed-ramps.md).
 * Offsets: `t` seconds from the clip's `start` on the timeline, source seconds from its `in`.
 */

/** Source seconds after `in` shown `t` timeline seconds after the clip's start (held inside the clip). */
export function sourceOffsetAt(c: MediaClip, t: number): number {
  const span = c.out - c.in;
  if (c.speedRamp) return rampSourceAt(c.speedRamp, span, t);
  return Math.min(Math.max(t * c.speed, 0), span);
}

/** Timeline seconds after the clip's start at which source offset `s` (seconds after `in`) plays. */
export function timelineOffsetOf(c: MediaClip, s: number): number {
  if (c.speedRamp) return rampTimeAt(c.speedRamp, c.out - c.in, s);
  return s / c.speed;
}

/** Speed (source seconds per timeline second) at `t` timeline seconds after the clip's start. */
export function speedAt(c: MediaClip, t: number): number {
  return c.speedRamp ? rampSpeedAtTime(c.speedRamp, c.out - c.in, t) : c.speed;
}

/**
 * The absolute source time `t` timeline seconds after the clip's start, for any `t`: before the start and past
 * the end the clip's end speeds hold (what a trim that reveals more source plays at).
 */
export function sourceAtExtended(c: MediaClip, t: number): number {
  if (!c.speedRamp) return c.in + t * c.speed;
  const pts = c.speedRamp.points;
  if (t <= 0) return c.in + t * pts[0]!.speed;
  const dur = rampedDuration(c.out - c.in, c.speedRamp);
  if (t >= dur) return c.out + (t - dur) * pts[pts.length - 1]!.speed;
  return c.in + rampSourceAt(c.speedRamp, c.out - c.in, t);
}

/** The clip over a new source range, its ramp (if any) cut or extended so the curve over the source is kept. */
export function withRange(c: MediaClip, inT: number, out: number): MediaClip {
  if (inT === c.in && out === c.out) return c;
  return c.speedRamp ? { ...c, in: inT, out, speedRamp: rampOver(c.speedRamp, c.in, c.out, inT, out) } : { ...c, in: inT, out };
}

/**
 * A clip in the order it PLAYS. A reversed clip plays `out` down to `in` (model/reverse.ts); mirrored (`in' = −out`,
 * `out' = −in`) it runs forwards, its ramp's points (already in play order) line up with it, and an edit written for
 * forwards clips (trim, split, a new speed) works on it unchanged. Its own inverse: call it again to map back. The
 * source limits mirror too: 0..D becomes −D..0. (`0 - x`, not `-x`: no −0 in a saved draft.)
 */
export function playOrder(c: MediaClip): MediaClip {
  return c.reversed ? { ...c, in: 0 - c.out, out: 0 - c.in } : c;
}

/** The source limits of `playOrder(c)`: `0..durationSec` forwards, `−durationSec..0` reversed. */
export function playLimits(c: MediaClip, durationSec: number): { lo: number; hi: number } {
  return c.reversed ? { lo: 0 - durationSec, hi: 0 } : { lo: 0, hi: durationSec };
}

/** The clip without a ramp (its constant `speed` plays again). */
export function withoutRamp(c: MediaClip): MediaClip {
  if (!c.speedRamp) return c;
  const { speedRamp: _gone, ...rest } = c;
  return rest;
}
