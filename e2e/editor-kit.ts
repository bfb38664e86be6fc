import path from 'node:path';
import type { Download, Locator, Page } from '@playwright/test';
import type { MediaClip, VideoDraft } from '../electron/model/draft';
import { newMediaClip } from '../electron/model/timeline';
import { GOOD_DIR } from '../scripts/fixtures';
import { waitStep } from './limits';
import { callApi, expect } from './serve';

export { PX_PER_SEC } from './preview-kit';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/** Imports the red and blue test clips (2 s each) through the page and returns their asset ids. */
export async function importClips(page: Page): Promise<{ red: string; blue: string }> {
  await page.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  await waitStep('red-clip.mp4 and blue-clip.mp4 imported', { files: 2 }, (timeout) => expect(page.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(page, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;
  return { red: id('red-clip.mp4'), blue: id('blue-clip.mp4') };
}

/**
 * A draft whose main track holds `count` clips of `clipSec` each, red and blue in turn, saved through the API
 * (as another window or tool would) and opened in the editor. Returns its id.
 */
export async function openDraftWithClips(page: Page, assets: { red: string; blue: string }, opts: { name: string; count: number; clipSec: number }): Promise<string> {
  const created = await callApi<DraftRecord>(page, 'drafts.create', { name: opts.name, preset: '9:16', fps: 30 });
  // The model's own new-clip defaults, as the editor makes them (a whole clip of `clipSec`).
  const clips: MediaClip[] = Array.from({ length: opts.count }, (_, i) =>
    newMediaClip({ id: i % 2 === 0 ? assets.red : assets.blue, kind: 'video', durationSec: opts.clipSec }, i * opts.clipSec, () => `clip-${i}`),
  );
  const doc: VideoDraft = { ...created.doc, tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips } : t)) };
  await callApi(page, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await page.getByTestId('view-drafts').click();
  await page.locator(`[data-testid="draft-row"][data-name="${opts.name}"]`).getByTestId('draft-open').click();
  // The lane draws only the clips in and near view (timeline/laneWindowLogic.ts) and says how many it holds.
  await waitStep(`the editor shows the draft's ${opts.count} clips`, { rows: opts.count }, async (timeout) => {
    await expect(page.getByTestId('lane-main')).toHaveAttribute('data-clip-count', String(opts.count), { timeout });
    await expect(page.getByTestId('lane-main').getByTestId('clip').first()).toBeAttached({ timeout });
  });
  return created.id;
}

/**
 * Starts an export in the open Export dialog and waits for it to end, within a limit derived from the seconds it
 * renders. A new job is waited for (the dialog still shows the last one until the new one starts); an end other
 * than done fails with the dialog's own words (the compiler's or ffmpeg's reason), not a timeout. Returns its job id.
 */
export async function exportInDialog(page: Page, mediaSec: number, what = `the ${mediaSec} s export`): Promise<string> {
  // Read without waiting: there is no job in the dialog before the first export.
  const shownJob = () => page.getByTestId('export-job').evaluateAll((els) => els[0]?.getAttribute('data-job-id') ?? null);
  const before = await shownJob();
  await page.getByTestId('export-start').click();
  await expect.poll(shownJob, { message: `${what} starts` }).not.toBe(before);
  const jobId = (await shownJob())!;
  const ended = page.locator(`[data-testid="export-job"][data-job-id="${jobId}"]`);
  await waitStep(`${what} finished`, { mediaSec }, (timeout) => expect(ended).toHaveAttribute('data-status', /^(done|failed|cancelled)$/, { timeout }));
  expect(await ended.getAttribute('data-status'), (await ended.textContent()) ?? '').toBe('done');
  return jobId;
}

/** Clicks a download link and resolves with the download: handing over a finished file is one file's work. */
export async function download(page: Page, link: Locator, what: string): Promise<Download> {
  return waitStep(`${what} downloads`, { files: 1 }, async (timeout) => {
    const [d] = await Promise.all([page.waitForEvent('download', { timeout }), link.click()]);
    return d;
  });
}

/** The draft's revision as stored by the engine. */
export async function storedRevision(page: Page, draftId: string): Promise<number> {
  return (await callApi<DraftRecord>(page, 'drafts.get', { id: draftId })).revision;
}
