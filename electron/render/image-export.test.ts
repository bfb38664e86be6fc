import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { encodeImage, pageFileName, qualitySteps, safeBaseName, writeImagePages } from './image-export';
import type { Raw } from './image-render';
import { texturedRgb } from './test-images';

/** Export encoding: sRGB profile embedded, quality stepped down to fit a limit, carousels as numbered files. */

let page: Raw;
let dir: string;
beforeAll(async () => {
  const W = 540;
  const H = 675;
  const rgba = await sharp(texturedRgb(W, H, 5), { raw: { width: W, height: H, channels: 3 } }).ensureAlpha().raw().toBuffer();
  page = { data: rgba, width: W, height: H };
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-image-export-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('encodeImage', () => {
  for (const format of ['jpeg', 'png', 'webp', 'avif'] as const) {
    it(`writes ${format} in sRGB with the profile embedded, at the page's size`, async () => {
      const e = await encodeImage(page, format);
      const meta = await sharp(e.bytes).metadata();
      expect(meta.format === 'heif' ? 'avif' : meta.format).toBe(format);
      expect([meta.width, meta.height]).toEqual([540, 675]);
      expect(meta.hasProfile).toBe(true);
      expect(meta.space).toBe('srgb');
      expect(e.fits).toBe(true);
      expect(e.quality).toBe(qualitySteps(format)[0]);
    });
  }

  it('steps the quality down until the file fits the limit, and says so', async () => {
    const best = await encodeImage(page, 'jpeg');
    const limit = Math.round(best.bytes.length * 0.6);
    const fitted = await encodeImage(page, 'jpeg', { maxBytes: limit });
    expect(fitted.fits).toBe(true);
    expect(fitted.bytes.length).toBeLessThanOrEqual(limit);
    expect(fitted.quality!).toBeLessThan(best.quality!);
    // The first step that fits: the one before it did not.
    const steps = qualitySteps('jpeg');
    const before = steps[steps.indexOf(fitted.quality) - 1]!;
    expect((await encodeImage(page, 'jpeg', { maxBytes: Number.MAX_SAFE_INTEGER })).quality).toBe(steps[0]);
    expect(before).toBeGreaterThan(fitted.quality!);
  });

  it('returns the smallest file with fits: false when no quality gets under the limit', async () => {
    const e = await encodeImage(page, 'webp', { maxBytes: 500 });
    expect(e.fits).toBe(false);
    expect(e.quality).toBe(qualitySteps('webp').at(-1));
    expect(e.bytes.length).toBeGreaterThan(500);
  });

  it('flattens transparency onto white in a JPEG', async () => {
    const clear: Raw = { data: Buffer.alloc(16 * 16 * 4), width: 16, height: 16 };
    const e = await encodeImage(clear, 'jpeg');
    const { data } = await sharp(e.bytes).raw().toBuffer({ resolveWithObject: true });
    expect(Math.min(...data)).toBeGreaterThan(250);
  });
});

describe('file names', () => {
  it('numbers carousel pages so that sorting by name keeps their order', () => {
    expect(pageFileName('Tips', 0, 1, 'jpeg')).toBe('Tips.jpg');
    const names = Array.from({ length: 12 }, (_, i) => pageFileName('Tips', i, 12, 'png'));
    expect(names[0]).toBe('Tips-01.png');
    expect(names[11]).toBe('Tips-12.png');
    expect([...names].sort()).toEqual(names);
  });

  it('makes a draft name safe as a file name', () => {
    expect(safeBaseName('Launch: 2/3 "final"?')).toBe('Launch 2 3 final');
    expect(safeBaseName('../../etc')).toBe('etc');
    expect(safeBaseName('   ')).toBe('image');
  });
});

describe('writeImagePages', () => {
  it('writes a carousel as numbered files in page order', async () => {
    const shades = [40, 120, 200];
    const written = await writeImagePages(3, async (i) => ({ data: Buffer.alloc(8 * 8 * 4, shades[i]), width: 8, height: 8 }), dir, 'Carousel', 'png');
    expect(written.map((w) => path.basename(w.path))).toEqual(['Carousel-01.png', 'Carousel-02.png', 'Carousel-03.png']);
    for (const [i, w] of written.entries()) {
      const { data } = await sharp(w.path).raw().toBuffer({ resolveWithObject: true });
      expect(data[0]).toBe(shades[i]);
      expect(w.sizeBytes).toBe(fs.statSync(w.path).size);
    }
    expect(fs.readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});
