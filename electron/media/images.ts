import fs from 'node:fs/promises';
import type { Metadata, Sharp as SharpInstance } from 'sharp';
import type { MediaFacts } from '../model/asset';
import { AppError } from '../model/errors';
import { type Orientation, orientationTurn, toOrientation, uprightSize } from '../model/orientation';
import { exifDate } from './exif';
import type { VisualSignature } from '../model/visual-signature';
import { loadSharp } from './sharp';
import { signatureOfRaw } from './visual';

/** Larger images are refused from their header, before anything is decoded (decompression bombs). */
export const DEFAULT_MAX_IMAGE_PIXELS = 200_000_000;
export const THUMB_SIZE = 480;
/** The grid thumbnail's encoding: one place, so the paths with and without a signature write the same bytes. */
const THUMB_WEBP = { quality: 76, effort: 2 } as const;
/**
 * The Library grid's tile picture ('tile' variant): the thumbnail shrunk to fit a 320×240 box, about twice the
 * grid's ~170×128 px tile (HiDPI screens) and under half the thumbnail's pixels, which the grid decodes for each
 * of 2,000 tiles scrolled past (docs/performance.md).
 */
export const TILE_WIDTH = 320;
export const TILE_HEIGHT = 240;
const TILE_WEBP = { quality: 78, effort: 2 } as const;

/** `orientation`: the EXIF orientation Postframe applies to this file's stored pixels (1: none). */
export type ImageInfo = { facts: MediaFacts; format: string; orientation: Orientation };

/**
 * Formats whose EXIF orientation Postframe applies. One rule for the facts, the thumbnail, the preview and the
 * export, chosen to be what Chromium (the preview, and every image the app shows) does: it turns JPEG and PNG
 * (an eXIf chunk before the image data; libvips reads no later one either) by their EXIF, and shows TIFF only
 * as our thumbnail. It ignores the EXIF of WebP, and so does ffmpeg, so a WebP is shown as stored.
 * (AVIF and HEIF turn themselves with irot/imir boxes inside the decoder; no EXIF tag is involved.)
 * e2e/browser/orientation.spec.ts holds Chromium to this.
 */
const ORIENTED_FORMATS = new Set(['jpeg', 'png', 'tiff']);

/** The orientation Postframe applies for a file of `format` whose EXIF says `tag` (sharp's metadata). */
export function appliedOrientation(format: string | undefined, tag: number | undefined): Orientation {
  return format !== undefined && ORIENTED_FORMATS.has(format) ? toOrientation(tag) : 1;
}

export async function readImageInfo(file: string | Buffer, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): Promise<ImageInfo> {
  const sharp = await loadSharp();
  let meta: Metadata;
  try {
    meta = await sharp(file, { limitInputPixels: false }).metadata();
  } catch (e) {
    throw new AppError('unsupported_media', `The image could not be read (${(e as Error).message.replace(/^Input file /, '')}). It may be damaged or in a format Postframe can't open; re-export it as JPEG or PNG.`);
  }
  const w = meta.width;
  const h = meta.height;
  if (!w || !h) throw new AppError('unsupported_media', 'The image has no size in its header; it is damaged. Re-export it as JPEG or PNG.');
  if (w * h > maxPixels) {
    throw new AppError(
      'unsupported_media',
      `The image is ${w}×${h} (${Math.round((w * h) / 1e6)} MP), over the ${Math.round(maxPixels / 1e6)} MP limit. Scale it down in a photo editor and import it again.`,
    );
  }
  const orientation = appliedOrientation(meta.format, meta.orientation);
  const size = uprightSize({ width: w, height: h }, orientation);
  return {
    format: meta.format ?? 'unknown',
    orientation,
    facts: {
      durationSec: meta.pages && meta.pages > 1 && meta.delay ? meta.delay.reduce((a: number, b: number) => a + b, 0) / 1000 : null,
      width: size.width,
      height: size.height,
      rotation: orientationTurn(orientation).rotation,
      fps: null,
      videoCodec: null,
      audioCodec: null,
      hasAudio: false,
      createdAt: meta.exif ? exifDate(meta.exif) : null,
      format: meta.format ?? null,
    },
  };
}

