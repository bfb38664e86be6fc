/**
 * Snapping for direct manipulation on the preview (docs/timeline.md, "On the preview"): a box being moved lands on
 * the canvas's centre lines and edges, the safe-zone edges shown over the preview, and other layers' edges and
 * centres when one of its own edges or its centre comes within a threshold. Pure: canvas pixels in, the shift
 * to apply and the guide lines to draw out. The preview draws the guides; nothing here knows about pointers.
 */

/** An axis-aligned box in canvas pixels (a rotated layer is represented by its bounds). */
export type Bounds = { left: number; top: number; right: number; bottom: number };

export type GuideKind = 'centre' | 'edge' | 'safe' | 'layer';

/** A line something may snap to: vertical (`axis: 'x'`, at x = `at`) or horizontal (`axis: 'y'`). */
export type SnapTarget = { axis: 'x' | 'y'; at: number; kind: GuideKind };

export type SnapResult = {
  /** Add these to the box's position (0 when that axis did not snap). */
  dx: number;
  dy: number;
  /** The targets the snapped box now touches, to draw as lines. */
  guides: SnapTarget[];
};

/** A safe zone as a fraction of the canvas (model/safe-zones.ts `Zone`). */
export type ZoneRect = { x: number; y: number; w: number; h: number };

/** Where guides may be: the canvas's centre lines and edges, each safe zone's inner edges, each other layer's edges and centre. */
export function snapTargets(canvas: { width: number; height: number }, others: readonly Bounds[], zones: readonly ZoneRect[] = []): SnapTarget[] {
  const out: SnapTarget[] = [
    { axis: 'x', at: canvas.width / 2, kind: 'centre' },
    { axis: 'y', at: canvas.height / 2, kind: 'centre' },
    { axis: 'x', at: 0, kind: 'edge' },
    { axis: 'x', at: canvas.width, kind: 'edge' },
    { axis: 'y', at: 0, kind: 'edge' },
    { axis: 'y', at: canvas.height, kind: 'edge' },
  ];
  for (const z of zones) {
    // Only edges inside the canvas matter: a zone along the top has a bottom edge to keep text below.
    const xs = [z.x, z.x + z.w].filter((v) => v > 0 && v < 1);
    const ys = [z.y, z.y + z.h].filter((v) => v > 0 && v < 1);
    for (const v of xs) out.push({ axis: 'x', at: v * canvas.width, kind: 'safe' });
    for (const v of ys) out.push({ axis: 'y', at: v * canvas.height, kind: 'safe' });
  }
  for (const b of others) {
    for (const at of [b.left, (b.left + b.right) / 2, b.right]) out.push({ axis: 'x', at, kind: 'layer' });
    for (const at of [b.top, (b.top + b.bottom) / 2, b.bottom]) out.push({ axis: 'y', at, kind: 'layer' });
  }
  return out;
}

/** Within this many canvas pixels of each other, a box feature and a target count as touching (rounding). */
const TOUCH = 0.5;

function snapAxis(features: readonly number[], targets: readonly SnapTarget[], threshold: number): { shift: number; hits: SnapTarget[] } {
  let best: number | null = null;
  for (const tg of targets) {
    for (const f of features) {
      const d = tg.at - f;
      if (Math.abs(d) <= threshold && (best === null || Math.abs(d) < Math.abs(best))) best = d;
    }
  }
  if (best === null) return { shift: 0, hits: [] };
  const shift = best;
  const hits = targets.filter((tg) => features.some((f) => Math.abs(f + shift - tg.at) <= TOUCH));
  return { shift, hits };
}

/**
 * Snaps a moving box: on each axis, the nearest target within `threshold` of the box's left/centre/right (top/
 * centre/bottom) edge wins, and every target the shifted box then touches is returned as a guide.
 */
export function snapMove(box: Bounds, targets: readonly SnapTarget[], threshold: number): SnapResult {
  const x = snapAxis([box.left, (box.left + box.right) / 2, box.right], targets.filter((t) => t.axis === 'x'), threshold);
  const y = snapAxis([box.top, (box.top + box.bottom) / 2, box.bottom], targets.filter((t) => t.axis === 'y'), threshold);
  return { dx: x.shift, dy: y.shift, guides: dedupe([...x.hits, ...y.hits]) };
}

/**
 * Snaps one moving point (a corner being dragged) on one axis: the nearest target within `threshold`, or null.
 * Scaling keeps the aspect, so the caller snaps the axis that is closer and lets the other follow.
 */
export function snapPoint(value: number, axis: 'x' | 'y', targets: readonly SnapTarget[], threshold: number): { at: number; distance: number; guide: SnapTarget } | null {
  let found: { at: number; distance: number; guide: SnapTarget } | null = null;
  for (const tg of targets) {
    if (tg.axis !== axis) continue;
    const d = Math.abs(tg.at - value);
    if (d <= threshold && (!found || d < found.distance)) found = { at: tg.at, distance: d, guide: tg };
  }
  return found;
}

function dedupe(guides: SnapTarget[]): SnapTarget[] {
  const seen = new Set<string>();
  return guides.filter((g) => {
    const k = `${g.axis}:${Math.round(g.at * 2)}`;
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Rotation snaps to whole multiples of `step` degrees when within `threshold` of one (0°, 90°… with 45/2). */
export function snapAngle(deg: number, step = 45, threshold = 3): number {
  const nearest = Math.round(deg / step) * step;
  return Math.abs(nearest - deg) <= threshold ? normaliseAngle(nearest) : normaliseAngle(deg);
}

/** An angle in degrees brought into −180..180 (the schema's range). */
export function normaliseAngle(deg: number): number {
  let a = ((deg % 360) + 360) % 360;
  if (a > 180) a -= 360;
  return Object.is(a, -0) ? 0 : a;
}
