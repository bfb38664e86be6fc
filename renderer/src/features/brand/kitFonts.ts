import type { BrandKitContent, TextStyleRole } from '../../../../electron/model/brand-kit';
import { fontFamilies } from '../../../../electron/model/draft';
import type { FontRecord } from '../../../../electron/model/font';

/** A font a text style may name: the built-in families first, then the kit's own (by family, once each). */
export type FontChoice = { family: string; label: string };

export function fontChoices(content: BrandKitContent, library: readonly FontRecord[]): FontChoice[] {
  const builtIn = fontFamilies.map((f) => ({ family: f, label: f }));
  const seen = new Set(builtIn.map((f) => f.family.toLowerCase()));
  const kit: FontChoice[] = [];
  for (const id of content.fontIds) {
    const f = library.find((r) => r.id === id);
    if (!f || seen.has(f.family.toLowerCase())) continue;
    seen.add(f.family.toLowerCase());
    kit.push({ family: f.family, label: f.family });
  }
  // A style may name a family the kit no longer lists (removed elsewhere): keep it choosable, so the select shows it.
  for (const s of content.textStyles) {
    if (seen.has(s.style.font.toLowerCase())) continue;
    seen.add(s.style.font.toLowerCase());
    kit.push({ family: s.style.font, label: s.style.font });
  }
  return [...builtIn, ...kit];
}

/**
 * Why a font cannot leave the kit, or null: the kit's text styles that use its family, when no other face of that
 * family stays in the kit (removing Lobster Bold while Lobster Regular stays is fine). `roleName` words the roles.
 */
export function fontRemovalBlock(content: BrandKitContent, font: Pick<FontRecord, 'id' | 'family'>, library: readonly FontRecord[], roleName: (r: TextStyleRole) => string): string | null {
  const family = font.family.toLowerCase();
  const stays = content.fontIds.some((id) => id !== font.id && library.find((f) => f.id === id)?.family.toLowerCase() === family);
  if (stays) return null;
  const users = content.textStyles.filter((s) => s.style.font.toLowerCase() === family).map((s) => roleName(s.role));
  return users.length ? users.join(', ') : null;
}
