import { z } from 'zod';
import { type Lab, deltaE, hexToLab } from './colour';
import type { DominantColour } from './visual-signature';
import { AppError } from './errors';

/**
 * "Has a dominant colour within ΔE `tolerance` of `hex`, covering at least `minShare` of the picture": the
 * colour filter of the Library and the `postframe search --color` CLI, and the rule smart collections plug in
 * (this pure form for documents in memory; library/colour-sql.ts for SQL).
 */
export const COLOUR_TOLERANCE_DEFAULT = 15;
export const COLOUR_MIN_SHARE_DEFAULT = 0.05;

export const ColourFilter = z.object({
  hex: z.string().regex(/^#?([0-9a-fA-F]{3}|[0-9a-fA-F]{6})$/, 'Write the colour as hex, e.g. #e4002b'),
  /** CIE76 ΔE: 2 is barely visible, 10 a clearly different shade, 25+ another colour. */
  tolerance: z.number().min(0).max(100).default(COLOUR_TOLERANCE_DEFAULT),
  minShare: z.number().min(0).max(1).default(COLOUR_MIN_SHARE_DEFAULT),
});
export type ColourFilter = z.infer<typeof ColourFilter>;

export function filterLab(f: Pick<ColourFilter, 'hex'>): Lab {
  const lab = hexToLab(f.hex);
  if (!lab) throw new AppError('invalid_input', `“${f.hex}” is not a colour. Write it as hex, e.g. #e4002b.`);
  return lab;
}

/** The distance of the closest qualifying dominant colour, or null when none is within tolerance. */
export function colourDistance(colours: readonly DominantColour[], target: Lab, tolerance: number, minShare: number): number | null {
  let best: number | null = null;
  for (const c of colours) {
    if (c.share < minShare) continue;
    const d = deltaE(c, target);
    if (d <= tolerance && (best === null || d < best)) best = d;
  }
  return best;
}
