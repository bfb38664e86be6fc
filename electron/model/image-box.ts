import type { Size } from './geometry';
import type { LayerBox } from './image-draft';

/**
 * A layer box in canvas pixels: the one conversion the image compositor (export) and the editor's canvas
 * (preview, handles, hit tests) share, so they draw a layer in the same place.
 */
export type PixelBox = { cx: number; cy: number; width: number; height: number; rotation: number };
export type Point = { x: number; y: number };

export function pixelBox(box: LayerBox, canvas: Size): PixelBox {
  return { cx: box.x * canvas.width, cy: box.y * canvas.height, width: box.w * canvas.width, height: box.h * canvas.height, rotation: box.rotation };
}

export function layerBox(p: PixelBox, canvas: Size): LayerBox {
  return { x: p.cx / canvas.width, y: p.cy / canvas.height, w: p.width / canvas.width, h: p.height / canvas.height, rotation: normalizeDegrees(p.rotation) };
}

/** Degrees in (-180, 180]. */
export function normalizeDegrees(deg: number): number {
  const d = ((((deg + 180) % 360) + 360) % 360) - 180;
  return d === -180 ? 180 : d;
}

/** The box's corners clockwise from top-left, rotated about its centre (y grows downwards, rotation clockwise). */
export function corners(p: PixelBox): [Point, Point, Point, Point] {
  const r = (p.rotation * Math.PI) / 180;
  const cos = Math.cos(r);
  const sin = Math.sin(r);
  const at = (dx: number, dy: number): Point => ({ x: p.cx + dx * cos - dy * sin, y: p.cy + dx * sin + dy * cos });
  const hw = p.width / 2;
  const hh = p.height / 2;
  return [at(-hw, -hh), at(hw, -hh), at(hw, hh), at(-hw, hh)];
}

/** The axis-aligned bounds of the rotated box. */
export function bounds(p: PixelBox): { x: number; y: number; width: number; height: number } {
  const cs = corners(p);
  const xs = cs.map((c) => c.x);
  const ys = cs.map((c) => c.y);
  const x = Math.min(...xs);
  const y = Math.min(...ys);
  return { x, y, width: Math.max(...xs) - x, height: Math.max(...ys) - y };
}

/** Whether a canvas point falls inside the rotated box. */
export function contains(p: PixelBox, pt: Point): boolean {
  const r = (-p.rotation * Math.PI) / 180;
  const dx = pt.x - p.cx;
  const dy = pt.y - p.cy;
  const lx = dx * Math.cos(r) - dy * Math.sin(r);
  const ly = dx * Math.sin(r) + dy * Math.cos(r);
  return Math.abs(lx) <= p.width / 2 && Math.abs(ly) <= p.height / 2;
}
