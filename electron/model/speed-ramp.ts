import { z } from 'zod';
import { SPEED_MAX, SPEED_MIN } from './draft-parts';

/**
 * A media clip's speed ramp (docs/draft-format.md "Speed ramps"): the speed as a curve over the clip's source
 * range instead of one number. `points[k].at` is a fraction of the source span `in..out` (0 = `in`, 1 = `out`);
 * between two points the speed changes linearly with source time. When a clip has a ramp its constant `speed` is
 * not used. This file is the schema and the one definition of how long a ramped clip lasts on the timeline.
 */

/** Points a person may give a curve in the editor. */
export const RAMP_POINTS_MAX = 12;
/**
 * Points a saved curve may have: a trim that reveals more source holds the end speed beyond the old end, which
 * takes one more point at each end (speed-ramp-time.ts rampOver), so a full curve can still be trimmed out.
 */
export const RAMP_POINTS_STORED_MAX = RAMP_POINTS_MAX + 2;

const rampSpeed = z
  .number()
  .finite()
  .min(SPEED_MIN, `A ramp's speed is between ${SPEED_MIN}× and ${SPEED_MAX}×`)
  .max(SPEED_MAX, `A ramp's speed is between ${SPEED_MIN}× and ${SPEED_MAX}×`);

export const SpeedRampPoint = z.object({
  at: z.number().finite().min(0).max(1),
  speed: rampSpeed,
});
export type SpeedRampPoint = z.infer<typeof SpeedRampPoint>;

export const SpeedRamp = z
  .object({ points: z.array(SpeedRampPoint).min(2, 'A speed ramp has at least two points').max(RAMP_POINTS_STORED_MAX, `A speed ramp has at most ${RAMP_POINTS_STORED_MAX} points`) })
  .superRefine((r, ctx) => {
    if (r.points[0]!.at !== 0) ctx.addIssue({ code: 'custom', message: 'A speed ramp starts at the clip’s start (at 0)', path: ['points', 0, 'at'] });
    if (r.points[r.points.length - 1]!.at !== 1) ctx.addIssue({ code: 'custom', message: 'A speed ramp ends at the clip’s end (at 1)', path: ['points', r.points.length - 1, 'at'] });
    for (let i = 1; i < r.points.length; i++) {
      if (!(r.points[i]!.at > r.points[i - 1]!.at)) ctx.addIssue({ code: 'custom', message: 'A speed ramp’s points go forward (each later than the one before)', path: ['points', i, 'at'] });
    }
  });
export type SpeedRamp = z.infer<typeof SpeedRamp>;

/**
 * Timeline seconds that `sourceSec` seconds of source last under a ramp: the integral of 1 / speed over the
 * source, exact for speeds linear in source time (∫ ds / (v0 + k·s) = ln(v1 / v0) / k).
 */
export function rampedDuration(sourceSec: number, ramp: SpeedRamp): number {
  let total = 0;
  const pts = ramp.points;
  for (let i = 1; i < pts.length; i++) {
    const a = pts[i - 1]!;
    const b = pts[i]!;
    const len = (b.at - a.at) * sourceSec;
    total += Math.abs(b.speed - a.speed) < 1e-9 ? len / a.speed : (len * Math.log(b.speed / a.speed)) / (b.speed - a.speed);
  }
  return total;
}
