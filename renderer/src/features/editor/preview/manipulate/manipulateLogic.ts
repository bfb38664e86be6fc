import type { Canvas, Clip, MediaClip, TextClip, TrackKind } from '../../../../../../electron/model/draft';
import { place, type Size } from '../../../../../../electron/model/geometry';
import type { Bounds } from '../../../../../../electron/model/snap-guides';
import { clipAt, textScaleAt } from '../../../../../../electron/model/keyframe-patch';
import type { ActiveLayer, ClipPatch } from '../../../../../../electron/model/timeline';

/**
 * The maths of direct manipulation on the preview, pure and in canvas pixels: where each layer is (the same
 * `place()` the preview draws and the export compiles with, so a click lands on what is seen), which one is under
 * a point, where its handles are, and the clip change a drag or a key makes. The overlay component only turns
 * pointer positions into canvas pixels and calls these.
 */

export type Point = { x: number; y: number };

/**
 * A layer as placed: centre, size and rotation (degrees, clockwise), in canvas pixels. A text block's box is its
 * pixels' (trimmed to the ink); `lines` is then the centre of its lines as laid out (the point (x, y) the engine
 * centres them on), which the in-place text box centres its own lines on.
 */
export type LayerBox = { clipId: string; kind: 'media' | 'text'; trackKind: TrackKind; cx: number; cy: number; w: number; h: number; rotation: number; lines?: Point };

/** A text clip's rasterised block (what `text.render` answers) measured once per content: size and centre offset. */
export type TextMetrics = { width: number; height: number; centerX: number; centerY: number };

export const corners = ['nw', 'ne', 'se', 'sw'] as const;
export type Corner = (typeof corners)[number];

/** Rotation of a clip (degrees clockwise): media turn with their transform, text blocks by their own. */
export function rotationOf(clip: Clip): number {
  return clip.type === 'media' ? clip.transform.rotation : clip.rotation;
}

/** The clip change that turns a layer to `deg` degrees (−180..180). */
export function rotatePatch(clip: Clip, deg: number): ClipPatch {
  return clip.type === 'media' ? { transform: { rotation: deg } } : { rotation: deg };
}

/** Where a media clip is drawn (the picture's rectangle, not the canvas its `fit` pads on the main track). */
export function mediaBox(clip: MediaClip, src: Size, canvas: Size, trackKind: TrackKind): LayerBox {
  const d = place(clip.transform, src, canvas, trackKind === 'main').dest;
  return { clipId: clip.id, kind: 'media', trackKind, cx: d.x + d.width / 2, cy: d.y + d.height / 2, w: d.width, h: d.height, rotation: rotationOf(clip) };
}

/** Where a text clip's block is drawn: its measured size around its (x, y). */
export function textBox(clip: TextClip, m: TextMetrics, canvas: Size): LayerBox {
  const left = Math.round(clip.x * canvas.width - m.centerX);
  const top = Math.round(clip.y * canvas.height - m.centerY);
  return { clipId: clip.id, kind: 'text', trackKind: 'text', cx: left + m.width / 2, cy: top + m.height / 2, w: m.width, h: m.height, rotation: rotationOf(clip), lines: { x: left + m.centerX, y: top + m.centerY } };
}

/**
 * Where a text clip's block is before the engine has measured it (a title just added, whose words are typed at
 * once): as wide as it may wrap, a line of its font high per line, around its centre (x, y). The measured box
 * replaces it as soon as it arrives.
 */
export function provisionalTextBox(clip: TextClip, canvas: Size): LayerBox {
  const lines = clip.text.split('\n').length;
  const cx = clip.x * canvas.width;
  const cy = clip.y * canvas.height;
  return { clipId: clip.id, kind: 'text', trackKind: 'text', cx, cy, w: clip.maxWidth * canvas.width, h: lines * clip.style.size * 1.2, rotation: rotationOf(clip), lines: { x: cx, y: cy } };
}

/**
 * The boxes of the layers on screen at timeline time `at`, bottom to top (the order they are drawn): an animated
 * clip's box is where its keys put it then. Layers whose size is not known yet (an asset without facts, text not
 * measured) are left out: they cannot be clicked until they can be seen.
 */
export function layerBoxes(layers: readonly ActiveLayer[], canvas: Canvas, sizeOf: (assetId: string) => Size | null, textOf: (clip: TextClip) => TextMetrics | null, at: number): LayerBox[] {
  const out: LayerBox[] = [];
  for (const l of layers) {
    const c = clipAt(l.clip, at - l.clip.start);
    if (c.type === 'text') {
      const m = textOf(l.clip as TextClip);
      // Keyed text scale grows the block about its centre, as the preview draws it.
      const k = textScaleAt(l.clip, at - l.clip.start);
      if (m) {
        const b = textBox(c, m, canvas);
        out.push({ ...b, w: b.w * k, h: b.h * k });
      }
    } else {
      const size = sizeOf(c.assetId);
      if (size) out.push(mediaBox(c, size, canvas, l.trackKind));
    }
  }
  return out;
}

