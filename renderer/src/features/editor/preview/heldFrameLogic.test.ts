import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { heldSize } from './heldFrameLogic';

const proxy = { width: 540, height: 960 };

describe('heldSize', () => {
  it('copies a picture-in-picture at its drawn size, not the video’s', () => {
    expect(heldSize(proxy, 101 / 540, null)).toEqual({ width: 101, height: 180 });
  });

  it('never copies above the video’s own size', () => {
    expect(heldSize(proxy, 2.5, null)).toEqual(proxy);
  });

  it('keeps the copy’s size for small changes of the drawn size, remakes it for large ones', () => {
    const now = heldSize(proxy, 0.5, null);
    expect(heldSize(proxy, 0.53, now)).toBe(now);
    expect(heldSize(proxy, 0.45, now)).toBe(now);
    expect(heldSize(proxy, 0.6, now)).toEqual({ width: 324, height: 576 });
    expect(heldSize(proxy, 0.2, now)).toEqual({ width: 108, height: 192 });
  });

  it('remakes the copy for a video of another shape', () => {
    const now = heldSize(proxy, 0.5, null);
    expect(heldSize({ width: 960, height: 540 }, 0.28, now)).toEqual({ width: 269, height: 152 });
  });

  it('gives at least one pixel for a zero or bad scale', () => {
    expect(heldSize(proxy, 0, null)).toEqual({ width: 1, height: 1 });
    expect(heldSize(proxy, Number.NaN, null)).toEqual(proxy);
  });

  it('is always whole pixels within the video, and covers the drawn size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2, max: 4000 }), fc.integer({ min: 2, max: 4000 }), fc.double({ min: 0.001, max: 4, noNaN: true }), (w, h, s) => {
        const out = heldSize({ width: w, height: h }, s, null);
        expect(Number.isInteger(out.width) && Number.isInteger(out.height)).toBe(true);
        expect(out.width).toBeGreaterThanOrEqual(1);
        expect(out.width).toBeLessThanOrEqual(w);
        expect(out.height).toBeLessThanOrEqual(h);
        expect(out.width).toBeGreaterThanOrEqual(Math.min(w, Math.floor(w * s)));
      }),
    );
  });
});
