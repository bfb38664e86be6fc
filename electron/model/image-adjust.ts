import type { Adjustments, PhotoFilter } from './image-draft';

/**
 * The photo maths of image drafts (docs/image-render.md "The maths"): adjustments and filters on RGBA pixels.
 * Pure and synchronous, so the one module runs in the export (over sharp's raw pixels, render/image-render.ts)
 * and for the editor's preview (the engine hands the preview the bitmap this module made, `images.photo`):
 * preview and export cannot disagree.
 *
 * Order (the schema's): exposure and temperature (in linear light), contrast, saturation, vibrance (on the
 * sRGB-encoded values), sharpen (unsharp mask), vignette, then the filter blended by its strength. Every step
 * is skipped at its neutral value, so a photo with no edit comes back bit for bit. Alpha is never changed.
 */

export type RgbaPixels = { data: Uint8Array | Uint8ClampedArray; width: number; height: number };
/**
 * Where the pixels lie inside the picture a position-dependent effect (vignette) is measured against: a page's
 * slice of a spread, or a tile, gets the same vignette as the whole. Default: the pixels are the whole picture.
 */
export type PixelFrame = { x: number; y: number; width: number; height: number };

/** ±1 exposure is ±2 stops (×4 or ×¼ in linear light). */
export const EXPOSURE_STOPS = 2;
/** ±1 temperature is a white-balance gain of 2^±0.35 on red and the inverse on blue (linear light). */
export const TEMPERATURE_STOPS = 0.35;
/** ±1 contrast is a slope of 2^±1 about mid-grey (0.5 in sRGB values). */
export const CONTRAST_STOPS = 1;
/** Unsharp mask amount at sharpen 1. */
export const SHARPEN_AMOUNT = 1.5;
/** Darkening at the corners at vignette 1 (0.75: a quarter of the light is left). */
export const VIGNETTE_DEPTH = 0.75;
/** Vignette starts at this fraction of the centre-to-corner distance. */
export const VIGNETTE_START = 0.35;

/** Rec. 709 luma weights (sRGB primaries), used on encoded values as photo editors do. */
const LR = 0.2126;
const LG = 0.7152;
const LB = 0.0722;

const toLinear = new Float64Array(256);
for (let i = 0; i < 256; i++) {
  const v = i / 255;
  toLinear[i] = v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
}
function toSrgb(l: number): number {
  if (l <= 0) return 0;
  if (l >= 1) return 1;
  return l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055;
}
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
/** v in 0…1 → a byte; NaN cannot come out (clamp01 of NaN is NaN, so it is caught here). */
const toByte = (v: number) => (v > 0 ? (v < 1 ? Math.round(v * 255) : 255) : 0);

export function isIdentityAdjust(a: Adjustments): boolean {
  return a.exposure === 0 && a.contrast === 0 && a.saturation === 0 && a.temperature === 0 && a.vibrance === 0 && a.sharpen === 0 && a.vignette === 0;
}
export function isIdentityFilter(f: PhotoFilter): boolean {
  return f.name === 'none' || f.strength === 0;
}
export function isIdentityEdit(a: Adjustments, f: PhotoFilter): boolean {
  return isIdentityAdjust(a) && isIdentityFilter(f);
}

/**
 * One lookup table per channel for the per-channel steps (exposure, temperature, contrast): byte in → value
 * 0…1 out. Exposure and temperature are gains in linear light (what a camera's exposure and white balance are);
 * contrast is a straight line through mid-grey on the encoded value, clipped.
 */
export function toneCurves(a: Pick<Adjustments, 'exposure' | 'temperature' | 'contrast'>): [Float64Array, Float64Array, Float64Array] {
  const gain = 2 ** (EXPOSURE_STOPS * a.exposure);
  const warm = 2 ** (TEMPERATURE_STOPS * a.temperature);
  const gains = [gain * warm, gain, gain / warm];
  const slope = 2 ** (CONTRAST_STOPS * a.contrast);
  const linear = a.exposure !== 0 || a.temperature !== 0;
  return gains.map((g) => {
    const lut = new Float64Array(256);
    for (let i = 0; i < 256; i++) {
      let v = linear ? toSrgb(toLinear[i]! * g) : i / 255;
      if (a.contrast !== 0) v = clamp01(0.5 + (v - 0.5) * slope);
      lut[i] = v;
    }
    return lut;
  }) as [Float64Array, Float64Array, Float64Array];
}

/**
 * Saturation scales every channel's distance from the pixel's luma by (1 + s): −1 is grey, +1 doubles the
 * colour. Vibrance does the same with a factor that shrinks as the pixel gets more colourful (chroma = max −
 * min), so muted colours move most and skin and already-vivid colours little: 1 + v·(1 − chroma).
 */
