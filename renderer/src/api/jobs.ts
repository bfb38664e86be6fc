import { type Job, isFinished } from '../../../electron/model/job';
import { call, onEvent } from './client';

/**
 * Resolves with the job once it is done, failed or cancelled: from its job.updated events, and from one read of the
 * list in case it finished before the first event arrived.
 */
export function finishedJob(jobId: string): Promise<Job> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (j: Job) => {
      if (settled || j.id !== jobId || !isFinished(j.status)) return;
      settled = true;
      off();
      resolve(j);
    };
    const off = onEvent('job.updated', finish);
    call('jobs.list', {}).then(
      (all) => {
        const j = all.find((x) => x.id === jobId);
        if (j) finish(j);
      },
      (e: unknown) => {
        if (settled) return;
        settled = true;
        off();
        reject(e instanceof Error ? e : new Error(String(e)));
      },
    );
  });
}
