import { z } from 'zod';
import { HexColor, TextStyle } from './draft';

/**
 * A brand kit (DESIGN.md "Brand kits and fonts"): library data, never app settings, so a library carries its
 * brands when it is copied. Designers edit kits in the Brand room; creators apply one to a draft and get its
 * swatches, text styles, logo, watermark, intro/outro, hashtags and disclaimer.
 *
 * Files a kit uses are referenced, not embedded: logos and intro/outro clips are library assets (so "where
 * used" and the asset's licence apply to them), fonts are library fonts (model/font.ts), by the SHA-256 of
 * the font file the rasteriser loads. A `.postframe-kit` file (docs/kit-format.md) carries those files along.
 */

const Id = z.string().min(1).max(64);

export const swatchRoles = ['primary', 'secondary', 'accent', 'other'] as const;
export const SwatchRole = z.enum(swatchRoles);
export type SwatchRole = z.infer<typeof SwatchRole>;

export const Swatch = z.object({
  name: z.string().trim().min(1, 'Name the colour').max(40),
  color: HexColor,
  role: SwatchRole,
});
export type Swatch = z.infer<typeof Swatch>;

export const corners = ['top-left', 'top-right', 'bottom-left', 'bottom-right'] as const;
export const Corner = z.enum(corners);
export type Corner = z.infer<typeof Corner>;

export const LogoVariant = z.enum(['light', 'dark']);
export type LogoVariant = z.infer<typeof LogoVariant>;

/** Where the watermark sits and how strong it is; sizes are fractions of the canvas width so any canvas works. */
export const WatermarkPreset = z.object({
  /** Which logo: `light` is drawn on dark footage, `dark` on light footage. */
  logo: LogoVariant,
  corner: Corner,
  /** Gap to the canvas edges, as a fraction of the canvas width. */
  margin: z.number().min(0).max(0.25),
  /** Width of the logo, as a fraction of the canvas width. */
  size: z.number().min(0.03).max(0.6),
  opacity: z.number().min(0.05).max(1),
});
export type WatermarkPreset = z.infer<typeof WatermarkPreset>;

export const defaultWatermark: WatermarkPreset = { logo: 'light', corner: 'bottom-right', margin: 0.04, size: 0.18, opacity: 0.85 };

export const textStyleRoles = ['title', 'subtitle', 'caption', 'lowerThird'] as const;
export const TextStyleRole = z.enum(textStyleRoles);
export type TextStyleRole = z.infer<typeof TextStyleRole>;

/** One of the kit's text styles; sizes are pixels on a 1080-wide canvas, like model/text-presets.ts. */
export const KitTextStyle = z.object({
  role: TextStyleRole,
  style: TextStyle,
  /** Where the block goes and how wide it may wrap, as fractions of the canvas. */
  placement: z.object({ x: z.number().min(0).max(1), y: z.number().min(0).max(1), maxWidth: z.number().min(0.1).max(1) }),
});
export type KitTextStyle = z.infer<typeof KitTextStyle>;

export const KIT_HASHTAG_MAX = 30;

/** What a designer edits; everything but identity and bookkeeping. */
export const BrandKitContent = z.object({
  name: z.string().trim().min(1, 'Give the kit a name').max(80),
  palette: z.array(Swatch).max(24),
  /** SHA-256 of each font file in the kit (model/font.ts FontRecord.id). */
  fontIds: z.array(z.string().regex(/^[0-9a-f]{64}$/)).max(16),
  logos: z.object({ light: Id.nullable(), dark: Id.nullable() }),
  watermark: WatermarkPreset.nullable(),
  textStyles: z
    .array(KitTextStyle)
    .max(textStyleRoles.length)
    .refine((s) => new Set(s.map((t) => t.role)).size === s.length, { message: 'A kit has one text style per role' }),
  intro: Id.nullable(),
  outro: Id.nullable(),
  /** Without the '#'; the composer adds it. */
  hashtags: z.array(z.string().regex(/^[\p{L}\p{N}_]{1,100}$/u, 'A hashtag is letters, digits and _ only')).max(KIT_HASHTAG_MAX),
  /** A tone or disclaimer line the composer can add to captions (e.g. "#ad · Paid partnership with …"). */
  disclaimer: z.string().max(500),
});
export type BrandKitContent = z.infer<typeof BrandKitContent>;

export const BrandKit = BrandKitContent.extend({
  id: Id,
  isDefault: z.boolean(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type BrandKit = z.infer<typeof BrandKit>;

export function emptyKitContent(name: string): BrandKitContent {
  return { name, palette: [], fontIds: [], logos: { light: null, dark: null }, watermark: null, textStyles: [], intro: null, outro: null, hashtags: [], disclaimer: '' };
}

