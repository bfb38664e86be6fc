import { AppError } from '../model/errors';
import { type RawPixels, SIGNATURE_GRID, type VisualSignature, signatureOf } from '../model/visual-signature';
import { loadSharp } from './sharp';

/** Raw pixels as sharp hands them over (`.raw().toBuffer({ resolveWithObject: true })`). */
export type SharpRaw = { data: Buffer; info: { width: number; height: number; channels: number } };

/**
 * The visual signature of a picture already decoded (the thumbnail's pixels): libvips shrinks it to the small
 * square the signature reads, so nothing is decoded twice and the JavaScript side only sees 64×64 pixels.
 */
export async function signatureOfRaw(raw: SharpRaw): Promise<VisualSignature> {
  const sharp = await loadSharp();
  const { width, height, channels } = raw.info;
  const small = await sharp(raw.data, { raw: { width, height, channels: channels as 1 | 2 | 3 | 4 } })
    .resize(SIGNATURE_GRID, SIGNATURE_GRID, { fit: 'fill' })
    .raw()
    .toBuffer({ resolveWithObject: true });
  return signatureOf(pixelsOf(small));
}

/** The signature of an image file (the backfill reads stored thumbnails and posters this way). */
export async function signatureOfFile(file: string): Promise<VisualSignature> {
  const sharp = await loadSharp();
  try {
    const small = await sharp(file, { failOn: 'warning' }).resize(SIGNATURE_GRID, SIGNATURE_GRID, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
    return signatureOf(pixelsOf(small));
  } catch (e) {
    throw new AppError('unsupported_media', `The picture could not be read for colours and duplicates (${(e as Error).message}).`);
  }
}

function pixelsOf(raw: SharpRaw): RawPixels {
  return { data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height, channels: raw.info.channels };
}
