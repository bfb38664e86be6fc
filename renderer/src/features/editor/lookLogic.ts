import { type AdjustKey, type ClipLook, LOOK_RANGES } from '../../../../electron/model/draft';
import { type LutSource, applyLookToPixels, lookTable } from '../../../../electron/model/look';

/**
 * The Look section's pure parts: slider steps and how each value reads, and a look thumbnail's pixels (the
 * clip's picture through each shipped look, by the same maths the preview and the export use).
 */

export const adjustOrder: readonly AdjustKey[] = ['exposure', 'contrast', 'saturation', 'temperature', 'tint', 'vignette', 'sharpen'];

export function adjustStep(key: AdjustKey): number {
  return key === 'exposure' ? 0.05 : 0.01;
}

/** How a value reads next to its slider: exposure in stops (+0.50 EV), the others as signed percentages. */
export function formatAdjust(key: AdjustKey, v: number): string {
  const sign = v > 0 && LOOK_RANGES[key][0] < 0 ? '+' : v < 0 ? '\u2212' : '';
  if (key === 'exposure') return `${sign}${Math.abs(v).toFixed(2)} EV`;
  return `${sign}${Math.round(Math.abs(v) * 100)}`;
}

/** Strength as a percentage. */
export const formatStrength = (v: number) => `${Math.round(v * 100)}%`;

/** Pixels of a thumbnail with a look (shipped, or imported through `source`) at full strength, in place; unchanged while its table is not there. */
export function lookThumbnailPixels(data: Uint8ClampedArray, w: number, h: number, lutId: string | null, source?: LutSource): void {
  if (lutId === null || (source && !source(lutId))) return;
  const look: ClipLook = { adjust: {}, lut: { id: lutId, strength: 1 } };
  applyLookToPixels(data, w, h, look, lookTable(look, source));
}

/**
 * Height of the reference strip under a look thumbnail's picture, in thumbnail pixels. A clip of mostly one colour
 * (a green screen, a sky) shows every look alike; the strip shows each look's effect on what the clip lacks.
 */
export const SWATCH_ROWS = 16;

/**
 * The neutral reference a look thumbnail carries below the clip's picture, as RGBA (w×h): the upper half a sweep
 * of hues round the colour wheel at a moderate saturation (skin tones included), the lower half a grey ramp from
 * black to white. It goes through the look with the picture (lookThumbnailPixels), so it shows what the look does
 * to colour and to light; nothing in it is drawn for one look rather than another.
 */
export function referenceSwatch(w: number, h: number): Uint8ClampedArray {
  const out = new Uint8ClampedArray(w * h * 4);
  const top = Math.ceil(h / 2);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) {
      const u = w > 1 ? x / (w - 1) : 0;
      const [r, g, b] = y < top ? hsvToRgb(u * 360, 0.6, 0.85) : [u, u, u];
      const o = (y * w + x) * 4;
      out[o] = r * 255 + 0.5;
      out[o + 1] = g * 255 + 0.5;
      out[o + 2] = b * 255 + 0.5;
      out[o + 3] = 255;
    }
  }
  return out;
}

function hsvToRgb(hue: number, s: number, v: number): [number, number, number] {
  const f = (n: number) => {
    const k = (n + hue / 60) % 6;
    return v - v * s * Math.max(0, Math.min(k, 4 - k, 1));
  };
  return [f(5), f(3), f(1)];
}
