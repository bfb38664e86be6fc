import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp, { type OutputInfo, type Sharp } from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nearDistance } from '../model/near-dup';
import type { Orientation } from '../model/orientation';
import { THUMB_SIZE, readImageInfo, writeImageThumbnail } from './images';
import { signatureOfFile, signatureOfRaw } from './visual';

/**
 * The import's one decode (media/images.ts thumbnailAndSignature): the thumbnail written beside a signature is
 * byte-for-byte the one written without, the signature reads the thumbnail's pixels before WebP encoding, and
 * the backfill (which can only read the stored WebP) lands close enough that the duplicate finder calls the two
 * the same picture.
 */

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-thumbsig-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Photo-like pixels: a gradient under blobs and grain, so WebP's lossy encoding has real work to do. */
async function photo(width: number, height: number): Promise<Sharp> {
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
    <defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#e4002b"/><stop offset="1" stop-color="#1040c0"/></linearGradient></defs>
    <rect width="${width}" height="${height}" fill="url(#g)"/>
    <circle cx="${width * 0.3}" cy="${height * 0.4}" r="${Math.min(width, height) * 0.2}" fill="#f0d020"/>
    <rect x="${width * 0.6}" y="${height * 0.2}" width="${width * 0.25}" height="${height * 0.6}" fill="#10a040"/></svg>`;
  const base = await sharp(Buffer.from(svg)).png().toBuffer();
  const grain = await sharp({ create: { width, height, channels: 3, background: '#000', noise: { type: 'gaussian', mean: 128, sigma: 30 } } }).png().toBuffer();
  return sharp(await sharp(base).composite([{ input: grain, blend: 'soft-light' }]).png().toBuffer());
}

type Case = { name: string; make: (file: string) => Promise<unknown>; ext: string };

const CASES: Case[] = [
  { name: 'RGB JPEG turned by EXIF orientation 6', ext: 'jpg', make: async (f) => (await photo(1200, 900)).jpeg({ quality: 88 }).withMetadata({ orientation: 6 }).toFile(f) },
  { name: 'JPEG with a Display P3 profile', ext: 'jpg', make: async (f) => (await photo(900, 600)).jpeg({ quality: 88 }).withIccProfile('p3').toFile(f) },
  { name: 'CMYK JPEG', ext: 'jpg', make: async (f) => (await photo(800, 800)).toColourspace('cmyk').jpeg({ quality: 90 }).toFile(f) },
  { name: 'PNG logo on transparency', ext: 'png', make: async (f) => (await photo(640, 360)).ensureAlpha().composite([{ input: Buffer.from('<svg width="640" height="360"><rect width="320" height="360" fill="#fff"/></svg>'), blend: 'dest-out' }]).png().toFile(f) },
  { name: 'greyscale PNG', ext: 'png', make: async (f) => (await photo(700, 500)).greyscale().png().toFile(f) },
  { name: 'grey and alpha PNG', ext: 'png', make: async (f) => (await photo(500, 700)).greyscale().ensureAlpha(0.6).png().toFile(f) },
  { name: '16-bit PNG', ext: 'png', make: async (f) => (await photo(600, 400)).toColourspace('rgb16').png().toFile(f) },
  { name: 'picture smaller than the thumbnail', ext: 'png', make: async (f) => (await photo(120, 90)).png().toFile(f) },
];

describe('thumbnail and signature from one decode', () => {
  for (const c of CASES) {
    it(`${c.name}: same thumbnail bytes, signature of the thumbnail's pixels, backfill a near duplicate of it`, async () => {
      const file = path.join(dir, `${c.name.replace(/\W+/g, '-')}.${c.ext}`);
      await c.make(file);
      const { orientation } = await readImageInfo(file);
      const withSig = path.join(dir, 'with.webp');
      const without = path.join(dir, 'without.webp');
      const sig = await writeImageThumbnail(file, withSig, orientation, undefined, { signature: true });
      await writeImageThumbnail(file, without, orientation);
      expect(fs.readFileSync(withSig).equals(fs.readFileSync(without)), 'the thumbnail is the same file with or without a signature').toBe(true);

      // What the thumbnail pipeline holds before WebP encoding, shrunk as the signature shrinks it.
      const { data, info } = await thumbnailPixels(file, orientation);
      expect(Math.max(info.width, info.height)).toBeLessThanOrEqual(THUMB_SIZE);
      expect(sig).toEqual(await signatureOfRaw(data, { width: info.width, height: info.height, channels: info.channels }));

      // The backfill reads the stored (lossy) WebP: not the same numbers, but the same picture to the duplicate finder.
      const backfilled = await signatureOfFile(fs.readFileSync(withSig));
      expect(nearDistance(sig, backfilled), `import ${JSON.stringify(sig)} vs backfill ${JSON.stringify(backfilled)}`).not.toBeNull();
    });
  }
});

/** The thumbnail pipeline of media/images.ts, ending in raw pixels instead of WebP. */
async function thumbnailPixels(file: string, orientation: Orientation): Promise<{ data: Buffer; info: OutputInfo }> {
  const decoded = sharp(file, { failOn: 'warning' });
  return (orientation === 1 ? decoded : decoded.rotate()).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }).raw().toBuffer({ resolveWithObject: true });
}
