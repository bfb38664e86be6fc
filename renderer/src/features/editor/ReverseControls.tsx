import type { MediaClip } from '../../../../electron/model/draft';
import { isFinished } from '../../../../electron/model/job';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { ProgressBar } from '../../ui/ProgressBar';
import { freezeFrameAtPlayhead, toggleReverse, useReverseJobs } from './reverseFreezeActions';
import { useReversedCopies } from './preview/reversedCopies';

/**
 * The inspector's Reverse switch and Freeze frame button for a video clip (docs/reverse-freeze.md). Turning Reverse
 * on starts the reversed copy's job; its progress shows here (and in Jobs) until the preview and export can use it.
 */
export function ReverseControls({ clip }: { clip: MediaClip }) {
  const jobId = useReverseJobs((s) => s.byAsset[clip.assetId] ?? null);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const running = jobId !== null && (!job || !isFinished(job.status));
  const outcome = job && isFinished(job.status) ? (job.status === 'failed' ? job.error : job.status === 'cancelled' ? t('inspector.reverseCancelled') : t('inspector.reverseReady')) : null;
  const on = clip.reversed === true;
  // A copy made before previews had their own smaller copy already plays: the job only makes the preview's.
  const previewOnly = useReversedCopies((s) => s.ready[clip.assetId] === 'copy');
  const label = previewOnly ? t('inspector.reversingPreview') : t('inspector.reversing');
  return (
    <div className="reverse" data-testid="reverse">
      <label className="insp-row">
        <span className="insp-row__label">{t('inspector.reverse')}</span>
        <input type="checkbox" checked={on} onChange={(e) => void toggleReverse(clip.id, e.target.checked)} data-testid="insp-reverse" />
        <span />
      </label>
      <p className="field__hint">{t('inspector.reverseHint')}</p>
      {on && running && (
        <>
          <ProgressBar value={job?.status === 'running' ? job.progress : null} label={label} testId="reverse-progress" />
          {/* Said in words too: a bare bar does not tell why the preview leaves this clip out meanwhile. */}
          <p className="field__hint" data-testid="reverse-progress-text">
            {job?.status === 'running' && job.progress !== null ? t(previewOnly ? 'inspector.reversingPreviewPercent' : 'inspector.reversingPercent', { percent: `${Math.round(job.progress * 100)}%` }) : label}
          </p>
        </>
      )}
      {on && outcome && (
        <p className={job?.status === 'done' ? 'field__hint' : 'field__error'} role={job?.status === 'done' ? 'status' : 'alert'} data-testid="reverse-outcome">
          {outcome}
        </p>
      )}
      <Button size="sm" onClick={() => void freezeFrameAtPlayhead()} title={t('inspector.freezeFrameHint')} data-testid="insp-freeze">
        {t('inspector.freezeFrame')}
      </Button>
    </div>
  );
}
