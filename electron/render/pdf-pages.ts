import { AppError } from '../model/errors';

/**
 * A PDF of JPEG pages, one image per page filling it (a carousel as a LinkedIn document post, issue 11 §5).
 * Small on purpose: the JPEG bytes go in unchanged as DCTDecode image XObjects (no re-encoding, no library),
 * one page per image, the page's size in points equal to the image's size in pixels (72 dpi: a 1080×1350 page
 * is 15×18.75 in, well inside PDF's 14,400 pt limit for any canvas Postframe makes).
 */

export type JpegInfo = { width: number; height: number; components: 1 | 3 | 4 };

/**
 * Reads a JPEG's size and colour components from its frame header (SOFn). Refuses anything that is not a
 * baseline/progressive JPEG a PDF reader can decode with DCTDecode.
 */
export function jpegInfo(bytes: Uint8Array): JpegInfo {
  const bad = (why: string) => new AppError('invalid_input', `A page is not a usable JPEG (${why}). Export the pages as JPEG and try again.`);
  if (bytes.length < 4 || bytes[0] !== 0xff || bytes[1] !== 0xd8) throw bad('no JPEG start marker');
  let i = 2;
  while (i + 4 <= bytes.length) {
    if (bytes[i] !== 0xff) throw bad('broken marker');
    const marker = bytes[i + 1]!;
    // Fill bytes and markers without a length.
    if (marker === 0xff) {
      i++;
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      i += 2;
      continue;
    }
    const len = (bytes[i + 2]! << 8) | bytes[i + 3]!;
    if (len < 2 || i + 2 + len > bytes.length) throw bad('truncated segment');
    // SOF0…SOF15 except DHT (C4), JPG (C8) and DAC (CC).
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (len < 8) throw bad('short frame header');
      const height = (bytes[i + 5]! << 8) | bytes[i + 6]!;
      const width = (bytes[i + 7]! << 8) | bytes[i + 8]!;
      const components = bytes[i + 9]!;
      if (width === 0 || height === 0) throw bad('no size');
      if (components !== 1 && components !== 3 && components !== 4) throw bad(`${components} colour components`);
      return { width, height, components };
    }
    if (marker === 0xda || marker === 0xd9) break; // scan data or end before any frame header
    i += 2 + len;
  }
  throw bad('no frame header');
}

/** Text in a PDF literal string: backslash, parentheses escaped; only printable ASCII kept (no font is embedded). */
function pdfString(s: string): string {
  const ascii = s.replace(/[^\x20-\x7e]/g, '?');
  return `(${ascii.replace(/[\\()]/g, (c) => `\\${c}`)})`;
}

const COLOUR_SPACE = { 1: '/DeviceGray', 3: '/DeviceRGB', 4: '/DeviceCMYK' } as const;

/**
 * Builds the PDF. Objects: 1 catalog, 2 page tree, 3 info, then per page i: page (4+3i), content (5+3i),
 * image (6+3i). The cross-reference table gives each object's byte offset, so readers open it without repair.
 */
export function jpegPagesPdf(pages: readonly Uint8Array[], opts: { title?: string } = {}): Buffer {
  if (pages.length === 0) throw new AppError('invalid_input', 'A PDF needs at least one page. Add a page to the draft.');
  const chunks: Buffer[] = [];
  let length = 0;
  const offsets: number[] = [];
  const push = (b: Buffer | string) => {
    const buf = typeof b === 'string' ? Buffer.from(b, 'latin1') : b;
    chunks.push(buf);
    length += buf.length;
  };
  const object = (n: number, body: () => void) => {
    offsets[n] = length;
    push(`${n} 0 obj\n`);
    body();
    push('\nendobj\n');
  };

  // The binary comment tells transfer tools the file is binary (PDF 1.7 §7.5.2).
  push('%PDF-1.4\n%\xe2\xe3\xcf\xd3\n');
  const pageRef = (i: number) => 4 + 3 * i;
  object(1, () => push('<< /Type /Catalog /Pages 2 0 R >>'));
  object(2, () => push(`<< /Type /Pages /Kids [${pages.map((_, i) => `${pageRef(i)} 0 R`).join(' ')}] /Count ${pages.length} >>`));
  object(3, () => push(`<< /Producer (Postframe)${opts.title ? ` /Title ${pdfString(opts.title)}` : ''} >>`));
  pages.forEach((jpeg, i) => {
    const info = jpegInfo(jpeg);
    const [page, content, image] = [pageRef(i), pageRef(i) + 1, pageRef(i) + 2];
    const { width: w, height: h } = info;
    object(page, () =>
      push(`<< /Type /Page /Parent 2 0 R /MediaBox [0 0 ${w} ${h}] /Resources << /XObject << /Im${i} ${image} 0 R >> >> /Contents ${content} 0 R >>`),
    );
    // Scale the unit image square to the page and draw it.
    const ops = `q ${w} 0 0 ${h} 0 0 cm /Im${i} Do Q`;
    object(content, () => push(`<< /Length ${ops.length} >>\nstream\n${ops}\nendstream`));
    object(image, () => {
      // Adobe writes CMYK JPEGs inverted; the Decode array undoes it.
      const decode = info.components === 4 ? ' /Decode [1 0 1 0 1 0 1 0]' : '';
      push(`<< /Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace ${COLOUR_SPACE[info.components]} /BitsPerComponent 8 /Filter /DCTDecode${decode} /Length ${jpeg.length} >>\nstream\n`);
      push(Buffer.from(jpeg.buffer, jpeg.byteOffset, jpeg.byteLength));
      push('\nendstream');
    });
  });
  const count = 4 + 3 * pages.length;
  const xref = length;
  // Each entry is exactly 20 bytes: 10-digit offset, space, 5-digit generation, space, n/f, space, newline.
  push(`xref\n0 ${count}\n0000000000 65535 f \n`);
  for (let n = 1; n < count; n++) push(`${String(offsets[n]).padStart(10, '0')} 00000 n \n`);
  push(`trailer\n<< /Size ${count} /Root 1 0 R /Info 3 0 R >>\nstartxref\n${xref}\n%%EOF\n`);
  return Buffer.concat(chunks, length);
}
