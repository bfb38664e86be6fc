import { useCallback, useEffect, useRef, useState } from 'react';
import { recordingResultOf } from '../../../../electron/model/job';
import type { RecordingSummary } from '../../../../electron/model/recording';
import { call, errorText, onEvent } from '../../api/client';
import { getLocale, t, tn } from '../../i18n';
import { formatClock, formatDateTime } from '../../i18n/format';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { AlertIcon } from '../../ui/icons';
import { ProgressBar } from '../../ui/ProgressBar';
import { showInLibrary } from './ControlBar';
import { useCapture } from './captureStore';

/**
 * Takes that a crash or a closed window left in the library's recordings/ folder, offered for recovery
 * (finalize what reached the library) or discard. Refreshed when a recording job ends and after a take.
 */
export function RecoveryPanel() {
  const [takes, setTakes] = useState<RecordingSummary[]>([]);
  /** Take id → the job recovering it. */
  const [recovering, setRecovering] = useState<Record<string, string>>({});
  const recoveringRef = useRef(recovering);
  useEffect(() => {
    recoveringRef.current = recovering;
  }, [recovering]);
  const [confirming, setConfirming] = useState<string | null>(null);
  const phase = useCapture((s) => s.phase);
  const jobs = useStore((s) => s.jobs);
  const showToast = useStore((s) => s.showToast);

  const refresh = useCallback(() => {
    call('recordings.interrupted', {}).then(setTakes, () => undefined);
  }, []);

  useEffect(() => {
    refresh();
    return onEvent('job.updated', (job) => {
      if (job.kind !== 'recording' || job.status === 'queued' || job.status === 'running') return;
      refresh();
      // A recovery started here finished: say where the take went.
      const take = Object.entries(recoveringRef.current).find(([, jobId]) => jobId === job.id)?.[0];
      if (!take) return;
      setRecovering(({ [take]: _, ...rest }) => rest);
      const result = recordingResultOf(job);
      const { showToast } = useStore.getState();
      if (job.status === 'done' && result) showToast({ message: t('capture.saved'), tone: 'success', action: { label: t('capture.showInLibrary'), run: () => showInLibrary(result.assetId) } });
      else if (job.status === 'failed') showToast({ message: t('capture.saveFailed', { reason: job.error ?? '' }), tone: 'error' });
    });
  }, [refresh]);

  useEffect(() => {
    if (phase === 'idle') refresh();
  }, [phase, refresh]);

  if (takes.length === 0) return null;

  const recover = async (id: string) => {
    try {
      const { jobId } = await call('recordings.recover', { id });
      setRecovering((r) => ({ ...r, [id]: jobId }));
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    }
  };
  const discard = async (id: string) => {
    if (confirming !== id) return setConfirming(id);
    setConfirming(null);
    try {
      await call('recordings.discard', { id });
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    }
    refresh();
  };

  return (
    <section className="recovery" aria-labelledby="recovery-title" data-testid="recovery-panel">
      <AlertIcon size={18} />
      <div className="recovery__body">
        <h2 id="recovery-title" className="recovery__title">
          {tn('capture.recovery.title', takes.length)}
        </h2>
        <p className="recovery__text">{t('capture.recovery.body')}</p>
        <ul className="recovery__list">
          {takes.map((take) => {
            const jobId = recovering[take.id];
            const job = jobId ? jobs[jobId] : undefined;
            return (
              <li key={take.id} className="recovery__item" data-testid="recovery-item" data-id={take.id}>
                <div className="recovery__meta">
                  <span className="recovery__name">{take.name}</span>
                  <span className="recovery__facts">{t('capture.recovery.item', { duration: formatClock(take.seconds), when: formatDateTime(take.createdAt, getLocale()) })}</span>
                </div>
                {jobId ? (
                  <div className="recovery__progress">
                    <span>{t('capture.recovery.recovering')}</span>
                    <ProgressBar value={job?.progress ?? null} label={t('capture.recovery.recovering')} size="sm" />
                  </div>
                ) : (
                  <div className="recovery__actions">
                    <Button size="sm" variant={confirming === take.id ? 'danger' : 'ghost'} onClick={() => void discard(take.id)} onBlur={() => setConfirming(null)} data-testid="recovery-discard">
                      {confirming === take.id ? t('capture.recovery.discardConfirm') : t('capture.recovery.discard')}
                    </Button>
                    <Button size="sm" variant="primary" onClick={() => void recover(take.id)} data-testid="recovery-recover">
                      {t('capture.recovery.recover')}
                    </Button>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      </div>
    </section>
  );
}
