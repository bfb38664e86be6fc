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

function pixelsOf(raw: SharpRaw): RawPixels {
  return { data: new Uint8Array(raw.data.buffer, raw.data.byteOffset, raw.data.length), width: raw.info.width, height: raw.info.height, channels: raw.info.channels };
}
