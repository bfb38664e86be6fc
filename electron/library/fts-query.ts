/**
 * Turns what a user types into an FTS5 MATCH expression: every word must match, the last word (and each
 * earlier one) as a prefix so results appear while typing. Words are quoted, so FTS5 syntax typed by the
 * user (AND, NEAR, quotes, colons) is searched for literally instead of failing.
 */
export function toFtsQuery(text: string): string | null {
  const words = text
    .normalize('NFKC')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0)
    .slice(0, 16);
  if (words.length === 0) return null;
  return words.map((w) => `"${w.replace(/"/g, '""')}"*`).join(' ');
}
