/**
 * The timeline's zoom and horizontal scroll, kept per draft for a reload (sessionStorage: per tab, gone with it),
 * as screenMemory.ts keeps the room: a reload came back to the draft (walk #59) but at the default zoom and at 0 s,
 * away from the frame being worked on.
 */

const KEY = 'postframe.timelineView';
/** Drafts remembered at most; the one looked at longest ago goes first. */
export const VIEWS_KEPT = 20;

export interface TimelineView {
  pxPerSec: number;
  scrollLeft: number;
}

type Kept = [draftId: string, view: TimelineView][];

function keptFrom(raw: string | null): Kept {
  if (!raw) return [];
  try {
    const v: unknown = JSON.parse(raw);
    if (!Array.isArray(v)) return [];
    return v.filter(
      (e): e is Kept[number] =>
        Array.isArray(e) && typeof e[0] === 'string' && isView(e[1]),
    );
  } catch {
    return [];
  }
}

function isView(v: unknown): v is TimelineView {
  if (!v || typeof v !== 'object') return false;
  const { pxPerSec, scrollLeft } = v as Record<string, unknown>;
  return typeof pxPerSec === 'number' && Number.isFinite(pxPerSec) && pxPerSec > 0 && typeof scrollLeft === 'number' && Number.isFinite(scrollLeft) && scrollLeft >= 0;
}

/** The view kept for `draftId` in a stored value, if any (anything malformed is nothing). */
export function viewFrom(raw: string | null, draftId: string): TimelineView | null {
  return keptFrom(raw).find(([id]) => id === draftId)?.[1] ?? null;
}

/** The stored value with `draftId`'s view set (moved to the front), at most VIEWS_KEPT drafts. */
export function withView(raw: string | null, draftId: string, view: TimelineView): string {
  const rest = keptFrom(raw).filter(([id]) => id !== draftId);
  return JSON.stringify([[draftId, view], ...rest].slice(0, VIEWS_KEPT));
}

export function recalledView(draftId: string): TimelineView | null {
  try {
    return viewFrom(window.sessionStorage.getItem(KEY), draftId);
  } catch {
    return null;
  }
}

export function rememberView(draftId: string, view: TimelineView): void {
  try {
    window.sessionStorage.setItem(KEY, withView(window.sessionStorage.getItem(KEY), draftId, view));
  } catch {
    // Storage off: a reload starts at the default zoom, as before.
  }
}
