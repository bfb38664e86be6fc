import { clipEnd, type Clip, type MediaClip, type TextClip, type VideoDraft } from './draft';
import { place, type Rect, type Size } from './geometry';

/**
 * Where a new title or picture-in-picture lands (docs/timeline.md, "Adding"): not on top of what is already on
 * screen while it plays. A title goes to the upper third (where short-form titles sit, clear of the captions and
 * the apps' buttons below), else the nearest free line below or above; an overlay goes to the centre, else a free
 * spot around it. "Free" is measured against the pictures and titles over the main track that overlap the new
 * clip in time; the least covered spot wins, earlier candidates on a tie, so a full screen still gives an answer.
 * Only the clip's position changes (x/y): nothing in the draft's shape does.
 */

/** Title lines tried in order, as the centre's height fraction: the upper third first, then downwards, then up. */
const TITLE_YS = [0.25, 0.32, 0.39, 0.46, 0.53, 0.6, 0.67, 0.74, 0.18, 0.11];
/** Overlay centres tried in order: the centre, below and above it, its sides, then the four quarters. */
const OVERLAY_SPOTS = [
  { x: 0.5, y: 0.5 },
  { x: 0.5, y: 0.72 },
  { x: 0.5, y: 0.28 },
  { x: 0.27, y: 0.5 },
  { x: 0.73, y: 0.5 },
  { x: 0.27, y: 0.27 },
  { x: 0.73, y: 0.27 },
  { x: 0.27, y: 0.73 },
  { x: 0.73, y: 0.73 },
];

/** The size of a picture asset (display size), or null when it is not known. */
export type SizeOf = (assetId: string) => Size | null;

/**
 * A title's block, estimated: the model has no fonts, so characters count as 0.55 em wide and lines as 1.25 em
 * tall, wrapped at the clip's width. Close enough to tell whether two titles would cover each other.
 */
export function textRectEstimate(clip: TextClip, canvas: Size): Rect {
  const size = clip.style.size;
  const maxW = Math.max(1, clip.maxWidth * canvas.width);
  let lines = 0;
  let widest = 0;
  for (const para of clip.text.split('\n')) {
    const w = Math.max(1, [...para].length) * size * 0.55;
    lines += Math.max(1, Math.ceil(w / maxW));
    widest = Math.max(widest, Math.min(w, maxW));
  }
  const h = lines * size * 1.25;
  return { x: clip.x * canvas.width - widest / 2, y: clip.y * canvas.height - h / 2, width: widest, height: h };
}

/** Where a clip over the main track is on the canvas (null: a sound, or a picture of unknown size). */
export function layerRect(clip: Clip, canvas: Size, sizeOf: SizeOf): Rect | null {
  if (clip.type === 'text') return textRectEstimate(clip, canvas);
  const src = sizeOf(clip.assetId);
  return src ? place(clip.transform, src, canvas, false).dest : null;
}

/** The rectangles of the titles and overlays (visible tracks, not main) that play at some time in [start, end). */
export function occupiedRects(doc: VideoDraft, start: number, end: number, sizeOf: SizeOf, exceptId: string | null = null): Rect[] {
  const out: Rect[] = [];
  for (const track of doc.tracks) {
    if (track.hidden || track.kind === 'main' || track.kind === 'audio') continue;
    for (const c of track.clips) {
      if (c.id === exceptId || c.start >= end || clipEnd(c) <= start) continue;
      const r = layerRect(c, doc.canvas, sizeOf);
      if (r) out.push(r);
    }
  }
  return out;
}

export function overlapArea(a: Rect, b: Rect): number {
  const w = Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x);
  const h = Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y);
  return w > 0 && h > 0 ? w * h : 0;
}

/** A centre (canvas fractions) moved just enough that a block of `size` stays on the canvas (centred if larger). */
export function keepInside(c: { x: number; y: number }, size: Size, canvas: Size): { x: number; y: number } {
  const axis = (v: number, len: number, total: number) => {
    const half = len / total / 2;
    return half >= 0.5 ? 0.5 : Math.min(1 - half, Math.max(half, v));
  };
  return { x: axis(c.x, size.width, canvas.width), y: axis(c.y, size.height, canvas.height) };
}

/** Of the candidate centres (kept on the canvas), the one where a block of `size` covers the least of `occupied`. */
export function leastCovered(candidates: readonly { x: number; y: number }[], size: Size, occupied: readonly Rect[], canvas: Size): { x: number; y: number } {
  let best = keepInside(candidates[0] ?? { x: 0.5, y: 0.5 }, size, canvas);
  let bestArea = Number.POSITIVE_INFINITY;
  for (const cand of candidates) {
    const c = keepInside(cand, size, canvas);
    const r = { x: c.x * canvas.width - size.width / 2, y: c.y * canvas.height - size.height / 2, width: size.width, height: size.height };
    const area = occupied.reduce((sum, o) => sum + overlapArea(r, o), 0);
    if (area < bestArea - 1e-9) {
      best = c;
      bestArea = area;
      if (area === 0) break;
    }
  }
  return best;
}

/** A new title placed in the upper third, or the free line nearest it while it plays. */
export function placeNewText(doc: VideoDraft, clip: TextClip, sizeOf: SizeOf): TextClip {
  const r = textRectEstimate(clip, doc.canvas);
  const taken = occupiedRects(doc, clip.start, clipEnd(clip), sizeOf, clip.id);
  const at = leastCovered(
    TITLE_YS.map((y) => ({ x: clip.x, y })),
    r,
    taken,
    doc.canvas,
  );
  return { ...clip, y: round4(at.y) };
}

/** A new picture-in-picture at the centre, or a free spot around it while it plays (its size unchanged). */
export function placeNewOverlay(doc: VideoDraft, clip: MediaClip, sizeOf: SizeOf): MediaClip {
  const src = sizeOf(clip.assetId);
  if (!src) return clip;
  const d = place(clip.transform, src, doc.canvas, false).dest;
  const taken = occupiedRects(doc, clip.start, clipEnd(clip), sizeOf, clip.id);
  const at = leastCovered(OVERLAY_SPOTS, d, taken, doc.canvas);
  return { ...clip, transform: { ...clip.transform, x: round4(at.x), y: round4(at.y) } };
}

/** Positions are fractions: four decimals are a tenth of a pixel on a 1920 px side, and read well in the JSON. */
const round4 = (v: number) => Math.round(v * 1e4) / 1e4;
