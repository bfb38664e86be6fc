import { useEffect, useRef } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { ExportEntry } from '../../../../electron/model/export';
import { exportResultOf, importResultOf, isFinished, type Job, type JobStatus } from '../../../../electron/model/job';
import { getLocale, t, tn, type MessageKey } from '../../i18n';
import { formatBytes, formatDateTime, formatWhen } from '../../i18n/format';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { CloseIcon } from '../../ui/icons';
import { ProgressBar } from '../../ui/ProgressBar';
import { ExportActions, useExportHistory } from './ExportHistory';
import { ExportFiles, madeFacts } from './ExportFiles';
import { baseName, middleEllipsis } from './exportFilesLogic';
import { jobOutcome, jobRowTitle, type JobOutcome } from './jobStatusLogic';
import './jobs.css';

/** The row's status word; an import's counts are filled in (jobStatusLogic.ts decides which applies). */
function statusText(outcome: JobOutcome, failed: number, total: number): string {
  switch (outcome) {
    case 'partial':
      return t('jobs.status.partial', { failed, total });
    case 'empty':
      return t('jobs.status.empty');
    case 'failed':
      return total > 0 ? tn('jobs.status.allFailed', total) : t('jobs.status.failed');
    default:
      return t(statusKey[outcome]);
  }
}

const statusKey: Record<JobStatus, MessageKey> = {
  queued: 'jobs.status.queued',
  running: 'jobs.status.running',
  done: 'jobs.status.done',
  failed: 'jobs.status.failed',
  cancelled: 'jobs.status.cancelled',
};

/** Newest first; a non-modal side sheet so the library stays usable while it is open. */
export function JobsDrawer() {
  const open = useStore((s) => s.jobsOpen);
  const setOpen = useStore((s) => s.setJobsOpen);
  const jobs = useStore(useShallow((s) => Object.values(s.jobs).sort((a, b) => b.createdAt.localeCompare(a.createdAt))));
  // Finished exports with their files' state: each export row offers Download / Show in folder, or says it is gone.
  const { entries } = useExportHistory(undefined, open);
  const exportsById = new Map(entries.map((e) => [e.jobId, e]));
  const closeRef = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    closeRef.current?.focus();
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') setOpen(false);
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [open, setOpen]);

  if (!open) return null;
  return (
    <aside id="jobs-drawer" className="drawer" aria-label={t('jobs.title')} data-testid="jobs-drawer">
      <div className="drawer__header">
        <h2 className="drawer__title">{t('jobs.title')}</h2>
        <IconButton ref={closeRef} label={t('jobs.close')} icon={<CloseIcon size={18} />} onClick={() => setOpen(false)} />
      </div>
      {jobs.length === 0 ? (
        <p className="drawer__empty">{t('jobs.empty')}</p>
      ) : (
        <ul className="job-list">
          {jobs.map((job) => (
            <JobRow key={job.id} job={job} exported={exportsById.get(job.id)} />
          ))}
        </ul>
      )}
    </aside>
  );
}

function JobRow({ job, exported }: { job: Job; exported: ExportEntry | undefined }) {
  const cancelJob = useStore((s) => s.cancelJob);
  const setFailureReport = useStore((s) => s.setFailureReport);
  const finished = isFinished(job.status);
  const imported = importResultOf(job);
  const { outcome, failures, failedCount, totalCount } = jobOutcome(job);
  // A channel export (a post's) is not in the export history: its files are listed from the job itself (walk #73).
  const exportResult = exportResultOf(job);
  const made = job.status === 'done' && !exported ? exportResult : null;
  const personExport = exported ? exportResult : null;
  const title = jobRowTitle(job);
  return (
    <li className={`job job--${outcome}`} data-testid="job-row" data-job-id={job.id} data-status={job.status} data-outcome={outcome}>
      <div className="job__top">
        <span className="job__title" title={title} data-testid="job-title">
          {title}
        </span>
        <span className="job__status" data-testid="job-status">
          {statusText(outcome, failedCount, totalCount)}
        </span>
      </div>
      {!finished && <ProgressBar value={job.status === 'queued' ? null : job.progress} label={job.title} size="sm" />}
      {/* Two exports of one draft read alike ("Exported Beach day"): each names its file, cut in the middle so the
          time and number that tell them apart stay; the whole name is in the tooltip (walks #74, #79). */}
      {exported && (
        <span className="job__file" title={exported.fileName} data-testid="job-file">
          {middleEllipsis(baseName(exported.fileName))}
        </span>
      )}
      <div className="job__bottom">
        <span className="job__detail">
          {job.error ??
            (imported
              ? [tn('import.summary.imported', imported.imported), tn('import.summary.duplicates', imported.duplicates), tn('import.summary.failed', failures.length)].join(' · ')
              : exported
                ? `${personExport ? madeFacts(personExport) : formatBytes(exported.sizeBytes, getLocale())} · ${formatWhen(exported.finishedAt, new Date(), getLocale())}`
                : job.detail ?? formatDateTime(job.createdAt, getLocale()))}
        </span>
        {!finished && (
          <Button size="sm" variant="ghost" onClick={() => void cancelJob(job.id)} data-testid="job-cancel">
            {t('action.cancel')}
          </Button>
        )}
        {exported && <ExportActions entry={exported} />}
        {finished && failures.length > 0 && (
          <Button size="sm" variant={outcome === 'failed' || outcome === 'partial' ? 'secondary' : 'ghost'} onClick={() => setFailureReport(failures)} data-testid="job-failures">
            {t('jobs.showFailures')}
          </Button>
        )}
      </div>
      {made && <ExportFiles jobId={job.id} result={made} />}
    </li>
  );
}
