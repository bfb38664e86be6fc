/**
 * Decides from a file's first bytes what it really is, whatever its name says: a text file named .jpg is
 * text, a PNG named .jpg is a PNG. Images go to sharp, audio/video to ffprobe, anything else is refused.
 */
export type Sniffed =
  | { kind: 'image'; format: 'jpeg' | 'png' | 'gif' | 'webp' | 'tiff' | 'avif' | 'heif' | 'bmp' | 'svg' }
  | { kind: 'av'; format: string }
  | { kind: 'text' }
  | { kind: 'unknown' };

/** Enough for binary magic numbers and for the XML declaration and comments editors write before <svg>. */
export const SNIFF_BYTES = 4096;

const ascii = (b: Uint8Array, at: number, s: string) => {
  if (b.length < at + s.length) return false;
  for (let i = 0; i < s.length; i++) if (b[at + i] !== s.charCodeAt(i)) return false;
  return true;
};

const HEIF_BRANDS = ['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'mif1', 'msf1'];

export function sniff(b: Uint8Array): Sniffed {
  if (b.length >= 3 && b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return { kind: 'image', format: 'jpeg' };
  if (ascii(b, 0, '\x89PNG\r\n\x1a\n')) return { kind: 'image', format: 'png' };
  if (ascii(b, 0, 'GIF87a') || ascii(b, 0, 'GIF89a')) return { kind: 'image', format: 'gif' };
  if (ascii(b, 0, 'RIFF') && ascii(b, 8, 'WEBP')) return { kind: 'image', format: 'webp' };
  if (ascii(b, 0, 'II*\0') || ascii(b, 0, 'MM\0*')) return { kind: 'image', format: 'tiff' };
  // BMP's magic is two letters, so also require its reserved header bytes (6..9) to be zero: text never has NULs.
  if (ascii(b, 0, 'BM') && b.length >= 14 && b[6] === 0 && b[7] === 0 && b[8] === 0 && b[9] === 0) return { kind: 'image', format: 'bmp' };
  if (ascii(b, 4, 'ftyp')) {
    const brand = String.fromCharCode(...b.slice(8, 12));
    if (brand === 'avif' || brand === 'avis') return { kind: 'image', format: 'avif' };
    if (HEIF_BRANDS.includes(brand)) {
      // Generic HEIF brands (mif1, msf1) also front AVIF files: their compatible brands tell them apart.
      const compatible = Array.from({ length: Math.max(0, Math.floor((Math.min(b.length, 64) - 16) / 4)) }, (_, i) => String.fromCharCode(...b.slice(16 + i * 4, 20 + i * 4)));
      return { kind: 'image', format: compatible.includes('avif') ? 'avif' : 'heif' };
    }
    return { kind: 'av', format: 'isobmff' };
  }
  if (ascii(b, 0, 'RIFF') && (ascii(b, 8, 'WAVE') || ascii(b, 8, 'AVI '))) return { kind: 'av', format: 'riff' };
  if (b.length >= 4 && b[0] === 0x1a && b[1] === 0x45 && b[2] === 0xdf && b[3] === 0xa3) return { kind: 'av', format: 'matroska' };
  if (ascii(b, 0, 'ID3') || (b.length >= 2 && b[0] === 0xff && (b[1]! & 0xe0) === 0xe0)) return { kind: 'av', format: 'mpeg-audio' };
  if (ascii(b, 0, 'fLaC')) return { kind: 'av', format: 'flac' };
  if (ascii(b, 0, 'OggS')) return { kind: 'av', format: 'ogg' };
  if (ascii(b, 0, 'FORM') && (ascii(b, 8, 'AIFF') || ascii(b, 8, 'AIFC'))) return { kind: 'av', format: 'aiff' };
  if (looksLikeText(b)) return looksLikeSvg(new TextDecoder().decode(b)) ? { kind: 'image', format: 'svg' } : { kind: 'text' };
  if (b.length >= 1 && b[0] === 0x47) return { kind: 'av', format: 'mpegts' };
  if (b.length >= 4 && b[0] === 0 && b[1] === 0 && b[2] === 1 && (b[3] === 0xba || b[3] === 0xb3)) return { kind: 'av', format: 'mpeg-ps' };
  if (ascii(b, 4, 'moov') || ascii(b, 4, 'mdat') || ascii(b, 4, 'wide') || ascii(b, 4, 'free')) return { kind: 'av', format: 'quicktime' };
  return { kind: 'unknown' };
}

/**
 * An SVG document, by content: `<svg` as the first element, after an optional BOM, XML declaration, comments or
 * a DOCTYPE naming svg (which the importer then refuses with its reason: media/svg-sanitize.ts).
 */
export function looksLikeSvg(head: string): boolean {
  let s = head.replace(/^\uFEFF/, '').trimStart();
  for (let guard = 0; guard < 64; guard++) {
    if (s.startsWith('<?')) {
      const end = s.indexOf('?>');
      if (end < 0) return false;
      s = s.slice(end + 2).trimStart();
    } else if (s.startsWith('<!--')) {
      const end = s.indexOf('-->');
      if (end < 0) return false;
      s = s.slice(end + 3).trimStart();
    } else if (/^<!DOCTYPE\s+svg\b/i.test(s)) return true;
    else break;
  }
  return /^<svg[\s>/]/.test(s);
}

function looksLikeText(b: Uint8Array): boolean {
  if (b.length === 0) return false;
  for (const c of b) {
    if (c === 0) return false;
    if (c < 0x09 || (c > 0x0d && c < 0x20 && c !== 0x1b)) return false;
  }
  return true;
}

/** The extension we store an original under: the real format's, not whatever the name claimed. */
export function storedExtension(s: Sniffed, nameExt: string): string {
  if (s.kind === 'image') return s.format === 'jpeg' ? 'jpg' : s.format === 'heif' ? 'heic' : s.format;
  return nameExt.toLowerCase().replace(/[^a-z0-9]/g, '').slice(0, 8);
}
