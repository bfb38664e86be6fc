import type { Page } from '@playwright/test';
import { allOf, testLimit } from '../limits';
import { openOneClipDraft } from '../looks-kit';
import { decodeWork, footageWork } from '../preview-kit';
import { expect, test } from '../serve';

/** How colourful the preview is: the mean of |r−g| + |g−b| over a 36x64 sample of its canvas. */
const chroma = (app: Page) =>
  app.evaluate(() => {
    const tiny = document.createElement('canvas');
    [tiny.width, tiny.height] = [36, 64];
    const ctx = tiny.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(document.querySelector<HTMLCanvasElement>('[data-testid="preview-canvas"]')!, 0, 0, 36, 64);
    const px = ctx.getImageData(0, 0, 36, 64).data;
    let sum = 0;
    for (let i = 0; i < px.length; i += 4) sum += Math.abs(px[i]! - px[i + 1]!) + Math.abs(px[i + 1]! - px[i + 2]!);
    return sum / (px.length / 4);
  });

test('Compare, held, shows the clip without its look, by pointer and by the \\ key', async ({ app }) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(1))));
  await openOneClipDraft(app, 'Compare a look', 2);
  const compare = app.getByTestId('look-compare');
  await expect(compare, 'nothing to compare without a look').toBeDisabled();
  const colour = await chroma(app);

  await app.getByTestId('look-mono').click();
  await expect.poll(() => chroma(app), { message: 'Mono takes the colour out' }).toBeLessThan(colour / 4);
  const mono = await chroma(app);

  // Held by the pointer: the picture as recorded, and a badge saying so; let go, the look is back.
  const box = (await compare.boundingBox())!;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.mouse.down();
  await expect(app.getByTestId('compare-badge')).toHaveText('Without look');
  await expect.poll(() => chroma(app), { message: 'the colour while Compare is held' }).toBeGreaterThan(mono + (colour - mono) / 2);
  await app.mouse.up();
  await expect(app.getByTestId('compare-badge')).toHaveCount(0);
  await expect.poll(() => chroma(app), { message: 'Mono again once let go' }).toBeLessThan(colour / 4);

  // Held by \ with the clip selected (the key repeats while held: one hold).
  await app.locator('[data-testid="timeline"] [data-testid="clip"]').first().click();
  await app.keyboard.down('\\');
  await expect(app.getByTestId('compare-badge')).toBeVisible();
  // Above the picture, off it: on it, the badge sat over the selected layer's rotate handle (walk #68).
  const badge = (await app.getByTestId('compare-badge').boundingBox())!;
  const canvas = (await app.getByTestId('preview-canvas').boundingBox())!;
  const handle = (await app.getByTestId('dm-handle-rotate').boundingBox())!;
  const apart = (a: typeof badge, b: typeof badge) => a.x + a.width <= b.x || b.x + b.width <= a.x || a.y + a.height <= b.y || b.y + b.height <= a.y;
  expect(apart(badge, canvas), 'the badge is off the picture').toBe(true);
  expect(apart(badge, handle), 'the badge is off the rotate handle').toBe(true);
  await expect(app.getByTestId('compare-badge')).toBeInViewport({ ratio: 1 });
  await expect.poll(() => chroma(app)).toBeGreaterThan(mono + (colour - mono) / 2);
  await app.keyboard.up('\\');
  await expect(app.getByTestId('compare-badge')).toHaveCount(0);
  await expect.poll(() => chroma(app)).toBeLessThan(colour / 4);

  // Compare changes nothing kept: the look is saved as picked, and undo takes back the pick, not a compare.
  await expect(app.getByTestId('look-mono')).toHaveAttribute('aria-pressed', 'true');
});
