import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaFacts } from '../model/asset';
import { AppError } from '../model/errors';
import { exifDate, exifOrientation } from './exif';
import { decodeHeic, heifHasTransforms } from './heic';
import { DEFAULT_MAX_IMAGE_PIXELS } from './images';
import { loadSharp } from './sharp';
import { sanitizeSvg, SVG_MAX_BYTES } from './svg-sanitize';

/**
 * Renditions: a PNG kept in the cache for an image the browser and ffmpeg should not (SVG: it could reach out
 * of the file) or cannot (HEIC) read themselves. Thumbnails, the editor preview and the export all use the
 * same PNG, so what is previewed is what is exported. The asset's width and height are the rendition's.
 */

/** `bytes`: the rendition file (PNG for SVG, JPEG for photos: model/asset.ts renditionExt). */
export type Rendition = { bytes: Buffer; facts: MediaFacts };

/** SVGs are rasterised with this long side: sharp at any canvas size up to 1080×1920 without enlarging. */
export const SVG_RENDITION_SIDE = 2048;

function imageFacts(width: number, height: number, createdAt: string | null, format: string): MediaFacts {
  return { durationSec: null, width, height, rotation: 0, fps: null, videoCodec: null, audioCodec: null, hasAudio: false, createdAt, format };
}

/** The clean copy of an SVG that the library stores in place of the file given (media/svg-sanitize.ts). */
export function cleanSvg(bytes: Buffer): Buffer {
  if (bytes.length > SVG_MAX_BYTES) throw new AppError('unsupported_media', `This SVG is ${Math.round(bytes.length / 1e6)} MB; logos and graphics over ${SVG_MAX_BYTES / 1e6} MB are not imported. Simplify it in a vector editor, then import it.`);
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw new AppError('unsupported_media', 'This SVG is not UTF-8 text. Save it again from a vector editor (UTF-8 is the default), then import it.');
  }
  return Buffer.from(sanitizeSvg(text).svg);
}

/** Rasterises a cleaned SVG (never the file as given) so its long side is SVG_RENDITION_SIDE. */
export async function svgRendition(clean: Buffer): Promise<Rendition> {
  const sharp = await loadSharp();
  const fail = (e: unknown) => new AppError('unsupported_media', `The SVG could not be drawn (${(e as Error).message}). Save it again from a vector editor as plain SVG, then import it.`);
  const meta = await sharp(clean).metadata().catch((e: unknown) => { throw fail(e); });
  if (!meta.width || !meta.height) throw new AppError('unsupported_media', 'The SVG has no size (no width, height or viewBox). Give it a viewBox in a vector editor, then import it.');
  // Rasterise at the density that gives the wanted size, so curves are drawn sharp rather than scaled up.
  const density = Math.min(100_000, Math.max(1, (72 * SVG_RENDITION_SIDE) / Math.max(meta.width, meta.height)));
  const { data, info } = await sharp(clean, { density })
    .resize(SVG_RENDITION_SIDE, SVG_RENDITION_SIDE, { fit: 'inside' })
    .png()
    .toBuffer({ resolveWithObject: true })
    .catch((e: unknown) => { throw fail(e); });
  return { bytes: data, facts: imageFacts(info.width, info.height, null, 'svg') };
}

/**
 * Sharp operations that bring pixels stored with EXIF orientation `o` upright (sharp flips before it rotates).
 * 5 (transpose) = flop, then 270°; 7 (transverse) = flop, then 90°.
 */
export function orientationSteps(o: number | null): { flop: boolean; flip: boolean; rotate: number } {
  switch (o) {
    case 2: return { flop: true, flip: false, rotate: 0 };
    case 3: return { flop: false, flip: false, rotate: 180 };
    case 4: return { flop: false, flip: true, rotate: 0 };
    case 5: return { flop: true, flip: false, rotate: 270 };
    case 6: return { flop: false, flip: false, rotate: 90 };
    case 7: return { flop: true, flip: false, rotate: 90 };
    case 8: return { flop: false, flip: false, rotate: 270 };
    default: return { flop: false, flip: false, rotate: 0 };
  }
}

/** Decodes a HEIC/HEIF photo into an upright PNG: libheif applies the file's own turns, else EXIF's. */
export async function heicRendition(bytes: Buffer, maxPixels: number): Promise<Rendition> {
  const img = await decodeHeic(bytes, maxPixels);
  const sharp = await loadSharp();
  // sharp reads a HEIF's header and EXIF even though it cannot decode its pixels.
  const meta = await sharp(bytes).metadata().catch(() => null);
  const orientation = meta?.exif && !heifHasTransforms(bytes) ? exifOrientation(meta.exif) : null;
  const steps = orientationSteps(orientation);
  let pipeline = sharp(img.rgba, { raw: { width: img.width, height: img.height, channels: 4 }, limitInputPixels: maxPixels });
  if (steps.flop) pipeline = pipeline.flop();
  if (steps.flip) pipeline = pipeline.flip();
  if (steps.rotate) pipeline = pipeline.rotate(steps.rotate);
  // A photo: JPEG at high quality (a PNG of 12 MP would be ten times the size for nothing visible).
  const { data, info } = await pipeline.removeAlpha().jpeg({ quality: 92 }).toBuffer({ resolveWithObject: true });
  return { bytes: data, facts: imageFacts(info.width, info.height, meta?.exif ? exifDate(meta.exif) : null, 'heif') };
}

/**
 * The rendition file of an asset, made again from its stored original when the cache lost it (the cache is
 * always rebuildable). The stored original of an SVG is already the clean copy.
 */
export async function ensureRendition(original: string, rendition: string, ext: string, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): Promise<void> {
  if (await fs.stat(rendition).then((s) => s.isFile(), () => false)) return;
  const bytes = await fs.readFile(original);
  const r = ext.toLowerCase() === 'svg' ? await svgRendition(cleanSvg(bytes)) : await heicRendition(bytes, maxPixels);
  await fs.mkdir(path.dirname(rendition), { recursive: true });
  const part = `${rendition}.${process.pid}.part`;
  await fs.writeFile(part, r.bytes);
  await fs.rename(part, rendition);
}
