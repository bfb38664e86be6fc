import { type BuiltInFontFamily, fontFamilies, type TextStyle } from '../model/draft';

/**
 * Pure text-layer layout (and the box's SVG). No I/O: widths come from a `measure` function the caller
 * supplies (text-draw.ts measures with the same Pango that draws the lines; tests use a fake), so every
 * decision here (wrapping, line boxes, alignment, box, margins for the outline) is unit-tested without fonts.
 */

/** Measures the drawn width of one line in pixels at the style's size. */
export type Measure = (line: string) => number;

/** Line spacing as a multiple of the font size: airy enough for stacked captions, tight enough for titles. */
export const LINE_HEIGHT = 1.2;

/** Ascent and descent as fractions of the em (hhea), used to centre glyphs vertically inside their line box. */
export type VerticalMetrics = { ascent: number; descent: number };

/**
 * The built-in families' metrics, from each font's hhea table (same for its bold and italic faces). Library
 * fonts bring their own (model/font.ts FontRecord.ascent/descent, read from the file when it was added).
 */
export const fontVerticalMetrics: Record<BuiltInFontFamily, VerticalMetrics> = {
  'DejaVu Sans': { ascent: 0.928, descent: 0.236 },
  'DejaVu Sans Mono': { ascent: 0.928, descent: 0.236 },
  'Liberation Sans': { ascent: 0.905, descent: 0.212 },
  'Liberation Serif': { ascent: 0.891, descent: 0.216 },
};

/** A built-in family's metrics; a library family's must be given (the caller has its FontRecord). */
export function builtInVerticalMetrics(family: string): VerticalMetrics {
  const name = fontFamilies.find((f) => f.toLowerCase() === family.toLowerCase());
  if (!name) throw new Error(`No vertical metrics known for the font “${family}”: pass the library font's own.`);
  return fontVerticalMetrics[name];
}

/**
 * Makes user text safe for XML (SVG and Pango markup both are XML): control characters that XML forbids
 * become nothing (tabs become spaces), lone surrogate halves become U+FFFD, CRLF becomes LF. Surrogate
 * pairs (emoji) and combining sequences pass through untouched.
 */
export function sanitizeText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/\t/g, ' ')
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\ufffe\uffff]/g, '')
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd');
}

/** Escapes the five XML specials; for text content and attribute values alike. */
export function escapeXml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c] ?? c);
}

const graphemeSegmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });

/** User-perceived characters: an emoji with modifiers or a ZWJ sequence stays one piece. */
export function graphemes(text: string): string[] {
  return Array.from(graphemeSegmenter.segment(text), (s) => s.segment);
}

/** The words (space-separated runs) of one paragraph; the pieces `wrapLines` measures. */
export function words(paragraph: string): string[] {
  return paragraph.split(/ +/).filter((w) => w.length > 0);
}

/**
 * Greedy word wrap at `maxWidth` pixels. Explicit newlines always break; runs of spaces collapse to one
 * (and leading/trailing spaces go), as in a caption editor; a word wider than the line on its own is broken between graphemes (never
 * inside an emoji). An empty paragraph stays an empty line, so blank lines the user typed keep their space.
 */
export function wrapLines(text: string, maxWidth: number, measure: Measure): string[] {
  const out: string[] = [];
  for (const paragraph of sanitizeText(text).split('\n')) {
    const ws = words(paragraph);
    if (ws.length === 0) {
      out.push('');
      continue;
    }
    let line = '';
    for (const word of ws) {
      const candidate = line ? `${line} ${word}` : word;
      if (measure(candidate) <= maxWidth) {
        line = candidate;
        continue;
      }
      if (line) out.push(line);
      line = '';
      if (measure(word) <= maxWidth) {
        line = word;
        continue;
      }
      // Longer than a whole line: break it between graphemes, as many per line as fit (at least one).
      for (const g of graphemes(word)) {
        const next = line + g;
        if (line && measure(next) > maxWidth) {
          out.push(line);
          line = g;
        } else line = next;
      }
    }
    out.push(line);
  }
  return out;
}

