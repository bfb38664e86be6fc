import { z } from 'zod';
import { Id } from './draft-parts';

/**
 * A media clip's look (docs/draft-format.md "Looks", docs/looks.md): colour adjustments and a LUT, applied to
 * the clip's own picture before it is placed on the canvas. The maths (one definition for preview and export)
 * lives in look.ts; this file is only the schema.
 *
 * Every adjustment is optional and 0 means "unchanged", so `{ adjust: {}, lut: null }` is no look at all.
 * `lut.id` names a look shipped in resources/luts (look-catalogue.ts) or a LUT the creator imported into the
 * library; `strength` mixes it with the unchanged picture (0 none, 1 all).
 */

export const LOOK_RANGES = {
  /** Stops of light (EV): ±2 is ×4 or ×¼ in linear light. */
  exposure: [-2, 2],
  contrast: [-1, 1],
  saturation: [-1, 1],
  /** + warmer (more red, less blue), − cooler. */
  temperature: [-1, 1],
  /** + magenta, − green. */
  tint: [-1, 1],
  vignette: [0, 1],
  sharpen: [0, 1],
} as const;
export type AdjustKey = keyof typeof LOOK_RANGES;
export const adjustKeys = Object.keys(LOOK_RANGES) as AdjustKey[];

const ranged = (key: AdjustKey) => {
  const [min, max] = LOOK_RANGES[key];
  return z
    .number()
    .finite()
    .min(min, `${key} must be between ${min} and ${max}`)
    .max(max, `${key} must be between ${min} and ${max}`)
    .optional();
};

export const LookAdjust = z.object({
  exposure: ranged('exposure'),
  contrast: ranged('contrast'),
  saturation: ranged('saturation'),
  temperature: ranged('temperature'),
  tint: ranged('tint'),
  vignette: ranged('vignette'),
  sharpen: ranged('sharpen'),
});
export type LookAdjust = z.infer<typeof LookAdjust>;

export const LookLut = z.object({
  id: Id,
  strength: z.number().finite().min(0, 'A look strength is between 0 and 1').max(1, 'A look strength is between 0 and 1'),
});
export type LookLut = z.infer<typeof LookLut>;

export const ClipLook = z.object({
  adjust: LookAdjust.default({}),
  lut: LookLut.nullable().default(null),
});
export type ClipLook = z.infer<typeof ClipLook>;