function colourFactor(r: number, g: number, b: number, saturation: number, vibrance: number): number {
  let k = 1 + saturation;
  if (vibrance !== 0) {
    const chroma = Math.max(r, g, b) - Math.min(r, g, b);
    k *= 1 + vibrance * (1 - chroma);
  }
  return k;
}

/**
 * The filters. Each is an affine map of the encoded RGB (0…1): a 3×4 matrix, rows r, g, b, columns r, g, b and
 * an offset (so one multiply per pixel, whatever the filter). The result is clipped to 0…1, then blended with
 * the input by `strength` (0: the input, 1: the filter). Written out (y is luma, v the channel):
 * - mono: y · sepia: the classic sepia matrix (CSS's sepia()) · warm: r·1.08 + 0.03, g·1.02, b·0.86 ·
 *   cool: r·0.88, g, b·1.08 + 0.03 · fade (matte print: 30 % less colour, blacks lifted to 0.1, whites down to
 *   0.9): 0.1 + 0.8·(y + 0.7·(v − y)) · vivid (40 % more colour, slope 1.15 about mid-grey):
 *   0.5 + 1.15·(y + 1.4·(v − y) − 0.5) · noir (grey, slope 1.6 about mid-grey): 0.5 + 1.6·(y − 0.5).
 */
export type FilterMatrix = readonly [number, number, number, number, number, number, number, number, number, number, number, number];
const lumaRow = (k: number, off: number) => [LR * k, LG * k, LB * k, off];
/** Row for v' = a·v + b·y + c on channel `ch` (0 r, 1 g, 2 b). */
const mixRow = (ch: number, a: number, b: number, c: number) => [LR * b + (ch === 0 ? a : 0), LG * b + (ch === 1 ? a : 0), LB * b + (ch === 2 ? a : 0), c];
export const filterMatrices: Record<Exclude<PhotoFilter['name'], 'none'>, FilterMatrix> = {
  mono: [...lumaRow(1, 0), ...lumaRow(1, 0), ...lumaRow(1, 0)] as unknown as FilterMatrix,
  sepia: [0.393, 0.769, 0.189, 0, 0.349, 0.686, 0.168, 0, 0.272, 0.534, 0.131, 0],
  warm: [1.08, 0, 0, 0.03, 0, 1.02, 0, 0, 0, 0, 0.86, 0],
  cool: [0.88, 0, 0, 0, 0, 1, 0, 0, 0, 0, 1.08, 0.03],
  fade: [0, 1, 2].flatMap((ch) => mixRow(ch, 0.8 * 0.7, 0.8 * 0.3, 0.1)) as unknown as FilterMatrix,
  vivid: [0, 1, 2].flatMap((ch) => mixRow(ch, 1.15 * 1.4, 1.15 * -0.4, 0.5 - 1.15 * 0.5)) as unknown as FilterMatrix,
  noir: [...lumaRow(1.6, -0.3), ...lumaRow(1.6, -0.3), ...lumaRow(1.6, -0.3)] as unknown as FilterMatrix,
};

/**
 * The vignette's light factor at a point: 1 inside VIGNETTE_START of the centre-to-corner distance, falling
 * with a smoothstep to 1 − depth·strength at the corners. Distance is measured in the frame's own proportions
 * (an ellipse on a wide picture), so the corners of any shape get the full effect.
 */
export function vignetteFactor(fx: number, fy: number, strength: number): number {
  const dx = fx * 2 - 1;
  const dy = fy * 2 - 1;
  const d = Math.min(1, Math.sqrt((dx * dx + dy * dy) / 2));
  const t = clamp01((d - VIGNETTE_START) / (1 - VIGNETTE_START));
  const s = t * t * (3 - 2 * t);
  return 1 - VIGNETTE_DEPTH * strength * s;
}

/**
 * The blur radius of the unsharp mask in pixels: 1 at preview sizes, growing with the picture so a 4096-pixel
 * export is sharpened at the same scale as its preview (one pixel per 700 of the shorter side, at least 1).
 */
export function sharpenRadius(width: number, height: number): number {
  return Math.max(1, Math.round(Math.min(width, height) / 700));
}

/**
 * A separable box blur of one float plane (edges clamped): the unsharp mask's low-pass. Both passes run along
 * rows (the vertical one keeps a running sum per column), so memory is read in order.
 */
