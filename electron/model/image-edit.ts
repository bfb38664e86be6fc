import type { Size } from './geometry';
import { type PixelBox, type Point, bounds, contains, layerBox, pixelBox } from './image-box';
import {
  IMAGE_LAYERS_MAX,
  IMAGE_PAGES_MAX,
  type ImageDraft,
  type ImageLayer,
  type ImageMediaLayer,
  type ImagePage,
  type ImageTextLayer,
  type LayerBox,
  type ShapeKind,
  type ShapeLayer,
} from './image-draft';
import type { TextRole, TextStyle } from './draft-parts';
import { type Rect, unionBounds } from './image-transform';

/**
 * Edits of an image draft, as pure functions: each takes a document and returns a new one (never changing the
 * old, so undo keeps it), or says in words why it cannot. The editor's canvas, layer list and keys all go
 * through these; one call is one undo step (a drag calls `setBoxes` many times under one history key).
 */

export type EditOk = { ok: true; doc: ImageDraft; selection: string[] };
export type EditRefused = { ok: false; message: string };
export type ImageEditResult = EditOk | EditRefused;
export type IdFor = (prefix: string) => string;

const refuse = (message: string): EditRefused => ({ ok: false, message });
const done = (doc: ImageDraft, selection: string[]): EditOk => ({ ok: true, doc, selection });

// ── finding things ──────────────────────────────────────────────────────────

export function findPage(doc: ImageDraft, pageId: string): ImagePage | null {
  return doc.pages.find((p) => p.id === pageId) ?? null;
}

function withPage(doc: ImageDraft, pageId: string, fn: (p: ImagePage) => ImagePage): ImageDraft {
  return { ...doc, pages: doc.pages.map((p) => (p.id === pageId ? fn(p) : p)) };
}

/** The ids a click on `id` selects: the whole group when it is in one. */
export function expandGroups(page: ImagePage, ids: readonly string[]): string[] {
  const want = new Set(ids);
  const groups = new Set(page.layers.filter((l) => want.has(l.id) && l.groupId).map((l) => l.groupId));
  return page.layers.filter((l) => want.has(l.id) || (l.groupId !== null && groups.has(l.groupId))).map((l) => l.id);
}

/** Layers that edits may move: selected, not locked by the editor's lock and not a template's brand element. */
export function movable(layer: ImageLayer): boolean {
  return !layer.locked && layer.template !== 'locked';
}

// ── geometry of a layer ─────────────────────────────────────────────────────

/**
 * A text layer's height in canvas pixels before its picture is known: lines of 1.25 × the size, the text
 * wrapped at about 0.55 em per character. The editor replaces it with the rasterised picture's height.
 */
export function estimateTextHeight(layer: ImageTextLayer, canvas: Size): number {
  const width = layer.maxWidth * canvas.width;
  const perLine = Math.max(1, Math.floor(width / (layer.style.size * 0.55)));
  const lines = layer.text.split('\n').reduce((n, line) => n + Math.max(1, Math.ceil(line.length / perLine)), 0);
  return lines * layer.style.size * 1.25;
}

/** Text heights the editor measured (layer id → canvas pixels); missing ones are estimated. */
export type TextHeights = Readonly<Record<string, number>>;

/** A layer's box in canvas pixels. A text layer's box is its wrap width by its text's height, about its centre. */
export function layerPixelBox(layer: ImageLayer, canvas: Size, heights: TextHeights = {}): PixelBox {
  if (layer.type === 'text') {
    return { cx: layer.x * canvas.width, cy: layer.y * canvas.height, width: layer.maxWidth * canvas.width, height: heights[layer.id] ?? estimateTextHeight(layer, canvas), rotation: layer.rotation };
  }
  return pixelBox(layer.box, canvas);
}