const rad = (deg: number) => (deg * Math.PI) / 180;

/** `p` turned by `deg` degrees (clockwise on screen, y down) around `o`. */
export function rotatePoint(p: Point, o: Point, deg: number): Point {
  const c = Math.cos(rad(deg));
  const s = Math.sin(rad(deg));
  const dx = p.x - o.x;
  const dy = p.y - o.y;
  return { x: o.x + dx * c - dy * s, y: o.y + dx * s + dy * c };
}

/** Whether a canvas point is inside a (possibly rotated) box, with `pad` canvas pixels of slack. */
export function containsPoint(b: LayerBox, p: Point, pad = 0): boolean {
  const q = rotatePoint(p, { x: b.cx, y: b.cy }, -b.rotation);
  return Math.abs(q.x - b.cx) <= b.w / 2 + pad && Math.abs(q.y - b.cy) <= b.h / 2 + pad;
}

/**
 * The box a layer is shown and picked by: a title's block is tight around its letters, so its outline, handles and
 * the area a click picks it by sit `textOutset` canvas pixels outside it (a selected title's corner handles covered
 * its first and last letters: walk 8 finding 56). Media keep their own edges (their outline is the picture's).
 */
export function shownBox(b: LayerBox, textOutset: number): LayerBox {
  return b.kind === 'text' && textOutset > 0 ? { ...b, w: b.w + 2 * textOutset, h: b.h + 2 * textOutset } : b;
}

/** The topmost layer under a point (boxes bottom to top, titles with `textOutset` of slack), or null. */
export function hitTest(boxes: readonly LayerBox[], p: Point, textOutset = 0): LayerBox | null {
  for (let i = boxes.length - 1; i >= 0; i--) if (containsPoint(shownBox(boxes[i]!, textOutset), p)) return boxes[i]!;
  return null;
}

/** Whether box `a` lies wholly inside box `b` (their axis-aligned bounds, within half a pixel). */
export function liesWithin(a: LayerBox, b: LayerBox): boolean {
  const x = boundsOf(a);
  const y = boundsOf(b);
  return x.left >= y.left - 0.5 && x.top >= y.top - 0.5 && x.right <= y.right + 0.5 && x.bottom <= y.bottom + 0.5;
}

/**
 * The layer a press at `p` takes hold of: the topmost under the point, as in CapCut and Canva (a title over a
 * full-frame video is dragged by its body, even with the video selected: walk 8 finding 55, where the drag moved
 * the video instead). One exception, as in design tools: a press inside the selected layer where another lies
 * over it only in part (a logo across a title just added) holds the selected one, so it can be dragged by its
 * middle. A layer lying wholly inside the selected one (a title on the video) is a thing of its own on it: pressed,
 * it is the one meant.
 */
export function pressTarget(boxes: readonly LayerBox[], selected: LayerBox | null, p: Point, textOutset = 0): LayerBox | null {
  const top = hitTest(boxes, p, textOutset);
  if (!selected || !containsPoint(shownBox(selected, textOutset), p)) return top;
  return top && top !== selected && liesWithin(top, selected) ? top : selected;
}

/** The four corners of a box in canvas pixels (rotated with it). */
export function cornerPoints(b: LayerBox): Record<Corner, Point> {
  const o = { x: b.cx, y: b.cy };
  const at = (sx: number, sy: number) => rotatePoint({ x: b.cx + (sx * b.w) / 2, y: b.cy + (sy * b.h) / 2 }, o, b.rotation);
  return { nw: at(-1, -1), ne: at(1, -1), se: at(1, 1), sw: at(-1, 1) };
}

const opposite: Record<Corner, Corner> = { nw: 'se', ne: 'sw', se: 'nw', sw: 'ne' };

/** The rotate handle: `offset` canvas pixels above the middle of the top edge (turning with the box). */
export function rotateHandlePoint(b: LayerBox, offset: number): Point {
  return rotatePoint({ x: b.cx, y: b.cy - b.h / 2 - offset }, { x: b.cx, y: b.cy }, b.rotation);
}

/**
 * How far above the top edge to draw the rotate handle: `offset`, or, when the handle (radius `r`) would leave the
 * canvas there (a full-frame clip's top edge is the canvas's), the same distance inside the box below the edge, so it
 * is a whole circle a pointer can find (walk finding 16). Never past the box's centre, where the angle is undefined.
 */
export function rotateHandleOffset(b: LayerBox, offset: number, r: number, canvas: Size): number {
  const p = rotateHandlePoint(b, offset);
  const fits = p.x - r >= 0 && p.y - r >= 0 && p.x + r <= canvas.width && p.y + r <= canvas.height;
  return fits ? offset : -Math.min(offset, b.h / 4);
}

