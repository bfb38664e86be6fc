import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { expect, test } from '@playwright/test';
import { killMediaProcessesOf, mediaProcessesOf } from '../processes';
import { callApi, startServe, type Server } from '../serve';

/**
 * The process guards of `postframe serve` (electron/studio/process-guards.ts), in the real host: a fault is
 * planted by a preloaded module on SIGUSR2 (e2e/support/plant-fault.mjs). An unhandled rejection is logged
 * with its stack and the host keeps serving; an uncaught exception stops every ffmpeg, closes the library and
 * exits with code 1.
 */
const PLANT = pathToFileURL(path.resolve('e2e/support/plant-fault.mjs')).href;
let tmp: string;
let lib: string;
let home: string;
let server: Server | null = null;

test.beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-guards-'));
  lib = path.join(tmp, 'Library');
  home = path.join(tmp, 'home');
  execFileSync(process.execPath, ['bin/postframe.mjs', 'library', 'init', lib], { env: { ...process.env, POSTFRAME_HOME: home } });
});

test.afterEach(async () => {
  await server?.stop();
  server = null;
  killMediaProcessesOf(lib);
  fs.rmSync(tmp, { recursive: true, force: true });
});

const planted = (fault: 'rejection' | 'exception') => ({ NODE_OPTIONS: `--import=${PLANT}`, POSTFRAME_PLANT_FAULT: fault });

test('an unhandled rejection inside serve is logged with its stack, and app.info still answers', async ({ page }) => {
  server = await startServe(lib, home, [], planted('rejection'));
  await page.goto(server.openUrl);
  server.process.kill('SIGUSR2');
  await expect.poll(() => server!.stderr(), { message: 'the rejection in the log' }).toMatch(/unhandled promise rejection[^]*Error: planted rejection\n\s+at /);
  const info = await callApi<{ library: { path: string } }>(page, 'app.info', {});
  expect(info.library.path).toBe(lib);
  expect(server.process.exitCode).toBeNull();
});

test.describe(() => {
  test.skip(process.platform !== 'linux', 'reads /proc to find ffmpeg processes');

  test('an uncaught exception during an export: logged, ffmpeg stopped, part file removed, exit 1', async ({ page }) => {
    test.setTimeout(180_000);
    const long = path.join(tmp, 'long-clip.mp4');
    execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1280x720:rate=30:duration=40', '-f', 'lavfi', '-i', 'sine=duration=40',
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', long]);
    execFileSync(process.execPath, ['bin/postframe.mjs', 'import', '--library', lib, long], { env: { ...process.env, POSTFRAME_HOME: home } });
    server = await startServe(lib, home, [], planted('exception'));
    await page.goto(server.openUrl);
    const [assetId] = await callApi<string[]>(page, 'assets.ids', {});
    const draft = await callApi<{ id: string; revision: number; doc: { tracks: { kind: string; clips: unknown[] }[] } }>(page, 'drafts.create', { name: 'Long export' });
    const doc = structuredClone(draft.doc);
    doc.tracks.find((t) => t.kind === 'main')!.clips.push({
      id: 'c1', type: 'media', assetId, start: 0, in: 0, out: 40, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null,
      transform: { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 },
    });
    await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
    const { jobId } = await callApi<{ jobId: string }>(page, 'exports.start', { draftId: draft.id });
    const exportsDir = path.join(lib, 'exports');
    await expect.poll(() => fs.readdirSync(exportsDir).some((f) => f.endsWith('.part.mp4')), { message: 'ffmpeg writing the part file', timeout: 60_000 }).toBe(true);
    expect(mediaProcessesOf(lib).length).toBeGreaterThan(0);

    server.process.kill('SIGUSR2');
    expect(await server.exited).toBe(1);
    expect(server.stderr()).toMatch(/uncaught exception[^]*Error: planted exception\n\s+at /);
    // It exited only after its children: nothing of the library is left running, and no part file.
    expect(mediaProcessesOf(lib), 'ffmpeg processes left running').toEqual([]);
    expect(fs.readdirSync(exportsDir).filter((f) => f.endsWith('.mp4'))).toEqual([]);
    expect(fs.readdirSync(path.join(lib, 'run', 'children'))).toEqual([]);

    server = await startServe(lib, home);
    await page.goto(server.openUrl);
    const jobs = await callApi<{ id: string; status: string }[]>(page, 'jobs.list', {});
    expect(['failed', 'cancelled']).toContain(jobs.find((j) => j.id === jobId)?.status);
  });
});
