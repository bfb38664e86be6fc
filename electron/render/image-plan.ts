import type { AssetKind } from '../model/asset';
import type { TextLayerImage } from '../model/draft-record';
import { AppError } from '../model/errors';
import type { Size } from '../model/geometry';
import type { PixelFrame } from '../model/image-adjust';
import { type PixelBox, type Point, pixelBox } from '../model/image-box';
import type { Adjustments, Background, ImageDraft, ImageLayer, ImagePage, PhotoEdit, PhotoFilter } from '../model/image-draft';
import { gradientSvg, shapeDraws, shapeFrame, shapeSvg } from '../model/image-svg';

/**
 * The image compositor's plan (docs/image-render.md): one page of an image draft → the operations that draw
 * it, bottom to top, with all geometry resolved in canvas pixels. Pure, like the video compiler
 * (render/compiler.ts), and golden-tested (__golden__/image_*.json); render/image-render.ts executes it with
 * sharp. Geometry comes from model/image-box.ts, the module the editor's canvas uses too.
 *
 * Every drawn thing is a rectangle of pixels (`width`×`height`), turned by `rotation` degrees clockwise about its
 * own centre and composited with that centre at `centre` (canvas pixels), at `opacity`. Only the part of a layer
 * that can show on the canvas is drawn (its `window`): a layer twice the canvas's size, or mostly off it, costs
 * no more than the canvas.
 */

/** What the plan needs to know of an asset: its kind and upright size (EXIF orientation applied). */
export type ImageAssetFacts = { kind: AssetKind; width: number; height: number };
export type ImagePlanFacts = {
  assets: ReadonlyMap<string, ImageAssetFacts>;
  /** Each visible text layer's PNG from the text rasteriser (render/text.ts), by layer id, drawn for the canvas. */
  texts: ReadonlyMap<string, TextLayerImage>;
};

export type IntRect = { x: number; y: number; width: number; height: number };

/**
 * How to cut a window of an edited photo out of its source, in sharp's terms: extract a rectangle of the upright
 * source, mirror it, resize it, turn it about its centre (the straighten, sharp growing the canvas to fit), and
 * take the window whose centre lies `offset` from the turned image's centre.
 */
export type PhotoCut = {
  extract: IntRect;
  flipH: boolean;
  flipV: boolean;
  resize: Size;
  straighten: number;
  offset: Point;
};

type Placed = { width: number; height: number; rotation: number; opacity: number; centre: Point };
export type PhotoOp = Placed & { op: 'photo'; layerId: string | null; assetId: string; cut: PhotoCut; adjust: Adjustments; filter: PhotoFilter; frame: PixelFrame };
export type SvgOp = Placed & { op: 'svg'; layerId: string | null; svg: string };
export type TextOp = Placed & { op: 'text'; layerId: string; key: string };
export type FillOp = { op: 'fill'; color: string };
export type PlanOp = FillOp | PhotoOp | SvgOp | TextOp;
export type ImagePlan = { width: number; height: number; ops: PlanOp[] };

const rad = (deg: number) => (deg * Math.PI) / 180;
/** (x, y) turned clockwise by `deg` (y grows downwards), as image-box.ts corners(). */
function turn(p: Point, deg: number): Point {
  if (deg === 0) return p;
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  return { x: p.x * c - p.y * s, y: p.x * s + p.y * c };
}
const round = (v: number, places = 3) => Math.round(v * 10 ** places) / 10 ** places;
const pt = (p: Point): Point => ({ x: round(p.x), y: round(p.y) });

/** How the layer is named in a message: its name, else its text, else its kind. */
export function layerLabel(layer: ImageLayer): string {
  if (layer.name) return `“${layer.name}”`;
  if (layer.type === 'text') return `“${layer.text.length > 30 ? `${layer.text.slice(0, 29)}…` : layer.text}”`;
  return layer.type === 'media' ? 'the photo layer' : `the ${layer.shape === 'roundRect' ? 'rounded rectangle' : layer.shape === 'rect' ? 'rectangle' : layer.shape} layer`;
}

/**
 * The part of a frame (a box of `frame` size, centred at `centre`, turned by `rotation`) that can show on the
 * canvas, in whole frame pixels with a 2-pixel margin for antialiasing; null when none can.
 */
