import type { VideoDraft } from '../../../../../electron/model/draft';
import type { ReversedPlayback } from '../../../../../electron/model/reverse';
import type { Size } from '../../../../../electron/model/geometry';
import { clipAt } from '../../../../../electron/model/keyframe-patch';
import { activeLayersAt, clampPlayhead } from '../../../../../electron/model/timeline';
import type { Bounds } from '../../../../../electron/model/snap-guides';
import { boundsOf, mediaBox } from './manipulate/manipulateLogic';

/**
 * Reversed clips the preview leaves out at the playhead because their reversed copy is still being made
 * (reversedPreview.ts): the preview says so over the picture, with the copy's progress, instead of a silent black
 * frame (walk finding 9). Bottom to top, one per asset (two clips of one asset wait for one copy).
 */
export function reversingAt(doc: VideoDraft, playhead: number, ready: Readonly<Record<string, ReversedPlayback>>): { clipId: string; assetId: string }[] {
  const out: { clipId: string; assetId: string }[] = [];
  for (const l of activeLayersAt(doc, clampPlayhead(playhead, doc))) {
    const c = l.clip;
    if (c.type !== 'media' || !c.reversed || ready[c.assetId] || out.some((x) => x.assetId === c.assetId)) continue;
    out.push({ clipId: c.id, assetId: c.assetId });
  }
  return out;
}

/**
 * The waiting clip's axis-aligned box in canvas pixels at the playhead (where its keys put it then, as the
 * manipulate handles place it), or null when the clip is not there or its picture's size is not known yet.
 */
export function clipBoundsAt(doc: VideoDraft, playhead: number, clipId: string, sizeOf: (assetId: string) => Size | null): Bounds | null {
  const at = clampPlayhead(playhead, doc);
  const l = activeLayersAt(doc, at).find((x) => x.clip.id === clipId);
  if (!l || l.clip.type !== 'media') return null;
  const c = clipAt(l.clip, at - l.clip.start);
  const size = c.type === 'media' ? sizeOf(c.assetId) : null;
  return c.type === 'media' && size ? boundsOf(mediaBox(c, size, doc.canvas, l.trackKind)) : null;
}

/** A rectangle in the preview's CSS pixels (left, top, width, height). */
export type Rect = { left: number; top: number; width: number; height: number };

/** The full card (title and media name) needs about this much room; below it the card shows only the percentage. */
export const CARD_FULL = { width: 150, height: 52 } as const;
/** The compact card's least size: "↺ 42%" on one line. */
export const CARD_COMPACT = { width: 64, height: 24 } as const;

/**
 * Where the card goes (walk finding #21): over the waiting clip's own box, so a small overlay's card says which layer
 * waits instead of covering the middle of the frame. `bounds` is the clip's axis-aligned box (its rotated corners')
 * in canvas pixels at the playhead, or null when its size is not known yet (then the whole canvas). The box is clamped
 * to the canvas (a clip half off-screen gets its visible part); one wholly off-screen gets the whole canvas. When the
 * visible part is smaller than the full card, the card is compact; when it is smaller than even the compact card,
 * the card grows to that size about the box's centre and is then moved back inside the view.
 */
export function reversingPlacement(
  bounds: Bounds | null,
  canvas: { width: number; height: number },
  view: { width: number; height: number },
): { rect: Rect; compact: boolean } {
  const sx = view.width / canvas.width;
  const sy = view.height / canvas.height;
  const whole: Rect = { left: 0, top: 0, width: view.width, height: view.height };
  let rect = whole;
  if (bounds) {
    const left = Math.max(0, bounds.left) * sx;
    const top = Math.max(0, bounds.top) * sy;
    const right = Math.min(canvas.width, bounds.right) * sx;
    const bottom = Math.min(canvas.height, bounds.bottom) * sy;
    if (right > left && bottom > top) rect = { left, top, width: right - left, height: bottom - top };
  }
  const compact = rect.width < CARD_FULL.width || rect.height < CARD_FULL.height;
  if (!compact) return { rect, compact };
  const width = Math.min(view.width, Math.max(rect.width, CARD_COMPACT.width));
  const height = Math.min(view.height, Math.max(rect.height, CARD_COMPACT.height));
  const cx = rect.left + rect.width / 2;
  const cy = rect.top + rect.height / 2;
  const left = Math.min(Math.max(cx - width / 2, 0), view.width - width);
  const top = Math.min(Math.max(cy - height / 2, 0), view.height - height);
  return { rect: { left, top, width, height }, compact };
}