const TEXT_WRAP_MIN = 0.1; // the rasteriser's narrowest wrap (TextClip.maxWidth)
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The layer moved/resized/turned to a pixel box (clamped to what the format allows). */
export function withPixelBox(layer: ImageLayer, p: PixelBox, canvas: Size): ImageLayer {
  const b = layerBox(p, canvas);
  const x = clamp(b.x, -1, 2);
  const y = clamp(b.y, -1, 2);
  if (layer.type === 'text') return { ...layer, x, y, maxWidth: clamp(b.w, TEXT_WRAP_MIN, 1), rotation: b.rotation };
  const box: LayerBox = { x, y, w: clamp(b.w, 0.001, 8), h: clamp(b.h, 0.001, 8), rotation: b.rotation };
  return { ...layer, box };
}

/**
 * A text layer scaled by `factor` from a corner (Canva's behaviour): the type size and the wrap width grow
 * together, so the lines break in the same places.
 */
export function scaleText(layer: ImageTextLayer, factor: number): ImageTextLayer {
  const size = clamp(Math.round(layer.style.size * factor * 10) / 10, 8, 400);
  const real = size / layer.style.size;
  return { ...layer, style: { ...layer.style, size }, maxWidth: clamp(layer.maxWidth * real, TEXT_WRAP_MIN, 1) };
}

/** Sets the boxes of some layers on a page at once (a drag, a resize, a rotation, a nudge, an align). */
export function setBoxes(doc: ImageDraft, pageId: string, boxes: Readonly<Record<string, PixelBox>>, canvas: Size = doc.canvas): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const ids = Object.keys(boxes);
  if (ids.length === 0) return done(doc, []);
  const blocked = page.layers.find((l) => ids.includes(l.id) && !movable(l));
  if (blocked) return refuse(blocked.template === 'locked' ? 'This is a locked brand element of the template.' : 'This layer is locked. Unlock it in the layer list to move it.');
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: p.layers.map((l) => (boxes[l.id] ? withPixelBox(l, boxes[l.id]!, canvas) : l)) })), ids);
}

/** Arrow keys: move the selection by (dx, dy) canvas pixels (1, or 10 with Shift). */
export function nudge(doc: ImageDraft, pageId: string, ids: readonly string[], dx: number, dy: number, heights: TextHeights = {}): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  // No move is no edit: the same document (a pixel round trip could change the last bit of a fraction).
  if (dx === 0 && dy === 0) return done(doc, [...ids]);
  const boxes: Record<string, PixelBox> = {};
  for (const l of page.layers) {
    if (!ids.includes(l.id) || !movable(l)) continue;
    const p = layerPixelBox(l, doc.canvas, heights);
    boxes[l.id] = { ...p, cx: p.cx + dx, cy: p.cy + dy };
  }
  if (Object.keys(boxes).length === 0) return refuse('Nothing to move: the selected layers are locked.');
  return setBoxes(doc, pageId, boxes);
}

// ── align and distribute ────────────────────────────────────────────────────

export const alignments = ['left', 'centre', 'right', 'top', 'middle', 'bottom'] as const;
export type Alignment = (typeof alignments)[number];

/** Units that align and distribute together: each group is one, each other layer is one. */
function units(page: ImagePage, ids: readonly string[], canvas: Size, heights: TextHeights): { ids: string[]; rect: Rect; boxes: PixelBox[] }[] {
  const chosen = page.layers.filter((l) => ids.includes(l.id) && movable(l));
  const byKey = new Map<string, ImageLayer[]>();
  for (const l of chosen) {
    const key = l.groupId ?? `layer:${l.id}`;
    byKey.set(key, [...(byKey.get(key) ?? []), l]);
  }
  return [...byKey.values()].map((ls) => {
    const boxes = ls.map((l) => layerPixelBox(l, canvas, heights));
    return { ids: ls.map((l) => l.id), rect: unionBounds(boxes)!, boxes };
  });
}

function shifted(unit: { ids: string[]; boxes: PixelBox[] }, dx: number, dy: number, out: Record<string, PixelBox>) {
  unit.ids.forEach((id, i) => {
    const p = unit.boxes[i]!;
    out[id] = { ...p, cx: p.cx + dx, cy: p.cy + dy };
  });
}

/**
 * Lines the selection up: to the canvas (each unit against the canvas), or to the selection (each unit against
 * the selection's bounds; with one unit selected, that is the canvas again, as in Canva).
 */
