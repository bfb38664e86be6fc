import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { appliedOrientation, readImageInfo, writeImageThumbnail } from './images';

// The orientation rule (media/images.ts): JPEG, PNG and TIFF are turned by their EXIF orientation, as Chromium
// turns them in the preview; WebP is shown as stored, as Chromium and ffmpeg show it. The facts (size) and the
// thumbnail follow the same rule as the export (render/orientation.ffmpeg.test.ts).

let dir = '';
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-images-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A 60×40 picture stored as is, with a red block in its stored top-left corner, tagged with `orientation`. */
async function tagged(format: 'jpeg' | 'png' | 'webp', orientation: number): Promise<string> {
  const red = await sharp({ create: { width: 20, height: 20, channels: 3, background: '#ff0000' } }).png().toBuffer();
  const px = sharp({ create: { width: 60, height: 40, channels: 3, background: '#808080' } }).composite([{ input: red, left: 0, top: 0 }]);
  const file = path.join(dir, `t${orientation}.${format}`);
  await (format === 'jpeg' ? px.jpeg({ quality: 95 }) : format === 'png' ? px.png() : px.webp({ lossless: true })).withMetadata({ orientation }).toFile(file);
  return file;
}

/** Size of a thumbnail, and which of its corners (tl, tr, bl, br) is red. */
async function thumbOf(file: string, orientation: Parameters<typeof writeImageThumbnail>[2]): Promise<[number, number, string]> {
  const out = path.join(dir, `${path.basename(file)}.thumb.webp`);
  await writeImageThumbnail(file, out, orientation);
  const { data, info } = await sharp(out).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const red = (x: number, y: number) => data[(y * info.width + x) * 3]! > 200 && data[(y * info.width + x) * 3 + 1]! < 60;
  const [w, h] = [info.width, info.height];
  const corner = ([['tl', [2, 2]], ['tr', [w - 3, 2]], ['bl', [2, h - 3]], ['br', [w - 3, h - 3]]] as const).find(([, [x, y]]) => red(x, y));
  return [w, h, corner?.[0] ?? 'none'];
}

describe('appliedOrientation', () => {
  it('applies the EXIF orientation of JPEG, PNG and TIFF only', () => {
    expect(['jpeg', 'png', 'tiff', 'webp', 'gif', 'heif', 'svg', undefined].map((f) => appliedOrientation(f, 6))).toEqual([6, 6, 6, 1, 1, 1, 1, 1]);
    expect(appliedOrientation('jpeg', undefined)).toBe(1);
    expect(appliedOrientation('jpeg', 12)).toBe(1);
  });
});

describe('readImageInfo and the thumbnail follow the rule', () => {
  it('JPEG orientation 6: upright size, the stored top-left corner on the top right', async () => {
    const file = await tagged('jpeg', 6);
    const info = await readImageInfo(file);
    expect([info.orientation, info.facts.width, info.facts.height, info.facts.rotation]).toEqual([6, 40, 60, 90]);
    expect(await thumbOf(file, info.orientation)).toEqual([40, 60, 'tr']);
  });

  it('PNG orientation 5 (transposed): a mirror then three quarter turns', async () => {
    const file = await tagged('png', 5);
    const info = await readImageInfo(file);
    expect([info.orientation, info.facts.width, info.facts.height, info.facts.rotation]).toEqual([5, 40, 60, 270]);
    expect(await thumbOf(file, info.orientation)).toEqual([40, 60, 'tl']);
  });

  it('WebP orientation 6: as stored, in the facts and the thumbnail', async () => {
    const file = await tagged('webp', 6);
    expect((await sharp(file).metadata()).orientation).toBe(6);
    const info = await readImageInfo(file);
    expect([info.orientation, info.facts.width, info.facts.height, info.facts.rotation]).toEqual([1, 60, 40, 0]);
    expect(await thumbOf(file, info.orientation)).toEqual([60, 40, 'tl']);
  });
});
