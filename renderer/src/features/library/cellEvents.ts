import type { DragEvent, MouseEvent } from 'react';
import { useStore } from '../../store';
import { ASSET_DRAG_TYPE } from './assetDrag';
import { clickAction, draggedIds } from './cellActions';
import { cellDomId, takeCellFocusRequest } from './gridGeometry';

/**
 * The grid's cells handled from the grid: one click, double-click and drag-start handler on the listbox finds the
 * cell by its data attributes, instead of three closures and a focus effect set up for every cell mounted (a row
 * of seven comes in every other frame of a fast scroll).
 */

/** The loaded asset cell an event happened in (a placeholder cell has no asset yet, and takes no action). */
function cellOf(target: EventTarget): { index: number; id: string } | null {
  const el = target instanceof Element ? target.closest<HTMLElement>('[role="option"][data-asset-id]') : null;
  const id = el?.dataset.assetId;
  return el && id ? { index: Number(el.dataset.index), id } : null;
}

export function onCellClick(e: MouseEvent): void {
  const cell = cellOf(e.target);
  if (!cell) return;
  const s = useStore.getState();
  const action = clickAction(e);
  if (action === 'range' || action === 'range-add') void s.selectRange(cell.index, action === 'range-add');
  else if (action === 'toggle') s.toggle(cell.index, cell.id);
  else s.selectOnly(cell.index, cell.id);
}

export function onCellDoubleClick(e: MouseEvent): void {
  const cell = cellOf(e.target);
  if (cell) useStore.getState().openDetail(cell.id);
}

export function onCellDragStart(e: DragEvent): void {
  const cell = cellOf(e.target);
  if (!cell) return;
  e.dataTransfer.setData(ASSET_DRAG_TYPE, JSON.stringify(draggedIds(useStore.getState().selected, cell.id)));
  e.dataTransfer.effectAllowed = 'copy';
}

/**
 * The focused cell takes DOM focus when it renders, if the keyboard asked for it (`requestCellFocus`) and the
 * focus is still in the grid or nowhere. Called by the row that holds the focused cell.
 */
export function takeFocusIfRequested(index: number): void {
  const el = document.getElementById(cellDomId(index));
  if (!el || document.activeElement === el) return;
  const active = document.activeElement;
  const elsewhere = active !== null && active !== document.body && !el.closest('[role="listbox"]')?.contains(active);
  if (takeCellFocusRequest(index, elsewhere)) el.focus({ preventScroll: true });
}
