import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bounds, contains, corners, layerBox, normalizeDegrees, pixelBox } from './image-box';

const canvas = { width: 1080, height: 1350 };
const box = fc.record({
  x: fc.double({ min: -1, max: 2, noNaN: true }),
  y: fc.double({ min: -1, max: 2, noNaN: true }),
  w: fc.double({ min: 0.001, max: 8, noNaN: true }),
  h: fc.double({ min: 0.001, max: 8, noNaN: true }),
  rotation: fc.double({ min: -179.99, max: 180, noNaN: true }),
});

describe('image-box', () => {
  it('pixels and fractions convert both ways', () => {
    fc.assert(
      fc.property(box, (b) => {
        const back = layerBox(pixelBox(b, canvas), canvas);
        for (const k of ['x', 'y', 'w', 'h', 'rotation'] as const) expect(back[k]).toBeCloseTo(b[k], 9);
      }),
    );
  });

  it('a 90° turn swaps the bounds; corners go clockwise', () => {
    const p = pixelBox({ x: 0.5, y: 0.5, w: 0.2, h: 0.1, rotation: 90 }, canvas);
    const b = bounds(p);
    expect(b.width).toBeCloseTo(135, 9);
    expect(b.height).toBeCloseTo(216, 9);
    // Turned clockwise, the top-left corner ends up top-right (y grows downwards).
    const [tl] = corners(p);
    expect(tl.x).toBeGreaterThan(p.cx);
    expect(tl.y).toBeLessThan(p.cy);
  });

  it('contains its centre and the inner points of its corners, never a point outside its bounds', () => {
    fc.assert(
      fc.property(box, fc.double({ min: 0, max: 0.99, noNaN: true }), fc.double({ min: -2000, max: 4000, noNaN: true }), fc.double({ min: -2000, max: 4000, noNaN: true }), (b, t, x, y) => {
        const p = pixelBox(b, canvas);
        expect(contains(p, { x: p.cx, y: p.cy })).toBe(true);
        for (const c of corners(p)) expect(contains(p, { x: p.cx + (c.x - p.cx) * t, y: p.cy + (c.y - p.cy) * t })).toBe(true);
        const r = bounds(p);
        if (contains(p, { x, y })) {
          expect(x).toBeGreaterThanOrEqual(r.x - 1e-6);
          expect(x).toBeLessThanOrEqual(r.x + r.width + 1e-6);
          expect(y).toBeGreaterThanOrEqual(r.y - 1e-6);
          expect(y).toBeLessThanOrEqual(r.y + r.height + 1e-6);
        }
      }),
    );
  });

  it('normalizes degrees into (-180, 180]', () => {
    expect([0, 180, -180, 190, -190, 540, 359].map(normalizeDegrees)).toEqual([0, 180, 180, -170, 170, 180, -1]);
  });
});
