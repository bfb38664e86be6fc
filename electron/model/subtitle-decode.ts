import { AppError } from './errors';

/**
 * Subtitle files come in whatever encoding the tool that wrote them used: UTF-8 (with or without a BOM),
 * UTF-16 from Windows tools (usually with a BOM, sometimes without), and old Windows-1252 (Latin-1) files from
 * European fansub and broadcast tools. Decoding is pure (TextDecoder) so the renderer could use it too.
 */
export type SubtitleEncoding = 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252';

/** Bigger than any subtitle file (a 3-hour film is ~200 KB): a larger file is not subtitles. */
export const SUBTITLE_MAX_BYTES = 20 * 1024 * 1024;

/**
 * UTF-16 without a BOM: text in Latin script has a NUL in every other byte. Sampled from the start; the
 * side with most NULs is the high byte (odd positions → little-endian).
 */
function utf16ByNuls(bytes: Uint8Array): 'utf-16le' | 'utf-16be' | null {
  const n = Math.min(bytes.length, 4096) & ~1;
  if (n < 4) return null;
  let even = 0;
  let odd = 0;
  for (let i = 0; i < n; i += 2) {
    if (bytes[i] === 0) even++;
    if (bytes[i + 1] === 0) odd++;
  }
  const pairs = n / 2;
  if (odd > pairs * 0.3 && even < odd / 8) return 'utf-16le';
  if (even > pairs * 0.3 && odd < even / 8) return 'utf-16be';
  return null;
}

/**
 * Windows-1252's 0x80–0x9f (curly quotes, dashes, €, …): Node's TextDecoder built without full ICU decodes the
 * label as ISO-8859-1 (C1 controls there), so the table is ours. Undefined bytes stay as their C1 code points.
 */
const CP1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

function decodeWindows1252(bytes: Uint8Array): string {
  let out = '';
  for (let i = 0; i < bytes.length; i += 8192) {
    const chunk = bytes.subarray(i, i + 8192);
    out += String.fromCharCode(...chunk).replace(/[\u0080-\u009f]/g, (c) => CP1252_HIGH[c.charCodeAt(0) - 0x80]!);
  }
  return out;
}

function decode(bytes: Uint8Array, encoding: SubtitleEncoding, fatal: boolean): string {
  if (encoding === 'windows-1252') return decodeWindows1252(bytes);
  return new TextDecoder(encoding, { fatal, ignoreBOM: true }).decode(bytes);
}

/** The text of a subtitle file and the encoding it was read as; an AppError when it is not text at all. */
export function decodeSubtitleBytes(bytes: Uint8Array): { text: string; encoding: SubtitleEncoding } {
  if (bytes.length > SUBTITLE_MAX_BYTES) {
    throw new AppError('too_large', `This file is ${Math.round(bytes.length / 1024 / 1024)} MB; subtitle files are far smaller. Choose an .srt or .vtt file.`);
  }
  let encoding: SubtitleEncoding;
  let body = bytes;
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) {
    encoding = 'utf-8';
    body = bytes.subarray(3);
  } else if (bytes[0] === 0xff && bytes[1] === 0xfe) {
    encoding = 'utf-16le';
    body = bytes.subarray(2);
  } else if (bytes[0] === 0xfe && bytes[1] === 0xff) {
    encoding = 'utf-16be';
    body = bytes.subarray(2);
  } else {
    encoding = utf16ByNuls(bytes) ?? 'utf-8';
  }
  let text: string;
  try {
    text = decode(body, encoding, true);
  } catch {
    if (encoding !== 'utf-8') throw new AppError('invalid_input', `This file looks like UTF-16 text but is damaged (it cannot be read as ${encoding.toUpperCase()}). Save it again as UTF-8 in a text editor and import that.`);
    // Not UTF-8: the old single-byte Windows encoding is the one subtitle tools used (WHATWG's "latin1" is it too).
    encoding = 'windows-1252';
    text = decode(body, encoding, false);
  }
  // A NUL never appears in subtitle text: the file is binary (a video, an image) or in an encoding we cannot tell.
  if (text.includes('\u0000')) {
    throw new AppError('invalid_input', 'This file is not a subtitle file (it holds binary data). Choose an .srt or .vtt text file.');
  }
  return { text, encoding };
}
