import type { Size } from './geometry';
import type { ShapeLayer } from './image-draft';

/**
 * The SVG of image-draft shapes and gradient backgrounds: one writer for the compositor (render/image-plan.ts,
 * drawn by librsvg) and the editor's canvas (inline SVG), so both draw the same markup. Every length is in
 * canvas pixels. A `window` (a rectangle of the frame) draws only that part, at its size: the compositor draws
 * no more of a huge or half-off-canvas shape than shows.
 */

export type Window = { x: number; y: number; width: number; height: number };

/** Pixels around a shape's box so its stroke (centred on the outline, as SVG strokes are) and antialiasing fit. */
export function shapeMargin(layer: Pick<ShapeLayer, 'stroke'>): number {
  return Math.ceil((layer.stroke ? layer.stroke.width / 2 : 0) + 1);
}

/** The frame a shape is drawn in: its box plus the margin on every side, in whole pixels. */
export function shapeFrame(layer: Pick<ShapeLayer, 'stroke'>, box: Size): Size {
  const m = shapeMargin(layer);
  return { width: Math.max(1, Math.ceil(box.width + 2 * m)), height: Math.max(1, Math.ceil(box.height + 2 * m)) };
}

/** Whether the shape draws anything at all (a line needs a stroke; other shapes a fill or a stroke). */
export function shapeDraws(layer: Pick<ShapeLayer, 'shape' | 'fill' | 'stroke'>): boolean {
  return layer.shape === 'line' ? layer.stroke !== null : layer.fill !== null || layer.stroke !== null;
}

const n = (v: number) => String(Math.round(v * 1000) / 1000);

/** The shape's element in its frame's coordinates (the box centred in the frame). */
export function shapeElement(layer: Pick<ShapeLayer, 'shape' | 'fill' | 'stroke' | 'radius'>, box: Size, frame: Size): string {
  const x0 = (frame.width - box.width) / 2;
  const y0 = (frame.height - box.height) / 2;
  const paint = `fill="${layer.shape === 'line' || !layer.fill ? 'none' : layer.fill}"${layer.stroke ? ` stroke="${layer.stroke.color}" stroke-width="${n(layer.stroke.width)}"` : ''}`;
  switch (layer.shape) {
    case 'rect':
      return `<rect x="${n(x0)}" y="${n(y0)}" width="${n(box.width)}" height="${n(box.height)}" ${paint}/>`;
    case 'roundRect': {
      const r = Math.min(layer.radius, box.width / 2, box.height / 2);
      return `<rect x="${n(x0)}" y="${n(y0)}" width="${n(box.width)}" height="${n(box.height)}" rx="${n(r)}" ry="${n(r)}" ${paint}/>`;
    }
    case 'ellipse':
      return `<ellipse cx="${n(frame.width / 2)}" cy="${n(frame.height / 2)}" rx="${n(box.width / 2)}" ry="${n(box.height / 2)}" ${paint}/>`;
    case 'line':
      return `<line x1="${n(x0)}" y1="${n(frame.height / 2)}" x2="${n(x0 + box.width)}" y2="${n(frame.height / 2)}" stroke-linecap="butt" ${paint}/>`;
  }
}

function svgDocument(body: string, window: Window): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${window.width}" height="${window.height}" viewBox="${n(window.x)} ${n(window.y)} ${window.width} ${window.height}">${body}</svg>`;
}

/** A shape as a whole SVG document showing `window` of its frame. */
export function shapeSvg(layer: Pick<ShapeLayer, 'shape' | 'fill' | 'stroke' | 'radius'>, box: Size, frame: Size, window: Window): string {
  return svgDocument(shapeElement(layer, box, frame), window);
}

/**
 * The gradient line of a linear gradient at `angle` (degrees clockwise from left-to-right) across a frame: through
 * the centre, long enough that the corners get exactly `from` and `to`. This is CSS's definition of
 * `linear-gradient((angle + 90)deg, from, to)`, so the editor can draw the same background with CSS.
 */
export function gradientLine(angle: number, frame: Size): { x1: number; y1: number; x2: number; y2: number } {
  const a = (angle * Math.PI) / 180;
  const dx = Math.cos(a);
  const dy = Math.sin(a);
  const half = (frame.width * Math.abs(dx) + frame.height * Math.abs(dy)) / 2;
  const cx = frame.width / 2;
  const cy = frame.height / 2;
  return { x1: cx - dx * half, y1: cy - dy * half, x2: cx + dx * half, y2: cy + dy * half };
}

/** The CSS that draws the same gradient (for the editor's canvas). */
export function gradientCss(g: { from: string; to: string; angle: number }): string {
  return `linear-gradient(${n(g.angle + 90)}deg, ${g.from}, ${g.to})`;
}

export function gradientSvg(g: { from: string; to: string; angle: number }, frame: Size, window: Window): string {
  const l = gradientLine(g.angle, frame);
  return svgDocument(
    `<defs><linearGradient id="g" gradientUnits="userSpaceOnUse" x1="${n(l.x1)}" y1="${n(l.y1)}" x2="${n(l.x2)}" y2="${n(l.y2)}"><stop offset="0" stop-color="${g.from}"/><stop offset="1" stop-color="${g.to}"/></linearGradient></defs><rect x="0" y="0" width="${frame.width}" height="${frame.height}" fill="url(#g)"/>`,
    window,
  );
}
