import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { download, exportInDialog, importClips, openDraftWithClips } from '../editor-kit';
import { ffprobe } from '../exec';
import { testLimit } from '../limits';
import { expect, test } from '../serve';

/**
 * The export history (issue 9, item 16): a finished export is a job of the library, so closing the Export
 * dialog or reloading the page does not lose it; it is downloaded again from the draft's Exports list or the Jobs
 * drawer, and a file deleted meanwhile shows as gone.
 */
test('export, close the dialog, reload, and download it again from the history', async ({ app, server }) => {
  // Two clips imported, a 2 s export (4 clips of 0.5 s), downloaded.
  test.setTimeout(testLimit({ files: 3, mediaSec: 2 }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-exports-'));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Keep me', count: 4, clipSec: 0.5 });

  const dialog = app.getByTestId('export-dialog');
  await app.getByTestId('export-button').click();
  await expect(dialog.getByTestId('export-history')).toContainText('Nothing exported yet');
  await app.getByTestId('export-quality-small').click();
  // Every status line the export shows on its way (walk #82): before its first progress it prepares (never a bare
  // "0%" the first thing), and it never says "100% · about 5 s left".
  await app.evaluate(() => {
    const seen: string[] = [];
    (window as unknown as { __exportLines: string[] }).__exportLines = seen;
    new MutationObserver(() => {
      const line = document.querySelector('[data-testid="export-status"]')?.textContent ?? '';
      if (line && seen.at(-1) !== line) seen.push(line);
    }).observe(document.body, { subtree: true, childList: true, characterData: true });
  });
  await exportInDialog(app, 2);
  const lines = await app.evaluate(() => (window as unknown as { __exportLines: string[] }).__exportLines);
  const running = lines.filter((l) => !/^(Waiting|Done)/.test(l));
  expect(running.length).toBeGreaterThan(0);
  expect(running[0]).toMatch(/^(Preparing…|Exporting… [1-9])/);
  expect(lines.filter((l) => l.includes('100%'))).toEqual([]);
  // What was made, not only its size (walk #73).
  await expect(dialog.getByTestId('export-status')).toHaveText(/^Done — MP4 · 1080×1920 · 0:02 · [\d.]+ (KB|MB)$/);
  // The export just made is shown above with its Download; the history folds and does not repeat it.
  await expect(dialog.getByTestId('export-history')).toHaveCount(0);
  await app.keyboard.press('Escape');
  await expect(dialog).toBeHidden();

  await app.reload();
  await app.getByTestId('editor-nav').click();
  await app.getByTestId('export-button').click();
  const entry = dialog.getByTestId('export-entry');
  await expect(entry).toHaveCount(1);
  await expect(entry).toHaveAttribute('data-available', 'true');
  await expect(entry).toContainText(/^Keep me-\d{8}-\d{6}\.mp4/);
  const file = path.join(tmp, 'again.mp4');
  await (await download(app, entry.getByTestId('export-entry-download'), 'the export from the history')).saveAs(file);
  const probe = await ffprobe(file);
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

/**
 * Walk #79: two exports of one draft read alike in the Jobs drawer ("Exported …" twice); each row names its file, cut
 * in the middle so the time (and the -2 of a second export within the same second) stays, the whole name on hover.
 */
test('two exports of one draft name their files in the Jobs drawer, a long name cut in the middle', async ({ app }) => {
  test.setTimeout(testLimit({ files: 2, mediaSec: 2 }));
  const name = 'Beach day at the south pier with the whole team';
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name, count: 2, clipSec: 0.5 });
  await app.getByTestId('export-button').click();
  await app.getByTestId('export-quality-small').click();
  const jobs = [await exportInDialog(app, 1, 'the first 1 s export'), await exportInDialog(app, 1, 'the second 1 s export')];
  await app.keyboard.press('Escape');

  await app.getByTestId('jobs-button').click();
  const drawer = app.getByTestId('jobs-drawer');
  const files = drawer.getByTestId('job-file');
  await expect(files).toHaveCount(2);
  const shown: { text: string; full: string }[] = [];
  for (const jobId of jobs) {
    const file = drawer.locator(`[data-testid="job-row"][data-job-id="${jobId}"]`).getByTestId('job-file');
    await expect(file).toBeVisible();
    const full = (await file.getAttribute('title'))!;
    expect(full).toMatch(new RegExp(`^${name}-\\d{8}-\\d{6}(-2)?\\.mp4$`));
    const text = (await file.textContent())!;
    // Cut in the middle: the start of the draft's name, "…", and the end of the file's name with its time.
    expect(text).toMatch(/^Beach day at the…/);
    expect(full.endsWith(text.slice(text.indexOf('…') + 1))).toBe(true);
    expect(text).toMatch(/-\d{6}(-2)?\.mp4$/);
    // It fits its line: no second, end ellipsis from CSS.
    expect(await file.evaluate((el) => el.scrollWidth <= el.clientWidth + 1)).toBe(true);
    shown.push({ text, full });
  }
  expect(shown[0]!.full).not.toBe(shown[1]!.full);
  expect(shown[0]!.text, 'the two rows read differently').not.toBe(shown[1]!.text);
});
