import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { GOOD_DIR } from '../../scripts/fixtures';
import { killMediaProcessesOf, mediaProcessesOf } from '../processes';
import { callApi, startServe, type Server } from '../serve';

/**
 * kill -9 of the host: during editing nothing saved is lost (autosave runs at most 2 s after an edit); during
 * an export the ffmpeg it left running is stopped when the library is opened again, no partial file stays in
 * the library and the job never shows as running.
 */
let tmp: string;
let lib: string;
let home: string;
let server: Server | null = null;

test.beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-crash-'));
  lib = path.join(tmp, 'Library');
  home = path.join(tmp, 'home');
  execFileSync(process.execPath, ['bin/postframe.mjs', 'library', 'init', lib], { env: { ...process.env, POSTFRAME_HOME: home } });
});

test.afterEach(async () => {
  await server?.stop();
  server = null;
  // A failed test may leave an ffmpeg working on this library: stop it (by pid) before removing the folder.
  killMediaProcessesOf(lib);
  fs.rmSync(tmp, { recursive: true, force: true });
});


async function openServer(page: Page): Promise<void> {
  server = await startServe(lib, home);
  await page.goto(server.openUrl);
}

async function crash(): Promise<void> {
  await server!.stop('SIGKILL');
  server = null;
}

test('kill -9 while editing: the draft reopens with every saved edit', async ({ page }) => {
  test.setTimeout(180_000);
  await openServer(page);
  await page.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  // Generous: the other crash test may be encoding on the same two cores.
  await expect(page.getByTestId('asset-cell')).toHaveCount(2, { timeout: 90_000 });
  await page.getByTestId('view-drafts').click();
  await page.getByTestId('new-draft-empty').click();
  await page.getByTestId('new-draft-name').fill('Crash test');
  await page.getByTestId('new-draft-create').click();
  const bin = page.getByTestId('media-bin');
  await bin.locator('[data-testid="bin-item"][data-name="red-clip.mp4"]').getByTestId('bin-add').click();
  await bin.locator('[data-testid="bin-item"][data-name="blue-clip.mp4"]').getByTestId('bin-add').click();
  await page.getByTestId('add-text').click();
  await page.getByTestId('insp-text').fill('Still here');
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  await crash();
  await openServer(page);
  await page.getByTestId('view-drafts').click();
  await page.locator('[data-testid="draft-row"][data-name="Crash test"]').getByTestId('draft-open').click();
  await expect(page.getByTestId('lane-main').getByTestId('clip')).toHaveCount(2);
  await expect(page.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Still here');
});

test('kill -9 during an export: the restart stops the ffmpeg left running, no partial file, the job shows as failed', async ({ page }) => {
  test.skip(process.platform !== 'linux', 'reads /proc to find ffmpeg processes');
  test.setTimeout(180_000);
  // A source long enough that the export is still running when the host dies.
  const long = path.join(tmp, 'long-clip.mp4');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=40', '-f', 'lavfi', '-i', 'sine=duration=40',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', long]);
  execFileSync(process.execPath, ['bin/postframe.mjs', 'import', '--library', lib, long], { env: { ...process.env, POSTFRAME_HOME: home } });
  await openServer(page);

  const [asset] = await callApi<{ id: string }[]>(page, 'assets.ids', {}).then((ids) => ids.map((id) => ({ id })));
  const draft = await callApi<{ id: string; revision: number; doc: { tracks: { kind: string; clips: unknown[] }[] } }>(page, 'drafts.create', { name: 'Long export' });
  const doc = structuredClone(draft.doc);
  doc.tracks.find((t) => t.kind === 'main')!.clips.push({
    id: 'c1', type: 'media', assetId: asset!.id, start: 0, in: 0, out: 40, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null,
    transform: { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 },
  });
  await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
  const { jobId } = await callApi<{ jobId: string }>(page, 'exports.start', { draftId: draft.id });
  const exportsDir = path.join(lib, 'exports');
  // Wait until ffmpeg is writing the part file, then kill the host mid-export.
  await expect.poll(() => fs.readdirSync(exportsDir, { withFileTypes: true }).some((f) => f.name.endsWith('.part.mp4')), { message: 'ffmpeg writing the part file', timeout: 60_000 }).toBe(true);
  await crash();
  // The host is gone; its ffmpeg is not (it is re-parented and goes on writing).
  const orphan = mediaProcessesOf(lib).find((p) => path.basename(p.args[0]!) === 'ffmpeg');
  expect(orphan, 'the export ffmpeg outlives its host').toBeDefined();
  expect(fs.readdirSync(path.join(lib, 'run', 'children'))).toContain(`${orphan!.pid}.json`);

  // Opening the library again stops it (before the host prints its link) and removes its part file.
  await openServer(page);
  expect(mediaProcessesOf(lib), 'ffmpeg processes still working on the library after the restart').toEqual([]);
  expect(fs.readdirSync(path.join(lib, 'run', 'children'))).toEqual([]);
  const jobs = await callApi<{ id: string; status: string }[]>(page, 'jobs.list', {});
  expect(jobs.find((j) => j.id === jobId)?.status).toBe('failed');
  expect(fs.readdirSync(exportsDir).filter((f) => f.endsWith('.mp4'))).toEqual([]);
});