export function align(doc: ImageDraft, pageId: string, ids: readonly string[], how: Alignment, to: 'canvas' | 'selection', heights: TextHeights = {}): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const us = units(page, ids, doc.canvas, heights);
  if (us.length === 0) return refuse('Select a layer (not a locked one) to align it.');
  const frame: Rect = to === 'selection' && us.length > 1 ? unionBounds(us.flatMap((u) => u.boxes))! : { x: 0, y: 0, width: doc.canvas.width, height: doc.canvas.height };
  const out: Record<string, PixelBox> = {};
  for (const u of us) {
    const r = u.rect;
    const dx = how === 'left' ? frame.x - r.x : how === 'centre' ? frame.x + frame.width / 2 - (r.x + r.width / 2) : how === 'right' ? frame.x + frame.width - (r.x + r.width) : 0;
    const dy = how === 'top' ? frame.y - r.y : how === 'middle' ? frame.y + frame.height / 2 - (r.y + r.height / 2) : how === 'bottom' ? frame.y + frame.height - (r.y + r.height) : 0;
    shifted(u, dx, dy, out);
  }
  return setBoxes(doc, pageId, out);
}

/** Spaces three or more units evenly between the outermost two (equal gaps between their bounds). */
export function distribute(doc: ImageDraft, pageId: string, ids: readonly string[], axis: 'horizontal' | 'vertical', heights: TextHeights = {}): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const us = units(page, ids, doc.canvas, heights);
  if (us.length < 3) return refuse('Select three or more layers to space them evenly.');
  const pos = (r: Rect) => (axis === 'horizontal' ? r.x : r.y);
  const len = (r: Rect) => (axis === 'horizontal' ? r.width : r.height);
  const sorted = [...us].sort((a, b) => pos(a.rect) + len(a.rect) / 2 - (pos(b.rect) + len(b.rect) / 2));
  const first = sorted[0]!.rect;
  const last = sorted[sorted.length - 1]!.rect;
  const span = pos(last) + len(last) - pos(first);
  const gap = (span - sorted.reduce((n, u) => n + len(u.rect), 0)) / (sorted.length - 1);
  const out: Record<string, PixelBox> = {};
  let at = pos(first);
  for (const u of sorted) {
    const d = at - pos(u.rect);
    shifted(u, axis === 'horizontal' ? d : 0, axis === 'vertical' ? d : 0, out);
    at += len(u.rect) + gap;
  }
  return setBoxes(doc, pageId, out);
}

// ── order, groups, lock, hide, names ────────────────────────────────────────

/** Why a template's brand element keeps its place in the order (an admin's edit goes through asTemplateAdmin). */
const BRAND_ORDER = 'A brand element of the template keeps its place in the layers: nothing moves past it. Ask an admin to change it.';

/**
 * Whether a new order keeps every template-locked layer where it was among the others: the same layers below it,
 * as the engine's template guard requires ('reordered' in model/template-guard.ts).
 */
function lockedOrderKept(before: readonly ImageLayer[], after: readonly ImageLayer[]): boolean {
  const below = (layers: readonly ImageLayer[], id: string) => layers.slice(0, layers.findIndex((l) => l.id === id)).map((l) => l.id).sort().join('\n');
  return before.every((l) => l.template !== 'locked' || below(before, l.id) === below(after, l.id));
}

export const reorders = ['forward', 'backward', 'front', 'back'] as const;
export type Reorder = (typeof reorders)[number];