/**
 * Writes an upright WebP thumbnail: turned by `orientation`, the one readImageInfo found (libvips' own turn
 * reads the same tag, and is left out where Postframe does not apply it). Decoding fails on truncated or corrupt
 * data (failOn 'warning'), which is how a half-copied JPEG is caught: its header is fine, its pixels are not.
 * With `signature`, the thumbnail's pixels also give the visual signature (colours and hashes), so the image is
 * decoded once for both (thumbnailAndSignature).
 */
export async function writeImageThumbnail(input: string | Buffer, out: string, orientation: Orientation, maxPixels?: number): Promise<void>;
export async function writeImageThumbnail(input: string | Buffer, out: string, orientation: Orientation, maxPixels: number | undefined, opts: { signature: true }): Promise<VisualSignature>;
export async function writeImageThumbnail(
  input: string | Buffer,
  out: string,
  orientation: Orientation,
  maxPixels = DEFAULT_MAX_IMAGE_PIXELS,
  opts: { signature?: boolean } = {},
): Promise<VisualSignature | void> {
  const sharp = await loadSharp();
  try {
    const decoded = sharp(input, { limitInputPixels: maxPixels, failOn: 'warning' });
    const sized = (orientation === 1 ? decoded : decoded.rotate()).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true });
    if (!opts.signature) {
      await sized.webp(THUMB_WEBP).toFile(out);
      return;
    }
    return await thumbnailAndSignature(sized, out);
  } catch (e) {
    throw new AppError('unsupported_media', `The image data is damaged or truncated (${(e as Error).message}). Copy the file again from its source.`);
  }
}

/**
 * Writes the WebP thumbnail a pipeline makes and the visual signature of the same pixels, from one decode: the
 * pipeline (decode, turn, shrink to 480 px) runs once to raw pixels, which libvips then encodes to the WebP
 * file and, beside it, shrinks to the 64×64 square the signature reads. Encoding from those raw pixels writes
 * the same WebP bytes as the pipeline's own `.webp()` (thumbnail-signature.test.ts holds this). The signature
 * reads the pixels before WebP's lossy encoding, so it is close to, not equal to, what the backfill reads from
 * the stored WebP (docs/library-search.md, "Where the pixels come from").
 */
export async function thumbnailAndSignature(pipeline: SharpInstance, out: string): Promise<VisualSignature> {
  const sharp = await loadSharp();
  const { data, info } = await pipeline.raw().toBuffer({ resolveWithObject: true });
  const raw = { width: info.width, height: info.height, channels: info.channels };
  const [, signature] = await Promise.all([sharp(data, { raw }).webp(THUMB_WEBP).toFile(out), signatureOfRaw(data, raw)]);
  return signature;
}

/**
 * Writes the grid's tile picture from an asset's (upright) thumbnail: at import beside the thumbnail, and on the
 * first request of an older library (studio/files.ts). Written to a sibling file and renamed, so a reader never
 * sees half a file and two requests at once cannot interleave their bytes.
 */
export async function writeTileFromThumbnail(thumb: string, out: string): Promise<void> {
  const sharp = await loadSharp();
  const part = `${out}.${process.pid}.${Math.random().toString(36).slice(2)}.part`;
  try {
    // Read first: libvips caches what it opened by file name, so a remade thumbnail would not be seen.
    await sharp(await fs.readFile(thumb), { failOn: 'warning' }).resize(TILE_WIDTH, TILE_HEIGHT, { fit: 'inside', withoutEnlargement: true }).webp(TILE_WEBP).toFile(part);
    await fs.rename(part, out);
  } catch (e) {
    await fs.rm(part, { force: true });
    throw e;
  }
}
