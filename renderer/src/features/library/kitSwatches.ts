import type { BrandKit } from '../../../../electron/model/brand-kit';
import { parseHex, toHex } from '../../../../electron/model/colour';

export type KitSwatchGroup = { kitId: string; kitName: string; isDefault: boolean; swatches: { name: string; hex: string }[] };

/**
 * The brand kits' colours as one-click choices: the default kit first, then the others by name; each kit's
 * swatches in its palette order, a colour repeated within a kit shown once, kits without colours left out.
 * Hex is normalised (`#rrggbb`) so a swatch can be matched against the current filter.
 */
export function kitSwatchGroups(kits: readonly Pick<BrandKit, 'id' | 'name' | 'isDefault' | 'palette'>[]): KitSwatchGroup[] {
  const ordered = [...kits].sort((a, b) => Number(b.isDefault) - Number(a.isDefault) || a.name.localeCompare(b.name, undefined, { sensitivity: 'base' }));
  const out: KitSwatchGroup[] = [];
  for (const k of ordered) {
    const seen = new Set<string>();
    const swatches: { name: string; hex: string }[] = [];
    for (const s of k.palette) {
      const rgb = parseHex(s.color);
      if (!rgb) continue;
      const hex = toHex(rgb);
      if (seen.has(hex)) continue;
      seen.add(hex);
      swatches.push({ name: s.name, hex });
    }
    if (swatches.length) out.push({ kitId: k.id, kitName: k.name, isDefault: k.isDefault, swatches });
  }
  return out;
}