/** Brings the selected layers forward/back one step, or to the front/back, keeping their order among themselves. */
export function reorder(doc: ImageDraft, pageId: string, ids: readonly string[], how: Reorder): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const sel = new Set(ids);
  const picked = page.layers.filter((l) => sel.has(l.id));
  if (picked.length === 0) return refuse('Select a layer to change its order.');
  const rest = page.layers.filter((l) => !sel.has(l.id));
  let layers: ImageLayer[];
  if (how === 'front') layers = [...rest, ...picked];
  else if (how === 'back') layers = [...picked, ...rest];
  else {
    // One step: past the nearest unselected layer in that direction.
    layers = [...page.layers];
    const idxs = layers.map((l, i) => (sel.has(l.id) ? i : -1)).filter((i) => i >= 0);
    if (how === 'forward') {
      for (const i of [...idxs].reverse()) if (i + 1 < layers.length && !sel.has(layers[i + 1]!.id)) [layers[i], layers[i + 1]] = [layers[i + 1]!, layers[i]!];
    } else {
      for (const i of idxs) if (i > 0 && !sel.has(layers[i - 1]!.id)) [layers[i], layers[i - 1]] = [layers[i - 1]!, layers[i]!];
    }
  }
  if (layers.every((l, i) => l === page.layers[i])) return done(doc, [...ids]);
  if (!lockedOrderKept(page.layers, layers)) return refuse(BRAND_ORDER);
  return done(withPage(doc, pageId, (p) => ({ ...p, layers })), [...ids]);
}

/** The layer list's drag: puts a layer at `index` (0 = bottom) in the page's order. */
export function moveLayerTo(doc: ImageDraft, pageId: string, id: string, index: number): ImageEditResult {
  const page = findPage(doc, pageId);
  const layer = page?.layers.find((l) => l.id === id);
  if (!page || !layer) return refuse('That layer is no longer on this page.');
  const rest = page.layers.filter((l) => l.id !== id);
  const at = clamp(Math.round(index), 0, rest.length);
  const layers = [...rest.slice(0, at), layer, ...rest.slice(at)];
  if (layers.every((l, i) => l === page.layers[i])) return done(doc, [id]);
  if (!lockedOrderKept(page.layers, layers)) return refuse(BRAND_ORDER);
  return done(withPage(doc, pageId, (p) => ({ ...p, layers })), [id]);
}

/** Makes the selected layers one group (two or more layers; a layer leaves any group it was in). */
export function group(doc: ImageDraft, pageId: string, ids: readonly string[], idFor: IdFor): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const sel = expandGroups(page, ids);
  if (sel.length < 2) return refuse('Select two or more layers to group them.');
  const gid = idFor('group');
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: p.layers.map((l) => (sel.includes(l.id) ? { ...l, groupId: gid } : l)) })), sel);
}

/** Dissolves the groups of the selected layers; the layers stay where they are, selected. */
export function ungroup(doc: ImageDraft, pageId: string, ids: readonly string[]): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const groups = new Set(page.layers.filter((l) => ids.includes(l.id) && l.groupId).map((l) => l.groupId));
  if (groups.size === 0) return refuse('The selection is not a group.');
  const sel = page.layers.filter((l) => l.groupId !== null && groups.has(l.groupId)).map((l) => l.id);
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: p.layers.map((l) => (l.groupId !== null && groups.has(l.groupId) ? { ...l, groupId: null } : l)) })), sel);
}

type LayerPatch = Partial<Pick<ImageLayer, 'locked' | 'hidden' | 'name' | 'opacity'>>;

/** Sets lock, visibility, name or opacity on some layers (the layer list's toggles, the inspector). */
export function patchLayers(doc: ImageDraft, pageId: string, ids: readonly string[], patch: LayerPatch): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  if (patch.name !== undefined && patch.name.length > 80) return refuse('Keep a layer name under 80 characters.');
  const changes = (l: ImageLayer) => ids.includes(l.id) && (Object.keys(patch) as (keyof LayerPatch)[]).some((k) => l[k] !== patch[k]);
  if (!page.layers.some(changes)) return done(doc, [...ids]);
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: p.layers.map((l) => (changes(l) ? ({ ...l, ...patch }) : l)) })), [...ids]);
}

