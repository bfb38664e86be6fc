import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { TextClip } from '../model/draft';
import type { TextLayerImage } from '../model/draft-record';
import { alphaBounds, type Anchor, type CanvasSize, type DrawRequest, type TextLayerInput } from './text-draw';
import { builtInFonts, type TextFonts } from './text-fonts';

/**
 * Text layers are rasterised once (SVG → PNG with sharp/librsvg) and the same PNG is what the preview shows
 * and what the export overlays: what you see is what you export.
 *
 * Measuring: wrapping needs text widths before the SVG exists. We measure with sharp's own text renderer
 * (libvips → Pango), which shapes with the same HarfBuzz/fontconfig that librsvg uses to draw the SVG, so
 * kerning, emoji and fallback fonts are measured as they will be drawn (a per-font average advance cannot
 * be: "iiii" is 116 px and "WWWW" 419 px in DejaVu Sans Bold at 96 px). Each distinct word is measured once
 * per font face and size (a few ms each, cached in memory); the final lines are measured exactly for the box.
 *
 * Drawing (measure, wrap, SVG, librsvg) is text-draw.ts; in the app it runs in the library's text rasteriser
 * process, which sees the library's fonts (text-rasteriser.ts, docs/fonts.md). `fonts` says which files a
 * family draws with and draws; without it only the built-in families are known and drawing runs in-process.
 *
 * Cache: `<cacheDir>/<key>.png` plus `<key>.json` (its size and where the block's centre lies in it). The key
 * hashes what changes the pixels: text, style, maxWidth, canvas size, and the ids (SHA-256) of the library
 * font files of the family, so another file under the same family name never reuses a PNG drawn with the
 * old one. Built-in families have no ids (the key is what it was before library fonts). Position is deliberately NOT part
 * of it: it only moves the image (`left`/`top` are computed per call), so dragging a title around the
 * preview reuses one PNG instead of rasterising a new one per mouse move.
 */

/** Bump when layout or drawing changes, so cached PNGs from an older Postframe are not reused (2: lines drawn by Pango, colour emoji). */
export const TEXT_LAYER_VERSION = 2;

export type { CanvasSize, TextLayerInput };
export type RasterizedText = TextLayerImage & { path: string };

/** Cache key: hex SHA-256 of everything that changes the pixels (not the position, see above). */
export function textLayerKey(text: Pick<TextClip, 'text' | 'style' | 'maxWidth'>, canvas: CanvasSize, fontIds: readonly string[] = []): string {
  const s = text.style;
  // An explicit, ordered structure: the key must not change with object key order.
  const parts = [
    TEXT_LAYER_VERSION,
    text.text,
    [s.font, s.size, s.color.toLowerCase(), s.bold, s.italic, s.align],
    s.stroke ? [s.stroke.color.toLowerCase(), s.stroke.width] : null,
    s.box ? [s.box.color.toLowerCase(), s.box.opacity, s.box.padding, s.box.radius] : null,
    text.maxWidth,
    canvas.width,
    canvas.height,
    // Appended only when there are any, so keys of built-in families (and their cached PNGs) stay as they were.
    ...(fontIds.length ? [[...fontIds].sort()] : []),
  ];
  return createHash('sha256').update(JSON.stringify(parts)).digest('hex');
}

/** Keys are what `textLayerKey` makes: 64 lower-case hex digits. Anything else never touches the disk. */
export function isTextLayerKey(key: string): boolean {
  return /^[0-9a-f]{64}$/.test(key);
}

export function textLayerPath(cacheDir: string, key: string): string {
  return path.join(cacheDir, `${key}.png`);
}

const inFlight = new Map<string, Promise<Anchor>>();

/**
 * The text block rasterised for a canvas, trimmed to its pixels, with `left`/`top` in canvas pixels so the
 * block's centre lands at (x·W, y·H). Nothing is clamped: text placed partly off the canvas stays there.
 */
export async function rasterizeText(text: TextLayerInput, canvas: CanvasSize, cacheDir: string, fonts: TextFonts = builtInFonts): Promise<RasterizedText> {
  // A family the library does not have is refused here, before anything is drawn (a clear message, not a fallback).
  const face = fonts.resolve(text.style.font);
  const key = textLayerKey(text, canvas, face.ids);
  const file = textLayerPath(cacheDir, key);
  let pending = inFlight.get(key);
  if (!pending) {
    const req: DrawRequest = { text: { text: text.text, style: text.style, maxWidth: text.maxWidth }, canvas, cacheDir, key, metrics: face.metrics };
    pending = (async () => (await readAnchor(cacheDir, key)) ?? (await fonts.draw(req)))();
    inFlight.set(key, pending);
    void pending.then(
      () => inFlight.delete(key),
      () => inFlight.delete(key),
    );
  }
  const a = await pending;
  return {
    key,
    path: file,
    width: a.width,
    height: a.height,
    left: Math.round(text.x * canvas.width - a.centerX),
    top: Math.round(text.y * canvas.height - a.centerY),
  };
}

async function readAnchor(cacheDir: string, key: string): Promise<Anchor | null> {
  try {
    // The sidecar is written after the PNG, so its presence means both are complete.
    const a = JSON.parse(await fs.readFile(path.join(cacheDir, `${key}.json`), 'utf8')) as Anchor;
    await fs.access(textLayerPath(cacheDir, key));
    return [a.width, a.height, a.centerX, a.centerY].every((n) => typeof n === 'number' && Number.isFinite(n)) ? a : null;
  } catch {
    return null;
  }
}

export { alphaBounds };
