/**
 * A grid cell's name cut to its line with an ellipsis, in script rather than by CSS `text-overflow`: CSS needs an
 * overflow clip on every name, and each clip node splits the scrolled grid's paint into more chunks for every
 * frame's layerization (docs/performance.md, item 16). The full name stays in the cell's `title`, `data-name`
 * and accessible name.
 */
export const ELLIPSIS = '…';

/**
 * The longest start of `name` (whole code points) that fits `maxWidth` with an ellipsis after it, or `name`
 * itself when it fits. `measure` gives a string's drawn width.
 */
export function fitName(name: string, maxWidth: number, measure: (text: string) => number): string {
  if (measure(name) <= maxWidth) return name;
  const chars = Array.from(name);
  // Binary search for the longest fitting prefix: widths grow with the prefix.
  let lo = 0;
  let hi = chars.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (measure(chars.slice(0, mid).join('') + ELLIPSIS) <= maxWidth) lo = mid;
    else hi = mid - 1;
  }
  return chars.slice(0, lo).join('') + ELLIPSIS;
}

/** Remembers results by key (bounded: cleared when full), so a row scrolled back into view measures nothing. */
export function memoByKey<T>(make: (key: string) => T, limit = 10_000): (key: string) => T {
  const memo = new Map<string, T>();
  return (key) => {
    let v = memo.get(key);
    if (v === undefined) {
      v = make(key);
      if (memo.size >= limit) memo.clear();
      memo.set(key, v);
    }
    return v;
  };
}
