import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normaliseAngle, snapAngle, snapMove, snapPoint, snapTargets, type Bounds } from './snap-guides';

const canvas = { width: 1080, height: 1920 };
const boxAt = (cx: number, cy: number, w = 200, h = 100): Bounds => ({ left: cx - w / 2, top: cy - h / 2, right: cx + w / 2, bottom: cy + h / 2 });

describe('snapTargets', () => {
  it('has the canvas centre lines and edges, safe-zone inner edges and other layers', () => {
    const t = snapTargets(canvas, [boxAt(300, 400)], [{ x: 0, y: 0, w: 1, h: 0.07 }]);
    expect(t).toContainEqual({ axis: 'x', at: 540, kind: 'centre' });
    expect(t).toContainEqual({ axis: 'y', at: 960, kind: 'centre' });
    expect(t).toContainEqual({ axis: 'y', at: 0.07 * 1920, kind: 'safe' });
    // The zone's top and sides lie on the canvas edge: not a safe guide.
    expect(t.filter((g) => g.kind === 'safe')).toHaveLength(1);
    expect(t).toContainEqual({ axis: 'x', at: 200, kind: 'layer' });
    expect(t).toContainEqual({ axis: 'y', at: 400, kind: 'layer' });
  });
});

describe('snapMove', () => {
  const targets = snapTargets(canvas, []);

  it('pulls a box whose centre is near the canvas centre onto it, with both guides', () => {
    const r = snapMove(boxAt(545, 955), targets, 8);
    expect(r.dx).toBe(-5);
    expect(r.dy).toBe(5);
    expect(r.guides.map((g) => g.kind).sort()).toEqual(['centre', 'centre']);
  });

  it('leaves a box far from every target alone', () => {
    const r = snapMove(boxAt(300, 700), targets, 8);
    expect(r).toEqual({ dx: 0, dy: 0, guides: [] });
  });

  it('snaps an edge to another layer’s edge', () => {
    const other = boxAt(700, 300);
    const near = snapMove({ left: 596, top: 1200, right: 680, bottom: 1300 }, snapTargets(canvas, [other]), 8);
    expect(near.dx).toBe(4);
    expect(near.guides).toContainEqual({ axis: 'x', at: 600, kind: 'layer' });
  });

  it('property: the shift never exceeds the threshold, and a shifted box touches every guide it reports', () => {
    const bounds = fc.record({ x: fc.double({ min: -500, max: 1500, noNaN: true }), y: fc.double({ min: -500, max: 2400, noNaN: true }), w: fc.double({ min: 2, max: 1200, noNaN: true }), h: fc.double({ min: 2, max: 2000, noNaN: true }) });
    fc.assert(
      fc.property(bounds, fc.array(bounds, { maxLength: 5 }), fc.double({ min: 0, max: 40, noNaN: true }), (b, others, threshold) => {
        const box = { left: b.x, top: b.y, right: b.x + b.w, bottom: b.y + b.h };
        const ts = snapTargets(canvas, others.map((o) => ({ left: o.x, top: o.y, right: o.x + o.w, bottom: o.y + o.h })));
        const r = snapMove(box, ts, threshold);
        expect(Math.abs(r.dx)).toBeLessThanOrEqual(threshold);
        expect(Math.abs(r.dy)).toBeLessThanOrEqual(threshold);
        const moved = { left: box.left + r.dx, top: box.top + r.dy, right: box.right + r.dx, bottom: box.bottom + r.dy };
        for (const g of r.guides) {
          const feats = g.axis === 'x' ? [moved.left, (moved.left + moved.right) / 2, moved.right] : [moved.top, (moved.top + moved.bottom) / 2, moved.bottom];
          expect(feats.some((f) => Math.abs(f - g.at) <= 0.5 + 1e-9)).toBe(true);
        }
        // Snapping is the nearest: no target is closer to a feature of the original box than the shift taken.
        if (r.dx !== 0) {
          for (const t of ts.filter((t) => t.axis === 'x')) for (const f of [box.left, (box.left + box.right) / 2, box.right]) expect(Math.abs(t.at - f)).toBeGreaterThanOrEqual(Math.abs(r.dx) - 1e-9);
        }
        // A target within the threshold of a feature always makes the axis snap.
        const within = ts.some((t) => t.axis === 'y' && [box.top, (box.top + box.bottom) / 2, box.bottom].some((f) => Math.abs(t.at - f) <= threshold));
        if (within) expect(r.guides.some((g) => g.axis === 'y')).toBe(true);
      }),
    );
  });
});

describe('snapPoint', () => {
  it('finds the nearest target on the axis within the threshold', () => {
    const ts = snapTargets(canvas, []);
    expect(snapPoint(1075, 'x', ts, 8)?.at).toBe(1080);
    expect(snapPoint(1075, 'y', ts, 8)).toBeNull();
  });
});

describe('angles', () => {
  it('snaps near multiples of 45° and keeps −180..180', () => {
    expect(snapAngle(2)).toBe(0);
    expect(snapAngle(10)).toBe(10);
    expect(snapAngle(88)).toBe(90);
    expect(snapAngle(-179)).toBe(180);
    expect(normaliseAngle(190)).toBe(-170);
    expect(normaliseAngle(-0)).toBe(0);
  });

  it('property: normalised angles are in range and the same direction', () => {
    fc.assert(
      fc.property(fc.double({ min: -10000, max: 10000, noNaN: true }), (a) => {
        const n = normaliseAngle(a);
        expect(n).toBeGreaterThan(-180 - 1e-9);
        expect(n).toBeLessThanOrEqual(180);
        const diff = (((n - a) % 360) + 360) % 360;
        expect(Math.min(diff, 360 - diff)).toBeLessThan(1e-6);
      }),
    );
  });
});
