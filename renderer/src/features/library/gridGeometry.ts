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

let focusRequestedAt = 0;
const FOCUS_REQUEST_TTL_MS = 1000;

/** Keyboard moved the focus to a cell that is not rendered yet: it should take DOM focus when it mounts. */
export function requestCellFocus(): void {
  focusRequestedAt = performance.now();
}

/** Called by the focused cell when it renders; true once per request, and only shortly after it. */
export function takeCellFocusRequest(): boolean {
  const fresh = focusRequestedAt > 0 && performance.now() - focusRequestedAt < FOCUS_REQUEST_TTL_MS;
  focusRequestedAt = 0;
  return fresh;
}
