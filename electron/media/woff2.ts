// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the untyped package's declarations, for every tsconfig that reaches this file
/// <reference path="./wawoff2.d.ts" />
import { AppError } from '../model/errors';
import { MAX_FONT_BYTES } from '../model/sfnt';

/**
 * WOFF2 → sfnt with Google's woff2 decoder compiled to WebAssembly (npm wawoff2, MIT): the library stores and
 * the rasteriser loads plain TTF/OTF, and the preview serves those same bytes, so a WOFF2 is decoded once, here.
 * The header's declared sfnt size is checked before decoding, so a small file cannot make us allocate a huge
 * one (a decompression bomb); the decoder itself also refuses more than 30 MB.
 */
export async function decodeWoff2(bytes: Uint8Array): Promise<Uint8Array> {
  if (bytes.length < 48) throw new AppError('unsupported_media', 'This WOFF2 file ends inside its header. It is damaged; get the font file again.');
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const totalSfntSize = view.getUint32(16);
  if (totalSfntSize > MAX_FONT_BYTES) {
    throw new AppError('too_large', `This WOFF2 file unpacks to ${(totalSfntSize / 1048576).toFixed(1)} MB; Postframe takes fonts up to ${MAX_FONT_BYTES / 1048576} MB.`);
  }
  if (view.getUint32(4) === 0x74746366) {
    throw new AppError('unsupported_media', 'This WOFF2 file holds a font collection (several fonts in one file). Add the single TTF, OTF or WOFF2 files of the styles you need instead.');
  }
  // Loaded on first use: most runs never see a WOFF2.
  const { decompress } = await import('wawoff2');
  try {
    return await decompress(bytes);
  } catch {
    throw new AppError('unsupported_media', 'This WOFF2 file could not be decoded: it is damaged or not really WOFF2. Get the font file again, or add its TTF/OTF version.');
  }
}
