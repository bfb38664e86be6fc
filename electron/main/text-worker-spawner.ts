import { lastLine } from '../model/worker-end';
import type { StudioOptions } from '../studio';
import { type UtilityFork, utilityWorker } from './utility-worker';

/**
 * The text rasteriser's process in Electron (docs/fonts.md) as a utility process (utility-worker.ts says why);
 * electron/main/index.ts passes it `utilityProcess.fork`. Tested with a stand-in (text-worker-spawner.test.ts).
 */
type WorkerSpawner = NonNullable<StudioOptions['textWorkerSpawner']>;

export type { UtilityFork, UtilityLike } from './utility-worker';

export function utilityProcessSpawner(fork: UtilityFork): WorkerSpawner {
  return (entry, env) =>
    utilityWorker(fork, entry, { env, serviceName: 'Postframe text renderer', keepStderr: 2000, why: lastLine });
}
