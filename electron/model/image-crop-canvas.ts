import type { Size } from './geometry';
import type { Crop } from './draft-parts';
import { type PixelBox, type Point, pixelBox } from './image-box';
import type { ImageDraft, ImageMediaLayer } from './image-draft';
import { type ImageEditResult, updateLayer, withPixelBox } from './image-edit';
import { cropAspects } from './image-crop';
import { type Handle, type Rect, handleDir } from './image-transform';

/**
 * Crop on the canvas (docs/image-editor.md "Crop on the canvas"): the whole photo laid out at the size it has in
 * its layer, the crop rectangle over it. Everything is in the layer's own frame: canvas pixels, origin at the
 * layer's centre, axes turned with the layer, the photo as it shows (mirrored when flipped). Straighten is left
 * out here: it turns the picture inside the frame after the crop, as the compositor does. Pure.
 *
 * Invariants every function keeps: the crop lies inside the photo, keeps at least MIN_KEEP of the photo each way
 * (so no side loses more than the schema's 0.9), and with a ratio its width is exactly ratio × its height.
 */

/** The least of the photo a crop keeps on each axis (the schema lets a side lose at most 0.9). */
export const MIN_KEEP = 0.1;

export type CropSession = {
  pageId: string;
  layerId: string;
  /** The photo, whole, in the layer's frame. */
  photo: Rect;
  /** What the layer will show. */
  crop: Rect;
  /** Width / height held while dragging corners and edges; null: free. */
  ratio: number | null;
  /** The layer's centre on the canvas and its turn: where the frame sits. */
  centre: Point;
  rotation: number;
  flipH: boolean;
  flipV: boolean;
};

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** Whether a crop of `ratio` can keep MIN_KEEP of the photo each way. */
export function ratioFits(photo: Size, ratio: number): boolean {
  return MIN_KEEP * photo.width <= photo.height * ratio + 1e-9 && MIN_KEEP * photo.height * ratio <= photo.width + 1e-9;
}

/** The channel aspects a photo can take (an extreme panorama cannot be 9:16 and keep a tenth of its width). */
export function aspectsFor(photo: Size): (typeof cropAspects)[number][] {
  return cropAspects.filter((a) => ratioFits(photo, a.ratio));
}

/**
 * A rectangle made legal: at least MIN_KEEP of the photo each way, no larger than the photo, the ratio held
 * (growing or shrinking about its centre), then moved inside the photo.
 */
export function fitCrop(rect: Rect, photo: Rect, ratio: number | null): Rect {
  const minW = MIN_KEEP * photo.width;
  const minH = MIN_KEEP * photo.height;
  let w: number;
  let h: number;
  if (ratio === null) {
    w = clamp(rect.width, minW, photo.width);
    h = clamp(rect.height, minH, photo.height);
  } else {
    const wMax = Math.min(photo.width, photo.height * ratio);
    const wMin = Math.min(wMax, Math.max(minW, minH * ratio));
    // The same area as asked, in the new shape.
    w = clamp(Math.sqrt(Math.max(1e-9, rect.width * rect.height) * ratio), wMin, wMax);
    h = w / ratio;
  }
  const cx = rect.x + rect.width / 2;
  const cy = rect.y + rect.height / 2;
  return { x: clamp(cx - w / 2, photo.x, photo.x + photo.width - w), y: clamp(cy - h / 2, photo.y, photo.y + photo.height - h), width: w, height: h };
}

/** The crop as it shows (mirrored with the photo): which stored side is on the left, top… */
function shownCrop(c: Crop, flipH: boolean, flipV: boolean): Crop {
  return { left: flipH ? c.right : c.left, right: flipH ? c.left : c.right, top: flipV ? c.bottom : c.top, bottom: flipV ? c.top : c.bottom };
}

/**
 * A crop session for a photo layer of a `source`-sized picture. The compositor covers the layer's frame with the
 * cropped picture (centred), so what the frame shows may be less than the stored crop: the session starts from
 * what shows, at the same scale, so the photo does not jump. `ratio`: the one to hold (null: free).
 */
