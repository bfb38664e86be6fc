import type { TextStyle } from '../model/draft';
import { escapeXml } from './text-svg';

/**
 * One line of a text layer drawn by Pango (sharp's `text` input, libvips → Pango → cairo), which draws colour
 * emoji fonts (COLR) in colour; librsvg turns SVG text into outlines and draws them as nothing (docs/fonts.md).
 *
 * libvips crops its text image to Pango's ink rectangle, and Pango counts no ink for a colour glyph, so an emoji
 * at the end of a line would be cut off and nothing would tell where the baseline is. The line is therefore
 * drawn between helpers that cost no visible pixels but fix the geometry:
 *  - struts: full blocks twice the text size, raised and lowered, drawn at alpha 1/65536 (0 after 8 bits). Their
 *    ink spans far above and below the line, so nothing the line draws is cropped;
 *  - a marker: an opaque "H" at the left, whose flat foot sits on the baseline: its stem's last covered row
 *    (plus that row's coverage) is where the baseline is, to a fraction of a pixel;
 *  - two em spaces between the marker and the line (and the line and the right strut), so no glyph's overhang
 *    reaches the marker's columns.
 * `findLine` then reads the baseline from the marker and crops the line to its visible pixels.
 */

/** Pango font description matching the style (px, so dpi does not matter). */
export function pangoFont(style: Pick<TextStyle, 'font' | 'bold' | 'italic' | 'size'>): string {
  const face = [style.bold ? 'Bold' : '', style.italic ? 'Italic' : ''].filter(Boolean).join(' ');
  return `${style.font}, ${face ? `${face} ` : ''}${style.size}px`;
}

/** Pango units per pixel at 72 dpi (`rise` is given in them). */
const PANGO_SCALE = 1024;
/** The helpers' family: bundled (resources/fonts) and on every system we support; any font's "H" stands on its baseline. */
const HELPER_FONT = 'DejaVu Sans';

/** The markup `drawLine` hands to Pango: marker, struts, gap, the line in its colour, gap, strut. */
export function lineMarkup(text: string, style: Pick<TextStyle, 'size' | 'color'>): string {
  return lineMarkupAround(`<span foreground="${escapeXml(style.color)}">${escapeXml(text)}</span>`, style.size);
}

/** The helpers around a line already written as Pango markup (captions colour and hide words one by one). */
export function lineMarkupAround(inner: string, size: number): string {
  const s = size;
  const strut = (rise: number) => `<span font_desc="${HELPER_FONT} ${2 * s}px" fgalpha="1" rise="${Math.round(rise * PANGO_SCALE)}">\u2588</span>`;
  const gap = `<span font_desc="${HELPER_FONT} ${s}px">\u2003\u2003</span>`;
  const marker = `<span font_desc="${HELPER_FONT} ${s}px" foreground="#000000">H</span>`;
  return `${marker}${strut(s / 2)}${strut(-s / 2)}${gap}${inner}${gap}${strut(0)}`;
}

export type LineRegion = {
  /** The line's visible pixels in the drawn image. */
  crop: { left: number; top: number; width: number; height: number };
  /** The baseline, in rows from the crop's top (fractional: the marker's foot coverage). */
  baseline: number;
};

/**
 * Where the line and its baseline are in an RGBA image drawn from `lineMarkup`, or null when the line shows
 * nothing (zero-width characters only). Throws when the marker is missing: the image was not drawn from it.
 */
export function findLine(rgba: Uint8Array, width: number, height: number): LineRegion | null {
  const alpha = (x: number, y: number) => rgba[(y * width + x) * 4 + 3]!;
  const columnInk = (x: number) => {
    let sum = 0;
    for (let y = 0; y < height; y++) sum += alpha(x, y);
    return sum;
  };
  // The marker: the columns from the first with ink up to the first empty one after it.
  let x = 0;
  while (x < width && columnInk(x) === 0) x++;
  if (x === width) throw new Error('The text line has no baseline marker.');
  let stem = x;
  let stemInk = 0;
  for (; x < width; x++) {
    const ink = columnInk(x);
    if (ink === 0) break;
    if (ink > stemInk) [stem, stemInk] = [x, ink];
  }
  let foot = height - 1;
  while (foot >= 0 && alpha(stem, foot) === 0) foot--;
  const baseline = foot + alpha(stem, foot) / 255;

  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    for (let cx = x; cx < width; cx++) {
      if (alpha(cx, y) === 0) continue;
      if (cx < minX) minX = cx;
      if (cx > maxX) maxX = cx;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  if (maxX < 0) return null;
  return { crop: { left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1 }, baseline: baseline - minY };
}
