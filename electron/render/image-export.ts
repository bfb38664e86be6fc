import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { loadSharp } from '../media/sharp';
import { type ImageFormat, imageExtensions, imageFormats, qualitySteps } from '../model/image-format';
import type { Raw } from './image-render';

/**
 * Encoding image pages for export (issue 11 §5, docs/image-render.md "Export"): JPEG, PNG, WebP or AVIF, in sRGB
 * with the sRGB profile embedded (so every viewer shows the colours the editor showed), the lossy formats
 * stepped down in quality until the file fits a size limit, and a carousel as numbered files.
 */

export { imageFormats, imageExtensions, qualitySteps, type ImageFormat };

export type Encoded = { bytes: Buffer; format: ImageFormat; quality: number | null; fits: boolean; width: number; height: number };

async function encodeAt(raw: Raw, format: ImageFormat, quality: number | null): Promise<Buffer> {
  const sharp = await loadSharp();
  let p = sharp(raw.data, { raw: { width: raw.width, height: raw.height, channels: 4 } });
  // JPEG has no alpha: what is transparent is shown on white, as a feed would.
  if (format === 'jpeg') p = p.flatten({ background: '#ffffff' });
  p = p.toColourspace('srgb').withIccProfile('srgb');
  const q = quality ?? 100;
  switch (format) {
    case 'jpeg':
      return p.jpeg({ quality: q, mozjpeg: true, chromaSubsampling: q >= 90 ? '4:4:4' : '4:2:0' }).toBuffer();
    case 'webp':
      return p.webp({ quality: q, effort: 4 }).toBuffer();
    case 'avif':
      return p.avif({ quality: q, effort: 2 }).toBuffer();
    case 'png':
      return p.png({ compressionLevel: 9, effort: 7 }).toBuffer();
  }
}

/**
 * Encodes a page, best quality first, stepping down until it is at most `maxBytes` (when given). When even the
 * lowest step is too big, that smallest file comes back with `fits: false`, for the caller to report.
 */
export async function encodeImage(raw: Raw, format: ImageFormat, opts: { maxBytes?: number } = {}): Promise<Encoded> {
  let last: Encoded | null = null;
  for (const quality of qualitySteps(format)) {
    const bytes = await encodeAt(raw, format, quality);
    last = { bytes, format, quality, fits: opts.maxBytes === undefined || bytes.length <= opts.maxBytes, width: raw.width, height: raw.height };
    if (last.fits) return last;
  }
  return last!;
}

/** A file name safe on every system from a draft's name: no path separators, reserved or control characters. */
export function safeBaseName(name: string): string {
  // eslint-disable-next-line no-control-regex -- removing control characters is the point
  const s = name.replace(/[\u0000-\u001f\u007f<>:"/\\|?*]+/g, ' ').replace(/\s+/g, ' ').trim().replace(/^[.\s]+/, '').slice(0, 120).replace(/[.\s]+$/, '');
  return s || 'image';
}

/** `name.jpg` for one page; `name-01.jpg`, `name-02.jpg`, … for a carousel (sorting by name keeps the order). */
export function pageFileName(base: string, index: number, count: number, format: ImageFormat): string {
  const ext = imageExtensions[format];
  if (count === 1) return `${base}.${ext}`;
  const width = Math.max(2, String(count).length);
  return `${base}-${String(index + 1).padStart(width, '0')}.${ext}`;
}

export type WrittenPage = { path: string; sizeBytes: number; quality: number | null; fits: boolean; width: number; height: number };

/**
 * Encodes and writes each page (drawn by `draw`, one at a time so a 20-page carousel never holds 20 canvases) into
 * `dir` as numbered files. Each file is written whole (a temp file renamed).
 */
export async function writeImagePages(count: number, draw: (index: number) => Promise<Raw>, dir: string, base: string, format: ImageFormat, opts: { maxBytes?: number } = {}): Promise<WrittenPage[]> {
  await fs.mkdir(dir, { recursive: true });
  const out: WrittenPage[] = [];
  for (let i = 0; i < count; i++) {
    const e = await encodeImage(await draw(i), format, opts);
    const file = path.join(dir, pageFileName(safeBaseName(base), i, count, format));
    const tmp = `${file}.${randomUUID()}.tmp`;
    await fs.writeFile(tmp, e.bytes);
    await fs.rename(tmp, file);
    out.push({ path: file, sizeBytes: e.bytes.length, quality: e.quality, fits: e.fits, width: e.width, height: e.height });
  }
  return out;
}