/** Replaces one layer by an edited copy of the same kind (the inspector's fields: text, style, fill…). */
export function updateLayer<T extends ImageLayer>(doc: ImageDraft, pageId: string, id: string, fn: (l: T) => T): ImageEditResult {
  const page = findPage(doc, pageId);
  const layer = page?.layers.find((l) => l.id === id) as T | undefined;
  if (!page || !layer) return refuse('That layer is no longer on this page.');
  if (layer.template === 'locked') return refuse('This is a locked brand element of the template.');
  const next = fn(layer);
  if (next === layer) return done(doc, [id]);
  if (next.id !== id || next.type !== layer.type) return refuse('A layer keeps its id and kind.');
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: p.layers.map((l) => (l.id === id ? next : l)) })), [id]);
}

// ── add, duplicate, delete ──────────────────────────────────────────────────

function insertAbove(doc: ImageDraft, pageId: string, added: ImageLayer[], aboveIndex?: number): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  if (page.layers.length + added.length > IMAGE_LAYERS_MAX) return refuse(`A page holds at most ${IMAGE_LAYERS_MAX} layers. Delete one, or add a page.`);
  const at = aboveIndex === undefined ? page.layers.length : aboveIndex + 1;
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: [...p.layers.slice(0, at), ...added, ...p.layers.slice(at)] })), added.map((l) => l.id));
}

export const defaultTextStyle: TextStyle = { font: 'DejaVu Sans', size: 72, color: '#111111', bold: true, italic: false, align: 'center', stroke: null, box: null };

/** A text layer in the middle of the canvas, wrapping at 80% of its width (a kit's style when there is one). */
export function addText(doc: ImageDraft, pageId: string, idFor: IdFor, opts: { text?: string; style?: TextStyle; role?: TextRole | null } = {}): ImageEditResult {
  const layer: ImageTextLayer = {
    id: idFor('text'),
    type: 'text',
    name: '',
    hidden: false,
    locked: false,
    groupId: null,
    template: null,
    opacity: 1,
    text: opts.text ?? 'Your text here',
    style: opts.style ?? defaultTextStyle,
    styleRole: opts.role ?? null,
    x: 0.5,
    y: 0.5,
    maxWidth: 0.8,
    rotation: 0,
  };
  return insertAbove(doc, pageId, [layer]);
}

/** A shape in the middle: a square (a circle for an ellipse) 40% of the shorter side, a line 60% of the width. */
export function addShape(doc: ImageDraft, pageId: string, shape: ShapeKind, idFor: IdFor, color = '#3b82f6'): ImageEditResult {
  const { width: W, height: H } = doc.canvas;
  const side = 0.4 * Math.min(W, H);
  const line = shape === 'line';
  const layer: ShapeLayer = {
    id: idFor('shape'),
    type: 'shape',
    name: '',
    hidden: false,
    locked: false,
    groupId: null,
    template: null,
    opacity: 1,
    shape,
    box: line ? { x: 0.5, y: 0.5, w: 0.6, h: Math.max(0.001, 24 / H), rotation: 0 } : { x: 0.5, y: 0.5, w: side / W, h: side / H, rotation: 0 },
    fill: line ? null : color,
    stroke: line ? { color, width: 8 } : null,
    radius: shape === 'roundRect' ? Math.round(side / 8) : 0,
  };
  return insertAbove(doc, pageId, [layer]);
}

/**
 * A photo or logo from the library, at its own shape, as large as fits in a centred box of a third of the
 * canvas's area (each side 1/√3 of the canvas's), so it is big enough to see and leaves room to place it.
 */
export function photoBox(canvas: Size, picture: Size): LayerBox {
  const k = 1 / Math.sqrt(3);
  const aspect = picture.width > 0 && picture.height > 0 ? picture.width / picture.height : 1;
  let w = canvas.width * k;
  let h = w / aspect;
  if (h > canvas.height * k) {
    h = canvas.height * k;
    w = h * aspect;
  }
  return { x: 0.5, y: 0.5, w: w / canvas.width, h: h / canvas.height, rotation: 0 };
}

