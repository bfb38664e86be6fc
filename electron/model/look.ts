import type { ClipLook, LookAdjust } from './clip-look';
import { type CubeLut, sampleCube, sampleInto, tabulate } from './cube-lut';
import { shippedLut } from './look-catalogue';

/**
 * A clip's look as maths (docs/looks.md), ONE definition for preview and export:
 * - colour (exposure, temperature, tint, contrast, saturation, then the LUT mixed in by its strength) is a
 *   function of the pixel's RGB alone, so it is baked into one LOOK_LUT_SIZE³ table (lookTable). The export
 *   writes that table as a .cube and applies it with `lut3d=interp=trilinear`; the preview samples the same
 *   table with the same trilinear interpolation (cube-lut.ts sampleInto): the two cannot disagree;
 * - vignette is ffmpeg's `vignette` filter (forward, no dither) on RGB: light × cos(angle·d)⁴, d the distance
 *   from the centre over half the diagonal; the preview computes the same factor (vignetteAt);
 * - sharpen is ffmpeg's `unsharp` (5×5 luma mask); the preview approximates it with a 3×3 unsharp mask.
 * All of it runs on the clip's own picture (upright, before crop and placement), so a vignette frames the
 * picture, not the canvas.
 */

export const LOOK_LUT_SIZE = 33;
/** ±1 temperature is a white-balance gain of 2^±0.35 on red and the inverse on blue (linear light). */
export const TEMPERATURE_STOPS = 0.35;
/** +1 tint is 2^−0.3 on green (magenta), −1 is 2^+0.3 (green), in linear light. */
export const TINT_STOPS = 0.3;
/** ±1 contrast is a slope of 2^±1 about mid-grey on the encoded value. */
export const CONTRAST_STOPS = 1;
/** vignette 1 is ffmpeg's vignette at this lens angle (radians): cos(1.1)⁴ ≈ 0.04 of the light at the corners. */
export const VIGNETTE_ANGLE = 1.1;
/** unsharp luma amount at sharpen 1. */
export const SHARPEN_AMOUNT = 1.5;

const LR = 0.2126;
const LG = 0.7152;
const LB = 0.0722;
const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
const toLinear = (v: number) => (v <= 0.04045 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
const toSrgb = (l: number) => (l <= 0 ? 0 : l >= 1 ? 1 : l <= 0.0031308 ? l * 12.92 : 1.055 * l ** (1 / 2.4) - 0.055);

const a0 = (v: number | undefined) => v ?? 0;

/** True when the look changes nothing (no adjustment, no LUT or a LUT at strength 0). */
export function isIdentityLook(look: ClipLook | undefined | null): boolean {
  if (!look) return true;
  const a = look.adjust;
  return (!look.lut || look.lut.strength === 0) && Object.values(a).every((v) => !v);
}

/** True when the colour part (the table) changes anything. */
export function hasColour(look: ClipLook): boolean {
  const a = look.adjust;
  return (look.lut !== null && look.lut.strength > 0) || !!(a.exposure || a.contrast || a.saturation || a.temperature || a.tint);
}

/** The colour adjustments on one encoded 0..1 RGB colour (before the LUT). */
export function adjustColour(r: number, g: number, b: number, adjust: LookAdjust): [number, number, number] {
  const exposure = a0(adjust.exposure);
  const temperature = a0(adjust.temperature);
  const tint = a0(adjust.tint);
  const contrast = a0(adjust.contrast);
  const saturation = a0(adjust.saturation);
  if (exposure !== 0 || temperature !== 0 || tint !== 0) {
    // Gains in linear light, as a camera's exposure and white balance are.
    const gain = 2 ** exposure;
    const warm = 2 ** (TEMPERATURE_STOPS * temperature);
    const green = 2 ** (-TINT_STOPS * tint);
    r = toSrgb(toLinear(r) * gain * warm);
    g = toSrgb(toLinear(g) * gain * green);
    b = toSrgb(toLinear(b) * gain / warm);
  }
  if (contrast !== 0) {
    const slope = 2 ** (CONTRAST_STOPS * contrast);
    r = clamp01(0.5 + (r - 0.5) * slope);
    g = clamp01(0.5 + (g - 0.5) * slope);
    b = clamp01(0.5 + (b - 0.5) * slope);
  }
  if (saturation !== 0) {
    const y = LR * r + LG * g + LB * b;
    const k = 1 + saturation;
    r = clamp01(y + (r - y) * k);
    g = clamp01(y + (g - y) * k);
    b = clamp01(y + (b - y) * k);
  }
  return [r, g, b];
}

/** Where a look's LUT comes from: the shipped looks, or (imported LUTs) a table the caller has read. */
export type LutSource = (id: string) => CubeLut | null;
export const shippedOnly: LutSource = shippedLut;

/** The whole colour part of a look on one colour: adjustments, then the LUT mixed in by its strength. */
export function lookColour(r: number, g: number, b: number, look: ClipLook, lut: CubeLut | null): [number, number, number] {
  const c = adjustColour(r, g, b, look.adjust);
  const s = look.lut?.strength ?? 0;
  if (!lut || s === 0) return c;
  const l = sampleCube(lut, c[0], c[1], c[2]);
  return [c[0] + (l[0] - c[0]) * s, c[1] + (l[1] - c[1]) * s, c[2] + (l[2] - c[2]) * s];
}

/**
 * The look's colour as one table (LOOK_LUT_SIZE³). Throws when the look names a LUT `source` does not know
 * (the caller says which look is missing).
 */
export function lookTable(look: ClipLook, source: LutSource = shippedOnly): CubeLut {
  const lut = look.lut ? source(look.lut.id) : null;
  if (look.lut && !lut) throw new Error(`Unknown look "${look.lut.id}"`);
  return tabulate(LOOK_LUT_SIZE, (r, g, b) => lookColour(r, g, b, look, lut), 'Postframe look');
}

/** The vignette's light factor at pixel (x, y) of a w×h picture: ffmpeg vignette's cos(angle·d)⁴. */
export function vignetteAt(x: number, y: number, w: number, h: number, strength: number): number {
  if (strength <= 0) return 1;
  const d = Math.hypot(x - w / 2, y - h / 2) / Math.hypot(w / 2, h / 2);
  const c = Math.cos(VIGNETTE_ANGLE * strength * Math.min(1, d));
  return c * c * (c * c);
}

/**
 * The look as ffmpeg filters, for a picture whose table is at `cubePath` (written from lookTable by the
 * export). Empty for a look that changes nothing. `alphaName`: a photo's vignette keeps the picture's alpha
 * (ffmpeg's vignette has no alpha format): the chain splits the alpha off and merges it back, with pad names
 * made from it (unique in the graph).
 */
export function lookFilters(look: ClipLook | undefined, cubePath: string | null, video = false, alphaName?: string): string[] {
  if (!look || isIdentityLook(look)) return [];
  // Video is turned into RGB and back with BT.709, the matrix browsers and players use for untagged HD footage:
  // the look works on the colours the preview (and a viewer) sees. ffmpeg's own default would be BT.601.
  const out: string[] = video ? ['scale=in_color_matrix=bt709:out_color_matrix=bt709', 'format=rgb24'] : [];
  if (hasColour(look)) {
    if (!cubePath) throw new Error('lookFilters: a colour look needs its table file');
    // Forward slashes and an escaped drive colon: the path is a filter option inside -filter_complex.
    out.push(`lut3d=file=${cubePath.replace(/\\/g, '/').replace(/:/g, '\\:')}:interp=trilinear`);
  }
  const v = a0(look.adjust.vignette);
  const vignette = `vignette=angle=${fmt(VIGNETTE_ANGLE * v)}:dither=0`;
  if (v > 0 && !video && alphaName) {
    const n = alphaName;
    out.push(`format=rgba,split=2[${n}c][${n}a];[${n}a]alphaextract[${n}m];[${n}c]format=rgb24,${vignette}[${n}v];[${n}v][${n}m]alphamerge`);
  } else if (v > 0) {
    out.push(...(video ? [] : ['format=rgb24']), vignette);
  }
  const s = a0(look.adjust.sharpen);
  if (video) out.push('scale=in_color_matrix=bt709:out_color_matrix=bt709', 'format=yuv420p');
  if (s > 0) out.push(`unsharp=luma_msize_x=5:luma_msize_y=5:luma_amount=${fmt(SHARPEN_AMOUNT * s)}:chroma_amount=0`);
  return out;
}
const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);

