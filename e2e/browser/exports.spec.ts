import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

/**
 * The export history (issue 9, item 16): a finished export is a job of the library, so closing the Export
 * dialog or reloading the page does not lose it; it is downloaded again from the draft's Exports list or the Jobs
 * drawer, and a file deleted meanwhile shows as gone.
 */
test('export, close the dialog, reload, and download it again from the history', async ({ app, server }) => {
  test.setTimeout(240_000);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-exports-'));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Keep me', count: 4, clipSec: 0.5 });

  const dialog = app.getByTestId('export-dialog');
  await app.getByTestId('export-button').click();
  await expect(dialog.getByTestId('export-history')).toContainText('Nothing exported yet');
  await app.getByTestId('export-quality-small').click();
  await app.getByTestId('export-start').click();
  // A 2 s draft as a small file: generous for a busy machine, and named if it runs out.
  await expect(app.getByTestId('export-job'), 'the export finishes').toHaveAttribute('data-status', 'done', { timeout: 180_000 });
  await expect(dialog.getByTestId('export-entry')).toHaveCount(1);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await app.reload();
  await app.getByTestId('editor-nav').click();
  await app.getByTestId('export-button').click();
  const entry = dialog.getByTestId('export-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-available', 'true');
  await expect(entry).toContainText(/^Keep me-\d{8}-\d{6}\.mp4/);
  const [download] = await Promise.all([app.waitForEvent('download'), entry.getByTestId('export-entry-download').click()]);
  const file = path.join(tmp, 'again.mp4');
  await download.saveAs(file);
  const probe = JSON.parse(execFileSync('ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString()) as {
    format: { duration: string };
    streams: { codec_type: string; height?: number }[];
  };
  expect(Math.abs(Number(probe.format.duration) - 2)).toBeLessThan(0.15);
  expect(probe.streams.find((s) => s.codec_type === 'video')?.height).toBe(1920);
  const jobId = (await entry.getAttribute('data-job-id'))!;
  await app.keyboard.press('Escape');

  // The Jobs drawer offers the same download.
  await app.getByTestId('jobs-button').click();
  const drawer = app.getByTestId('jobs-drawer');
  const jobRow = drawer.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`);
  await expect(jobRow.getByTestId('export-entry-download')).toBeVisible();
  await app.getByTestId('jobs-button').click();

  // The file is deleted behind Postframe's back: the history says so instead of offering a link that fails.
  const exportsDir = path.join(server.libraryPath, 'exports');
  for (const name of fs.readdirSync(exportsDir).filter((n) => n.endsWith('.mp4'))) fs.rmSync(path.join(exportsDir, name));
  await app.getByTestId('export-button').click();
  await expect(entry).toHaveAttribute('data-available', 'false');
  await expect(entry.getByTestId('export-gone')).toHaveText('File moved or deleted');
  await expect(entry.getByTestId('export-entry-download')).toHaveCount(0);
  fs.rmSync(tmp, { recursive: true, force: true });
});
