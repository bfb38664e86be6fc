/**
 * Undo/redo for the kit editor: a small, pure history of whole kit contents (a kit is a few kilobytes, so
 * snapshots are simpler and safer than diffs). Bursts of the same edit (dragging an opacity slider, typing a
 * name) become one step: an edit with the same `key` as the previous one within `windowMs` replaces the present
 * instead of pushing. Edits without a key (buttons) are always their own step.
 */
export type History<T> = {
  past: readonly T[];
  present: T;
  future: readonly T[];
  /** The key and time of the last recorded edit, for coalescing. */
  lastKey: string | null;
  lastAt: number;
};

export const HISTORY_LIMIT = 100;
export const COALESCE_MS = 800;

export function historyOf<T>(present: T): History<T> {
  return { past: [], present, future: [], lastKey: null, lastAt: -Infinity };
}

/** Records `next` as the new present. `equal` skips edits that change nothing (a slider let go where it was). */
export function record<T>(h: History<T>, next: T, opts: { key?: string | null; at: number; equal?: (a: T, b: T) => boolean; windowMs?: number }): History<T> {
  const key = opts.key ?? null;
  if (opts.equal?.(h.present, next)) return h;
  const sameBurst = key !== null && key === h.lastKey && opts.at - h.lastAt < (opts.windowMs ?? COALESCE_MS);
  if (sameBurst) return { ...h, present: next, future: [], lastAt: opts.at };
  const past = [...h.past, h.present].slice(-HISTORY_LIMIT);
  return { past, present: next, future: [], lastKey: key, lastAt: opts.at };
}

export function canUndo<T>(h: History<T>): boolean {
  return h.past.length > 0;
}
export function canRedo<T>(h: History<T>): boolean {
  return h.future.length > 0;
}

export function undo<T>(h: History<T>): History<T> {
  if (!h.past.length) return h;
  const present = h.past[h.past.length - 1]!;
  // A new edit after an undo never joins the burst before it.
  return { past: h.past.slice(0, -1), present, future: [h.present, ...h.future], lastKey: null, lastAt: -Infinity };
}

export function redo<T>(h: History<T>): History<T> {
  if (!h.future.length) return h;
  const [present, ...future] = h.future;
  return { past: [...h.past, h.present], present: present!, future, lastKey: null, lastAt: -Infinity };
}
