import type { Job } from '../../../../electron/model/job';
import { isFinished, isLaterJobState } from '../../../../electron/model/job';
import { type ModelId, type ModelList, type ModelStatus, modelOfDownloadTitle } from '../../../../electron/model/whisper-models';

/**
 * Settings → Captions models, the parts that are not React (CaptionModelsSection.tsx): what each row says and
 * which download job belongs to which row. Pure; tested in captionModelsLogic.test.ts.
 */

export type ModelState = 'verified' | 'own' | 'partial' | 'none';

export type ModelRow = {
  id: ModelId;
  status: ModelStatus;
  state: ModelState;
  /** Used by auto-captions now (chosen, or the best installed when "Best installed" is chosen). */
  inUse: boolean;
  /** Bytes of a stopped download the next one resumes from (0: none, or installed). */
  resumeBytes: number;
  /** The row's download job: the running one, else the last finished one since the card opened; null if none. */
  job: Job | null;
  running: boolean;
};

export function modelState(s: ModelStatus): ModelState {
  if (s.installed) return s.source === 'file' ? 'own' : 'verified';
  return s.partialBytes > 0 ? 'partial' : 'none';
}

export function modelRows(list: ModelList, jobs: ReadonlyMap<ModelId, Job>): ModelRow[] {
  return list.models.map((status) => {
    const job = jobs.get(status.id) ?? null;
    const state = modelState(status);
    return {
      id: status.id,
      status,
      state,
      inUse: status.installed && list.active === status.id,
      resumeBytes: state === 'partial' ? status.partialBytes : 0,
      job,
      running: job !== null && !isFinished(job.status),
    };
  });
}

/**
 * Folds a job update into the download jobs by model: only 'model-download' jobs, a newer update of the same
 * model replaces an older one (events and a jobs.list answer can arrive in any order). Returns the same map
 * when nothing changed, so React skips the render.
 */
export function withDownloadJob(jobs: ReadonlyMap<ModelId, Job>, job: Job): ReadonlyMap<ModelId, Job> {
  if (job.kind !== 'model-download') return jobs;
  const id = modelOfDownloadTitle(job.title);
  if (!id) return jobs;
  const cur = jobs.get(id);
  if (cur && (cur.createdAt > job.createdAt || !isLaterJobState(cur, job))) return jobs;
  const next = new Map(jobs);
  next.set(id, job);
  return next;
}

/** Whether a job update finished a download (the list is read again then: installed, partial, or nothing). */
export function finishedDownload(prev: ReadonlyMap<ModelId, Job>, next: ReadonlyMap<ModelId, Job>): boolean {
  for (const [id, job] of next) {
    const before = prev.get(id);
    if (isFinished(job.status) && (!before || before.id !== job.id || !isFinished(before.status))) return true;
  }
  return false;
}

/** The installed models, in catalogue order, for the "Auto-captions use" choice. */
export function installedModels(list: ModelList): ModelId[] {
  return list.models.filter((m) => m.installed).map((m) => m.id);
}
