import path from 'node:path';
import { GOOD_DIR } from '../../scripts/fixtures';
import { exportInDialog } from '../editor-kit';
import { testLimit, waitStep } from '../limits';
import { callApi, expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * README screenshots of the editor, only on request: POSTFRAME_SCREENSHOTS=1 writes docs/screenshots/editor.png
 * (a real edit: picture, clips, a caption, music, TikTok safe zones) and docs/screenshots/export-history.png (the
 * Export dialog with earlier exports) and docs/screenshots/jobs-exports.png (the Jobs drawer's export rows); =DIR
 * writes them there instead.
 */

test('editor and export history screenshots', async ({ app }) => {
  test.skip(!SHOTS, 'screenshots only with POSTFRAME_SCREENSHOTS');
  // Five files imported, then two exports of the 4 s "Red then blue" draft.
  test.setTimeout(testLimit({ files: 5, mediaSec: 8 }));
  const files = ['music-loop.mp3', 'beach-sunset.jpg', 'logo.png', 'red-clip.mp4', 'blue-clip.mp4'];
  await app.getByTestId('import-file-input').setInputFiles(files.map((f) => path.join(GOOD_DIR, f)));
  await waitStep(`${files.length} files imported`, { files: files.length }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(files.length, { timeout }));
  await callApi(app, 'drafts.create', { name: 'Beach day teaser', preset: '9:16', fps: 30 });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Beach day teaser"]').getByTestId('draft-open').click();

  const bin = app.getByTestId('media-bin');
  const add = (name: string) => bin.locator(`[data-testid="bin-item"][data-name="${name}"]`).getByTestId('bin-add').click();
  for (const name of ['beach-sunset.jpg', 'red-clip.mp4', 'blue-clip.mp4']) await add(name);
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(3);
  await add('music-loop.mp3');
  // A sound goes in at the playhead (docs/timeline.md): the second loop just after the first (2.03 s) on the Music track.
  await app.getByTestId('ruler').click({ position: { x: 2.1 * 80, y: 8 } });
  await add('music-loop.mp3');
  await expect(app.getByTestId('lane-audio').first().getByTestId('clip')).toHaveCount(2);

  await app.getByTestId('go-to-start').click();
  await app.getByTestId('add-text').click();
  await app.getByTestId('insp-text').fill('Sunset vibes');
  await app.getByTestId('text-preset-captionBox').click();
  await app.getByTestId('safe-zone-select').selectOption('tiktok');
  await app.getByTestId('ruler').click({ position: { x: 1.27 * 80, y: 8 } });
  await expect(app.getByTestId('preview-canvas')).toHaveAttribute('data-ready', 'true');
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await app.mouse.move(0, 0);
  await app.screenshot({ path: path.join(SHOTS!, 'editor.png') });

  // Another draft, exported twice: the dialog shows the newest with Download and the earlier one folded below it.
  await app.getByTestId('editor-back').click();
  await callApi(app, 'drafts.create', { name: 'Red then blue', preset: '9:16', fps: 30 });
  await app.locator('[data-testid="draft-row"][data-name="Red then blue"]').getByTestId('draft-open').click();
  for (const name of ['red-clip.mp4', 'blue-clip.mp4', 'music-loop.mp3']) await add(name);
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(2);
  await app.getByTestId('export-button').click();
  for (const quality of ['small', 'standard']) {
    await app.getByTestId(`export-quality-${quality}`).click();
    await exportInDialog(app, 4, `the ${quality} 4 s export`);
  }
  // The second export's result above, the first folded under "Earlier exports (1)", opened here.
  await app.getByTestId('export-history-fold').click();
  await expect(app.getByTestId('export-entry')).toHaveCount(1);
  await app.getByTestId('export-dialog').screenshot({ path: path.join(SHOTS!, 'export-history.png') });
  await app.keyboard.press('Escape');
  await app.getByTestId('jobs-button').click();
  await expect(app.getByTestId('jobs-drawer').getByTestId('export-entry-download')).toHaveCount(2);
  await app.getByTestId('jobs-drawer').screenshot({ path: path.join(SHOTS!, 'jobs-exports.png') });
});
