import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RAMP_POINTS_MAX, rampedDuration, SpeedRamp, SPEED_MIN } from './draft';
import { rampArb, spacedRampArb } from './__tests__/ramp-arb';
import { RAMP_PRESETS, rampIsConstant, rampOver, rampPreset, rampSourceAt, rampSpeedAtFraction, rampSpeedAtTime, rampTimeAt } from './speed-ramp-time';

const spanArb = fc.double({ min: 0.05, max: 60, noNaN: true });

/** Timeline time of source offset `s` by brute force: the midpoint sum of 1 / speed. */
function numericTime(r: SpeedRamp, span: number, s: number): number {
  const n = 20000;
  let t = 0;
  for (let i = 0; i < n; i++) t += s / n / rampSpeedAtFraction(r, ((i + 0.5) * s) / n / span);
  return t;
}

describe('speed ramp time maths', () => {
  it('the whole span lasts rampedDuration, and a part lasts the integral of 1 / speed', () => {
    fc.assert(
      fc.property(rampArb, spanArb, fc.double({ min: 0, max: 1, noNaN: true }), (r, span, f) => {
        expect(rampTimeAt(r, span, span)).toBeCloseTo(rampedDuration(span, r), 9);
        expect(Math.abs(rampTimeAt(r, span, f * span) - numericTime(r, span, f * span))).toBeLessThan(1e-4 * Math.max(1, span));
      }),
      { numRuns: 60 },
    );
  });

  it('source ↔ timeline are inverse and increasing', () => {
    fc.assert(
      fc.property(rampArb, spanArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (r, span, f, g) => {
        const s = f * span;
        expect(Math.abs(rampSourceAt(r, span, rampTimeAt(r, span, s)) - s)).toBeLessThan(1e-9 * Math.max(1, span));
        const [lo, hi] = f < g ? [f, g] : [g, f];
        expect(rampTimeAt(r, span, hi * span)).toBeGreaterThanOrEqual(rampTimeAt(r, span, lo * span));
      }),
    );
  });

  it('the speed at a timeline time is the curve at the source it shows, and is the slope of source over time', () => {
    fc.assert(
      fc.property(rampArb, spanArb, fc.double({ min: 0.01, max: 0.99, noNaN: true }), (r, span, f) => {
        const t = f * rampedDuration(span, r);
        const v = rampSpeedAtTime(r, span, t);
        expect(v).toBeCloseTo(rampSpeedAtFraction(r, rampSourceAt(r, span, t) / span), 9);
        const h = 1e-7 * span;
        const slope = (rampSourceAt(r, span, t + h) - rampSourceAt(r, span, t - h)) / (2 * h);
        // At a point's corner the slope jumps; away from corners it is the speed.
        if (!r.points.some((p) => Math.abs(p.at * span - rampSourceAt(r, span, t)) < 1e-5 * span)) expect(slope).toBeCloseTo(v, 3);
      }),
    );
  });

  it('stays exact when two speeds differ by a hair (k ≈ 0)', () => {
    const r: SpeedRamp = { points: [{ at: 0, speed: 1 }, { at: 1, speed: 1 + 1e-12 }] };
    expect(rampTimeAt(r, 10, 10)).toBeCloseTo(10, 9);
    expect(rampSourceAt(r, 10, 5)).toBeCloseTo(5, 9);
    const linear: SpeedRamp = { points: [{ at: 0, speed: 1 }, { at: 1, speed: 2 }] };
    // ∫ ds / (1 + s/10) over 0..10 = 10 ln 2.
    expect(rampTimeAt(linear, 10, 10)).toBeCloseTo(10 * Math.LN2, 12);
    expect(rampSourceAt(linear, 10, 10 * Math.LN2)).toBeCloseTo(10, 9);
  });

  it('cutting the curve keeps the time of every source point inside the cut', () => {
    fc.assert(
      fc.property(spacedRampArb, spanArb, fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (r, span, a, b, x) => {
        const [lo, hi] = a < b ? [a, b] : [b, a];
        fc.pre(hi - lo > 1e-3);
        const cut = rampOver(r, 10, 10 + span, 10 + lo * span, 10 + hi * span);
        expect(SpeedRamp.safeParse(cut).success).toBe(true);
        expect(cut.points.length).toBeLessThanOrEqual(r.points.length);
        const cutSpan = (hi - lo) * span;
        const s = x * cutSpan;
        const want = rampTimeAt(r, span, lo * span + s) - rampTimeAt(r, span, lo * span);
        // Points at least 1e-3 of the clip apart (as the editor keeps them): closer ones make the slope between them
        // huge and float noise passes 1 ns (CI found 1e-16 apart). __tests__/ramp-arb.ts says so too.
        expect(Math.abs(rampTimeAt(cut, cutSpan, s) - want)).toBeLessThan(1e-9 * Math.max(1, span / SPEED_MIN));
      }),
    );
  });

  it('extending the range holds the end speeds, adding at most a point at each end', () => {
    fc.assert(
      fc.property(rampArb, spanArb, fc.double({ min: 0, max: 5, noNaN: true }), fc.double({ min: 0, max: 5, noNaN: true }), (r, span, before, after) => {
        const out = rampOver(r, 10, 10 + span, 10 - before, 10 + span + after);
        expect(out.points.length).toBeLessThanOrEqual(r.points.length + 2);
        // A curve the editor makes can always grow at both ends and still be saved.
        if (r.points.length <= RAMP_POINTS_MAX) expect(SpeedRamp.safeParse(out).success).toBe(true);
        expect(out.points[0]!.speed).toBeCloseTo(r.points[0]!.speed, 12);
        expect(out.points.at(-1)!.speed).toBeCloseTo(r.points.at(-1)!.speed, 12);
      }),
    );
    // A two-point ramp extended at its end: the old end becomes a corner, the extension runs at the end speed.
    const r: SpeedRamp = { points: [{ at: 0, speed: 1 }, { at: 1, speed: 2 }] };
    const ext = rampOver(r, 0, 4, 0, 6);
    expect(ext.points).toEqual([{ at: 0, speed: 1 }, { at: 4 / 6, speed: 2 }, { at: 1, speed: 2 }]);
    expect(rampTimeAt(ext, 6, 6)).toBeCloseTo(rampTimeAt(r, 4, 4) + 1, 12);
  });

  it('presets are valid ramps of the advertised shape', () => {
    for (const name of RAMP_PRESETS) {
      const r = rampPreset(name);
      expect(SpeedRamp.safeParse(r).success, name).toBe(true);
      expect(rampIsConstant(r)).toBe(false);
    }
    // Bullet time: slow in the middle, fast at the ends; Flash in: fast then normal; Flash out: the reverse.
    expect(rampSpeedAtFraction(rampPreset('bullet'), 0.5)).toBeLessThan(0.5);
    expect(rampSpeedAtFraction(rampPreset('bullet'), 0.1)).toBeGreaterThan(1.5);
    expect(rampSpeedAtFraction(rampPreset('flashIn'), 0.1)).toBeGreaterThan(rampSpeedAtFraction(rampPreset('flashIn'), 0.9));
    expect(rampSpeedAtFraction(rampPreset('flashOut'), 0.1)).toBeLessThan(rampSpeedAtFraction(rampPreset('flashOut'), 0.9));
  });
});
