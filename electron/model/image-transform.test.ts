import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type PixelBox, corners } from './image-box';
import { handlePoint, handles, resizeBox, resizeGroup, rotateAbout, rotationToward, snapRect, snapTargets, unionBounds } from './image-transform';

const box = (over: Partial<PixelBox> = {}): PixelBox => ({ cx: 500, cy: 400, width: 200, height: 100, rotation: 0, ...over });
const close = (a: number, b: number, eps = 1e-6) => Math.abs(a - b) <= eps;

const arbBox = fc.record({
  cx: fc.double({ min: -500, max: 2000, noNaN: true }),
  cy: fc.double({ min: -500, max: 2000, noNaN: true }),
  width: fc.double({ min: 5, max: 1500, noNaN: true }),
  height: fc.double({ min: 5, max: 1500, noNaN: true }),
  rotation: fc.double({ min: -179, max: 180, noNaN: true }),
});
const arbPoint = fc.record({ x: fc.double({ min: -2000, max: 4000, noNaN: true }), y: fc.double({ min: -2000, max: 4000, noNaN: true }) });
const opposite = { nw: 'se', n: 's', ne: 'sw', e: 'w', se: 'nw', s: 'n', sw: 'ne', w: 'e' } as const;

describe('resizeBox', () => {
  it('drags the bottom-right corner of an upright box', () => {
    const r = resizeBox(box(), 'se', { x: 700, y: 500 });
    // Top-left stays at (400, 350); the corner follows the pointer.
    expect(r).toEqual({ cx: 550, cy: 425, width: 300, height: 150, rotation: 0 });
  });

  it('an edge handle changes one side only', () => {
    const r = resizeBox(box(), 'w', { x: 300, y: 9999 });
    expect(r).toMatchObject({ cx: 450, cy: 400, width: 300, height: 100 });
  });

  it('shift on a corner keeps the ratio', () => {
    const r = resizeBox(box(), 'se', { x: 800, y: 460 }, { keepAspect: true });
    expect(r.width / r.height).toBeCloseTo(2, 9);
    expect(r.width).toBeCloseTo(400, 9);
  });

  it('shift on an edge grows the other side about the centre line', () => {
    const r = resizeBox(box(), 'e', { x: 800, y: 0 }, { keepAspect: true });
    expect(r).toMatchObject({ width: 400, height: 200, cy: 400 });
  });

  it('a rotated box resizes in its own frame: a 90° box grows downwards from its east handle', () => {
    const start = box({ rotation: 90 });
    const e = handlePoint(start, 'e');
    expect(e.x).toBeCloseTo(500, 9);
    expect(e.y).toBeCloseTo(500, 9);
    const r = resizeBox(start, 'e', { x: 500, y: 600 });
    expect(r.width).toBeCloseTo(300, 9);
    expect(r.height).toBeCloseTo(100, 9);
    expect(r.rotation).toBe(90);
    expect(handlePoint(r, 'w').y).toBeCloseTo(handlePoint(start, 'w').y, 9);
  });

  it('stops at the minimum size instead of turning inside out', () => {
    const r = resizeBox(box(), 'se', { x: 0, y: 0 }, { minSize: 10 });
    expect(r.width).toBe(10);
    expect(r.height).toBe(10);
  });

  it('property: the opposite handle never moves, the rotation never changes, sizes stay at least the minimum', () => {
    fc.assert(
      fc.property(arbBox, fc.constantFrom(...handles), arbPoint, fc.boolean(), (start, h, pt, keepAspect) => {
        const r = resizeBox(start, h, pt, { keepAspect, minSize: 2 });
        const a = handlePoint(start, opposite[h]);
        const b = handlePoint(r, opposite[h]);
        if (h.length === 2 || !keepAspect) {
          expect(close(a.x, b.x, 1e-6 * (1 + Math.abs(a.x))) && close(a.y, b.y, 1e-6 * (1 + Math.abs(a.y)))).toBe(true);
        }
        expect(r.rotation).toBe(start.rotation);
        expect(r.width).toBeGreaterThanOrEqual(2 - 1e-9);
        expect(r.height).toBeGreaterThanOrEqual(2 - 1e-9);
        if (keepAspect) expect(r.width / r.height).toBeCloseTo(start.width / start.height, 6);
      }),
    );
  });

  it('property: dragging a corner exactly onto where it is changes nothing', () => {
    fc.assert(
      fc.property(arbBox, fc.constantFrom('nw', 'ne', 'se', 'sw' as const), (start, h) => {
        const r = resizeBox(start, h, handlePoint(start, h), { minSize: 1 });
        expect(r.width).toBeCloseTo(start.width, 6);
        expect(r.height).toBeCloseTo(start.height, 6);
        expect(r.cx).toBeCloseTo(start.cx, 6);
        expect(r.cy).toBeCloseTo(start.cy, 6);
      }),
    );
  });
});

describe('resizeGroup', () => {
  it('scales two boxes with their common bounds from the far corner', () => {
    const a = box({ cx: 100, cy: 100, width: 100, height: 100 });
    const b = box({ cx: 300, cy: 100, width: 100, height: 100 });
    const [ra, rb] = resizeGroup([a, b], 'se', { x: 650, y: 250 });
    // Bounds 50..350 × 50..150 become 50..650 × 50..250: ×2 both ways.
    expect(ra).toMatchObject({ cx: 150, cy: 150, width: 200, height: 200 });
    expect(rb).toMatchObject({ cx: 550, cy: 150, width: 200, height: 200 });
  });
});

