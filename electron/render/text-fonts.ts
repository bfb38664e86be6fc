import { fontFamilies } from '../model/draft';
import { AppError } from '../model/errors';
import type { FontRecord } from '../model/font';
import { type CaptionAnchor, type CaptionDrawRequest, drawCaptionStates } from './caption-draw';
import { type Anchor, type DrawRequest, drawTextLayer } from './text-draw';
import { fontVerticalMetrics, type VerticalMetrics } from './text-svg';

/** The files a family draws with (their ids go into the cache key) and its vertical metrics. */
export type ResolvedFamily = { ids: string[]; metrics: VerticalMetrics };

/** How text layers find their fonts and get drawn: the library's (studio) or the built-ins only (tests, bench). */
export interface TextFonts {
  /** The family's files and metrics; throws a clear AppError when neither the library nor the built-ins have it. */
  resolve(family: string): ResolvedFamily;
  draw(req: DrawRequest): Promise<Anchor>;
  /** The states of one caption cue (caption-draw.ts), drawn by the same rasteriser. */
  drawCaption(req: CaptionDrawRequest): Promise<CaptionAnchor[]>;
}

export function missingFontMessage(family: string): string {
  return `This draft uses the font “${family}”, which is not in this library: add the font file in Brand → Fonts or import the kit that has it.`;
}

/**
 * A family in a library: its library files when it has any (a library font wins over a built-in or system font
 * of the same name, in the key as in fontconfig: text-rasteriser.ts), else a built-in, else a refusal.
 * Metrics come from the face a plain style draws with: the regular (weight nearest 400, upright) file.
 */
export function resolveFamily(family: string, libraryFaces: readonly Pick<FontRecord, 'id' | 'weight' | 'italic' | 'ascent' | 'descent'>[]): ResolvedFamily {
  if (libraryFaces.length) {
    const regular = [...libraryFaces].sort((a, b) => Number(a.italic) - Number(b.italic) || Math.abs(a.weight - 400) - Math.abs(b.weight - 400))[0]!;
    return { ids: libraryFaces.map((f) => f.id).sort(), metrics: { ascent: regular.ascent, descent: regular.descent } };
  }
  const builtIn = fontFamilies.find((f) => f.toLowerCase() === family.trim().toLowerCase());
  if (builtIn) return { ids: [], metrics: fontVerticalMetrics[builtIn] };
  throw new AppError('not_found', missingFontMessage(family));
}

/** Built-in families only, drawn in this process with the fonts it was started with (tests, the render bench). */
export const builtInFonts: TextFonts = {
  resolve: (family) => resolveFamily(family, []),
  draw: drawTextLayer,
  drawCaption: drawCaptionStates,
};
