import fs from 'node:fs/promises';
import path from 'node:path';
import type { TextClip, TextStyle } from '../model/draft';
import { AppError } from '../model/errors';
import { boxSvg, escapeXml, graphemes, sanitizeText, textBlock, words, wrapLines, type Measure, type VerticalMetrics } from './text-svg';
import { findLine, lineMarkup, pangoFont } from './text-line';
import { alphaOf, outlineAlpha, paintOver, tint, type Rgba } from './text-pixels';
import { loadSharp } from '../media/sharp';
import { writeAtomic } from '../media/write-atomic';

/**
 * Drawing one text layer: measure its words with sharp's text renderer (libvips → Pango), wrap, draw each line
 * with Pango (text-line.ts: colour emoji come out in colour), lay the block out (text-svg.ts `textBlock`), draw
 * the box with librsvg, grow each line's outline from its pixels (text-pixels.ts), composite, trim and write
 * `<cacheDir>/<key>.png` + `<key>.json`.
 *
 * Which font files Pango (and librsvg) can use is fixed when the process first loads sharp (fontconfig reads its
 * configuration once), so in the app this runs in the text rasteriser's own process (text-worker.ts), started
 * with a fontconfig file that lists the bundled fonts and the library's fonts, and restarted when those change
 * (docs/fonts.md). Tests of layout alone call it in their own process with the system's fonts.
 *
 * Measuring: wrapping needs text widths before the SVG exists. We measure with sharp's own text renderer
 * (libvips → Pango), the renderer that then draws the lines, so kerning, emoji and fallback fonts are
 * measured as they will be drawn (a per-font average advance cannot
 * be: "iiii" is 116 px and "WWWW" 419 px in DejaVu Sans Bold at 96 px). Each distinct word is measured once
 * per font face and size (a few ms each, cached in memory); a drawn line's width is its visible pixels.
 */

/** librsvg/cairo surfaces top out at 32767 px; far below that a text layer is a mistake anyway. */
const MAX_SIDE = 16_384;
const MAX_PIXELS = 64_000_000;

export type TextLayerInput = Pick<TextClip, 'text' | 'style' | 'x' | 'y' | 'maxWidth'>;
export type CanvasSize = { width: number; height: number };
/** The drawn block's size and where its centre lies in it (what `<key>.json` holds). */
export type Anchor = { width: number; height: number; centerX: number; centerY: number };

/** One layer to draw: what the text rasteriser's process is sent (plain data: it crosses a process boundary). */
export type DrawRequest = {
  text: Pick<TextClip, 'text' | 'style' | 'maxWidth'>;
  canvas: CanvasSize;
  cacheDir: string;
  key: string;
  /** The family's ascent/descent (a built-in's table, or the library font's record). */
  metrics: VerticalMetrics;
};

export async function drawTextLayer(req: DrawRequest): Promise<Anchor> {
  const { text, canvas, cacheDir, key, metrics } = req;
  const style = text.style;
  const source = sanitizeText(text.text);
  // The whole block (lines, box padding, outline) fits in maxWidth of the canvas; the lines wrap inside it.
  const inset = 2 * ((style.box?.padding ?? 0) + (style.stroke?.width ?? 0));
  const maxLine = Math.max(style.size, text.maxWidth * canvas.width - inset);
  const measure = await wordMeasure(source, style, maxLine);
  const wrapped = wrapLines(source, maxLine, measure);
  // Refused before anything is drawn: the measured advances are never less than the lines' ink.
  const planned = textBlock(wrapped.map((t) => ({ text: t, width: measure(t) })), style, metrics);
  if (planned.width > MAX_SIDE || planned.height > MAX_SIDE || planned.width * planned.height > MAX_PIXELS) {
    throw new AppError('invalid_input', `This text would be ${planned.width}×${planned.height} pixels, too large to draw. Shorten it or make the font smaller.`);
  }
  // One line at a time: each is a full-height Pango image, and the worker should not hold them all at once.
  const drawn: (DrawnLine | null)[] = [];
  for (const t of wrapped) drawn.push(t ? await drawLine(t, style) : null);
  const block = textBlock(
    wrapped.map((t, i) => ({ text: t, width: drawn[i]?.image.width ?? 0 })),
    style,
    metrics,
  );

  const sharp = await loadSharp();
  const box = boxSvg(block, style);
  const canvasImage: Rgba = box
    ? await sharp(Buffer.from(box), { density: 72 })
        .ensureAlpha()
        .raw()
        .toBuffer({ resolveWithObject: true })
        .then(({ data, info }) => ({ data: new Uint8Array(data.buffer, data.byteOffset, data.length), width: info.width, height: info.height }))
    : { data: new Uint8Array(block.width * block.height * 4), width: block.width, height: block.height };
  // Line by line, outline then fill (as SVG's paint-order did): a line's outline may overlap the line above.
  const stroke = style.stroke && style.stroke.width > 0 ? style.stroke : null;
  block.lines.forEach((placed, i) => {
    const line = drawn[i];
    if (!line) return;
    const { image } = line;
    const left = Math.round(placed.anchor === 'start' ? placed.anchorX : placed.anchor === 'end' ? placed.anchorX - image.width : placed.anchorX - image.width / 2);
    const top = Math.round(placed.baseline - line.baseline);
    if (stroke) {
      const o = outlineAlpha(alphaOf(image), image.width, image.height, stroke.width);
      paintOver(canvasImage, tint(o.alpha, o.width, o.height, stroke.color), left - o.pad, top - o.pad);
    }
    paintOver(canvasImage, image, left, top);
  });

  const data = Buffer.from(canvasImage.data.buffer, canvasImage.data.byteOffset, canvasImage.data.length);
  const bounds = alphaBounds(data, canvasImage.width, canvasImage.height);
  // Nothing visible (spaces only): a 1×1 transparent pixel at the centre keeps every consumer's maths simple.
  const crop = bounds ?? { left: Math.floor(block.centerX), top: Math.floor(block.centerY), width: 1, height: 1 };
  const png = await sharp(data, { raw: { width: canvasImage.width, height: canvasImage.height, channels: 4 } })
    .extract(crop)
    .png({ compressionLevel: 6 })
    .toBuffer();
  const anchor: Anchor = { width: crop.width, height: crop.height, centerX: block.centerX - crop.left, centerY: block.centerY - crop.top };

  await fs.mkdir(cacheDir, { recursive: true });
  await writeAtomic(path.join(cacheDir, `${key}.png`), png);
  await writeAtomic(path.join(cacheDir, `${key}.json`), JSON.stringify(anchor));
  return anchor;
}