function boxBlur(src: Float32Array, w: number, h: number, r: number): Float32Array {
  const tmp = new Float32Array(src.length);
  const out = new Float32Array(src.length);
  const inv = 1 / (2 * r + 1);
  for (let y = 0; y < h; y++) {
    const row = y * w;
    let sum = 0;
    for (let k = -r; k <= r; k++) sum += src[row + (k < 0 ? 0 : k >= w ? w - 1 : k)]!;
    for (let x = 0; x < w; x++) {
      tmp[row + x] = sum * inv;
      const add = x + r + 1;
      const sub = x - r;
      sum += src[row + (add >= w ? w - 1 : add)]! - src[row + (sub < 0 ? 0 : sub)]!;
    }
  }
  const col = new Float64Array(w);
  for (let k = -r; k <= r; k++) {
    const row = (k < 0 ? 0 : k >= h ? h - 1 : k) * w;
    for (let x = 0; x < w; x++) col[x] = col[x]! + tmp[row + x]!;
  }
  for (let y = 0; y < h; y++) {
    const row = y * w;
    const add = (y + r + 1 >= h ? h - 1 : y + r + 1) * w;
    const sub = (y - r < 0 ? 0 : y - r) * w;
    for (let x = 0; x < w; x++) {
      out[row + x] = col[x]! * inv;
      col[x] = col[x]! + tmp[add + x]! - tmp[sub + x]!;
    }
  }
  return out;
}

/**
 * The photo's adjustments and filter on RGBA pixels (4 bytes a pixel): a new array, the input untouched. With
 * nothing to do, a copy of the input.
 */
export function adjustPixels(px: RgbaPixels, adjust: Adjustments, filter: PhotoFilter, frame?: PixelFrame): Uint8ClampedArray {
  const { data, width, height } = px;
  const n = width * height;
  if (data.length !== n * 4) throw new RangeError(`adjustPixels: ${data.length} bytes is not ${width}×${height} RGBA`);
  const out = new Uint8ClampedArray(data);
  if (isIdentityEdit(adjust, filter)) return out;

  const tone = adjust.exposure !== 0 || adjust.temperature !== 0 || adjust.contrast !== 0;
  const [lr, lg, lb] = tone ? toneCurves(adjust) : [null, null, null];
  const colour = adjust.saturation !== 0 || adjust.vibrance !== 0;
  // The encoded RGB after the per-pixel steps, as floats, for the neighbourhood and position steps.
  const planes = [new Float32Array(n), new Float32Array(n), new Float32Array(n)] as const;
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    let r = lr ? lr[data[o]!]! : data[o]! / 255;
    let g = lg ? lg[data[o + 1]!]! : data[o + 1]! / 255;
    let b = lb ? lb[data[o + 2]!]! : data[o + 2]! / 255;
    if (colour) {
      const y = LR * r + LG * g + LB * b;
      const k = colourFactor(r, g, b, adjust.saturation, adjust.vibrance);
      r = clamp01(y + (r - y) * k);
      g = clamp01(y + (g - y) * k);
      b = clamp01(y + (b - y) * k);
    }
    planes[0][i] = r;
    planes[1][i] = g;
    planes[2][i] = b;
  }

  if (adjust.sharpen > 0) {
    const radius = sharpenRadius(width, height);
    const amount = SHARPEN_AMOUNT * adjust.sharpen;
    for (const p of planes) {
      const low = boxBlur(p, width, height, radius);
      for (let i = 0; i < n; i++) p[i] = clamp01(p[i]! + amount * (p[i]! - low[i]!));
    }
  }

  if (adjust.vignette > 0) {
    const f = frame ?? { x: 0, y: 0, width, height };
    for (let y = 0; y < height; y++) {
      const fy = (f.y + y + 0.5) / f.height;
      for (let x = 0; x < width; x++) {
        const k = vignetteFactor((f.x + x + 0.5) / f.width, fy, adjust.vignette);
        const i = y * width + x;
        planes[0][i] = planes[0][i]! * k;
        planes[1][i] = planes[1][i]! * k;
        planes[2][i] = planes[2][i]! * k;
      }
    }
  }

  const m = isIdentityFilter(filter) || filter.name === 'none' ? null : filterMatrices[filter.name];
  const st = filter.strength;
  const [p0, p1, p2] = planes;
  for (let i = 0; i < n; i++) {
    let r = p0[i]!;
    let g = p1[i]!;
    let b = p2[i]!;
    if (m) {
      const fr = clamp01(m[0] * r + m[1] * g + m[2] * b + m[3]);
      const fg = clamp01(m[4] * r + m[5] * g + m[6] * b + m[7]);
      const fb = clamp01(m[8] * r + m[9] * g + m[10] * b + m[11]);
      r += (fr - r) * st;
      g += (fg - g) * st;
      b += (fb - b) * st;
    }
    const o = i * 4;
    out[o] = toByte(r);
    out[o + 1] = toByte(g);
    out[o + 2] = toByte(b);
  }
  return out;
}
