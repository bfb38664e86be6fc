// eslint-disable-next-line @typescript-eslint/triple-slash-reference -- the untyped package's declarations, for every tsconfig that reaches this file
/// <reference path="./heic-decode.d.ts" />
import { AppError, errorMessage } from '../model/errors';
import { readBoxHeader } from './mp4-index';

/**
 * HEIC/HEIF (the iPhone's photo format) decoded by libheif compiled to WebAssembly (npm heic-decode over
 * libheif-js): the same code on every OS, nothing for the user to install, and no patent-encumbered native
 * decoder shipped by us. sharp's libvips cannot decode HEVC-coded HEIF, so Postframe decodes once at import
 * and keeps a PNG rendition (media/renditions.ts) that thumbnails, the preview and the export all use.
 */

export type DecodedImage = { width: number; height: number; rgba: Buffer };

export async function decodeHeic(bytes: Buffer, maxPixels: number): Promise<DecodedImage> {
  // Loaded on first use: the WebAssembly bundle is large, and most runs never see a HEIC.
  const { default: decode } = await import('heic-decode');
  let out: Awaited<ReturnType<typeof decode>>;
  try {
    out = await decode({ buffer: bytes });
  } catch (e) {
    throw new AppError('unsupported_media', `The HEIC photo could not be decoded (${errorMessage(e)}). It may be damaged; export it from Photos as JPEG and import that.`);
  }
  if (out.width * out.height > maxPixels) {
    throw new AppError('unsupported_media', `The photo is ${out.width}×${out.height}, over the ${Math.round(maxPixels / 1e6)} MP limit. Scale it down in a photo editor and import it again.`);
  }
  return { width: out.width, height: out.height, rgba: Buffer.from(out.data.buffer, out.data.byteOffset, out.data.byteLength) };
}

/**
 * Whether a HEIF file turns or mirrors its image itself (irot/imir properties). libheif applies those while
 * decoding, and then the EXIF Orientation tag must be ignored (it describes the same turn). Files without
 * them (some converters keep only the EXIF tag) need the EXIF orientation applied.
 */
export function heifHasTransforms(bytes: Uint8Array): boolean {
  const find = (from: number, to: number, path: string[]): boolean => {
    let at = from;
    while (at + 8 <= to) {
      const h = readBoxHeader(bytes, at);
      if (!h) return false;
      const end = Math.min(to, at + (h.size ?? to - at));
      const [want, ...rest] = path;
      if (h.type === want) {
        if (rest.length === 0) return true;
        // meta is a full box: 4 bytes of version and flags before its children.
        if (find(at + h.headerSize + (h.type === 'meta' ? 4 : 0), end, rest)) return true;
      }
      at = end;
    }
    return false;
  };
  return find(0, bytes.length, ['meta', 'iprp', 'ipco', 'irot']) || find(0, bytes.length, ['meta', 'iprp', 'ipco', 'imir']);
}
