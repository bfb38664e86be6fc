import type { Size } from '../../../../electron/model/geometry';
import type { PhotoEdit } from '../../../../electron/model/image-draft';

/** What the canvas asks `images.photo` for (pure: the sizes; photoSource.ts does the asking). */

/** The largest frame `images.photo` takes on a side (8 × the largest canvas). */
const FRAME_MAX = 8 * 4096;
/** The largest bitmap it returns on a side. */
const PICTURE_MAX = 4096;

export type PhotoRequest = { assetId: string; edit: PhotoEdit; width: number; height: number; frame: Size };

/**
 * What to ask for: the frame is the box in whole canvas pixels (as the export draws it); the bitmap is the box at
 * the size it shows on screen (`pixelsPerCanvasPixel`: the canvas's zoom times the device pixel ratio, in
 * quarter steps so a small window resize asks for nothing new), never larger than the frame.
 */
export function photoRequest(assetId: string, edit: PhotoEdit, box: Size, pixelsPerCanvasPixel: number): PhotoRequest {
  const frame = { width: Math.min(FRAME_MAX, Math.max(1, Math.round(box.width))), height: Math.min(FRAME_MAX, Math.max(1, Math.round(box.height))) };
  const steps = Math.max(1, Math.ceil(pixelsPerCanvasPixel * 4)) / 4;
  const k = Math.min(1, steps, PICTURE_MAX / Math.max(frame.width, frame.height));
  return { assetId, edit, width: Math.max(1, Math.round(frame.width * k)), height: Math.max(1, Math.round(frame.height * k)), frame };
}

export const photoRequestKey = (r: PhotoRequest): string => JSON.stringify([r.assetId, r.edit, r.width, r.height, r.frame.width, r.frame.height]);

