import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { CROSSHAIR_START, moveCrosshair, patchRect, sampleHex } from './keyPickLogic';

describe('eyedropper sample', () => {
  it('averages the patch around the point, clipped at the edges', () => {
    const w = 4;
    const h = 3;
    const px = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) px.set(i % w < 2 ? [0, 200, 0, 255] : [100, 0, 50, 255], i * 4);
    expect(sampleHex(px, w, h, 0, 0, 1)).toBe('#00c800');
    expect(sampleHex(px, w, h, 3, 2, 1)).toBe('#640032');
    // x 1.6 is pixel 2: one green column and two purple ones around it.
    expect(sampleHex(px, w, h, 1.6, 1, 1)).toBe('#434321');
  });
});

describe('eyedropper by keyboard', () => {
  it('arrows move the cross 1% of the preview, Shift 10%; other keys do not move it', () => {
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowRight', false)).toEqual({ x: 0.51, y: 0.5 });
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowUp', true)).toEqual({ x: 0.5, y: 0.4 });
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowDown', false)).toEqual({ x: 0.5, y: 0.51 });
    expect(moveCrosshair(CROSSHAIR_START, 'ArrowLeft', true)).toEqual({ x: 0.4, y: 0.5 });
    expect(moveCrosshair(CROSSHAIR_START, 'Enter', false)).toBeNull();
    expect(moveCrosshair(CROSSHAIR_START, 'a', true)).toBeNull();
  });

  it('stays inside the picture and ten small steps land where one big one does', () => {
    const key = fc.constantFrom('ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown');
    fc.assert(
      fc.property(fc.array(fc.tuple(key, fc.boolean()), { maxLength: 60 }), key, (moves, k) => {
        let p = CROSSHAIR_START;
        for (const [m, shift] of moves) p = moveCrosshair(p, m, shift)!;
        expect(p.x).toBeGreaterThanOrEqual(0);
        expect(p.x).toBeLessThanOrEqual(1);
        expect(p.y).toBeGreaterThanOrEqual(0);
        expect(p.y).toBeLessThanOrEqual(1);
        let small = p;
        for (let i = 0; i < 10; i++) small = moveCrosshair(small, k, false)!;
        const big = moveCrosshair(p, k, true)!;
        expect(small.x).toBeCloseTo(big.x, 9);
        expect(small.y).toBeCloseTo(big.y, 9);
      }),
    );
  });

  it('reads a 5x5 patch around the point, clipped at every edge of the picture', () => {
    expect(patchRect(50, 40, 100, 80)).toEqual({ x0: 48, y0: 38, w: 5, h: 5 });
    expect(patchRect(0, 0, 100, 80)).toEqual({ x0: 0, y0: 0, w: 3, h: 3 });
    // The cross at the far edge (share 1) is just outside the last pixel: the patch still holds pixels.
    expect(patchRect(100, 80, 100, 80)).toEqual({ x0: 98, y0: 78, w: 2, h: 2 });
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 400 }), fc.integer({ min: 1, max: 400 }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (w, h, sx, sy) => {
        const r = patchRect(sx * w, sy * h, w, h);
        expect(r.x0).toBeGreaterThanOrEqual(0);
        expect(r.y0).toBeGreaterThanOrEqual(0);
        expect(r.w).toBeGreaterThanOrEqual(1);
        expect(r.h).toBeGreaterThanOrEqual(1);
        expect(r.x0 + r.w).toBeLessThanOrEqual(w);
        expect(r.y0 + r.h).toBeLessThanOrEqual(h);
        expect(r.w).toBeLessThanOrEqual(5);
      }),
    );
  });
});
