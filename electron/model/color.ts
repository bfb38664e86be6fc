/**
 * Colour contrast as WCAG 2.x defines it (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio): the Brand room shows
 * each swatch's ratio against white and black text, so a designer sees at once which text colour is readable.
 * Pure maths, no I/O.
 */

export type Rgb = { r: number; g: number; b: number };

/** `#rrggbb` (case-insensitive) → 0–255 channels; anything else is a programming error (the schemas validate). */
export function parseHex(hex: string): Rgb {
  const m = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(hex);
  if (!m) throw new Error(`Not a #rrggbb colour: ${hex}`);
  return { r: parseInt(m[1]!, 16), g: parseInt(m[2]!, 16), b: parseInt(m[3]!, 16) };
}

/** One sRGB channel (0–255) made linear, with WCAG's breakpoint. */
function linear(channel: number): number {
  const c = channel / 255;
  return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
}

/** Relative luminance, 0 (black) to 1 (white). */
export function relativeLuminance(hex: string): number {
  const { r, g, b } = parseHex(hex);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** (L1 + 0.05) / (L2 + 0.05) with L1 the lighter: 1 (same luminance) to 21 (black on white). */
export function contrastRatio(a: string, b: string): number {
  const la = relativeLuminance(a);
  const lb = relativeLuminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

/**
 * WCAG's levels for text: AA needs 4.5 for normal text and 3 for large text (≥ 24 px, or ≥ 18.66 px bold);
 * AAA needs 7 and 4.5. `fail` is below AA for that size.
 */
export type ContrastLevel = 'AAA' | 'AA' | 'fail';

export function contrastLevel(ratio: number, size: 'normal' | 'large'): ContrastLevel {
  const [aa, aaa] = size === 'normal' ? [4.5, 7] : [3, 4.5];
  // WCAG compares the exact ratio; a ratio shown as "4.5" after rounding may still fail (4.499…), so no rounding here.
  if (ratio >= aaa) return 'AAA';
  if (ratio >= aa) return 'AA';
  return 'fail';
}

export type TextContrast = { ratio: number; normal: ContrastLevel; large: ContrastLevel };
export type SwatchContrast = { onWhite: TextContrast; onBlack: TextContrast };

function textContrast(ratio: number): TextContrast {
  return { ratio, normal: contrastLevel(ratio, 'normal'), large: contrastLevel(ratio, 'large') };
}

/**
 * A swatch used as a background under white text and under black text (the Brand room's badges).
 * `ratio` is exact; show it rounded down to one decimal (`formatRatio`), so a badge never says 4.5 for a fail.
 */
export function swatchContrast(hex: string): SwatchContrast {
  return { onWhite: textContrast(contrastRatio(hex, '#ffffff')), onBlack: textContrast(contrastRatio(hex, '#000000')) };
}

/** "4.4:1": one decimal, rounded down, as WCAG tools show it (rounding up could show a pass for a fail). */
export function formatRatio(ratio: number): string {
  return `${(Math.floor(ratio * 10 + 1e-9) / 10).toFixed(1)}:1`;
}