export type TextBlockLine = { text: string; width: number };

/** Where one line goes: its anchor (x, and which side of the line it is) and its baseline, in block pixels. */
export type PlacedLine = { text: string; width: number; anchorX: number; anchor: 'start' | 'middle' | 'end'; baseline: number };

/** The geometry of a text block: its image size, centre, box and lines. What the SVG and the Pango drawing share. */
export type TextBlock = {
  width: number;
  height: number;
  centerX: number;
  centerY: number;
  box: { x: number; y: number; width: number; height: number; radius: number } | null;
  lines: PlacedLine[];
};

/**
 * The layout of a wrapped text block. The block (lines, plus the box's padding) is centred in an image with a
 * margin wide enough for the stroke and for glyph overhang (italics, accents, emoji), which the caller trims away.
 *
 * - Alignment: each line is anchored at the block's left edge, centre or right edge.
 * - Lines are `LINE_HEIGHT` em apart; glyphs sit centred in their line box by the family's ascent and descent.
 * - Box: one rounded rectangle behind the whole block, `padding` pixels around the widest line.
 */
export function textBlock(lines: readonly TextBlockLine[], style: TextStyle, metrics: VerticalMetrics = builtInVerticalMetrics(style.font)): TextBlock {
  const size = style.size;
  const lineHeight = Math.round(size * LINE_HEIGHT);
  const { ascent, descent } = metrics;
  const pad = style.box ? style.box.padding : 0;
  const contentWidth = Math.max(1, ...lines.map((l) => Math.ceil(l.width)));
  const blockWidth = contentWidth + 2 * pad;
  const blockHeight = lines.length * lineHeight + 2 * pad;
  const stroke = style.stroke && style.stroke.width > 0 ? style.stroke : null;
  const margin = Math.ceil(size * 0.5 + (stroke ? stroke.width : 0) + 4);
  const width = blockWidth + 2 * margin;
  const height = blockHeight + 2 * margin;

  const left = margin + pad;
  const anchorX = style.align === 'left' ? left : style.align === 'right' ? left + contentWidth : left + contentWidth / 2;
  const anchor = style.align === 'left' ? 'start' : style.align === 'right' ? 'end' : 'middle';
  // Glyphs sit centred in their line box: half the leftover above the ascent, half below the descent.
  const baselineInLine = (lineHeight - (ascent + descent) * size) / 2 + ascent * size;
  const box = style.box ? { x: margin, y: margin, width: blockWidth, height: blockHeight, radius: Math.min(style.box.radius, blockWidth / 2, blockHeight / 2) } : null;
  const placed = lines.map((line, i) => ({ text: line.text, width: line.width, anchorX, anchor, baseline: margin + pad + i * lineHeight + baselineInLine }) satisfies PlacedLine);
  return { width, height, centerX: width / 2, centerY: height / 2, box, lines: placed };
}

/** The block's box alone as SVG (Pango draws the lines over it), or null when the style has none. */
export function boxSvg(block: TextBlock, style: TextStyle): string | null {
  if (!block.box || !style.box) return null;
  const b = block.box;
  return (
    `<svg xmlns="http://www.w3.org/2000/svg" width="${block.width}" height="${block.height}" viewBox="0 0 ${block.width} ${block.height}">` +
    `<rect x="${b.x}" y="${b.y}" width="${b.width}" height="${b.height}" rx="${num(b.radius)}" ry="${num(b.radius)}" fill="${style.box.color}" fill-opacity="${num(style.box.opacity)}"/></svg>`
  );
}

/** Short, stable number formatting for SVG attributes (no 1e-7 or long fractions in the cache key's output). */
function num(n: number): string {
  return String(Math.round(n * 100) / 100);
}
