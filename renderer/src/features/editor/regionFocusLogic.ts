/** The editor's parts that F6 / Shift+F6 move between, in screen order (left to right, then the timeline). */
export const EDITOR_REGIONS = ['media', 'preview', 'inspector', 'timeline'] as const;
export type EditorRegion = (typeof EDITOR_REGIONS)[number];

/**
 * The region F6 (`dir` 1) or Shift+F6 (-1) moves to from `from` (null: the focus is in none, e.g. the header):
 * the next present one around the ring; from outside, F6 goes to the first and Shift+F6 to the last. Null when
 * none is present.
 */
export function regionAfter(from: EditorRegion | null, present: readonly EditorRegion[], dir: 1 | -1): EditorRegion | null {
  const ring = EDITOR_REGIONS.filter((r) => present.includes(r));
  if (ring.length === 0) return null;
  const i = from === null ? -1 : ring.indexOf(from);
  if (i < 0) return dir === 1 ? ring[0]! : ring.at(-1)!;
  return ring[(i + dir + ring.length) % ring.length]!;
}
