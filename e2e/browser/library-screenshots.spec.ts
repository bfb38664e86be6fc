import path from 'node:path';
import { GOOD_DIR } from '../../scripts/fixtures';
import { expect, test } from '../serve';
import { dismissToasts } from '../toasts';

/**
 * README screenshots of the Library and Settings, only on request: POSTFRAME_SCREENSHOTS=1 writes
 * docs/screenshots/library-empty.png (the first screen a new user sees), library.png (a few imported files, one
 * open with its tags and notes) and settings.png (the top of Settings); =DIR writes them there instead.
 */
const SHOTS = process.env.POSTFRAME_SCREENSHOTS === '1' ? path.join(process.cwd(), 'docs', 'screenshots') : process.env.POSTFRAME_SCREENSHOTS;

test('library and settings screenshots', async ({ app }) => {
  test.skip(!SHOTS, 'screenshots only with POSTFRAME_SCREENSHOTS');
  await expect(app.getByTestId('empty-state')).toBeVisible();
  await app.mouse.move(0, 0);
  await app.screenshot({ path: path.join(SHOTS!, 'library-empty.png') });

  const files = ['beach-sunset.jpg', 'red-clip.mp4', 'blue-clip.mp4', 'music-loop.mp3', 'logo.png', 'nested/phone-portrait.mp4'];
  await app.getByTestId('import-file-input').setInputFiles(files.map((f) => path.join(GOOD_DIR, f)));
  await expect(app.getByTestId('asset-cell')).toHaveCount(files.length);

  await app.locator('[data-testid="asset-cell"]', { hasText: 'beach-sunset.jpg' }).dblclick();
  const detail = app.getByTestId('detail-panel');
  await expect(detail).toBeVisible();
  for (const tag of ['summer', 'campaign']) {
    await detail.getByTestId('tag-input').fill(tag);
    await detail.getByTestId('tag-input').press('Enter');
  }
  await detail.getByTestId('notes-input').fill('Golden hour at the pier. Use for the July teaser.');
  await detail.getByTestId('notes-input').blur();
  await expect(detail.getByTestId('detail-tags')).toContainText('campaign');
  await dismissToasts(app);
  await app.mouse.move(0, 0);
  await app.screenshot({ path: path.join(SHOTS!, 'library.png') });

  await app.getByTestId('settings-nav').click();
  await expect(app.getByTestId('ffmpeg-status')).toBeVisible();
  await dismissToasts(app);
  await app.mouse.move(0, 0);
  await app.screenshot({ path: path.join(SHOTS!, 'settings.png') });
});
