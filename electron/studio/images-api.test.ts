import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { importResultOf } from '../model/job';
import type { ImageDraft } from '../model/image-draft';
import { textLayerPath } from '../render/text';
import { imageDraft, photoEdit, photoLayer, shapeLayer, textLayer, texturedRgb } from '../render/test-images';
import { ssim } from '../render/test-ssim';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';
import { exportImageDraft } from './images-api';

/**
 * images.photo and images.renderPage through a real Studio: a textured photo imported into a library, drawn by
 * the compositor, cached by key, and the preview's bitmap held to the exported page by SSIM.
 */

let t: TempStudio;
let photoId: string;

beforeEach(async () => {
  t = await openTempStudio('pf-images-');
  const file = path.join(t.tmp, 'beach.jpg');
  await sharp(texturedRgb(1600, 1000, 11), { raw: { width: 1600, height: 1000, channels: 3 } }).jpeg({ quality: 92 }).toFile(file);
  const { jobId } = await t.studio.api['imports.start']({ paths: [file], uploads: [] });
  const r = importResultOf(await t.studio.waitForJob(jobId));
  expect(r?.failed, 'import failures').toEqual([]);
  photoId = r!.assetIds[0]!;
});
afterEach(async () => t.close());

const cached = (key: string) => textLayerPath(path.join(t.libraryPath, 'cache', 'text'), key);
async function rawOf(file: string, region?: { left: number; top: number; width: number; height: number }) {
  const p = sharp(file);
  return (region ? p.extract(region) : p).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
}
const edit = photoEdit({
  crop: { left: 0.1, top: 0.05, right: 0.05, bottom: 0.1 },
  straighten: 8,
  flipH: true,
  adjust: { exposure: 0.25, contrast: 0.2, saturation: 0.15, temperature: -0.3, vibrance: 0.3, sharpen: 0.4, vignette: 0.7 },
  filter: { name: 'sepia', strength: 0.4 },
});

