import { AppError } from '../model/errors';
import { type RawPixels, SIGNATURE_GRID, type VisualSignature, signatureOf } from '../model/visual-signature';
import { loadSharp } from './sharp';

/** Raw pixels as sharp hands them over (`.raw().toBuffer({ resolveWithObject: true })`). */
type SharpRaw = { data: Buffer; info: { width: number; height: number; channels: number } };

/** The signature of an encoded picture, a file or its bytes (the stored thumbnail, at import and in the backfill). */
export async function signatureOfFile(file: string | Buffer): Promise<VisualSignature> {
  const sharp = await loadSharp();
  try {
    const small = await sharp(file, { failOn: 'warning' }).resize(SIGNATURE_GRID, SIGNATURE_GRID, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
    return signatureOf(pixelsOf(small));
  } catch (e) {
    throw new AppError('unsupported_media', `The picture could not be read for colours and duplicates (${(e as Error).message}).`);
  }
}

/**
 * The signature of raw pixels in memory (the thumbnail's, at import): libvips shrinks them to the SIGNATURE_GRID
 * square, exactly as signatureOfFile shrinks a decoded file, and the pure code reads that square.
 */
export async function signatureOfRaw(data: Buffer, raw: { width: number; height: number; channels: 1 | 2 | 3 | 4 }): Promise<VisualSignature> {
  const sharp = await loadSharp();
  try {
    const small = await sharp(data, { raw }).resize(SIGNATURE_GRID, SIGNATURE_GRID, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
    return signatureOf(pixelsOf(small));
  } catch (e) {
    throw new AppError('unsupported_media', `The picture could not be read for colours and duplicates (${(e as Error).message}).`);
  }
}

function pixelsOf(raw: SharpRaw): RawPixels {
  return { data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height, channels: raw.info.channels };
}
