import path from 'node:path';
import type { Locator } from '@playwright/test';
import sharp from 'sharp';
import { importClips, openDraftWithClips } from '../editor-kit';
import { decodeWork, seekPreview } from '../preview-kit';
import { testLimit, waitStep } from '../limits';
import { expect, test } from '../serve';

// Issue 10: colour emoji in text layers. The editor's preview shows the PNG the engine's text rasteriser drew
// (the same file the export overlays), so a creator typing "Hej ✨🎉 Åsa" sees the emoji in colour. The clip is
// red, the text white with a black outline: the sparkles' yellow can only come from the emoji font.

const SHOT = process.env.POSTFRAME_SHOT_DIR ? path.join(process.env.POSTFRAME_SHOT_DIR, 'emoji-text-preview.png') : null;

/** Pixels of the preview canvas (at its own size) that are the sparkles' yellow-orange (Twemoji #ffac33). */
async function yellowPixels(canvas: Locator): Promise<number> {
  return canvas.evaluate((c: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [c.width, c.height];
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(c, 0, 0);
    const d = ctx.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) if (d[i]! > 200 && d[i + 1]! > 140 && d[i + 2]! < 110 && d[i + 1]! - d[i + 2]! > 60) n++;
    return n;
  });
}

test('a text layer with emoji shows them in colour in the preview', async ({ app }) => {
  test.setTimeout(testLimit({ files: 2, decodeSec: 4 }));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Emoji reel', count: 1, clipSec: 2 });
  await seekPreview(app, 0, 1);
  const canvas = app.getByTestId('preview-canvas');
  expect(await yellowPixels(canvas), 'the red clip alone has no yellow').toBe(0);

  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveCount(1);
  await app.getByTestId('insp-text').fill('Hej ✨🎉 Åsa');
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Hej ✨🎉 Åsa');
  // The layer is drawn by the engine (one text-rasteriser start) and then shown: wait for its colour.
  await waitStep('the preview shows the emoji in colour', decodeWork(1), (timeout) =>
    expect.poll(() => yellowPixels(canvas), { timeout, message: 'yellow sparkle pixels in the preview' }).toBeGreaterThan(50),
  );
  if (SHOT) await sharp(await canvas.screenshot()).png().toFile(SHOT);
});
