import { isBuiltInFontFamily, type TextStyle } from './draft';
import type { FontRecord } from './font';

/**
 * Which weights a family offers, as Canva and Figma do it: a text style offers Bold only when the family has a
 * bold face (the built-ins all do; a library family when one of its files is SemiBold or heavier). A style saved
 * bold with a family that has no bold face still draws the same everywhere: the rasteriser synthesises the bold
 * (fontconfig's embolden rule, written into the library's fonts.conf, render/fonts-conf.ts) and the preview
 * shows that very PNG. The UI marks it and lets the designer turn it off.
 */
export type Face = Pick<FontRecord, 'family' | 'weight'>;

/** OS/2 weight from which a face counts as the family's bold (600 SemiBold and up: what fontconfig picks for Bold). */
export const BOLD_FACE_WEIGHT = 600;

export type BoldAvailability = 'bold' | 'regularOnly' | 'unknown';

/** Whether `family` has a bold face among the bundled families and the library's `faces` (unknown: in neither). */
export function boldAvailability(family: string, faces: readonly Face[]): BoldAvailability {
  if (isBuiltInFontFamily(family)) return 'bold';
  const own = faces.filter((f) => f.family.toLowerCase() === family.toLowerCase());
  if (own.length === 0) return 'unknown';
  return own.some((f) => f.weight >= BOLD_FACE_WEIGHT) ? 'bold' : 'regularOnly';
}

/** Whether a style's Bold is drawn by synthesising it (its family has no bold face). */
export function syntheticBold(style: Pick<TextStyle, 'font' | 'bold'>, faces: readonly Face[]): boolean {
  return style.bold && boldAvailability(style.font, faces) === 'regularOnly';
}

/** A style moved to `family`: Bold kept only where the family has a bold face (a new family takes the weight it has). */
export function withFamily<S extends Pick<TextStyle, 'font' | 'bold'>>(style: S, family: string, faces: readonly Face[]): S {
  const bold = style.bold && boldAvailability(family, faces) !== 'regularOnly';
  return { ...style, font: family, bold };
}
