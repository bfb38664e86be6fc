import type { Transform } from './draft';

export type Size = { width: number; height: number };
export type Rect = { x: number; y: number; width: number; height: number };

/** Where a source lands on the canvas, in whole pixels, shared by the export compiler and the preview. */
export type Placement = {
  /** The part of the source (display orientation, pixels) that is shown. */
  source: Rect;
  /** Where that part is drawn on the canvas (may extend past its edges). */
  dest: Rect;
  /** `blur` reframe: a blurred copy of the same source part covering the canvas, drawn first. */
  backdrop: { dest: Rect; sigma: number } | null;
  /** `fit` on the main track: the canvas is filled with this colour first. */
  pad: string | null;
};

/**
 * Pixel sizes as people write them: 1080×1920 (a multiplication sign, no spaces, no thousands separators). The
 * one rule for every message and label, engine and renderer alike (renderer/src/i18n/format.ts re-exports it).
 */
export function formatDimensions(width: number, height: number): string {
  return `${Math.round(width)}×${Math.round(height)}`;
}

const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** Blur strength of the `blur` reframe's backdrop, as a Gaussian sigma in canvas pixels. */
export function backdropSigma(canvas: Size): number {
  return Math.round(Math.max(canvas.width, canvas.height) / 48);
}

/**
 * Places a source of `src` display size on a canvas per its transform: crop, then scale to cover (fill) or
 * to fit inside (fit, blur), times `scale`, centred at (x, y) in canvas fractions. Sizes are rounded to even
 * pixels (what yuv420p and ffmpeg's scaler need) so preview and export draw exactly the same rectangle.
 * `background` is whether the source is the bottom layer (main track): only then do fit and blur paint the
 * rest of the canvas.
 */
export function place(t: Transform, src: Size, canvas: Size, background: boolean): Placement {
  // Crops that leave (almost) nothing keep a sliver of 2 px, inside the source even when it is tinier than
  // that: ffmpeg's crop refuses a rectangle that reaches past the frame.
  const width = Math.min(src.width, Math.max(2, Math.round(src.width * (1 - t.crop.left - t.crop.right))));
  const height = Math.min(src.height, Math.max(2, Math.round(src.height * (1 - t.crop.top - t.crop.bottom))));
  const left = Math.min(Math.round(src.width * t.crop.left), src.width - width);
  const top = Math.min(Math.round(src.height * t.crop.top), src.height - height);
  const source: Rect = { x: left, y: top, width, height };

  const cover = Math.max(canvas.width / width, canvas.height / height);
  const base = reframeFactor(t.reframe, { width, height }, canvas);
  const dw = even(width * base * t.scale);
  const dh = even(height * base * t.scale);
  const dest: Rect = { x: Math.round(t.x * canvas.width - dw / 2), y: Math.round(t.y * canvas.height - dh / 2), width: dw, height: dh };

  let backdrop: Placement['backdrop'] = null;
  if (background && t.reframe === 'blur') {
    const bw = even(width * cover);
    const bh = even(height * cover);
    backdrop = { dest: { x: Math.round((canvas.width - bw) / 2), y: Math.round((canvas.height - bh) / 2), width: bw, height: bh }, sigma: backdropSigma(canvas) };
  }
  return { source, dest, backdrop, pad: background && t.reframe === 'fit' ? t.padColor : null };
}

/** Canvas pixels per (cropped) source pixel that the reframe gives at scale 1: cover for fill, contain otherwise. */
export function reframeFactor(reframe: Transform['reframe'], cropped: Size, canvas: Size): number {
  const cover = Math.max(canvas.width / cropped.width, canvas.height / cropped.height);
  const contain = Math.min(canvas.width / cropped.width, canvas.height / cropped.height);
  return reframe === 'fill' ? cover : contain;
}

/** Display size of a source: rotation by a quarter turn swaps width and height. */
export function displaySize(width: number, height: number, rotation: number): Size {
  return rotation % 180 === 0 ? { width, height } : { width: height, height: width };
}
