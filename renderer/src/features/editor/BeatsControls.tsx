import { useState } from 'react';
import type { Asset } from '../../../../electron/model/asset';
import { tempoOf } from '../../../../electron/model/beats';
import { isFinished } from '../../../../electron/model/job';
import { call, errorText } from '../../api/client';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { ProgressBar } from '../../ui/ProgressBar';
import { useBeats } from './timeline/beatsStore';

/**
 * The inspector's Beats section for a clip with sound (docs/timeline.md "Beats"): "Find beats" runs a job on the
 * clip's media (progress, Cancel); once found, how many and the tempo, "Find again" and "Remove beats". The beats
 * belong to the media, so every clip of it shows the same marks; the timeline reloads them when the job is done.
 */
export function BeatsControls({ asset }: { asset: Asset }) {
  const found = useBeats((s) => s.info[asset.id]);
  // Named from the beats themselves, not the stored figure: an analysis kept from before a rule changed reads the same.
  const tempo = found ? tempoOf(found.beats) : null;
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const running = jobId !== null && (!job || !isFinished(job.status));
  const outcome = job && isFinished(job.status) ? (job.status === 'failed' ? job.error : job.status === 'cancelled' ? t('inspector.beatsCancelled') : null) : null;

  const find = async () => {
    setError(null);
    try {
      setJobId((await call('beats.find', { assetId: asset.id })).jobId);
    } catch (e) {
      setError(errorText(e));
    }
  };
  const remove = async () => {
    setError(null);
    setJobId(null);
    try {
      await call('beats.clear', { assetId: asset.id });
    } catch (e) {
      setError(errorText(e));
    }
  };

  return (
    <section className="insp-section beats" data-testid="beats">
      <h3 className="insp-section__title">{t('inspector.beats')}</h3>
      {running ? (
        <div className="beats__running">
          <ProgressBar value={job?.status === 'running' ? job.progress : null} label={t('inspector.findingBeats')} testId="beats-progress" />
          <Button size="sm" variant="ghost" onClick={() => jobId && void useStore.getState().cancelJob(jobId)} data-testid="beats-cancel">
            {t('inspector.cancelBeats')}
          </Button>
        </div>
      ) : found ? (
        <>
          <p className="beats__found" data-testid="beats-found">
            {tempo ? tn('inspector.beatsFound', found.beats.length, { bpm: Math.round(tempo) }) : tn('inspector.beatsFoundNoTempo', found.beats.length)}
          </p>
          <p className="field__hint">{t('inspector.beatsFoundHint')}</p>
          <div className="beats__actions">
            <Button size="sm" onClick={() => void find()} data-testid="beats-find">
              {t('inspector.findBeatsAgain')}
            </Button>
            <Button size="sm" variant="ghost" onClick={() => void remove()} data-testid="beats-remove">
              {t('inspector.removeBeats')}
            </Button>
          </div>
        </>
      ) : (
        <>
          <Button size="sm" variant="primary" onClick={() => void find()} data-testid="beats-find">
            {t('inspector.findBeats')}
          </Button>
          <p className="field__hint">{t('inspector.findBeatsHint')}</p>
        </>
      )}
      {(error ?? outcome) && (
        <p className="field__error" role="alert" data-testid="beats-error">
          {error ?? outcome}
        </p>
      )}
    </section>
  );
}
