import { importResultOf, type ImportFailure, type Job, type JobStatus } from '../../../../electron/model/job';
import { jobTitleFor } from '../../../../electron/model/job-title';

/**
 * What a job row says about how the job ended. The runner's status says only whether the job ran to its end; an
 * import that ran to its end may still have brought in nothing (every file failed), so its files decide:
 * - `failed` / `partial`: every file, or some, failed (duplicates are in the library, so they count as in);
 * - `empty`: it found no files at all;
 * - otherwise the job's own status.
 */
export type JobOutcome = JobStatus | 'partial' | 'empty';

export function jobOutcome(job: Job): { outcome: JobOutcome; failures: ImportFailure[]; failedCount: number; totalCount: number } {
  const r = importResultOf(job);
  const failures = r?.failed ?? [];
  const totalCount = r ? r.imported + r.duplicates + failures.length : 0;
  const base = { failures, failedCount: failures.length, totalCount };
  if (job.status !== 'done' || !r) return { outcome: job.status, ...base };
  if (totalCount === 0) return { outcome: 'empty', ...base };
  if (failures.length === totalCount) return { outcome: 'failed', ...base };
  if (failures.length > 0) return { outcome: 'partial', ...base };
  return { outcome: 'done', ...base };
}

/**
 * A job row's title: once ended, what was done ("Exported …", "Export failed: …"), not what was being done (walk
 * #72). An import that ran to its end but brought nothing in is named as failed, as its status says.
 */
export function jobRowTitle(job: Job): string {
  const { outcome } = jobOutcome(job);
  return jobTitleFor(job.title, outcome === 'failed' || outcome === 'empty' ? 'failed' : job.status);
}
