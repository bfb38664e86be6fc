import { clipDuration, type Clip } from '../../../../../electron/model/draft';
import { timeToX } from '../../../../../electron/model/timeline';

/**
 * The stretch of the timeline's lanes whose clips are drawn, in pixels from the lanes' start (time 0), or null:
 * draw every clip (the lanes' size is not known yet). A trim on the magnetic main track moves every later clip;
 * drawing only those in and near view keeps that ripple to a screenful of re-rendered blocks at 300 clips
 * (docs/performance.md).
 */
export type LaneWindow = { fromPx: number; toPx: number } | null;

/** The window never moves by less than this, so a slow scroll changes it rarely. */
export const MIN_WINDOW_STEP_PX = 200;

/**
 * The window for a lane scrolled to `scrollLeft` with `viewportPx` of it on screen. It moves in steps of half a
 * viewport (scrolling within a step leaves it unchanged, so a scroll re-renders the rows a few times per screen,
 * not per event) and reaches a whole viewport beyond each side of what is visible, so clips are drawn before
 * they scroll in.
 */
export function laneWindow(scrollLeft: number, viewportPx: number): LaneWindow {
  if (!(viewportPx > 0) || !Number.isFinite(scrollLeft)) return null;
  const step = Math.max(MIN_WINDOW_STEP_PX, Math.round(viewportPx / 2));
  const at = Math.floor(Math.max(0, scrollLeft) / step) * step;
  return { fromPx: Math.max(0, at - viewportPx), toPx: at + step + 2 * viewportPx };
}

export function sameWindow(a: LaneWindow, b: LaneWindow): boolean {
  return a === b || (a !== null && b !== null && a.fromPx === b.fromPx && a.toPx === b.toPx);
}

/** The window moved by `dx` pixels (null stays null: everything is drawn). */
export function shiftWindow(span: LaneWindow, dx: number): LaneWindow {
  return span && dx !== 0 ? { fromPx: span.fromPx + dx, toPx: span.toPx + dx } : span;
}

/**
 * The clips of a track to draw, in the track's order: those whose block (as ClipBlock lays it out at `pxPerSec`,
 * at least 2 px wide) overlaps the window, and every clip in `keep` wherever it is (the selection, which holds a
 * clip being dragged or trimmed, and the clip a command revealed, which scrolls itself into view). The same
 * array when every clip is drawn.
 */
export function clipsInWindow<C extends Clip>(clips: readonly C[], span: LaneWindow, pxPerSec: number, keep: readonly string[]): readonly C[] {
  if (!span) return clips;
  const out = clips.filter((c) => {
    const left = timeToX(c.start, pxPerSec);
    const right = left + Math.max(2, timeToX(clipDuration(c), pxPerSec));
    return (left < span.toPx && right > span.fromPx) || keep.includes(c.id);
  });
  return out.length === clips.length ? clips : out;
}
