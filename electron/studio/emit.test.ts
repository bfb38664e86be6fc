import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { GOOD_DIR } from '../../scripts/fixtures';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

/** A listener that throws (a transport that broke) must not stop the work that emitted the event. */
let temp: TempStudio;
let logged: string[];
beforeEach(async () => {
  logged = [];
  temp = await openTempStudio('pf-emit-', { log: { debug: () => undefined, error: (m) => logged.push(m) } });
});
afterEach(async () => {
  await temp.close();
});

it('an import finishes though a listener throws on every event, and the failure is logged', async () => {
  temp.studio.onEvent(() => {
    throw new Error('socket closed');
  });
  const { jobId } = await temp.studio.api['imports.start']({ paths: [path.join(GOOD_DIR, 'logo.png')], uploads: [] });
  const job = await temp.studio.waitForJob(jobId);
  expect(job.status).toBe('done');
  expect(temp.studio.assetsRepo.liveCount()).toBe(1);
  expect(logged.some((m) => m.startsWith('a listener of job.updated failed: Error: socket closed'))).toBe(true);
});