/**
 * The look on RGBA pixels in place (alpha kept): the preview's pass over a clip's picture at display size.
 * `table` is lookTable(look) (callers cache it: building it is ~36k colour evaluations).
 */
export function applyLookToPixels(data: Uint8ClampedArray, w: number, h: number, look: ClipLook, table: CubeLut | null): void {
  const n = w * h;
  if (table && hasColour(look)) {
    const out = new Float32Array(3);
    for (let i = 0; i < n; i++) {
      const o = i * 4;
      sampleInto(table, data[o]! / 255, data[o + 1]! / 255, data[o + 2]! / 255, out);
      data[o] = out[0]! * 255 + 0.5;
      data[o + 1] = out[1]! * 255 + 0.5;
      data[o + 2] = out[2]! * 255 + 0.5;
    }
  }
  const v = a0(look.adjust.vignette);
  if (v > 0) {
    for (let y = 0; y < h; y++) {
      for (let x = 0; x < w; x++) {
        const k = vignetteAt(x + 0.5, y + 0.5, w, h, v);
        const o = (y * w + x) * 4;
        data[o] = data[o]! * k;
        data[o + 1] = data[o + 1]! * k;
        data[o + 2] = data[o + 2]! * k;
      }
    }
  }
  const s = a0(look.adjust.sharpen);
  if (s > 0 && w > 2 && h > 2) unsharp3(data, w, h, SHARPEN_AMOUNT * s);
}

/** A 3×3 box unsharp mask on RGB: the preview's stand-in for ffmpeg's 5×5 luma unsharp. */
function unsharp3(data: Uint8ClampedArray, w: number, h: number, amount: number): void {
  const src = new Uint8ClampedArray(data);
  for (let y = 0; y < h; y++) {
    const y0 = y > 0 ? y - 1 : 0;
    const y1 = y < h - 1 ? y + 1 : h - 1;
    for (let x = 0; x < w; x++) {
      const x0 = x > 0 ? x - 1 : 0;
      const x1 = x < w - 1 ? x + 1 : w - 1;
      const o = (y * w + x) * 4;
      for (let c = 0; c < 3; c++) {
        const sum = src[(y0 * w + x0) * 4 + c]! + src[(y0 * w + x) * 4 + c]! + src[(y0 * w + x1) * 4 + c]! + src[(y * w + x0) * 4 + c]! + src[o + c]! + src[(y * w + x1) * 4 + c]! + src[(y1 * w + x0) * 4 + c]! + src[(y1 * w + x) * 4 + c]! + src[(y1 * w + x1) * 4 + c]!;
        data[o + c] = src[o + c]! + amount * (src[o + c]! - sum / 9);
      }
    }
  }
}
