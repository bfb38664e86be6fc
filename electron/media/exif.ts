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
