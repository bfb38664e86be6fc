import type { Page } from '@playwright/test';
import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

/** Whether the playhead line is inside the part of the timeline on screen. */
async function playheadInView(app: Page): Promise<boolean> {
  const view = (await app.locator('.timeline__scroll').boundingBox())!;
  const line = (await app.getByTestId('playhead').boundingBox())!;
  return line.x >= view.x && line.x + line.width <= view.x + view.width;
}

test('the timeline follows the playhead when it jumps off screen, and leaves the view alone otherwise', async ({ app }) => {
  const assets = await importClips(app);
  // 40 s at the default 80 px/s: far wider than the screen.
  await openDraftWithClips(app, assets, { name: 'Long', count: 8, clipSec: 5 });
  const scroll = app.locator('.timeline__scroll');
  await app.locator('[data-clip-id="clip-0"]').click();

  // End: the playhead goes to the last frame, and the timeline scrolls to show it (walk #57: it stayed at 0–15 s).
  await app.keyboard.press('End');
  await expect(app.getByTestId('timecode')).toContainText('00:00:39:29 /');
  await expect.poll(() => playheadInView(app), { message: 'the playhead after End' }).toBe(true);
  expect(await scroll.evaluate((el) => el.scrollLeft)).toBeGreaterThan(0);

  // Home: back to the start.
  await app.keyboard.press('Home');
  await expect.poll(() => scroll.evaluate((el) => el.scrollLeft)).toBe(0);
  expect(await playheadInView(app)).toBe(true);

  // A step inside the view does not move it.
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:01 /');
  expect(await scroll.evaluate((el) => el.scrollLeft)).toBe(0);
});