export function addPhoto(doc: ImageDraft, pageId: string, asset: { id: string; name?: string; width: number | null; height: number | null }, idFor: IdFor): ImageEditResult {
  const layer: ImageMediaLayer = {
    id: idFor('photo'),
    type: 'media',
    name: '',
    hidden: false,
    locked: false,
    groupId: null,
    template: null,
    opacity: 1,
    assetId: asset.id,
    box: photoBox(doc.canvas, { width: asset.width ?? 1, height: asset.height ?? 1 }),
    edit: { crop: { left: 0, top: 0, right: 0, bottom: 0 }, straighten: 0, flipH: false, flipV: false, adjust: { exposure: 0, contrast: 0, saturation: 0, temperature: 0, vibrance: 0, sharpen: 0, vignette: 0 }, filter: { name: 'none', strength: 1 } },
    brand: null,
  };
  return insertAbove(doc, pageId, [layer]);
}

export const DUPLICATE_OFFSET_PX = 24;

/** Copies of the selected layers just above the top one, offset down-right; groups copy as new groups. */
export function duplicateLayers(doc: ImageDraft, pageId: string, ids: readonly string[], idFor: IdFor, heights: TextHeights = {}): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const picked = page.layers.filter((l) => ids.includes(l.id) && l.template !== 'locked');
  if (picked.length === 0) return refuse('Select a layer to duplicate it.');
  const groupIds = new Map<string, string>();
  const copies = picked.map((l) => {
    const gid = l.groupId === null ? null : (groupIds.get(l.groupId) ?? groupIds.set(l.groupId, idFor('group')).get(l.groupId)!);
    const p = layerPixelBox(l, doc.canvas, heights);
    const moved = withPixelBox({ ...l, id: idFor(l.type === 'media' ? 'photo' : l.type), groupId: gid, locked: false, template: null }, { ...p, cx: p.cx + DUPLICATE_OFFSET_PX, cy: p.cy + DUPLICATE_OFFSET_PX }, doc.canvas);
    return moved;
  });
  const top = Math.max(...picked.map((l) => page.layers.indexOf(l)));
  return insertAbove(doc, pageId, copies, top);
}

export function deleteLayers(doc: ImageDraft, pageId: string, ids: readonly string[]): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const picked = page.layers.filter((l) => ids.includes(l.id));
  if (picked.length === 0) return refuse('Select a layer to delete it.');
  if (picked.some((l) => l.template === 'locked')) return refuse('A locked brand element of the template cannot be deleted.');
  if (picked.some((l) => l.locked)) return refuse('A locked layer cannot be deleted. Unlock it in the layer list first.');
  return done(withPage(doc, pageId, (p) => ({ ...p, layers: p.layers.filter((l) => !ids.includes(l.id)) })), []);
}

// ── pages ───────────────────────────────────────────────────────────────────

/** A blank page after `afterPageId`, with that page's background (a carousel keeps its look). */
export function addPage(doc: ImageDraft, afterPageId: string, idFor: IdFor): ImageEditResult {
  if (doc.pages.length >= IMAGE_PAGES_MAX) return refuse(`A carousel has at most ${IMAGE_PAGES_MAX} pages.`);
  const i = doc.pages.findIndex((p) => p.id === afterPageId);
  if (i < 0) return refuse('That page is no longer in the draft.');
  const page: ImagePage = { id: idFor('page'), background: doc.pages[i]!.background, layers: [] };
  return done({ ...doc, pages: [...doc.pages.slice(0, i + 1), page, ...doc.pages.slice(i + 1)] }, [page.id]);
}

/** A copy of a page right after it; every layer and group gets a new id (ids are unique in the draft). */
export function duplicatePage(doc: ImageDraft, pageId: string, idFor: IdFor): ImageEditResult {
  if (doc.pages.length >= IMAGE_PAGES_MAX) return refuse(`A carousel has at most ${IMAGE_PAGES_MAX} pages.`);
  const i = doc.pages.findIndex((p) => p.id === pageId);
  if (i < 0) return refuse('That page is no longer in the draft.');
  const src = doc.pages[i]!;
  const groupIds = new Map<string, string>();
  const layers = src.layers.map((l) => {
    const gid = l.groupId === null ? null : (groupIds.get(l.groupId) ?? groupIds.set(l.groupId, idFor('group')).get(l.groupId)!);
    return { ...l, id: idFor(l.type === 'media' ? 'photo' : l.type), groupId: gid };
  });
  const page: ImagePage = { ...src, id: idFor('page'), layers };
  return done({ ...doc, pages: [...doc.pages.slice(0, i + 1), page, ...doc.pages.slice(i + 1)] }, [page.id]);
}

