import { z } from 'zod';
import type { Size } from './geometry';

/**
 * EXIF orientation (1–8): how a photo's stored pixels are turned and mirrored to be seen upright. The tag says
 * which stored row is the picture's top and which stored column its left:
 *   1 top/left (as stored)   2 top/right (mirrored)   3 bottom/right (half turn)   4 bottom/left (upside-down mirror)
 *   5 left/top (transposed)  6 right/top (quarter turn clockwise)  7 right/bottom (transverse)  8 left/bottom (quarter turn anticlockwise)
 * A photo has one upright picture in Postframe, the one this tag describes: its facts (size), its thumbnail,
 * the preview and the export all show it (docs/export.md, "Photo orientation").
 */
export const Orientation = z.union([z.literal(1), z.literal(2), z.literal(3), z.literal(4), z.literal(5), z.literal(6), z.literal(7), z.literal(8)]);
export type Orientation = z.infer<typeof Orientation>;

/** A tag value as read (any number, or nothing) → an orientation; anything outside 1–8 means "as stored". */
export function toOrientation(v: unknown): Orientation {
  const r = Orientation.safeParse(v);
  return r.success ? r.data : 1;
}

/**
 * The same orientation as a mirror (left↔right) of the stored pixels, then a clockwise turn: 5 is a mirror
 * and three quarter turns, 7 a mirror and one quarter turn.
 */
export function orientationTurn(o: Orientation): { mirrored: boolean; rotation: 0 | 90 | 180 | 270 } {
  const table = {
    1: [false, 0], 2: [true, 0], 3: [false, 180], 4: [true, 180],
    5: [true, 270], 6: [false, 90], 7: [true, 90], 8: [false, 270],
  } as const;
  const [mirrored, rotation] = table[o];
  return { mirrored, rotation };
}

/** The upright size of a picture stored at `stored` size: orientations 5–8 swap width and height. */
export function uprightSize(stored: Size, o: Orientation): Size {
  return o >= 5 ? { width: stored.height, height: stored.width } : { ...stored };
}
