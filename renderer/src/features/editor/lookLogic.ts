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
