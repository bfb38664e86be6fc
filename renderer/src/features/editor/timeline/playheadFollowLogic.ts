/** Room (px) kept between the playhead and the right edge before the timeline scrolls to it. */
export const FOLLOW_EDGE_PX = 40;

/**
 * Where the timeline scrolls so the playhead at `x` (px from time 0) is in view: null when it is in view already
 * (the view does not move under a click or a drag on it), else with the playhead a fifth of the way in, as
 * while playing. `visible` is the width of the lanes on screen.
 */
export function scrollToShow(x: number, scrollLeft: number, visible: number): number | null {
  if (!(visible > 0) || (x >= scrollLeft && x <= scrollLeft + visible - FOLLOW_EDGE_PX)) return null;
  return Math.max(0, x - visible * 0.2);
}
