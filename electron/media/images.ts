import type { Metadata } from 'sharp';
import type { MediaFacts } from '../model/asset';
import { AppError } from '../model/errors';
import { exifDate } from './exif';
import { loadSharp } from './sharp';

/** Larger images are refused from their header, before anything is decoded (decompression bombs). */
export const DEFAULT_MAX_IMAGE_PIXELS = 200_000_000;
export const THUMB_SIZE = 480;

export type ImageInfo = { facts: MediaFacts; format: string };

/** EXIF orientations 5–8 turn the picture a quarter turn, so width and height swap on display. */
function orientationToRotation(o: number | undefined): number {
  switch (o) {
    case 3:
    case 4:
      return 180;
    case 5:
    case 6:
      return 90;
    case 7:
    case 8:
      return 270;
    default:
      return 0;
  }
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
  const rotation = orientationToRotation(meta.orientation);
  const swap = rotation === 90 || rotation === 270;
  return {
    format: meta.format ?? 'unknown',
    facts: {
      durationSec: meta.pages && meta.pages > 1 && meta.delay ? meta.delay.reduce((a: number, b: number) => a + b, 0) / 1000 : null,
      width: swap ? h : w,
      height: swap ? w : h,
      rotation,
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
 * Writes an upright WebP thumbnail. Decoding fails on truncated or corrupt data (failOn 'warning'), which is
 * how a half-copied JPEG is caught: its header is fine, its pixels are not.
 */
export async function writeImageThumbnail(input: string | Buffer, out: string, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): Promise<void> {
  const sharp = await loadSharp();
  try {
    await sharp(input, { limitInputPixels: maxPixels, failOn: 'warning' })
      .rotate()
      .resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 76, effort: 2 })
      .toFile(out);
  } catch (e) {
    throw new AppError('unsupported_media', `The image data is damaged or truncated (${(e as Error).message}). Copy the file again from its source.`);
  }
}
