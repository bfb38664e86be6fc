/**
 * A grid cell's name cut to its line with an ellipsis, in script rather than by CSS `text-overflow`: CSS needs an
 * overflow clip on every name, and each clip node splits the scrolled grid's paint into more chunks for every
 * frame's layerization (docs/performance.md, item 16). The full name stays in the cell's `title`, `data-name`
 * and accessible name.
 */
export const ELLIPSIS = '…';

/**
 * The start of `name` (whole code points) that fits `maxWidth` with an ellipsis after it, or `name` itself when it
 * fits, by the sum of its characters' widths (`charWidth`, remembered per character by the caller). Measuring
 * each string whole cost ~0.15 ms a name in Chromium, inside the frame that builds a row; the sum costs
 * microseconds. Kerning, ligatures and joined scripts draw text narrower than the sum of its characters, so the
 * sum errs toward cutting a little early, not toward spilling (checked: it never came under the measured width
 * for the bench's 2,000 names).
 */
export function fitName(name: string, maxWidth: number, charWidth: (char: string) => number): string {
  const chars = Array.from(name);
  let width = 0;
  for (const c of chars) width += charWidth(c);
  if (width <= maxWidth) return name;
  const room = maxWidth - charWidth(ELLIPSIS);
  let n = 0;
  for (let sum = 0; n < chars.length - 1 && sum + charWidth(chars[n]!) <= room; n++) sum += charWidth(chars[n]!);
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
