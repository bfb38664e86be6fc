import type { Corner, WatermarkPreset } from './brand-kit';
import { defaultTransform, type LayerBox, type Transform } from './draft';
import { place, type Rect, type Size } from './geometry';

/**
 * Where a kit's logo goes on a canvas, as a clip transform that geometry.ts `place()` turns into pixels (so the
 * preview and the export draw it in the same rectangle). The logo keeps its aspect: it is placed with `fit`,
 * and `scale` is chosen so its drawn width is the wanted fraction of the canvas width.
 */

/** Default width of a logo added with "Add logo", as a fraction of the canvas width. */
export const LOGO_WIDTH = 0.4;

/** place()'s allowed scale range (draft.ts Transform.scale). */
const SCALE_MIN = 0.05;
const SCALE_MAX = 8;

/** `fit` scale that makes a logo of `logo` display size `width` (fraction of the canvas width) wide. */
function scaleForWidth(logo: Size, canvas: Size, width: number): number {
  const contain = Math.min(canvas.width / logo.width, canvas.height / logo.height);
  const scale = (width * canvas.width) / (logo.width * contain);
  return Math.min(SCALE_MAX, Math.max(SCALE_MIN, scale));
}

/** A logo centred at (x, y), `width` of the canvas wide, fully opaque. */
export function logoTransform(logo: Size, canvas: Size, width = LOGO_WIDTH, x = 0.5, y = 0.5): Transform {
  return { ...defaultTransform('fit'), scale: scaleForWidth(logo, canvas, width), x, y };
}

/**
 * The watermark per the kit's preset: `size` of the canvas width wide, `margin` (also a fraction of the canvas
 * WIDTH, so the gap looks the same on both edges) from the two edges of its corner, at the preset's opacity.
 * The centre is computed from the rectangle place() will draw (its even-pixel rounding included), so the gap
 * is right to the pixel.
 */
export function watermarkTransform(preset: WatermarkPreset, logo: Size, canvas: Size): Transform {
  const gap = preset.margin * canvas.width;
  const base: Transform = { ...defaultTransform('fit'), scale: scaleForWidth(logo, canvas, watermarkWidth(preset, logo, canvas)), opacity: preset.opacity };
  const { dest } = place(base, logo, canvas, false);
  const left = cornerLeft(preset.corner) ? gap : canvas.width - gap - dest.width;
  const top = cornerTop(preset.corner) ? gap : canvas.height - gap - dest.height;
  return { ...base, x: (left + dest.width / 2) / canvas.width, y: (top + dest.height / 2) / canvas.height };
}

/**
 * The watermark's width as a fraction of the canvas width: the preset's size, narrower when the logo would then
 * be taller than the canvas between its margins (a tall logo on a landscape canvas).
 */
export function watermarkWidth(preset: WatermarkPreset, logo: Size, canvas: Size): number {
  const gap = preset.margin * canvas.width;
  const tallest = Math.max(0, canvas.height - 2 * gap);
  return Math.min(preset.size, (tallest * logo.width) / logo.height / canvas.width);
}

const cornerLeft = (c: Corner) => c === 'top-left' || c === 'bottom-left';
const cornerTop = (c: Corner) => c === 'top-left' || c === 'top-right';

/** The pixels a watermark covers on the canvas (for tests and for checking an exported frame). */
export function watermarkRect(preset: WatermarkPreset, logo: Size, canvas: Size): Rect {
  return place(watermarkTransform(preset, logo, canvas), logo, canvas, false).dest;
}

/** An image layer's box (fractions of the canvas, no rotation) for a rectangle of canvas pixels. */
export function boxOfRect(rect: Rect, canvas: Size): LayerBox {
  return { x: (rect.x + rect.width / 2) / canvas.width, y: (rect.y + rect.height / 2) / canvas.height, w: rect.width / canvas.width, h: rect.height / canvas.height, rotation: 0 };
}

/** An image layer's box for a logo `width` of the canvas wide at (x, y), keeping the logo's aspect. */
export function logoBox(logo: Size, canvas: Size, width = LOGO_WIDTH, x = 0.5, y = 0.5, rotation = 0): LayerBox {
  return { x, y, w: width, h: (width * canvas.width * logo.height) / logo.width / canvas.height, rotation };
}