/** Axis-aligned bounds of a box (its rotated corners'), for snapping. */
export function boundsOf(b: LayerBox): Bounds {
  const ps = Object.values(cornerPoints(b));
  return { left: Math.min(...ps.map((p) => p.x)), top: Math.min(...ps.map((p) => p.y)), right: Math.max(...ps.map((p) => p.x)), bottom: Math.max(...ps.map((p) => p.y)) };
}

/**
 * Scaling by a corner, keeping the aspect: the opposite corner stays put (or, `fromCentre`, the centre does) and
 * the dragged corner follows the pointer along the box's diagonal. Returns the factor (never below `minFactor`)
 * and the new centre.
 */
export function scaleByCorner(b: LayerBox, corner: Corner, pointer: Point, fromCentre: boolean, minFactor: number): { factor: number; cx: number; cy: number } {
  const c0 = cornerPoints(b)[corner];
  const anchor = fromCentre ? { x: b.cx, y: b.cy } : cornerPoints(b)[opposite[corner]];
  const vx = c0.x - anchor.x;
  const vy = c0.y - anchor.y;
  const len2 = vx * vx + vy * vy;
  const raw = len2 > 0 ? ((pointer.x - anchor.x) * vx + (pointer.y - anchor.y) * vy) / len2 : 1;
  const factor = Math.max(minFactor, raw);
  return { factor, cx: anchor.x + (b.cx - anchor.x) * factor, cy: anchor.y + (b.cy - anchor.y) * factor };
}

/** The angle (degrees, −180..180) that puts the rotate handle under the pointer: 0 when it is straight above. */
export function angleTo(b: LayerBox, pointer: Point): number {
  const deg = (Math.atan2(pointer.y - b.cy, pointer.x - b.cx) * 180) / Math.PI + 90;
  return deg > 180 ? deg - 360 : deg;
}

const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

/** The clip change that puts a layer's centre at (cx, cy) canvas pixels, in the clip's own terms (fractions of the canvas). */
export function movePatch(clip: Clip, box: LayerBox, cx: number, cy: number, canvas: Size): ClipPatch {
  // Text is positioned by its block's centre offset; the box centre moves by the same amount as the clip's point.
  if (clip.type === 'text') return { x: clip.x + (cx - box.cx) / canvas.width, y: clip.y + (cy - box.cy) / canvas.height };
  return { transform: { x: clip.transform.x + (cx - box.cx) / canvas.width, y: clip.transform.y + (cy - box.cy) / canvas.height } };
}

/** Smallest a text may be scaled to (the schema's font size floor). */
const TEXT_MIN = 8;
const TEXT_MAX = 400;

/**
 * The clip change for scaling a layer by `factor` about a point that puts its centre at (cx, cy). Media scale
 * their transform's `scale`; text scales its font size and wrap width together (so the block keeps its shape).
 */
export function scalePatch(clip: Clip, box: LayerBox, factor: number, cx: number, cy: number, canvas: Size): ClipPatch {
  const moved = movePatch(clip, box, cx, cy, canvas);
  if (clip.type === 'text') {
    const size = clamp(Math.round(clip.style.size * factor), TEXT_MIN, TEXT_MAX);
    return { ...moved, style: { size }, maxWidth: clamp(clip.maxWidth * (size / clip.style.size), 0.1, 1) };
  }
  return { transform: { ...moved.transform, scale: clamp(clip.transform.scale * factor, 0.05, 8) } };
}

/** The factor below which a box would be smaller than `minPx` canvas pixels on its shorter side. */
export function minFactorFor(b: LayerBox, minPx: number): number {
  return Math.min(1, minPx / Math.max(1, Math.min(b.w, b.h)));
}

/** Arrow keys: 1 canvas pixel, 10 with Shift; other keys are not a nudge. */
export function nudgeDelta(key: string, shift: boolean): Point | null {
  const step = shift ? 10 : 1;
  switch (key) {
    case 'ArrowLeft':
      return { x: -step, y: 0 };
    case 'ArrowRight':
      return { x: step, y: 0 };
    case 'ArrowUp':
      return { x: 0, y: -step };
    case 'ArrowDown':
      return { x: 0, y: step };
    default:
      return null;
  }
}

/** The next layer for Tab (topmost first, then down the stack) or Shift+Tab; null past either end. */
export function cycleLayer(boxes: readonly LayerBox[], current: string | null, back: boolean): string | null {
  const topFirst = [...boxes].reverse();
  const i = current ? topFirst.findIndex((b) => b.clipId === current) : -1;
  const next = back ? (i < 0 ? topFirst.length - 1 : i - 1) : i + 1;
  return topFirst[next]?.clipId ?? null;
}