export function deletePage(doc: ImageDraft, pageId: string): ImageEditResult {
  if (doc.pages.length <= 1) return refuse('A draft keeps at least one page.');
  if (!findPage(doc, pageId)) return refuse('That page is no longer in the draft.');
  const i = doc.pages.findIndex((p) => p.id === pageId);
  const pages = doc.pages.filter((p) => p.id !== pageId);
  return done({ ...doc, pages }, [pages[Math.min(i, pages.length - 1)]!.id]);
}

/** The page strip's drag: puts a page at `index` (0 = first). */
export function movePage(doc: ImageDraft, pageId: string, index: number): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  const rest = doc.pages.filter((p) => p.id !== pageId);
  const at = clamp(Math.round(index), 0, rest.length);
  const pages = [...rest.slice(0, at), page, ...rest.slice(at)];
  if (pages.every((p, i) => p === doc.pages[i])) return done(doc, [pageId]);
  return done({ ...doc, pages }, [pageId]);
}

/** Sets a page's background, or the spread's while the pages share one (a page's own is not drawn then). */
export function setBackground(doc: ImageDraft, pageId: string, background: ImagePage['background']): ImageEditResult {
  if (!findPage(doc, pageId)) return refuse('That page is no longer in the draft.');
  if (doc.spread) return done({ ...doc, spread: background }, []);
  return done(withPage(doc, pageId, (p) => ({ ...p, background })), []);
}

/**
 * "Continue across pages": on, the page's background becomes the spread (one wide background sliced into the
 * pages); off, the spread's background goes back to every page, so turning it off never blanks a page.
 */
export function setSpread(doc: ImageDraft, pageId: string, on: boolean): ImageEditResult {
  const page = findPage(doc, pageId);
  if (!page) return refuse('That page is no longer in the draft.');
  if (on === (doc.spread !== null)) return done(doc, []);
  if (on) return done({ ...doc, spread: page.background }, []);
  const background = doc.spread!;
  return done({ ...doc, spread: null, pages: doc.pages.map((p) => ({ ...p, background })) }, []);
}

// ── hit testing for the canvas ──────────────────────────────────────────────

/** The topmost visible, unlocked layer under a canvas point (what a click picks), or null. */
export function layerAt(page: ImagePage, pt: Point, canvas: Size, heights: TextHeights = {}): ImageLayer | null {
  for (let i = page.layers.length - 1; i >= 0; i--) {
    const l = page.layers[i]!;
    if (l.hidden || l.locked) continue;
    const p = layerPixelBox(l, canvas, heights);
    // A line is thin: pick it within a few pixels of its stroke.
    const hit = l.type === 'shape' && l.shape === 'line' ? { ...p, height: Math.max(p.height, 16) } : p;
    if (contains(hit, pt)) return l;
  }
  return null;
}

/**
 * The visible, unlocked layers whose bounds meet a marquee rectangle (canvas pixels), groups whole. A template's
 * brand element is left out unless `templateAdmin` (a creator cannot move it, so a marquee must not pick it up).
 */
export function layersInRect(page: ImagePage, rect: Rect, canvas: Size, heights: TextHeights = {}, templateAdmin = false): string[] {
  const pickable = (l: ImageLayer) => !l.hidden && !l.locked && (templateAdmin || l.template !== 'locked');
  const hit = page.layers.filter((l) => {
    if (!pickable(l)) return false;
    const b = bounds(layerPixelBox(l, canvas, heights));
    return b.x <= rect.x + rect.width && rect.x <= b.x + b.width && b.y <= rect.y + rect.height && rect.y <= b.y + b.height;
  });
  return expandGroups(page, hit.map((l) => l.id)).filter((id) => page.layers.some((l) => l.id === id && pickable(l)));
}
