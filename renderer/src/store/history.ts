/**
 * Which document changes become their own undo step. zundo calls `handleSet` on every change; the gate lets
 * a change through only when it starts a new burst: a different `key` (another edit), or the same key after
 * `windowMs` of quiet. Dragging a clip (key "move:<clip>:<gesture>") or scrubbing a slider ("volume:<clip>")
 * fires dozens of changes a second and becomes ONE step holding the state from before the burst.
 * Changes without a key (buttons, shortcuts) are always their own step. A `sticky` key (a pointer gesture,
 * whose key is new for every gesture) stays one step however long the hand pauses in the middle of it.
 */
export type HistoryGate = { shouldRecord: (key: string | null, opts?: { sticky?: boolean }) => boolean; reset: () => void };

export function createHistoryGate(windowMs = 600, now: () => number = () => Date.now()): HistoryGate {
  let lastKey: string | null = null;
  let lastAt = -Infinity;
  return {
    shouldRecord(key, opts = {}) {
      const t = now();
      const sameBurst = key !== null && key === lastKey && (opts.sticky === true || t - lastAt < windowMs);
      lastKey = key;
      lastAt = t;
      return !sameBurst;
    },
    reset() {
      lastKey = null;
      lastAt = -Infinity;
    },
  };
}
