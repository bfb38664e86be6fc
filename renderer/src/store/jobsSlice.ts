import { importResultOf, isFinished, isLaterJobState, type ImportFailure, type Job } from '../../../electron/model/job';
import { errorText } from '../api/client';
import { call } from '../api/client';
import { importFiles, pickAndImportNative, type DroppedItem, type ImportStart } from '../api/importFiles';
import { t, tn } from '../i18n';
import type { SliceCreator } from './types';

export type ImportTask = {
  phase: 'uploading' | 'importing';
  loadedBytes: number;
  totalBytes: number;
  fileCount: number;
  jobId: string | null;
  uploadFailures: ImportFailure[];
};

export type JobsSlice = {
  jobs: Record<string, Job>;
  /** The import started from this window: drives the toolbar progress bar and the summary toast. */
  importTask: ImportTask | null;
  loadJobs: () => Promise<void>;
  upsertJob: (job: Job) => void;
  cancelJob: (id: string) => Promise<void>;
  startImport: (items: DroppedItem[]) => Promise<void>;
  startNativeImport: () => Promise<void>;
  /**
   * Browser mode: imports files or folders on the host by path (inside the folders `serve` allows). Throws the
   * engine's refusal (a path outside them: `forbidden`) for the caller to show where the path was typed.
   */
  startPathImport: (paths: string[]) => Promise<void>;
};

export function isActiveJob(job: Job): boolean {
  return !isFinished(job.status);
}

export const createJobsSlice: SliceCreator<JobsSlice> = (set, get) => {
  /** Summary toast once the window's own import finishes. */
  function finishImport(job: Job): void {
    const task = get().importTask;
    if (!task || task.jobId !== job.id) return;
    set({ importTask: null });
    const { showToast, setFailureReport } = get();
    if (job.status === 'cancelled') {
      showToast({ message: t('import.cancelledToast') });
      return;
    }
    const r = importResultOf(job);
    if (job.status === 'failed' && !r) {
      showToast({ message: job.error ?? t('import.failedToast'), tone: 'error' });
      return;
    }
    const failed = [...task.uploadFailures, ...(r?.failed ?? [])];
    const message = [
      tn('import.summary.imported', r?.imported ?? 0),
      tn('import.summary.duplicates', r?.duplicates ?? 0),
      tn('import.summary.failed', failed.length),
    ].join(' · ');
    showToast(
      failed.length > 0
        ? { message, tone: 'error', action: { label: t('action.details'), run: () => setFailureReport(failed) }, durationMs: 15000 }
        : { message, tone: 'success' },
    );
  }

  function begin(start: ImportStart): void {
    set((s) => ({
      importTask: {
        phase: 'importing',
        loadedBytes: s.importTask?.totalBytes ?? 0,
        totalBytes: s.importTask?.totalBytes ?? 0,
        fileCount: s.importTask?.fileCount ?? 0,
        jobId: start.jobId,
        uploadFailures: start.uploadFailures,
      },
    }));
    // The job may already have finished (tiny imports) before the call returned.
    const known = get().jobs[start.jobId];
    if (known && isFinished(known.status)) finishImport(known);
  }

  function fail(e: unknown): void {
    set({ importTask: null });
    get().showToast({ message: errorText(e), tone: 'error' });
  }

  return {
    jobs: {},
    importTask: null,

    loadJobs: async () => {
      try {
        const list = await call('jobs.list', {});
        set({ jobs: Object.fromEntries(list.map((j) => [j.id, j])) });
        for (const j of list) if (isFinished(j.status)) finishImport(j);
      } catch {
        // Shown as a connection problem elsewhere; the drawer keeps what it had.
      }
    },

    upsertJob: (job) => {
      // A reply (cancel's) can arrive after the event that ended the job: it must not bring it back to running.
      if (!isLaterJobState(get().jobs[job.id] ?? null, job)) return;
      set((s) => ({ jobs: { ...s.jobs, [job.id]: job } }));
      if (isFinished(job.status)) finishImport(job);
    },

    cancelJob: async (id) => {
      try {
        get().upsertJob(await call('jobs.cancel', { id }));
      } catch (e) {
        get().showToast({ message: errorText(e), tone: 'error' });
      }
    },

    startImport: async (items) => {
      if (items.length === 0) {
        get().showToast({ message: t('import.nothingToImport'), tone: 'error' });
        return;
      }
      if (get().importTask) {
        get().showToast({ message: t('import.busy'), tone: 'error' });
        return;
      }
      const totalBytes = items.reduce((n, i) => n + i.file.size, 0);
      set({
        importTask: { phase: 'uploading', loadedBytes: 0, totalBytes, fileCount: items.length, jobId: null, uploadFailures: [] },
      });
      try {
        begin(
          await importFiles(items, (p) =>
            set((s) => (s.importTask && s.importTask.phase === 'uploading' ? { importTask: { ...s.importTask, loadedBytes: p.loadedBytes } } : s)),
          ),
        );
      } catch (e) {
        fail(e);
      }
    },

    startPathImport: async (paths) => {
      if (get().importTask) throw new Error(t('import.busy'));
      set({ importTask: { phase: 'importing', loadedBytes: 0, totalBytes: 0, fileCount: paths.length, jobId: null, uploadFailures: [] } });
      try {
        const { jobId } = await call('imports.start', { paths });
        begin({ jobId, uploadFailures: [] });
      } catch (e) {
        set({ importTask: null });
        throw e;
      }
    },

    startNativeImport: async () => {
      try {
        const start = await pickAndImportNative();
        if (start) begin(start);
      } catch (e) {
        fail(e);
      }
    },
  };
};
