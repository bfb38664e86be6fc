import { type BrandKitContent, KIT_HASHTAG_MAX, type KitTextStyle, type Swatch, type SwatchRole, type TextStyleRole, type WatermarkPreset, defaultWatermark } from '../../../../electron/model/brand-kit';
import { type TextPresetId, textPreset } from '../../../../electron/model/text-presets';

/**
 * The Brand room's edits as pure functions of a kit's content: each returns new content (never mutates) that
 * still satisfies BrandKitContent's limits (property-tested), so the editor can apply them blindly and autosave
 * what comes out. Words shown to people are passed in (i18n lives in the renderer's components).
 */

export const PALETTE_MAX = 24;

/** A name not yet used in the palette: "Colour", "Colour 2", "Colour 3"… (`base` is the translated word). */
export function freeSwatchName(palette: readonly Swatch[], base: string): string {
  const taken = new Set(palette.map((s) => s.name.toLowerCase()));
  if (!taken.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) if (!taken.has(`${base} ${n}`.toLowerCase())) return `${base} ${n}`;
}

/**
 * A new swatch at the end: the first gets the primary role, the second secondary, the third accent, the rest
 * "other", as a designer usually builds a palette. Full palette: unchanged.
 */
export function addSwatch(c: BrandKitContent, color: string, baseName: string): BrandKitContent {
  if (c.palette.length >= PALETTE_MAX) return c;
  const roles: SwatchRole[] = ['primary', 'secondary', 'accent'];
  const role = roles.find((r) => !c.palette.some((s) => s.role === r)) ?? 'other';
  return { ...c, palette: [...c.palette, { name: freeSwatchName(c.palette, baseName), color: color.toLowerCase(), role }] };
}

export function updateSwatch(c: BrandKitContent, index: number, patch: Partial<Swatch>): BrandKitContent {
  if (!c.palette[index]) return c;
  const next = { ...c.palette[index], ...patch };
  if (patch.color !== undefined) next.color = patch.color.toLowerCase();
  return { ...c, palette: c.palette.map((s, i) => (i === index ? next : s)) };
}

export function removeSwatch(c: BrandKitContent, index: number): BrandKitContent {
  if (!c.palette[index]) return c;
  return { ...c, palette: c.palette.filter((_, i) => i !== index) };
}

/** Moves a swatch from `from` to `to` (indices clamped into the palette); the others keep their order. */
export function moveSwatch(c: BrandKitContent, from: number, to: number): BrandKitContent {
  if (!c.palette[from]) return c;
  const target = Math.max(0, Math.min(c.palette.length - 1, to));
  if (target === from) return c;
  const palette = [...c.palette];
  const [s] = palette.splice(from, 1);
  palette.splice(target, 0, s!);
  return { ...c, palette };
}

/** Which ready-made look each kit role starts from (model/text-presets.ts), so a new style is already good. */
const startingPreset: Record<TextStyleRole, TextPresetId> = { title: 'boldOutline', subtitle: 'subtitle', caption: 'captionBox', lowerThird: 'lowerThird' };

/** A new text style for `role`, from its usual preset, in the kit's primary colour when it has one. */
export function newKitTextStyle(c: BrandKitContent, role: TextStyleRole): KitTextStyle {
  const p = textPreset(startingPreset[role]);
  const primary = c.palette.find((s) => s.role === 'primary')?.color;
  // Captions sit on a box: the primary colour goes to the box, the text stays readable on it.
  const style = role === 'caption' && primary && p.style.box ? { ...p.style, box: { ...p.style.box, color: primary } } : role !== 'caption' && primary ? { ...p.style, color: primary } : p.style;
  return { role, style, placement: { ...p.placement } };
}

/** Sets (or adds) the style of `s.role`, keeping the roles in their fixed order (title, subtitle, caption, lower third). */
export function setTextStyle(c: BrandKitContent, s: KitTextStyle): BrandKitContent {
  const order: TextStyleRole[] = ['title', 'subtitle', 'caption', 'lowerThird'];
  const others = c.textStyles.filter((t) => t.role !== s.role);
  return { ...c, textStyles: [...others, s].sort((a, b) => order.indexOf(a.role) - order.indexOf(b.role)) };
}

export function removeTextStyle(c: BrandKitContent, role: TextStyleRole): BrandKitContent {
  return { ...c, textStyles: c.textStyles.filter((t) => t.role !== role) };
}

/**
 * What a person typed into the hashtag field as hashtags: split on spaces and commas, the '#' dropped, characters
 * a hashtag cannot have removed ("#summer-sale" → "summersale", as the platforms read it). Empty parts vanish.
 */
export function parseHashtags(input: string): string[] {
  return input
    .split(/[\s,;]+/)
    .map((part) => part.replace(/^#+/, '').replace(/[^\p{L}\p{N}_]/gu, '').slice(0, 100))
    .filter((h) => h.length > 0);
}

/** Adds hashtags after the kit's own, skipping ones it has (case-insensitive), up to the kit's limit. */
export function addHashtags(c: BrandKitContent, tags: readonly string[]): BrandKitContent {
  const seen = new Set(c.hashtags.map((h) => h.toLowerCase()));
  const added: string[] = [];
  for (const tag of tags) {
    const key = tag.toLowerCase();
    if (seen.has(key)) continue;
    seen.add(key);
    added.push(tag);
  }
  if (!added.length) return c;
  return { ...c, hashtags: [...c.hashtags, ...added].slice(0, KIT_HASHTAG_MAX) };
}

export function removeHashtag(c: BrandKitContent, tag: string): BrandKitContent {
  return { ...c, hashtags: c.hashtags.filter((h) => h !== tag) };
}

/** Turns the watermark on (with the defaults, on the variant the kit has a logo for) or off. */
export function toggleWatermark(c: BrandKitContent, on: boolean): BrandKitContent {
  if (!on) return { ...c, watermark: null };
  if (c.watermark) return c;
  const logo = c.logos.light === null && c.logos.dark !== null ? 'dark' : 'light';
  return { ...c, watermark: { ...defaultWatermark, logo } };
}

export function patchWatermark(c: BrandKitContent, patch: Partial<WatermarkPreset>): BrandKitContent {
  return c.watermark ? { ...c, watermark: { ...c.watermark, ...patch } } : c;
}