export function visibleWindow(frame: Size, centre: Point, rotation: number, canvas: Size): IntRect | null {
  const cs: Point[] = [
    { x: 0, y: 0 },
    { x: canvas.width, y: 0 },
    { x: canvas.width, y: canvas.height },
    { x: 0, y: canvas.height },
  ].map((p) => turn({ x: p.x - centre.x, y: p.y - centre.y }, -rotation));
  const x0 = Math.max(0, Math.floor(Math.min(...cs.map((c) => c.x)) + frame.width / 2) - 2);
  const y0 = Math.max(0, Math.floor(Math.min(...cs.map((c) => c.y)) + frame.height / 2) - 2);
  const x1 = Math.min(frame.width, Math.ceil(Math.max(...cs.map((c) => c.x)) + frame.width / 2) + 2);
  const y1 = Math.min(frame.height, Math.ceil(Math.max(...cs.map((c) => c.y)) + frame.height / 2) + 2);
  if (x1 <= x0 || y1 <= y0) return null;
  // Turned, a window that holds the canvas's corners may still miss the canvas (a thin box beyond a corner).
  const w = { x: x0, y: y0, width: x1 - x0, height: y1 - y0 };
  return overlapsCanvas(frame, w, centre, rotation, canvas) ? w : null;
}

function overlapsCanvas(frame: Size, w: IntRect, centre: Point, rotation: number, canvas: Size): boolean {
  const corners = [
    { x: w.x, y: w.y },
    { x: w.x + w.width, y: w.y },
    { x: w.x + w.width, y: w.y + w.height },
    { x: w.x, y: w.y + w.height },
  ].map((p) => {
    const q = turn({ x: p.x - frame.width / 2, y: p.y - frame.height / 2 }, rotation);
    return { x: q.x + centre.x, y: q.y + centre.y };
  });
  const xs = corners.map((c) => c.x);
  const ys = corners.map((c) => c.y);
  return Math.max(...xs) > 0 && Math.min(...xs) < canvas.width && Math.max(...ys) > 0 && Math.min(...ys) < canvas.height;
}

/** Where the centre of `window` (frame pixels) lands on the canvas. */
function windowCentre(frame: Size, window: IntRect, centre: Point, rotation: number): Point {
  const d = turn({ x: window.x + window.width / 2 - frame.width / 2, y: window.y + window.height / 2 - frame.height / 2 }, rotation);
  return { x: centre.x + d.x, y: centre.y + d.y };
}

/**
 * How much a picture turned by `deg` inside a frame must grow so that no corner of the frame shows: the frame's
 * corners, turned back into the picture, must lie inside it (k ≥ cos + sin·H/W and k ≥ cos + sin·W/H).
 */
export function straightenScale(deg: number, frame: Size): number {
  const a = Math.abs(rad(deg));
  const ratio = Math.max(frame.width / frame.height, frame.height / frame.width);
  return Math.cos(a) + Math.sin(a) * ratio;
}

/**
 * The cut of `window` of a photo edited by `edit` and cover-filling `frame`: crop the source, cover the frame
 * (centred), straighten (turned about the frame's centre and enlarged so no corner shows), flip.
 *
 * Mirroring the frame after the turn equals turning the mirrored source the other way, so the maths runs on the
 * mirrored source (where the crop is mirrored too) and the cut mirrors right after the extract, as sharp does.
 */
