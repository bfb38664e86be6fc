/**
 * Assets dragged out of the grid carry their ids under a type of our own, so the Library's drop-to-import (which
 * looks for 'Files') ignores them and only collections in the sidebar accept them.
 */
export const ASSET_DRAG_TYPE = 'application/x-postframe-assets';

export function draggedAssetIds(dt: DataTransfer): string[] | null {
  const raw = dt.getData(ASSET_DRAG_TYPE);
  if (!raw) return null;
  try {
    const ids: unknown = JSON.parse(raw);
    return Array.isArray(ids) && ids.every((x) => typeof x === 'string') ? ids : null;
  } catch {
    return null;
  }
}
