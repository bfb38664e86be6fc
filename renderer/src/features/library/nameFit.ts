/**
 * A grid cell's name cut to its line with an ellipsis, in script rather than by CSS `text-overflow`: CSS needs an
 * overflow clip on every name, and each clip node splits the scrolled grid's paint into more chunks for every
 * frame's layerization (docs/performance.md, item 16). The full name stays in the cell's `title`, `data-name`
 * and accessible name.
 */
export const ELLIPSIS = '…';

/**
 * The start of `name` (whole code points) that fits `maxWidth` with an ellipsis after it, or `name` itself when it
 * fits. `measure` gives a string's drawn width; `charWidth` one character's (cheap: remembered per character). The
 * cut is estimated from the characters' widths, then checked with `measure` and moved back while too wide: two
 * measures for most names instead of a search's six or seven, since they run while a row is built.
 */
export function fitName(name: string, maxWidth: number, measure: (text: string) => number, charWidth: (char: string) => number): string {
  if (measure(name) <= maxWidth) return name;
  const chars = Array.from(name);
  const room = maxWidth - charWidth(ELLIPSIS);
  let n = 0;
  for (let sum = 0; n < chars.length - 1 && sum + charWidth(chars[n]!) <= room; n++) sum += charWidth(chars[n]!);
  while (n > 0 && measure(chars.slice(0, n).join('') + ELLIPSIS) > maxWidth) n--;
  return chars.slice(0, n).join('') + ELLIPSIS;
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
