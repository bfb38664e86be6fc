import type { BrandKit, BrandKitContent } from './brand-kit';
import type { FontRecord } from './font';

/** SQLite's NOCASE folds ASCII letters only; family names compare the same way here and in SQL. */
const fold = (s: string) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/**
 * Whether a kit uses a library font: it lists the file, or one of its text styles names the font's family
 * (text in that family draws with any of the family's files). The same rule as FontsRepo.kitsUsingFamily in SQL.
 */
export function kitUsesFont(kit: Pick<BrandKitContent, 'fontIds' | 'textStyles'>, font: Pick<FontRecord, 'id' | 'family'>): boolean {
  const family = fold(font.family);
  return kit.fontIds.includes(font.id) || kit.textStyles.some((s) => fold(s.style.font) === family);
}

/** The kits using a font, in the order given (the Brand room's list is by name). */
export function kitsUsingFont<K extends Pick<BrandKit, 'id' | 'name' | 'fontIds' | 'textStyles'>>(kits: readonly K[], font: Pick<FontRecord, 'id' | 'family'>): K[] {
  return kits.filter((k) => kitUsesFont(k, font));
}