export function photoCut(source: Size, edit: PhotoEdit, frame: Size, window: IntRect, where: () => string): PhotoCut {
  const { crop } = edit;
  if (crop.left + crop.right >= 0.99 || crop.top + crop.bottom >= 0.99) {
    throw new AppError('invalid_input', `The crop of ${where()} leaves nothing of the picture. Make the crop smaller.`);
  }
  const cw = source.width * (1 - crop.left - crop.right);
  const ch = source.height * (1 - crop.top - crop.bottom);
  const cx = source.width * (edit.flipH ? crop.right : crop.left) + cw / 2;
  const cy = source.height * (edit.flipV ? crop.bottom : crop.top) + ch / 2;
  const straighten = edit.flipH !== edit.flipV ? -edit.straighten : edit.straighten;
  // One pixel more on every side than the exact fit: the turned picture's antialiased edge must not touch a corner.
  const k = straighten === 0 ? 1 : straightenScale(straighten, frame) + 2 / Math.min(frame.width, frame.height);
  const scale = Math.max((k * frame.width) / cw, (k * frame.height) / ch);
  // A frame point → the (mirrored) source: back through the turn, then down by the cover scale.
  const toSource = (x: number, y: number): Point => {
    const d = turn({ x: x - frame.width / 2, y: y - frame.height / 2 }, -straighten);
    return { x: cx + d.x / scale, y: cy + d.y / scale };
  };
  const cs = [toSource(window.x, window.y), toSource(window.x + window.width, window.y), toSource(window.x + window.width, window.y + window.height), toSource(window.x, window.y + window.height)];
  // Two output pixels of margin so resampling at the window's edge has neighbours, inside the source.
  const pad = 2 / scale;
  const x0 = Math.max(0, Math.floor(Math.min(...cs.map((c) => c.x)) - pad));
  const y0 = Math.max(0, Math.floor(Math.min(...cs.map((c) => c.y)) - pad));
  const x1 = Math.min(source.width, Math.ceil(Math.max(...cs.map((c) => c.x)) + pad));
  const y1 = Math.min(source.height, Math.ceil(Math.max(...cs.map((c) => c.y)) + pad));
  const ext = { x: x0, y: y0, width: Math.max(1, x1 - x0), height: Math.max(1, y1 - y0) };
  const resize = { width: Math.max(1, Math.round(ext.width * scale)), height: Math.max(1, Math.round(ext.height * scale)) };
  const q = toSource(window.x + window.width / 2, window.y + window.height / 2);
  const inResized = { x: ((q.x - ext.x) * resize.width) / ext.width - resize.width / 2, y: ((q.y - ext.y) * resize.height) / ext.height - resize.height / 2 };
  return {
    extract: {
      x: edit.flipH ? source.width - ext.x - ext.width : ext.x,
      y: edit.flipV ? source.height - ext.y - ext.height : ext.y,
      width: ext.width,
      height: ext.height,
    },
    flipH: edit.flipH,
    flipV: edit.flipV,
    resize,
    straighten: round(straighten, 6),
    offset: pt(turn(inResized, straighten)),
  };
}

function photoFacts(facts: ImagePlanFacts, assetId: string, where: () => string): ImageAssetFacts {
  const a = facts.assets.get(assetId);
  if (!a) throw new AppError('not_found', `The picture of ${where()} is no longer in the library. Replace it or delete the layer.`);
  if (a.kind !== 'image') throw new AppError('invalid_input', `${capital(where())} uses a ${a.kind}; image posts take pictures. Replace it with a photo or logo.`);
  return a;
}
const capital = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

function photoOp(layerId: string | null, assetId: string, edit: PhotoEdit, a: ImageAssetFacts, frame: Size, window: IntRect, centre: Point, rotation: number, opacity: number, where: () => string): PhotoOp {
  return {
    op: 'photo',
    layerId,
    assetId,
    cut: photoCut(a, edit, frame, window, where),
    adjust: edit.adjust,
    filter: edit.filter,
    frame: { x: window.x, y: window.y, width: frame.width, height: frame.height },
    width: window.width,
    height: window.height,
    rotation,
    opacity,
    centre: pt(centre),
  };
}

/** The page's background (or its slice of the draft's spread): the bottom operation. */
function backgroundOp(draft: ImageDraft, pageIndex: number, facts: ImagePlanFacts, pageLabel: string): PlanOp {
  const canvas: Size = { width: draft.canvas.width, height: draft.canvas.height };
  const bg: Background = draft.spread ?? draft.pages[pageIndex]!.background;
  // A spread is one frame, the pages side by side; this page shows its own slice.
  const frame: Size = draft.spread ? { width: canvas.width * draft.pages.length, height: canvas.height } : canvas;
  const window: IntRect = { x: draft.spread ? canvas.width * pageIndex : 0, y: 0, width: canvas.width, height: canvas.height };
  const centre = { x: canvas.width / 2, y: canvas.height / 2 };
  const where = () => `the ${draft.spread ? 'spread' : 'background'} of ${pageLabel}`;
  switch (bg.type) {
    case 'colour':
      return { op: 'fill', color: bg.color.toLowerCase() };
    case 'gradient':
      return { op: 'svg', layerId: null, svg: gradientSvg(bg, frame, window), width: canvas.width, height: canvas.height, rotation: 0, opacity: 1, centre };
    case 'photo':
      return photoOp(null, bg.assetId, bg.edit, photoFacts(facts, bg.assetId, where), frame, window, centre, 0, 1, where);
  }
}

