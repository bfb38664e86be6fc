import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SpeedRamp } from '../../../../electron/model/draft';
import { rampSpeedAtFraction } from '../../../../electron/model/speed-ramp-time';
import { rampArb } from '../../../../electron/model/__tests__/ramp-arb';
import { addPoint, curveMemoryKey, flatRamp, movePoint, nudgePoint, removePoint, speedToUnit, unitToSpeed } from './speedRampLogic';

describe('speed curve editor logic', () => {
  it('remembers a put-aside curve per draft and clip (clip ids repeat across drafts)', () => {
    expect(curveMemoryKey('d1', 'clip-1')).not.toBe(curveMemoryKey('d2', 'clip-1'));
    expect(curveMemoryKey('d1', 'clip-1')).toBe(curveMemoryKey('d1', 'clip-1'));
  });

  it('the log scale puts 1× in the middle and round-trips', () => {
    expect(speedToUnit(1)).toBeCloseTo(0.5, 9);
    expect(unitToSpeed(0)).toBe(0.25);
    expect(unitToSpeed(1)).toBe(4);
    expect(unitToSpeed(speedToUnit(2))).toBe(2);
  });

  it('every edit gives a valid ramp', () => {
    fc.assert(
      fc.property(rampArb, fc.nat(), fc.double({ min: -1, max: 2, noNaN: true }), fc.double({ min: 0, max: 9, noNaN: true }), fc.constantFrom('ArrowUp', 'ArrowDown', 'ArrowLeft', 'ArrowRight'), (r, i, at, speed, key) => {
        const k = i % r.points.length;
        for (const next of [movePoint(r, k, at, speed), nudgePoint(r, k, key, true), removePoint(r, k), addPoint(r)?.ramp]) {
          if (next) expect(SpeedRamp.safeParse(next).success).toBe(true);
        }
        // The ends never move sideways.
        expect(movePoint(r, 0, 0.5, 1).points[0]!.at).toBe(0);
        expect(movePoint(r, r.points.length - 1, 0.5, 1).points.at(-1)!.at).toBe(1);
      }),
    );
  });

  it('adding a point changes nothing that plays; ends cannot be removed', () => {
    const r = flatRamp(1.5);
    const added = addPoint(movePoint(r, 2, 1, 3))!;
    for (const f of [0.1, 0.3, 0.6, 0.9]) expect(rampSpeedAtFraction(added.ramp, f)).toBeCloseTo(rampSpeedAtFraction(movePoint(r, 2, 1, 3), f), 1);
    expect(removePoint(r, 0)).toBeNull();
    expect(removePoint(r, 2)).toBeNull();
    expect(removePoint(r, 1)!.points).toHaveLength(2);
  });
});
