import { openSignedIn } from '../accounts-kit';
import fs from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { settlesWithin, testLimit, waitStep } from '../limits';
import { importLongClip, startLongExport } from '../long-export';
import { mediaProcessesOf } from '../processes';
import { callApi, expect, test } from '../serve';

/**
 * The process guards of `postframe serve` (electron/studio/process-guards.ts), in the real host: a fault is
 * planted by a preloaded module on SIGUSR2 (e2e/support/plant-fault.mjs). An unhandled rejection is logged
 * with its stack and the host keeps serving; an uncaught exception stops every ffmpeg, closes the library and
 * exits with code 1.
 */
const PLANT = pathToFileURL(path.resolve('e2e/support/plant-fault.mjs')).href;

const planted = (fault: 'rejection' | 'exception') => ({ NODE_OPTIONS: `--import=${PLANT}`, POSTFRAME_PLANT_FAULT: fault });

test('an unhandled rejection inside serve is logged with its stack, and app.info still answers', async ({ page, hosts }) => {
  const { lib, home } = hosts.library();
  const server = await hosts.start(lib, home, { env: planted('rejection') });
  await openSignedIn(page, server);
  server.process.kill('SIGUSR2');
  await waitStep('the host logs the rejection', {}, (timeout) =>
    expect.poll(() => server.stderr(), { timeout }).toMatch(/unhandled promise rejection[^]*Error: planted rejection\n\s+at /),
  );
  const info = await callApi<{ library: { path: string } }>(page, 'app.info', {});
  expect(info.library.path).toBe(lib);
  expect(server.process.exitCode).toBeNull();
});

test.describe(() => {
  test.skip(process.platform !== 'linux', 'reads /proc to find ffmpeg processes');

  test('an uncaught exception during an export: logged, ffmpeg stopped, part file removed, exit 1', async ({ page, hosts }) => {
    // The long source made (10 s of media's work) and imported, two hosts started, and the export's first seconds.
    test.setTimeout(testLimit({ files: 1, mediaSec: 12, baseMs: 30_000 }));
    const { lib, home } = hosts.library();
    await importLongClip(hosts.dir, lib, home);
    // This host is made to exit: its exit is what the test checks, not a crash to report.
    const server = await hosts.start(lib, home, { env: planted('exception'), mayExit: true });
    await openSignedIn(page, server);
    const { jobId, exportsDir } = await startLongExport(page, lib);
    expect(mediaProcessesOf(lib).length).toBeGreaterThan(0);

    server.process.kill('SIGUSR2');
    // Stopping its children and closing the library is the work: the fixed part of a step.
    const code = await waitStep('the host stops its ffmpeg and exits', {}, (timeout) => settlesWithin(server.exited, timeout, 'the host to exit'));
    expect(code).toBe(1);
    expect(server.stderr()).toMatch(/uncaught exception[^]*Error: planted exception\n\s+at /);
    // It exited only after its children: nothing of the library is left running, and no part file.
    expect(mediaProcessesOf(lib), 'ffmpeg processes left running').toEqual([]);
    expect(fs.readdirSync(exportsDir).filter((f) => f.endsWith('.mp4'))).toEqual([]);
    expect(fs.readdirSync(path.join(lib, 'run', 'children'))).toEqual([]);

    const again = await hosts.start(lib, home);
    await openSignedIn(page, again);
    const jobs = await callApi<{ id: string; status: string }[]>(page, 'jobs.list', {});
    expect(['failed', 'cancelled']).toContain(jobs.find((j) => j.id === jobId)?.status);
  });
});