/** The smallest rectangle holding every pixel with any opacity, or null when there is none. */
export function alphaBounds(rgba: Buffer, width: number, height: number): { left: number; top: number; width: number; height: number } | null {
  let minX = width;
  let minY = height;
  let maxX = -1;
  let maxY = -1;
  for (let y = 0; y < height; y++) {
    const row = y * width * 4;
    for (let x = 0; x < width; x++) {
      if (rgba[row + x * 4 + 3] === 0) continue;
      if (x < minX) minX = x;
      if (x > maxX) maxX = x;
      if (y < minY) minY = y;
      if (y > maxY) maxY = y;
    }
  }
  return maxX < 0 ? null : { left: minX, top: minY, width: maxX - minX + 1, height: maxY - minY + 1 };
}

// ── measuring ───────────────────────────────────────────────────────────────

const widthCache = new Map<string, number>();
const WIDTH_CACHE_LIMIT = 20_000;

/** Drawn (ink) width of `s` in pixels; whitespace-only strings have none. */
async function inkWidth(s: string, font: string): Promise<number> {
  if (!s.trim()) return 0;
  const cacheKey = `${font}\u0000${s}`;
  const hit = widthCache.get(cacheKey);
  if (hit !== undefined) return hit;
  const sharp = await loadSharp();
  // sharp's text input is Pango markup: escape it like the SVG.
  const { width = 0 } = await sharp({ text: { text: escapeXml(s), font, dpi: 72, rgba: true } }).metadata();
  if (widthCache.size >= WIDTH_CACHE_LIMIT) widthCache.clear();
  widthCache.set(cacheKey, width);
  return width;
}

/**
 * A synchronous measure for `wrapLines`, built from the advances of the text's distinct words (and, for words
 * too long for a line, of their graphemes) measured up front: a line is its words plus one space each.
 * Advances, not ink: a word's ink leaves out its side bearings, and a sum of ink widths came out up to 2 %
 * short of the drawn line. The sum of advances is never less than the line's ink, so lines stay inside.
 */
export async function wordMeasure(text: string, style: TextStyle, maxLine: number): Promise<Measure> {
  const font = pangoFont(style);
  // Between two x's, ink = advance: "x<s>x" minus "xx" is the advance of s (a space has no ink of its own).
  const xx = await inkWidth('xx', font);
  const advance = async (s: string) => (await inkWidth(`x${s}x`, font)) - xx;
  const space = await advance(' ');
  const unique = [...new Set(text.split('\n').flatMap(words))];
  const widths = new Map<string, number>();
  for (const w of unique) widths.set(w, await advance(w));
  for (const w of unique) {
    if ((widths.get(w) ?? 0) <= maxLine) continue;
    for (const g of graphemes(w)) if (!widths.has(g)) widths.set(g, await advance(g));
  }
  const fallback = style.size * 0.6;
  const wordWidth = (w: string): number => widths.get(w) ?? graphemes(w).reduce((sum, g) => sum + (widths.get(g) ?? fallback), 0);
  return (line) => {
    const ws = words(line);
    return ws.reduce((sum, w) => sum + wordWidth(w), 0) + Math.max(0, ws.length - 1) * space;
  };
}

// ── drawing a line ──────────────────────────────────────────────────────────

/** One line drawn by Pango, cropped to its visible pixels, and where its baseline is in them. */
type DrawnLine = { image: Rgba; baseline: number };

async function drawLine(text: string, style: TextStyle): Promise<DrawnLine | null> {
  const sharp = await loadSharp();
  const { data, info } = await sharp({ text: { text: lineMarkup(text, style), font: pangoFont(style), dpi: 72, rgba: true } })
    .ensureAlpha()
    .raw()
    .toBuffer({ resolveWithObject: true });
  const rgba = new Uint8Array(data.buffer, data.byteOffset, data.length);
  const region = findLine(rgba, info.width, info.height);
  if (!region) return null;
  const { left, top, width, height } = region.crop;
  const out = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) out.set(rgba.subarray(((top + y) * info.width + left) * 4, ((top + y) * info.width + left + width) * 4), y * width * 4);
  return { image: { data: out, width, height }, baseline: region.baseline };
}
