/**
 * Finds the capture time in a raw EXIF block. EXIF stores dates as ASCII "YYYY:MM:DD HH:MM:SS"; the
 * original-capture tag (0x9003) normally follows the file-modified one (0x0132), so the last well-formed
 * date is the best guess without a full TIFF walk. EXIF carries no time zone: the time is read as local.
 */
export function exifDate(exif: Uint8Array): string | null {
  const text = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength).toString('latin1');
  const matches = [...text.matchAll(/(\d{4}):(\d{2}):(\d{2}) (\d{2}):(\d{2}):(\d{2})/g)];
  for (const m of matches.reverse()) {
    const [y, mo, d, h, mi, s] = m.slice(1).map(Number) as [number, number, number, number, number, number];
    if (y < 1980 || mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) continue;
    const date = new Date(y, mo - 1, d, h, mi, s);
    if (!Number.isNaN(date.getTime())) return date.toISOString();
  }
  return null;
}

/**
 * The EXIF Orientation tag (0x0112, 1–8) of IFD0 in a raw EXIF block (optionally behind "Exif\0\0"), or null
 * when there is none. A small TIFF walk: byte order, the first IFD's entries, one SHORT.
 */
export function exifOrientation(exif: Uint8Array): number | null {
  const b = Buffer.from(exif.buffer, exif.byteOffset, exif.byteLength);
  const tiff = b.subarray(0, 6).toString('latin1') === 'Exif\0\0' ? 6 : 0;
  if (b.length < tiff + 8) return null;
  const order = b.subarray(tiff, tiff + 2).toString('latin1');
  if (order !== 'II' && order !== 'MM') return null;
  const u16 = (at: number) => (order === 'II' ? b.readUInt16LE(at) : b.readUInt16BE(at));
  const u32 = (at: number) => (order === 'II' ? b.readUInt32LE(at) : b.readUInt32BE(at));
  const ifd = tiff + u32(tiff + 4);
  if (ifd + 2 > b.length) return null;
  const n = u16(ifd);
  for (let i = 0; i < n; i++) {
    const e = ifd + 2 + i * 12;
    if (e + 12 > b.length) return null;
    if (u16(e) !== 0x0112) continue;
    const v = u16(e + 8);
    return v >= 1 && v <= 8 ? v : null;
  }
  return null;
}
