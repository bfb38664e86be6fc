import { describe, expect, it } from 'vitest';
import { gridGeometry, moveInGrid, requestCellFocus, takeCellFocusRequest } from './gridGeometry';

describe('gridGeometry', () => {
  it('fits as many minimum-width cells as the width allows', () => {
    expect(gridGeometry(168).columns).toBe(1);
    expect(gridGeometry(168 * 2 + 16).columns).toBe(2);
    expect(gridGeometry(1200).columns).toBe(6);
  });
  it('never returns zero columns for tiny widths', () => {
    expect(gridGeometry(0).columns).toBe(1);
  });
  it('keeps the row height fixed for a width', () => {
    const g = gridGeometry(1000);
    expect(g.rowHeight).toBe(g.thumbHeight + 48 + 16);
  });
});

describe('moveInGrid', () => {
  // 10 items in 4 columns: rows [0-3] [4-7] [8-9]
  it('moves left and right and stops at the ends', () => {
    expect(moveInGrid(0, 'left', 4, 10)).toBe(0);
    expect(moveInGrid(9, 'right', 4, 10)).toBe(9);
    expect(moveInGrid(3, 'right', 4, 10)).toBe(4);
  });
  it('keeps the column on up and down', () => {
    expect(moveInGrid(5, 'up', 4, 10)).toBe(1);
    expect(moveInGrid(1, 'up', 4, 10)).toBe(1);
    expect(moveInGrid(1, 'down', 4, 10)).toBe(5);
  });
  it('drops into the last cell of a short last row', () => {
    expect(moveInGrid(7, 'down', 4, 10)).toBe(9);
    expect(moveInGrid(9, 'down', 4, 10)).toBe(9);
  });
});

describe('a focus request for a cell not rendered yet', () => {
  it('is taken once, by the cell it names, however late that cell mounts', () => {
    requestCellFocus(19_999);
    expect(takeCellFocusRequest(0, false)).toBe(false);
    expect(takeCellFocusRequest(19_999, false)).toBe(true);
    expect(takeCellFocusRequest(19_999, false)).toBe(false);
  });

  it('does not take the focus from a field the creator moved to meanwhile', () => {
    requestCellFocus(7);
    expect(takeCellFocusRequest(7, true)).toBe(false);
    expect(takeCellFocusRequest(7, false)).toBe(false);
  });

  it('follows the latest keypress', () => {
    requestCellFocus(3);
    requestCellFocus(9);
    expect(takeCellFocusRequest(3, false)).toBe(false);
    expect(takeCellFocusRequest(9, false)).toBe(true);
  });
});
