import type { Crop } from './draft-parts';

/**
 * Crops for the photo inspector (docs/image-editor.md "Photo work"): the channel aspects and the largest centred
 * crop of a picture that has one. Pure; the crop is in fractions of the upright source, as PhotoEdit keeps it.
 */

export const cropAspects = [
  { id: '4:5', ratio: 4 / 5 },
  { id: '1:1', ratio: 1 },
  { id: '1.91:1', ratio: 1.91 },
  { id: '9:16', ratio: 9 / 16 },
] as const;
export type CropAspectId = (typeof cropAspects)[number]['id'];

/** The most a side may lose (the schema's limit): a crop keeps at least a tenth of the picture each way. */
const SIDE_MAX = 0.9;

/** The largest crop of a `width`×`height` picture with `ratio` (width / height), centred. */
export function cropForAspect(width: number, height: number, ratio: number): Crop {
  const w = Math.max(1, width);
  const h = Math.max(1, height);
  const r = Math.max(0.01, ratio);
  if (w / h > r) {
    // Too wide: keep the full height, cut the sides.
    const side = Math.min(SIDE_MAX, (1 - (h * r) / w) / 2);
    return { left: side, right: side, top: 0, bottom: 0 };
  }
  const side = Math.min(SIDE_MAX, (1 - w / r / h) / 2);
  return { left: 0, right: 0, top: side, bottom: side };
}

/** The aspect (width / height) of the part a crop keeps. */
export function croppedRatio(width: number, height: number, c: Crop): number {
  return (Math.max(1, width) * (1 - c.left - c.right)) / (Math.max(1, height) * (1 - c.top - c.bottom));
}

/** Which channel aspect a crop has, within a hair (or null: free). */
export function cropAspectOf(width: number, height: number, c: Crop): CropAspectId | null {
  const r = croppedRatio(width, height, c);
  return cropAspects.find((a) => Math.abs(a.ratio - r) / a.ratio < 0.005)?.id ?? null;
}