describe('rotation', () => {
  it('points the top at the pointer; shift snaps to 15°', () => {
    const c = { x: 0, y: 0 };
    expect(rotationToward(c, { x: 0, y: -10 })).toBeCloseTo(0, 9);
    expect(rotationToward(c, { x: 10, y: 0 })).toBeCloseTo(90, 9);
    expect(rotationToward(c, { x: 0, y: 10 })).toBeCloseTo(180, 9);
    expect(rotationToward(c, { x: -10, y: 0 })).toBeCloseTo(-90, 9);
    expect(rotationToward(c, { x: 10, y: -9 }, true)).toBe(45);
    expect(rotationToward(c, { x: 10, y: -8 }, false)).not.toBe(45);
  });

  it('property: snapped angles are multiples of 15 in (-180, 180]', () => {
    fc.assert(
      fc.property(arbPoint, arbPoint, (c, p) => {
        fc.pre(Math.hypot(p.x - c.x, p.y - c.y) > 1e-3);
        const d = rotationToward(c, p, true);
        expect(Math.abs(d % 15)).toBe(0);
        expect(d).toBeGreaterThan(-180);
        expect(d).toBeLessThanOrEqual(180);
      }),
    );
  });

  it('property: rotating a group about its centre keeps every distance to the pivot', () => {
    fc.assert(
      fc.property(fc.array(arbBox, { minLength: 1, maxLength: 4 }), fc.double({ min: -360, max: 360, noNaN: true }), (boxes, delta) => {
        const pivot = { x: 700, y: 300 };
        const out = rotateAbout(boxes, pivot, delta);
        out.forEach((o, i) => {
          const s = boxes[i]!;
          expect(Math.hypot(o.cx - pivot.x, o.cy - pivot.y)).toBeCloseTo(Math.hypot(s.cx - pivot.x, s.cy - pivot.y), 6);
          expect(o.width).toBe(s.width);
        });
      }),
    );
  });
});

describe('snapping', () => {
  const canvas = { width: 1080, height: 1350 };

  it('pulls a box whose centre is 3 px off the canvas centre onto it and draws the centre guide', () => {
    const r = snapRect({ x: 443, y: 100, width: 200, height: 100 }, snapTargets(canvas, []), 6);
    expect(r.dx).toBe(-3);
    expect(r.dy).toBe(0);
    expect(r.guides).toEqual([{ axis: 'x', at: 540, from: 0, to: 1350 }]);
  });

  it('snaps an edge to another layer’s edge, and the guide spans both', () => {
    const other = { x: 600, y: 800, width: 100, height: 100 };
    const r = snapRect({ x: 604, y: 300, width: 50, height: 50 }, snapTargets(canvas, [other]), 6);
    expect(r.dx).toBe(-4);
    expect(r.guides).toContainEqual({ axis: 'x', at: 600, from: 300, to: 900 });
  });

  it('leaves a box alone beyond the threshold', () => {
    const r = snapRect({ x: 200, y: 200, width: 77, height: 91 }, snapTargets(canvas, []), 6);
    expect(r).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it('property: a snap never moves more than the threshold, and after it every guide touches the box', () => {
    fc.assert(
      fc.property(
        fc.record({ x: fc.double({ min: -200, max: 1200, noNaN: true }), y: fc.double({ min: -200, max: 1400, noNaN: true }), width: fc.double({ min: 1, max: 600, noNaN: true }), height: fc.double({ min: 1, max: 600, noNaN: true }) }),
        fc.array(fc.record({ x: fc.integer({ min: 0, max: 1000 }), y: fc.integer({ min: 0, max: 1300 }), width: fc.integer({ min: 1, max: 400 }), height: fc.integer({ min: 1, max: 400 }) }), { maxLength: 5 }),
        (moving, others) => {
          const r = snapRect(moving, snapTargets(canvas, others), 6);
          expect(Math.abs(r.dx)).toBeLessThanOrEqual(6);
          expect(Math.abs(r.dy)).toBeLessThanOrEqual(6);
          const s = { x: moving.x + r.dx, y: moving.y + r.dy };
          for (const g of r.guides) {
            const cands = g.axis === 'x' ? [s.x, s.x + moving.width / 2, s.x + moving.width] : [s.y, s.y + moving.height / 2, s.y + moving.height];
            expect(cands.some((c) => Math.abs(c - g.at) <= 0.5)).toBe(true);
          }
        },
      ),
    );
  });
});

describe('unionBounds', () => {
  it('covers every corner of rotated boxes', () => {
    const bs = [box({ rotation: 30 }), box({ cx: 900, rotation: -70 })];
    const u = unionBounds(bs)!;
    for (const c of bs.flatMap(corners)) {
      expect(c.x).toBeGreaterThanOrEqual(u.x - 1e-9);
      expect(c.x).toBeLessThanOrEqual(u.x + u.width + 1e-9);
      expect(c.y).toBeGreaterThanOrEqual(u.y - 1e-9);
      expect(c.y).toBeLessThanOrEqual(u.y + u.height + 1e-9);
    }
    expect(unionBounds([])).toBeNull();
  });
});
