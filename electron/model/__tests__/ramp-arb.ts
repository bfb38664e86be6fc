import fc from 'fast-check';
import { RAMP_POINTS_STORED_MAX, SPEED_MAX, SPEED_MIN, type SpeedRamp } from '../draft';

/** Any valid speed ramp (2..14 points, as many as a saved curve may have; speeds over the whole allowed range). */
const speedArb = fc.double({ min: SPEED_MIN, max: SPEED_MAX, noNaN: true });
export const rampArb = fc
  .tuple(fc.uniqueArray(fc.double({ min: 0.001, max: 0.999, noNaN: true }), { maxLength: RAMP_POINTS_STORED_MAX - 2 }), fc.array(speedArb, { minLength: RAMP_POINTS_STORED_MAX, maxLength: RAMP_POINTS_STORED_MAX }))
  .map(([inner, speeds]): SpeedRamp => {
    const ats = [0, ...inner.sort((a, b) => a - b), 1];
    return { points: ats.map((at, i) => ({ at, speed: speeds[i]! })) };
  });

/**
 * Ramps whose points are at least a thousandth of the clip apart (the editor keeps them 2 % apart). Points closer
 * than float noise (1e-18 of the span) can make a trim's frame count differ by one: a known edge, not yet handled.
 */
export const spacedRampArb = rampArb.filter((r) => r.points.every((p, i) => i === 0 || p.at - r.points[i - 1]!.at >= 1e-3));