function layerOp(layer: ImageLayer, canvas: Size, facts: ImagePlanFacts, pageLabel: string): PlanOp | null {
  const where = () => `${layerLabel(layer)} on ${pageLabel}`;
  if (layer.type === 'text') {
    const t = facts.texts.get(layer.id);
    if (!t) throw new AppError('internal', `The text of ${where()} was not drawn before the page was put together. Try again.`);
    // The PNG's centre turns about the text block's centre, (x, y) of the canvas, where the rasteriser put it.
    const pivot = { x: layer.x * canvas.width, y: layer.y * canvas.height };
    const d = turn({ x: t.left + t.width / 2 - pivot.x, y: t.top + t.height / 2 - pivot.y }, layer.rotation);
    const centre = { x: pivot.x + d.x, y: pivot.y + d.y };
    const frame = { width: t.width, height: t.height };
    if (!visibleWindow(frame, centre, layer.rotation, canvas)) return null;
    return { op: 'text', layerId: layer.id, key: t.key, width: t.width, height: t.height, rotation: layer.rotation, opacity: layer.opacity, centre: pt(centre) };
  }
  const box: PixelBox = pixelBox(layer.box, canvas);
  const centre = { x: box.cx, y: box.cy };
  if (layer.type === 'media') {
    const a = photoFacts(facts, layer.assetId, where);
    const frame = { width: Math.max(1, Math.round(box.width)), height: Math.max(1, Math.round(box.height)) };
    const window = visibleWindow(frame, centre, box.rotation, canvas);
    if (!window) return null;
    return photoOp(layer.id, layer.assetId, layer.edit, a, frame, window, windowCentre(frame, window, centre, box.rotation), box.rotation, layer.opacity, where);
  }
  if (!shapeDraws(layer)) return null;
  const size = { width: box.width, height: box.height };
  const frame = shapeFrame(layer, size);
  const window = visibleWindow(frame, centre, box.rotation, canvas);
  if (!window) return null;
  return { op: 'svg', layerId: layer.id, svg: shapeSvg(layer, size, frame, window), width: window.width, height: window.height, rotation: box.rotation, opacity: layer.opacity, centre: pt(windowCentre(frame, window, centre, box.rotation)) };
}

/** The text layers of a page the rasteriser must draw before planning it (visible ones only). */
export function textLayersToDraw(page: ImagePage): Extract<ImageLayer, { type: 'text' }>[] {
  return page.layers.flatMap((l) => (l.type === 'text' && !l.hidden && l.opacity > 0 ? [l] : []));
}

/** The assets a page draws (its background or the spread, and its visible photo layers). */
export function assetsOfPage(draft: ImageDraft, pageIndex: number): string[] {
  const page = draft.pages[pageIndex]!;
  const bg = draft.spread ?? page.background;
  const ids = page.layers.flatMap((l) => (l.type === 'media' && !l.hidden && l.opacity > 0 ? [l.assetId] : []));
  return [...new Set(bg.type === 'photo' ? [bg.assetId, ...ids] : ids)];
}

export function planImagePage(draft: ImageDraft, pageIndex: number, facts: ImagePlanFacts): ImagePlan {
  const page = draft.pages[pageIndex];
  if (!page) throw new AppError('not_found', `The draft has ${draft.pages.length} page${draft.pages.length === 1 ? '' : 's'}; there is no page ${pageIndex + 1}.`);
  const canvas: Size = { width: draft.canvas.width, height: draft.canvas.height };
  const pageLabel = `page ${pageIndex + 1}`;
  const ops: PlanOp[] = [backgroundOp(draft, pageIndex, facts, pageLabel)];
  for (const layer of page.layers) {
    // Hidden layers and fully transparent ones draw nothing.
    if (layer.hidden || layer.opacity === 0) continue;
    const op = layerOp(layer, canvas, facts, pageLabel);
    if (op) ops.push(op);
  }
  return { width: canvas.width, height: canvas.height, ops };
}
