/** Grid maths kept out of React so it can be unit-tested. All sizes in CSS pixels. */
export const GRID_GAP = 16;
export const GRID_PADDING = 24;
export const MIN_CELL_WIDTH = 168;
/** Thumbnail box aspect (width / height). Fixed, so nothing moves while images load. */
export const THUMB_ASPECT = 4 / 3;
/** Name + meta line under the thumbnail. */
export const LABEL_HEIGHT = 48;

export type GridGeometry = { columns: number; cellWidth: number; thumbHeight: number; rowHeight: number };

export function gridGeometry(innerWidth: number): GridGeometry {
  const width = Math.max(MIN_CELL_WIDTH, innerWidth);
  const columns = Math.max(1, Math.floor((width + GRID_GAP) / (MIN_CELL_WIDTH + GRID_GAP)));
  const cellWidth = Math.floor((width - GRID_GAP * (columns - 1)) / columns);
  const thumbHeight = Math.round(cellWidth / THUMB_ASPECT);
  return { columns, cellWidth, thumbHeight, rowHeight: thumbHeight + LABEL_HEIGHT + GRID_GAP };
}

/**
 * Where a grid-aware arrow key moves the focus. Up/down keep the column; moving down into a short last row
 * lands on its last cell; moves past the ends stay put.
 */
export function moveInGrid(index: number, key: 'left' | 'right' | 'up' | 'down', columns: number, total: number): number {
  if (total <= 0) return 0;
  const last = total - 1;
  switch (key) {
    case 'left':
      return Math.max(0, index - 1);
    case 'right':
      return Math.min(last, index + 1);
    case 'up':
      return index - columns >= 0 ? index - columns : index;
    case 'down': {
      const target = index + columns;
      if (target <= last) return target;
      const lastRow = Math.floor(last / columns);
      return Math.floor(index / columns) < lastRow ? last : index;
    }
  }
}

/** DOM id of the cell at an index, for `aria-activedescendant`. */
export function cellDomId(index: number): string {
  return `asset-option-${index}`;
}

let focusRequestedFor: number | null = null;

/**
 * Keyboard moved the focus to a cell that is not rendered yet (its page of assets may still be loading): that cell
 * takes DOM focus when it mounts. No time limit: on a slow machine the last page of a big library can take seconds.
 */
export function requestCellFocus(index: number): void {
  focusRequestedFor = index;
}

/**
 * Called by the focused cell when it renders: true once, for the cell the request named, and only while the focus
 * is still in the grid or nowhere (the cell that had it scrolled out), so it never takes the focus from a field or
 * button the creator moved to in the meantime.
 */
export function takeCellFocusRequest(index: number, focusIsElsewhere: boolean): boolean {
  if (focusRequestedFor !== index) return false;
  focusRequestedFor = null;
  return !focusIsElsewhere;
}