export function startCropSession(pageId: string, layer: ImageMediaLayer, canvas: Size, source: Size, ratio: number | null): CropSession {
  const sw = Math.max(1, source.width);
  const sh = Math.max(1, source.height);
  const frame = pixelBox(layer.box, canvas);
  const c = shownCrop(layer.edit.crop, layer.edit.flipH, layer.edit.flipV);
  const cw = sw * (1 - c.left - c.right);
  const ch = sh * (1 - c.top - c.bottom);
  const k = Math.max(frame.width / cw, frame.height / ch);
  // The part of the source the frame shows, centred in the crop.
  const vx = sw * c.left + (cw - frame.width / k) / 2;
  const vy = sh * c.top + (ch - frame.height / k) / 2;
  const photo = { x: -frame.width / 2 - vx * k, y: -frame.height / 2 - vy * k, width: sw * k, height: sh * k };
  const held = ratio !== null && ratioFits(photo, ratio) ? ratio : null;
  const crop = fitCrop({ x: -frame.width / 2, y: -frame.height / 2, width: frame.width, height: frame.height }, photo, held);
  return { pageId, layerId: layer.id, photo, crop, ratio: held, centre: { x: frame.cx, y: frame.cy }, rotation: frame.rotation, flipH: layer.edit.flipH, flipV: layer.edit.flipV };
}

/** A canvas point in the session's frame (the layer's centre, turned with it). */
export function toCropFrame(s: Pick<CropSession, 'centre' | 'rotation'>, p: Point): Point {
  const r = (-s.rotation * Math.PI) / 180;
  const dx = p.x - s.centre.x;
  const dy = p.y - s.centre.y;
  return { x: dx * Math.cos(r) - dy * Math.sin(r), y: dx * Math.sin(r) + dy * Math.cos(r) };
}

/**
 * Drags one of the crop's handles to `pointer` (the session's frame). The opposite corner (or edge) stays put;
 * with a ratio a corner keeps it (the larger of the pointer's two pulls wins) and an edge grows the other side
 * about the centre. The crop never leaves the photo, never shrinks below MIN_KEEP and never turns inside out.
 */
export function dragCropHandle(s: CropSession, handle: Handle, pointer: Point): CropSession {
  const { photo: P, crop: C, ratio } = s;
  const { hx, hy } = handleDir(handle);
  const minW = MIN_KEEP * P.width;
  const minH = MIN_KEEP * P.height;
  const right = C.x + C.width;
  const bottom = C.y + C.height;
  if (ratio === null) {
    let x0 = C.x;
    let x1 = right;
    let y0 = C.y;
    let y1 = bottom;
    if (hx > 0) x1 = clamp(pointer.x, x0 + minW, P.x + P.width);
    if (hx < 0) x0 = clamp(pointer.x, P.x, x1 - minW);
    if (hy > 0) y1 = clamp(pointer.y, y0 + minH, P.y + P.height);
    if (hy < 0) y0 = clamp(pointer.y, P.y, y1 - minH);
    return { ...s, crop: { x: x0, y: y0, width: x1 - x0, height: y1 - y0 } };
  }
  const wMin = Math.max(minW, minH * ratio);
  if (hx !== 0 && hy !== 0) {
    // A corner: the opposite corner is the anchor.
    const ax = hx > 0 ? C.x : right;
    const ay = hy > 0 ? C.y : bottom;
    const pull = Math.max(hx * (pointer.x - ax), hy * (pointer.y - ay) * ratio);
    const room = Math.min(hx > 0 ? P.x + P.width - ax : ax - P.x, (hy > 0 ? P.y + P.height - ay : ay - P.y) * ratio);
    const w = clamp(pull, Math.min(wMin, room), room);
    const h = w / ratio;
    return { ...s, crop: { x: hx > 0 ? ax : ax - w, y: hy > 0 ? ay : ay - h, width: w, height: h } };
  }
  if (hx !== 0) {
    // A side edge: the width follows the pointer, the height follows the width about the centre line.
    const ax = hx > 0 ? C.x : right;
    const cy = C.y + C.height / 2;
    const room = Math.min(hx > 0 ? P.x + P.width - ax : ax - P.x, 2 * Math.min(cy - P.y, P.y + P.height - cy) * ratio);
    const w = clamp(hx * (pointer.x - ax), Math.min(wMin, room), room);
    const h = w / ratio;
    return { ...s, crop: { x: hx > 0 ? ax : ax - w, y: cy - h / 2, width: w, height: h } };
  }
  // A top or bottom edge.
  const ay = hy > 0 ? C.y : bottom;
  const cx = C.x + C.width / 2;
  const hMin = wMin / ratio;
  const room = Math.min(hy > 0 ? P.y + P.height - ay : ay - P.y, (2 * Math.min(cx - P.x, P.x + P.width - cx)) / ratio);
  const h = clamp(hy * (pointer.y - ay), Math.min(hMin, room), room);
  const w = h * ratio;
  return { ...s, crop: { x: cx - w / 2, y: hy > 0 ? ay : ay - h, width: w, height: h } };
}