describe('images.* (engine)', () => {
  it('images.photo draws the edited photo at the size asked, caches it by its inputs, and edits change it', async () => {
    const a = await t.studio.api['images.photo']({ assetId: photoId, edit, width: 320, height: 240 });
    expect(a).toMatchObject({ width: 320, height: 240 });
    const file = cached(a.key);
    const meta = await sharp(file).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 320, 240]);
    const before = fs.statSync(file).mtimeMs;
    const again = await t.studio.api['images.photo']({ assetId: photoId, edit, width: 320, height: 240 });
    expect(again.key).toBe(a.key);
    expect(fs.statSync(file).mtimeMs).toBe(before);
    const brighter = await t.studio.api['images.photo']({ assetId: photoId, edit: { ...edit, adjust: { ...edit.adjust, exposure: 0.8 } }, width: 320, height: 240 });
    expect(brighter.key).not.toBe(a.key);
    const mean = async (k: string) => (await sharp(cached(k)).stats()).channels.slice(0, 3).reduce((s, c) => s + c.mean, 0);
    expect(await mean(brighter.key)).toBeGreaterThan(await mean(a.key));
  });

  it('the preview bitmap (images.photo at display size) matches the exported page where the layer is (SSIM ≥ 0.95)', async () => {
    // A 648×540 photo at (216, 378) of a 4:5 page, under a text and beside a shape; previewed at half size.
    const doc = imageDraft([
      {
        background: { type: 'gradient', from: '#ffffff', to: '#203040', angle: 90 },
        layers: [photoLayer('hero', photoId, { x: 0.5, y: 0.48, w: 0.6, h: 0.4 }, { edit }), shapeLayer('badge', 'ellipse', { x: 0.85, y: 0.1, w: 0.2, h: 0.15 }), textLayer('title', 'Summer sale', 0.5, 0.85)],
      },
    ]);
    const page = await t.studio.api['images.renderPage']({ doc, page: 0, scale: 0.5 });
    expect(page).toMatchObject({ width: 540, height: 675 });
    const preview = await t.studio.api['images.photo']({ assetId: photoId, edit, width: 324, height: 270, frame: { width: 648, height: 540 } });
    const exported = await rawOf(cached(page.key), { left: 108, top: 189, width: 324, height: 270 });
    const shown = await rawOf(cached(preview.key));
    const score = ssim(shown.data, exported.data, 324, 270);
    expect(score, `SSIM of preview and export: ${score.toFixed(4)}`).toBeGreaterThanOrEqual(0.95);
    // The title is drawn: dark text pixels below the photo, where the gradient alone is light.
    const title = await rawOf(cached(page.key), { left: 120, top: 560, width: 300, height: 30 });
    let dark = 0;
    for (let i = 0; i < title.data.length; i += 4) if (title.data[i]! + title.data[i + 1]! + title.data[i + 2]! > 600) dark++;
    expect(dark).toBeGreaterThan(0);
  });

  it('images.renderPage draws a saved image draft by id, and refuses a video draft, a missing page and a missing photo', async () => {
    const created = await t.studio.api['drafts.create']({ kind: 'image', name: 'Carousel' });
    const doc: ImageDraft = { ...imageDraft([{ background: { type: 'colour', color: '#112233' }, layers: [photoLayer('p', photoId, { x: 0.5, y: 0.5, w: 1, h: 0.5, rotation: 20 })] }]), name: 'Carousel' };
    await t.studio.api['drafts.save']({ id: created.id, baseRevision: created.revision, doc });
    const r = await t.studio.api['images.renderPage']({ id: created.id, page: 0, scale: 1 });
    expect(r).toMatchObject({ width: 1080, height: 1350 });
    const corner = await rawOf(cached(r.key), { left: 0, top: 0, width: 1, height: 1 });
    expect([...corner.data]).toEqual([0x11, 0x22, 0x33, 255]);
    // Never more than 4096 on a side, whatever the scale asked.
    expect(await t.studio.api['images.renderPage']({ id: created.id, page: 0, scale: 4 })).toMatchObject({ width: 3277, height: 4096 });
    // The same page again is the same picture.
    expect((await t.studio.api['images.renderPage']({ id: created.id, page: 0, scale: 1 })).key).toBe(r.key);

    await expect(t.studio.api['images.renderPage']({ id: created.id, page: 3, scale: 1 })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no page 4/) });
    const video = await t.studio.api['drafts.create']({ kind: 'video', name: 'Reel' });
    await expect(t.studio.api['images.renderPage']({ id: video.id, page: 0, scale: 1 })).rejects.toMatchObject({ code: 'invalid_input' });
    const gone = imageDraft([{ background: { type: 'colour', color: '#ffffff' }, layers: [photoLayer('p', 'not-an-asset', { x: 0.5, y: 0.5, w: 0.5, h: 0.5 }, { name: 'Logo' })] }]);
    await expect(t.studio.api['images.renderPage']({ doc: gone, page: 0, scale: 1 })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/“Logo” on page 1 is no longer in the library/) });
    await expect(t.studio.api['images.photo']({ assetId: 'not-an-asset', edit: photoEdit(), width: 10, height: 10 })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('exports a 3-page carousel with a spread as numbered JPEGs in page order, under a size limit', async () => {
    const doc = imageDraft(
      ['One', 'Two', 'Three'].map((word, i) => ({ background: { type: 'colour' as const, color: '#000000' }, layers: [textLayer(`t${i}`, word, 0.5, 0.5)] })),
      { name: 'Tips: part 1', spread: { type: 'photo', assetId: photoId, edit: photoEdit() } },
    );
    const dir = path.join(t.tmp, 'out');
    const written = await exportImageDraft(t.studio.rooms, doc, { dir, format: 'jpeg', maxBytes: 400_000 });
    expect(written.map((w) => path.basename(w.path))).toEqual(['Tips part 1-01.jpg', 'Tips part 1-02.jpg', 'Tips part 1-03.jpg']);
    for (const w of written) {
      expect(w.fits).toBe(true);
      expect(fs.statSync(w.path).size).toBeLessThanOrEqual(400_000);
      const meta = await sharp(w.path).metadata();
      expect([meta.format, meta.width, meta.height, meta.hasProfile]).toEqual(['jpeg', 1080, 1350, true]);
    }
    // Each file is its own page: the spread's slices differ, and page 2 is the page drawn on its own.
    const page2 = await t.studio.api['images.renderPage']({ doc, page: 1, scale: 1 });
    const [a, b] = await Promise.all([rawOf(written[1]!.path), rawOf(cached(page2.key))]);
    expect(ssim(a.data, b.data, 1080, 1350)).toBeGreaterThan(0.9);
    const c = await rawOf(written[0]!.path);
    expect(ssim(a.data, c.data, 1080, 1350)).toBeLessThan(0.8);
  });
});
