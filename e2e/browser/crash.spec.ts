import { openSignedIn } from '../accounts-kit';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { GOOD_DIR } from '../../scripts/fixtures';
import { testLimit, waitStep } from '../limits';
import { importLongClip, startLongExport } from '../long-export';
import { mediaProcessesOf } from '../processes';
import { callApi, expect, type Hosts, type Server, test } from '../serve';

/**
 * kill -9 of the host: during editing nothing saved is lost (autosave runs at most 2 s after an edit); during
 * an export the ffmpeg it left running is stopped when the library is opened again, no partial file stays in
 * the library and the job never shows as running. The hosts are the `hosts` fixture's: one that dies when the
 * test did not kill it fails the test with its output.
 */

async function openServer(hosts: Hosts, page: Page, lib: string, home: string): Promise<Server> {
  const server = await hosts.start(lib, home);
  await openSignedIn(page, server);
  return server;
}

test('kill -9 while editing: the draft reopens with every saved edit', async ({ page, hosts }) => {
  // Two hosts started (the fixed part), two clips imported.
  test.setTimeout(testLimit({ files: 2, baseMs: 30_000 }));
  const { lib, home } = hosts.library();
  let server = await openServer(hosts, page, lib, home);
  await page.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  await waitStep('2 clips imported', { files: 2 }, (timeout) => expect(page.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
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

  await server.stop('SIGKILL');
  server = await openServer(hosts, page, lib, home);
  await page.getByTestId('view-drafts').click();
  await page.locator('[data-testid="draft-row"][data-name="Crash test"]').getByTestId('draft-open').click();
  await expect(page.getByTestId('lane-main').getByTestId('clip')).toHaveCount(2);
  await expect(page.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Still here');
});

test('kill -9 during an export: the restart stops the ffmpeg left running, no partial file, the job shows as failed', async ({ page, hosts }) => {
  test.skip(process.platform !== 'linux', 'reads /proc to find ffmpeg processes');
  // The long source made (10 s of media's work) and imported, two hosts started, and the export's first seconds.
  test.setTimeout(testLimit({ files: 1, mediaSec: 12, baseMs: 30_000 }));
  const { lib, home } = hosts.library();
  await importLongClip(hosts.dir, lib, home);
  let server = await openServer(hosts, page, lib, home);
  const { jobId, exportsDir } = await startLongExport(page, lib);
  await server.stop('SIGKILL');
  // The host is gone; its ffmpeg is not (it is re-parented and goes on writing).
  const orphan = mediaProcessesOf(lib).find((p) => path.basename(p.args[0]!) === 'ffmpeg');
  expect(orphan, 'the export ffmpeg outlives its host').toBeDefined();
  expect(fs.readdirSync(path.join(lib, 'run', 'children'))).toContain(`${orphan!.pid}.json`);

  // Opening the library again stops it (before the host prints its link) and removes its part file.
  const deadHost = server.process.pid!;
  server = await openServer(hosts, page, lib, home);
  // The new host may already run children of its own (a version check, a probe): only those may be left.
  const newHost = server.process.pid!;
  expect(
    mediaProcessesOf(lib).filter((p) => p.ppid !== newHost),
    'ffmpeg processes of the killed host still working on the library after the restart',
  ).toEqual([]);
  const records = fs.readdirSync(path.join(lib, 'run', 'children')).map((f) => JSON.parse(fs.readFileSync(path.join(lib, 'run', 'children', f), 'utf8')) as { parent: { pid: number } });
  expect(records.filter((r) => r.parent.pid === deadHost), 'pid files of the killed host’s children').toEqual([]);
  const jobs = await callApi<{ id: string; status: string }[]>(page, 'jobs.list', {});
  expect(jobs.find((j) => j.id === jobId)?.status).toBe('failed');
  expect(fs.readdirSync(exportsDir).filter((f) => f.endsWith('.mp4'))).toEqual([]);
});