/** Moves the photo under the crop by (dx, dy) in the session's frame, as far as the crop stays covered. */
export function panCropPhoto(s: CropSession, dx: number, dy: number): CropSession {
  const { photo: P, crop: C } = s;
  const x = clamp(P.x + dx, C.x + C.width - P.width, C.x);
  const y = clamp(P.y + dy, C.y + C.height - P.height, C.y);
  return x === P.x && y === P.y ? s : { ...s, photo: { ...P, x, y } };
}

/** Holds another ratio (or none): the crop takes the new shape with about the same area, about its centre. */
export function setCropRatio(s: CropSession, ratio: number | null): CropSession {
  if (ratio !== null && !ratioFits(s.photo, ratio)) return s;
  return { ...s, ratio, crop: fitCrop(s.crop, s.photo, ratio) };
}

/** The whole photo (free). */
export function resetCrop(s: CropSession): CropSession {
  return { ...s, ratio: null, crop: { ...s.photo } };
}

/** What a session gives the layer: its new frame on the canvas and the crop to store (in the source's own sides). */
export function cropSessionResult(s: CropSession): { box: PixelBox; crop: Crop } {
  const { photo: P, crop: C } = s;
  const side = (v: number) => clamp(v, 0, 1 - MIN_KEEP);
  const shown = {
    left: side((C.x - P.x) / P.width),
    right: side((P.x + P.width - C.x - C.width) / P.width),
    top: side((C.y - P.y) / P.height),
    bottom: side((P.y + P.height - C.y - C.height) / P.height),
  };
  const r = (s.rotation * Math.PI) / 180;
  const mx = C.x + C.width / 2;
  const my = C.y + C.height / 2;
  const centre = { x: s.centre.x + mx * Math.cos(r) - my * Math.sin(r), y: s.centre.y + mx * Math.sin(r) + my * Math.cos(r) };
  return { box: { cx: centre.x, cy: centre.y, width: C.width, height: C.height, rotation: s.rotation }, crop: shownCrop(shown, s.flipH, s.flipV) };
}

/** Applies a session to its layer as one edit (the same document when nothing changed). */
export function applyCropSession(doc: ImageDraft, s: CropSession): ImageEditResult {
  const { box, crop } = cropSessionResult(s);
  return updateLayer<ImageMediaLayer>(doc, s.pageId, s.layerId, (l) => {
    if (l.type !== 'media') return l;
    const next = withPixelBox(l, box, doc.canvas) as ImageMediaLayer;
    const same = (a: number, b: number) => Math.abs(a - b) < 1e-9;
    const unchanged = (['left', 'right', 'top', 'bottom'] as const).every((k) => same(l.edit.crop[k], crop[k])) && (['x', 'y', 'w', 'h'] as const).every((k) => same(l.box[k], next.box[k]));
    return unchanged ? l : { ...next, edit: { ...l.edit, crop } };
  });
}
