import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { jpegInfo, jpegPagesPdf } from './pdf-pages';

/** The carousel PDF (LinkedIn document posts): structure parsed here, and opened by poppler when it is installed. */

async function colourPage(r: number, g: number, b: number, width = 120, height = 150): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: { r, g, b } } }).jpeg({ quality: 90 }).toBuffer();
}

/** Reads the PDF the way a reader does: startxref → xref table → every object at its offset. */
function parse(pdf: Buffer) {
  const text = pdf.toString('latin1');
  expect(text.startsWith('%PDF-1.4\n')).toBe(true);
  expect(text.endsWith('%%EOF\n')).toBe(true);
  const startxref = Number(/startxref\n(\d+)\n%%EOF\n$/.exec(text)![1]);
  expect(text.slice(startxref, startxref + 5)).toBe('xref\n');
  const head = /^xref\n0 (\d+)\n/.exec(text.slice(startxref))!;
  const count = Number(head[1]);
  const table = text.slice(startxref + head[0].length, startxref + head[0].length + 20 * count);
  const objects = new Map<number, string>();
  for (let n = 0; n < count; n++) {
    const entry = table.slice(20 * n, 20 * n + 20);
    expect(entry).toMatch(/^\d{10} \d{5} [nf] \n$/);
    if (n === 0) continue;
    const offset = Number(entry.slice(0, 10));
    expect(text.slice(offset, offset + `${n} 0 obj\n`.length)).toBe(`${n} 0 obj\n`);
    objects.set(n, text.slice(offset, text.indexOf('\nendobj\n', offset)));
  }
  const trailer = text.slice(startxref + head[0].length + 20 * count);
  expect(trailer).toContain(`/Size ${count}`);
  return { text, objects, root: Number(/\/Root (\d+) 0 R/.exec(trailer)![1]) };
}

describe('jpegInfo', () => {
  it('reads size and components from the frame header', async () => {
    expect(jpegInfo(await colourPage(1, 2, 3, 37, 21))).toEqual({ width: 37, height: 21, components: 3 });
    const grey = await sharp({ create: { width: 9, height: 4, channels: 3, background: '#808080' } }).toColourspace('b-w').jpeg().toBuffer();
    expect(jpegInfo(grey)).toEqual({ width: 9, height: 4, components: 1 });
  });

  it('refuses what is not a JPEG, with what to do', async () => {
    const png = await sharp({ create: { width: 4, height: 4, channels: 3, background: '#000' } }).png().toBuffer();
    expect(() => jpegInfo(png)).toThrow(/not a usable JPEG.*Export the pages as JPEG/);
    const jpeg = await colourPage(0, 0, 0);
    expect(() => jpegInfo(jpeg.subarray(0, 30))).toThrow(/not a usable JPEG/);
  });
});

describe('jpegPagesPdf', () => {
  it('writes one page per JPEG, in order, each the size of its image, with the bytes unchanged', async () => {
    const pages = [await colourPage(255, 0, 0), await colourPage(0, 255, 0, 200, 100), await colourPage(0, 0, 255)];
    const pdf = jpegPagesPdf(pages, { title: 'Tips (part 1) \\ ünïcode' });
    const { objects, root } = parse(pdf);
    const pagesRef = Number(/\/Pages (\d+) 0 R/.exec(objects.get(root)!)![1]);
    const tree = objects.get(pagesRef)!;
    expect(tree).toContain('/Count 3');
    const kids = [...tree.matchAll(/(\d+) 0 R/g)].map((m) => Number(m[1]));
    expect(kids).toHaveLength(3);
    kids.forEach((kid, i) => {
      const page = objects.get(kid)!;
      const [w, h] = i === 1 ? [200, 100] : [120, 150];
      expect(page).toContain(`/MediaBox [0 0 ${w} ${h}]`);
      const imageRef = Number(/\/Im\d+ (\d+) 0 R/.exec(page)![1]);
      const image = objects.get(imageRef)!;
      expect(image).toContain('/Filter /DCTDecode');
      expect(image).toContain(`/Width ${w} /Height ${h}`);
      const len = Number(/\/Length (\d+)/.exec(image)![1]);
      expect(len).toBe(pages[i]!.length);
      const start = pdf.indexOf('stream\n', pdf.indexOf(`${imageRef} 0 obj\n`)) + 'stream\n'.length;
      expect(pdf.subarray(start, start + len).equals(pages[i]!)).toBe(true);
      const contentRef = Number(/\/Contents (\d+) 0 R/.exec(page)![1]);
      expect(objects.get(contentRef)).toContain(`q ${w} 0 0 ${h} 0 0 cm /Im${i} Do Q`);
    });
    // The title is escaped for a literal string and kept ASCII.
    expect(pdf.toString('latin1')).toContain('/Title (Tips \\(part 1\\) \\\\ ?n?code)');
  });

  it('refuses an empty document', () => {
    expect(() => jpegPagesPdf([])).toThrow(/at least one page/);
  });

  const hasPoppler = (() => {
    try {
      execFileSync('pdfinfo', ['-v'], { stdio: 'ignore' });
      return true;
    } catch {
      return false;
    }
  })();

  it.skipIf(!hasPoppler)('opens in poppler: page count, sizes, and each page shows its picture', async () => {
    const colours: [number, number, number][] = [
      [230, 20, 20],
      [20, 200, 20],
      [20, 20, 230],
    ];
    const pdf = jpegPagesPdf(await Promise.all(colours.map(([r, g, b]) => colourPage(r, g, b))));
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-pdf-'));
    try {
      const file = path.join(dir, 'c.pdf');
      fs.writeFileSync(file, pdf);
      const info = execFileSync('pdfinfo', [file], { encoding: 'utf8' });
      expect(info).toMatch(/Pages:\s+3/);
      expect(info).toMatch(/Page size:\s+120 x 150 pts/);
      execFileSync('pdftoppm', ['-png', '-r', '72', file, path.join(dir, 'p')], { stdio: 'ignore' });
      const out = fs.readdirSync(dir).filter((n) => n.endsWith('.png')).sort();
      expect(out).toHaveLength(3);
      for (const [i, name] of out.entries()) {
        const stats = await sharp(path.join(dir, name)).stats();
        const means = stats.channels.slice(0, 3).map((c) => c.mean);
        const [r, g, b] = colours[i]!;
        means.forEach((m, c) => expect(Math.abs(m - [r, g, b][c]!), `page ${i + 1} channel ${c}`).toBeLessThan(12));
      }
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
