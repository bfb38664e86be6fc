import path from 'node:path';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { DraftRecord } from '../../electron/model/draft-record';
import type { ImageDraft, ImageMediaLayer } from '../../electron/model/image-draft';
import sharp from 'sharp';
import { testLimit, waitStep } from '../limits';
import { ssimOf } from '../preview-kit';
import { callApi, expect, test } from '../serve';

/**
 * The editor draws what the export draws (issue 11, Done-when 1 as far as export exists): a creator adds a
 * textured photo, gives it a filter and an exposure, moves and rotates it with the mouse; the canvas's
 * screenshot and `images.renderPage` of the saved draft, scaled to the same size, agree (SSIM ≥ 0.95).
 */
test.use({ viewport: { width: 1600, height: 1000 } });

type Geo = { x: number; y: number; scale: number };
async function canvasGeo(page: Page): Promise<Geo> {
  const c = page.getByTestId('ie-canvas');
  const box = (await c.boundingBox())!;
  return { x: box.x, y: box.y, scale: Number(await c.getAttribute('data-scale')) };
}
const at = (g: Geo, cx: number, cy: number) => ({ x: g.x + cx * g.scale, y: g.y + cy * g.scale });
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  await page.mouse.up();
}
async function saved(page: Page, id: string, check: (d: ImageDraft) => boolean): Promise<ImageDraft> {
  const read = async () => (await callApi<DraftRecord>(page, 'drafts.get', { id })).doc as ImageDraft;
  await expect.poll(async () => check(await read()), { message: 'the edit saved' }).toBe(true);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return read();
}

test('the canvas and the export agree on a filtered, moved and rotated photo', async ({ app, server }, testInfo) => {
  test.setTimeout(testLimit({ files: 2 }));
  // A textured photo (stripes, rings and a gradient): flat colour would agree whatever the editor drew.
  const photo = testInfo.outputPath('texture.jpg');
  const rings = Array.from({ length: 12 }, (_, i) => `<circle cx="400" cy="500" r="${30 + i * 30}" fill="none" stroke="${i % 2 ? '#1e3a8a' : '#f59e0b'}" stroke-width="12"/>`).join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="1000"><defs><linearGradient id="g" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#0ea5e9"/><stop offset="1" stop-color="#be123c"/></linearGradient><pattern id="p" width="60" height="60" patternUnits="userSpaceOnUse"><rect width="30" height="60" fill="#ffffff" opacity="0.35"/></pattern></defs><rect width="800" height="1000" fill="url(#g)"/><rect width="800" height="1000" fill="url(#p)"/>${rings}</svg>`;
  await sharp(Buffer.from(svg)).jpeg({ quality: 92 }).toFile(photo);
  await app.getByTestId('import-file-input').setInputFiles([photo]);
  await waitStep('the photo imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-image-empty').click();
  await app.getByTestId('new-image-name').fill('Agree');
  await app.getByTestId('image-preset-4:5').click();
  await app.getByTestId('new-image-create').click();
  const drafts = await callApi<{ id: string; name: string }[]>(app, 'drafts.list', {});
  const draft = drafts.find((d) => d.name === 'Agree')!;

  const canvasEl = app.getByTestId('ie-canvas');
  await app.getByTestId('ie-tab-photos').click();
  await app.getByTestId('ie-photo-choice').first().click();
  const photoEl = canvasEl.locator('[data-testid="ie-layer"][data-kind="photo"]');
  await waitStep('the compositor drew the photo', { files: 1 }, (timeout) => expect(photoEl).toHaveAttribute('data-ready', 'true', { timeout }));

  // Photo work in the inspector: a filter chip and an exposure (keys on the slider: one burst).
  await app.getByTestId('ie-filter-warm').click();
  await app.getByTestId('ie-adjust-exposure').focus();
  for (let i = 0; i < 15; i++) await app.keyboard.press('ArrowRight');
  let doc = await saved(app, draft.id, (d) => {
    const l = d.pages[0]!.layers[0] as ImageMediaLayer | undefined;
    return l?.edit.filter.name === 'warm' && Math.abs(l.edit.adjust.exposure - 0.15) < 1e-9;
  });

  // Move it with the mouse (Alt: no snapping), then turn it with the rotate handle.
  const g = await canvasGeo(app);
  await app.keyboard.down('Alt');
  await drag(app, at(g, 540, 675), at(g, 470, 600));
  await app.keyboard.up('Alt');
  doc = await saved(app, draft.id, (d) => (d.pages[0]!.layers[0] as ImageMediaLayer).box.x < 0.47);
  const rot = (await app.getByTestId('ie-rotate').boundingBox())!;
  const box = (doc.pages[0]!.layers[0] as ImageMediaLayer).box;
  const centre = at(g, box.x * 1080, box.y * 1350);
  await drag(app, { x: rot.x + rot.width / 2, y: rot.y + rot.height / 2 }, { x: centre.x + 200, y: centre.y - 120 });
  doc = await saved(app, draft.id, (d) => Math.abs((d.pages[0]!.layers[0] as ImageMediaLayer).box.rotation) > 20);
  expect((doc.pages[0]!.layers[0] as ImageMediaLayer).box.rotation).toBeGreaterThan(20);

  // Nothing selected (no handles over the picture), the compositor's latest picture up; then the two pictures.
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('ie-selection')).toHaveCount(0);
  await expect(photoEl).toHaveAttribute('data-ready', 'true');
  const shot = testInfo.outputPath('canvas.png');
  await canvasEl.screenshot({ path: shot });
  const page = await callApi<{ key: string; width: number; height: number }>(app, 'images.renderPage', { id: draft.id, page: 0, scale: 1 });
  const exported = path.join(server.libraryPath, 'cache', 'text', `${page.key}.png`);
  expect(fs.existsSync(exported)).toBe(true);
  const cb = (await canvasEl.boundingBox())!;
  const size = { width: Math.round(cb.width) & ~1, height: Math.round(cb.height) & ~1 };
  const score = await ssimOf(shot, exported, size);
  testInfo.annotations.push({ type: 'ssim', description: score.toFixed(4) });
  fs.copyFileSync(shot, '/tmp/iw-canvas.png');
  fs.copyFileSync(exported, '/tmp/iw-export.png');
  expect(score).toBeGreaterThanOrEqual(0.95);
});
