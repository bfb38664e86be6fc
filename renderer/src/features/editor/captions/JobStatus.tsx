import type { Job } from '../../../../../electron/model/job';
import { t } from '../../../i18n';
import { ProgressBar } from '../../../ui/ProgressBar';

/** A caption job while it runs (bar, what it is doing) and how it ended when it did not succeed. */
export function CaptionJobStatus({ job, starting, testId }: { job: Job | undefined; starting: boolean; testId: string }) {
  if (!job) {
    return starting ? (
      <div className="caption-job" data-testid={testId} data-status="starting">
        <ProgressBar value={null} label={t('captionJobs.progressLabel')} testId={`${testId}-progress`} />
      </div>
    ) : null;
  }
  const active = job.status === 'queued' || job.status === 'running';
  return (
    <div className="caption-job" data-testid={testId} data-status={job.status} data-job-id={job.id}>
      {active && (
        <>
          <ProgressBar value={job.status === 'queued' ? null : job.progress} label={t('captionJobs.progressLabel')} testId={`${testId}-progress`} />
          <p className="caption-job__detail" aria-live="polite">
            {job.detail ?? t('captionJobs.running', { pct: Math.round((job.progress ?? 0) * 100) })}
          </p>
        </>
      )}
      {job.status === 'failed' && (
        <p className="field__error" role="alert" data-testid={`${testId}-error`}>
          {job.error ?? t('captionJobs.failed')}
        </p>
      )}
      {job.status === 'cancelled' && <p className="caption-job__detail">{t('captionJobs.cancelled')}</p>}
    </div>
  );
}
