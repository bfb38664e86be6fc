import { type PixelBox, type Point, bounds, normalizeDegrees } from './image-box';

/**
 * The geometry of direct manipulation on the image canvas: resize from any of eight handles, rotate, snap a
 * moving selection to guides. Pure functions of pixel boxes (model/image-box.ts) in canvas pixels, so the
 * editor's canvas, its tests and anything else that moves layers agree. The document side (which layer gets
 * which box) is model/image-edit.ts.
 */

export const handles = ['nw', 'n', 'ne', 'e', 'se', 's', 'sw', 'w'] as const;
export type Handle = (typeof handles)[number];

/** A handle's direction in the box's own frame: -1 left/top, 0 middle, 1 right/bottom. */
export function handleDir(h: Handle): { hx: -1 | 0 | 1; hy: -1 | 0 | 1 } {
  const hx = h.includes('w') ? -1 : h.includes('e') ? 1 : 0;
  const hy = h.startsWith('n') ? -1 : h.startsWith('s') ? 1 : 0;
  return { hx, hy };
}

export const isCorner = (h: Handle): boolean => h.length === 2;

const rad = (deg: number) => (deg * Math.PI) / 180;
/** A vector in the box's frame turned into canvas axes (rotation clockwise, y down). */
function toCanvas(v: Point, deg: number): Point {
  const r = rad(deg);
  return { x: v.x * Math.cos(r) - v.y * Math.sin(r), y: v.x * Math.sin(r) + v.y * Math.cos(r) };
}
function toLocal(v: Point, deg: number): Point {
  return toCanvas(v, -deg);
}

/** Where a handle sits on the canvas. */
export function handlePoint(p: PixelBox, h: Handle): Point {
  const { hx, hy } = handleDir(h);
  const v = toCanvas({ x: (hx * p.width) / 2, y: (hy * p.height) / 2 }, p.rotation);
  return { x: p.cx + v.x, y: p.cy + v.y };
}

export type ResizeOptions = {
  /** Shift: keep the width:height ratio (edge handles then grow the other side about the centre line). */
  keepAspect?: boolean;
  /** Smallest width and height in canvas pixels; dragging past the opposite side stops there. */
  minSize?: number;
};

/**
 * The box after dragging `handle` to `pointer` (canvas pixels). The opposite handle stays where it was; a
 * rotated box resizes in its own frame (its sides stay parallel to themselves).
 */
export function resizeBox(start: PixelBox, handle: Handle, pointer: Point, opts: ResizeOptions = {}): PixelBox {
  const min = Math.max(1e-6, opts.minSize ?? 1);
  const { hx, hy } = handleDir(handle);
  const anchorLocal = { x: (-hx * start.width) / 2, y: (-hy * start.height) / 2 };
  const av = toCanvas(anchorLocal, start.rotation);
  const anchor = { x: start.cx + av.x, y: start.cy + av.y };
  const q = toLocal({ x: pointer.x - anchor.x, y: pointer.y - anchor.y }, start.rotation);
  let w = hx !== 0 ? Math.max(min, q.x * hx) : start.width;
  let h = hy !== 0 ? Math.max(min, q.y * hy) : start.height;
  if (opts.keepAspect && start.width > 0 && start.height > 0) {
    if (hx !== 0 && hy !== 0) {
      const s = Math.max(w / start.width, h / start.height);
      w = start.width * s;
      h = start.height * s;
    } else if (hx !== 0) {
      h = (start.height * w) / start.width;
    } else {
      w = (start.width * h) / start.height;
    }
    // The ratio holds at the smallest size too: scale both up until each is at least `min`.
    const up = Math.max(1, min / w, min / h);
    w *= up;
    h *= up;
  }
  const cv = toCanvas({ x: (hx * w) / 2, y: (hy * h) / 2 }, start.rotation);
  return { cx: anchor.x + cv.x, cy: anchor.y + cv.y, width: w, height: h, rotation: start.rotation };
}

/**
 * Scales several boxes together by dragging a handle of their common bounds (axis-aligned): each centre moves
 * with the bounds and each size scales by the same factors. Rotated boxes scale in their own frame by the
 * factors of the axes nearest theirs, so a 90° box keeps its look.
 */
export function resizeGroup(starts: PixelBox[], handle: Handle, pointer: Point, opts: ResizeOptions = {}): PixelBox[] {
  const b = unionBounds(starts);
  if (!b || b.width <= 0 || b.height <= 0) return starts;
  const frame: PixelBox = { cx: b.x + b.width / 2, cy: b.y + b.height / 2, width: b.width, height: b.height, rotation: 0 };
  const next = resizeBox(frame, handle, pointer, opts);
  const sx = next.width / frame.width;
  const sy = next.height / frame.height;
  const left = next.cx - next.width / 2;
  const top = next.cy - next.height / 2;
  return starts.map((p) => {
    const quarter = Math.round(normalizeDegrees(p.rotation) / 90) % 2 !== 0;
    return {
      cx: left + (p.cx - b.x) * sx,
      cy: top + (p.cy - b.y) * sy,
      width: p.width * (quarter ? sy : sx),
      height: p.height * (quarter ? sx : sy),
      rotation: p.rotation,
    };
  });
}

export const ROTATE_SNAP_DEG = 15;

/**
 * The rotation that points the box's top at `pointer` (the rotate handle sits above the box), in (-180, 180].
 * Shift snaps to 15° steps.
 */
