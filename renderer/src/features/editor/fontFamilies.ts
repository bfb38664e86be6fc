import { fontFamilies } from '../../../../electron/model/draft';

/** Distinct families (case-insensitively, as fontconfig matches them), sorted; built-in names are listed once, as built-ins. */
export function libraryFamilies(families: readonly string[]): string[] {
  const seen = new Map<string, string>();
  for (const f of families) if (!seen.has(f.toLowerCase()) && !fontFamilies.some((b) => b.toLowerCase() === f.toLowerCase())) seen.set(f.toLowerCase(), f);
  return [...seen.values()].sort((a, b) => a.localeCompare(b));
}
