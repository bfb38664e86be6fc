import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

/** A new user's walk: the preview played on, and was heard, behind the Export dialog. Opening Export pauses it, as CapCut does. */
test('opening Export pauses the playing preview', async ({ app }) => {
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Paused for export', count: 30, clipSec: 2 });
  const time = () => app.getByTestId('preview-canvas').evaluate((c) => Number((c as HTMLCanvasElement).dataset.time));

  await app.getByTestId('play-toggle').click();
  await expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'true');
  await expect.poll(time, { message: 'the playhead moves' }).toBeGreaterThan(0.2);

  await app.getByTestId('export-button').click();
  await expect(app.getByTestId('export-dialog')).toBeVisible();
  await expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false');
  // Paused: the playhead stays where it stopped while the dialog is open.
  const stopped = await time();
  // It paused where it was, not at the end of the 60 s draft (where playback stops by itself).
  expect(stopped).toBeLessThan(50);
  await app.waitForTimeout(500);
  expect(await time()).toBe(stopped);
});
