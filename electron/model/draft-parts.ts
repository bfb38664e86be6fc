import { z } from 'zod';

/**
 * The pieces video and image drafts share (draft.ts, image-draft.ts). draft.ts re-exports all of them, so
 * callers import from there; this file exists so image-draft.ts can use them without an import cycle.
 */

/**
 * The version of the draft format (docs/draft-format.md), shared by video and image drafts. Older documents are
 * upgraded on load (draft-migrate.ts). 2: image drafts have pages, photo/shape/text layers and backgrounds.
 * 3: video drafts may have caption tracks (model/caption-track.ts). 4: video clips and texts have a rotation and
 * may have keyframes (model/keyframe-track.ts). 5: media clips may have a look (model/clip-look.ts).
 * 6: media clips may have a speed ramp (model/speed-ramp.ts), be reversed, and have a chroma key (model/chroma-key.ts).
 */
export const DRAFT_SCHEMA_VERSION = 6;

export const SPEED_MIN = 0.25;
export const SPEED_MAX = 4;

export const Id = z.string().min(1).max(64);
export const Seconds = z.number().finite().nonnegative();
export const Fraction = z.number().finite().min(-1).max(2);
export const HexColor = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'Use a colour like #ff8800');

export const Crop = z.object({
  left: z.number().min(0).max(0.9),
  top: z.number().min(0).max(0.9),
  right: z.number().min(0).max(0.9),
  bottom: z.number().min(0).max(0.9),
});
export type Crop = z.infer<typeof Crop>;

/**
 * Which part of a brand kit a clip is, so applying another kit can re-point it and the policy can find the
 * watermark. Stored drafts from before kits have none (the default), which is what ordinary media is.
 */
export const brandMarks = ['logo', 'watermark', 'intro', 'outro'] as const;
export const BrandMark = z.enum(brandMarks);
export type BrandMark = z.infer<typeof BrandMark>;

/** The kit text style a text clip was styled with (brand-kit.ts textStyleRoles; the same four names). */
export const textRoles = ['title', 'subtitle', 'caption', 'lowerThird'] as const;
export const TextRole = z.enum(textRoles);
export type TextRole = z.infer<typeof TextRole>;

/** The families every install has (resources/fonts and the system's): a draft may always name these. */
export const fontFamilies = ['DejaVu Sans', 'Liberation Sans', 'Liberation Serif', 'DejaVu Sans Mono'] as const;
export type BuiltInFontFamily = (typeof fontFamilies)[number];
export function isBuiltInFontFamily(family: string): family is BuiltInFontFamily {
  return (fontFamilies as readonly string[]).some((f) => f.toLowerCase() === family.toLowerCase());
}
/**
 * A font family by name: one of the built-ins, or a library font's family (model/font.ts FontRecord.family).
 * Drafts from before library fonts named only the built-ins, which stay valid. Whether a library has the
 * family is checked where text is drawn (render/fonts.ts), with a message that says how to get it.
 * No control characters: the name is written into SVG and fontconfig patterns.
 */
export const FontFamily = z
  .string()
  .trim()
  .min(1, 'Choose a font')
  .max(200)
  // eslint-disable-next-line no-control-regex -- refusing control characters is the point
  .refine((s) => !/[\u0000-\u001f\u007f]/.test(s), 'A font name cannot contain control characters');

export const TextStyle = z.object({
  font: FontFamily,
  /** Pixels at the canvas's size. */
  size: z.number().min(8).max(400),
  color: HexColor,
  bold: z.boolean(),
  italic: z.boolean(),
  align: z.enum(['left', 'center', 'right']),
  stroke: z.object({ color: HexColor, width: z.number().min(0).max(40) }).nullable(),
  box: z.object({ color: HexColor, opacity: z.number().min(0).max(1), padding: z.number().min(0).max(200), radius: z.number().min(0).max(200) }).nullable(),
});
export type TextStyle = z.infer<typeof TextStyle>;

/**
 * A template's marks on a layer or clip (docs/templates.md): `locked` is a brand element (logo, watermark,
 * colours) that only an admin may move, change or delete — the engine refuses it, not only the editor;
 * `placeholder` is what "New from template" asks the creator to replace (a photo, a text, a clip).
 */
export const templateMarks = ['locked', 'placeholder'] as const;
export const TemplateMark = z.enum(templateMarks);
export type TemplateMark = z.infer<typeof TemplateMark>;
