/**
 * How fast the library grid is scrolling, to hold back tile pictures while rows fly past (as photo apps do while
 * a library is flung): a row that is on screen for a tenth of a second is not looked at, yet each of its pictures
 * costs a request, a response and a paint on the page's main thread. Measured on the first scroll through 2,000
 * assets, two thirds of the requests were for rows already gone when the answer came (docs/performance.md "Tile
 * pictures held back while flung"). Pure; the grid feeds it each scroll position.
 */

/** Faster than this many screens a second, pictures wait (a mouse wheel turned briskly is ~1–2). */
export const FLUNG_SCREENS_PER_SEC = 3;
/** The pace is measured over at least this span: scroll events come several a frame, and one alone says little. */
export const PACE_WINDOW_MS = 100;
/** Not moved for this long, the grid is at rest and its pictures load. */
export const REST_MS = 200;

export type ScrollPace = {
  /** Where the current measuring span began. */
  readonly fromOffset: number;
  readonly fromAt: number;
  /** The last position seen, and when the grid last moved. */
  readonly lastOffset: number;
  readonly movedAt: number;
  /** Pictures are being held back. */
  readonly flung: boolean;
};

export const RESTING: ScrollPace = { fromOffset: 0, fromAt: -Infinity, lastOffset: 0, movedAt: -Infinity, flung: false };

/**
 * The pace after the grid was seen at `offset` at `at` (ms): on each change of the rows in view, and every frame
 * while flung, so that rest is seen as positions that stopped changing over frames. (A timer since the last scroll
 * event would not do: a page busy for longer than the timer looks at rest when it is not, and every mounted row
 * then asks for its pictures in the middle of a fling.) A jump after a pause (a key, a click on the scrollbar) is
 * not a fling: it starts a new span and its rows load at once. It stays flung until a whole span was slower than
 * half the limit, so a fling slowing down does not start and stop the pictures every frame.
 */
export function nextScrollPace(prev: ScrollPace, offset: number, at: number, viewportPx: number): ScrollPace {
  const moved = offset !== prev.lastOffset;
  const seen = { ...prev, lastOffset: offset, movedAt: moved ? at : prev.movedAt };
  if (!moved && at - prev.movedAt >= REST_MS) return { ...seen, fromOffset: offset, fromAt: at, flung: false };
  const span = at - prev.fromAt;
  // A span too old to measure from (the first move after a pause): start one here, keeping what was decided.
  if (!(span <= 4 * PACE_WINDOW_MS)) return { ...seen, fromOffset: offset, fromAt: at };
  if (span < PACE_WINDOW_MS) return seen;
  const screensPerSec = Math.abs(offset - prev.fromOffset) / Math.max(1, viewportPx) / (span / 1000);
  const flung = prev.flung ? screensPerSec > FLUNG_SCREENS_PER_SEC / 2 : screensPerSec > FLUNG_SCREENS_PER_SEC;
  return { ...seen, fromOffset: offset, fromAt: at, flung };
}