export function rotationToward(centre: Point, pointer: Point, snap = false): number {
  const deg = (Math.atan2(pointer.y - centre.y, pointer.x - centre.x) * 180) / Math.PI + 90;
  return normalizeDegrees(snap ? Math.round(deg / ROTATE_SNAP_DEG) * ROTATE_SNAP_DEG : deg);
}

/** Turns boxes by `deltaDeg` about `pivot` (their centres orbit it; each box turns by the same angle). */
export function rotateAbout(starts: PixelBox[], pivot: Point, deltaDeg: number): PixelBox[] {
  return starts.map((p) => {
    const v = toCanvas({ x: p.cx - pivot.x, y: p.cy - pivot.y }, deltaDeg);
    return { ...p, cx: pivot.x + v.x, cy: pivot.y + v.y, rotation: normalizeDegrees(p.rotation + deltaDeg) };
  });
}

export type Rect = { x: number; y: number; width: number; height: number };

/** The axis-aligned bounds of several (rotated) boxes; null for none. */
export function unionBounds(boxes: PixelBox[]): Rect | null {
  if (boxes.length === 0) return null;
  const bs = boxes.map(bounds);
  const x = Math.min(...bs.map((b) => b.x));
  const y = Math.min(...bs.map((b) => b.y));
  const r = Math.max(...bs.map((b) => b.x + b.width));
  const btm = Math.max(...bs.map((b) => b.y + b.height));
  return { x, y, width: r - x, height: btm - y };
}

/** Whether two rectangles overlap (touching counts): what a marquee selects. */
export function intersects(a: Rect, b: Rect): boolean {
  return a.x <= b.x + b.width && b.x <= a.x + a.width && a.y <= b.y + b.height && b.y <= a.y + a.height;
}

/** A rectangle from two corners in any order. */
export function rectFrom(a: Point, b: Point): Rect {
  return { x: Math.min(a.x, b.x), y: Math.min(a.y, b.y), width: Math.abs(a.x - b.x), height: Math.abs(a.y - b.y) };
}

// ── snapping ────────────────────────────────────────────────────────────────

/** A guide to draw: a vertical line (`axis: 'x'`, at x = `at`, from y `from` to `to`) or a horizontal one. */
export type Guide = { axis: 'x' | 'y'; at: number; from: number; to: number };

/** What a moving selection may snap to: the canvas's edges and centre, and other layers' edges and centres. */
export type SnapTargets = { x: { at: number; span: [number, number] }[]; y: { at: number; span: [number, number] }[] };

export function snapTargets(canvas: { width: number; height: number }, others: Rect[]): SnapTargets {
  const x: SnapTargets['x'] = [0, canvas.width / 2, canvas.width].map((at) => ({ at, span: [0, canvas.height] as [number, number] }));
  const y: SnapTargets['y'] = [0, canvas.height / 2, canvas.height].map((at) => ({ at, span: [0, canvas.width] as [number, number] }));
  for (const o of others) {
    for (const at of [o.x, o.x + o.width / 2, o.x + o.width]) x.push({ at, span: [o.y, o.y + o.height] });
    for (const at of [o.y, o.y + o.height / 2, o.y + o.height]) y.push({ at, span: [o.x, o.x + o.width] });
  }
  return { x, y };
}

/**
 * Snaps a moving rectangle (the selection's bounds after the raw move): on each axis, the nearest of its
 * edges and centre to any target within `threshold` pulls it there. Returns the correction to add to the
 * move and the guides to draw (every target the snapped rectangle now lines up with).
 */
export function snapRect(moving: Rect, targets: SnapTargets, threshold: number): { dx: number; dy: number; guides: Guide[] } {
  const xs = [moving.x, moving.x + moving.width / 2, moving.x + moving.width];
  const ys = [moving.y, moving.y + moving.height / 2, moving.y + moving.height];
  const best = (cands: number[], ts: { at: number }[]) => {
    let d = 0;
    let dist = threshold + 1e-9;
    for (const c of cands)
      for (const t of ts) {
        const e = Math.abs(t.at - c);
        if (e < dist) {
          dist = e;
          d = t.at - c;
        }
      }
    return dist <= threshold ? d : 0;
  };
  const dx = best(xs, targets.x);
  const dy = best(ys, targets.y);
  const snapped = { x: moving.x + dx, y: moving.y + dy, width: moving.width, height: moving.height };
  const guides: Guide[] = [];
  const EPS = 0.5;
  const sx = [snapped.x, snapped.x + snapped.width / 2, snapped.x + snapped.width];
  const sy = [snapped.y, snapped.y + snapped.height / 2, snapped.y + snapped.height];
  const seen = new Set<string>();
  for (const t of targets.x)
    if (sx.some((c) => Math.abs(c - t.at) <= EPS) && !seen.has(`x${t.at}`)) {
      seen.add(`x${t.at}`);
      guides.push({ axis: 'x', at: t.at, from: Math.min(t.span[0], snapped.y), to: Math.max(t.span[1], snapped.y + snapped.height) });
    }
  for (const t of targets.y)
    if (sy.some((c) => Math.abs(c - t.at) <= EPS) && !seen.has(`y${t.at}`)) {
      seen.add(`y${t.at}`);
      guides.push({ axis: 'y', at: t.at, from: Math.min(t.span[0], snapped.x), to: Math.max(t.span[1], snapped.x + snapped.width) });
    }
  return { dx, dy, guides };
}
