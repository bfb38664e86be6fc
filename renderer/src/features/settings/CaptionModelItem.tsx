import { useRef, useState } from 'react';
import { call, errorText } from '../../api/client';
import { stageFile } from '../../api/importFiles';
import { getLocale, t } from '../../i18n';
import { formatBytes } from '../../i18n/format';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CheckIcon } from '../../ui/icons';
import { ProgressBar } from '../../ui/ProgressBar';
import type { ModelRow } from './captionModelsLogic';

type Props = {
  row: ModelRow;
  actorId: string | null;
  /** The actor may change models ('models.manage'); otherwise the buttons are shown disabled (the card says why). */
  allowed: boolean;
  onChanged: () => void;
  onDownload: (jobId: string) => void;
};

/** One model of Settings → Captions models: what it is, whether it is here, and what can be done with it. */
export function CaptionModelItem({ row, actorId, allowed, onChanged, onDownload }: Props) {
  const { id, status, state, job, running } = row;
  const locale = getLocale();
  const [error, setError] = useState<string | null>(null);
  const [note, setNote] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [confirming, setConfirming] = useState(false);
  const fileInput = useRef<HTMLInputElement>(null);
  const installed = state === 'verified' || state === 'own';
  const disabled = !allowed || !actorId || busy;

  /** One action at a time per row; the engine's words are shown as they are. */
  const act = async (f: (actor: string) => Promise<string | null>) => {
    if (!actorId) return;
    setBusy(true);
    setError(null);
    setNote(null);
    try {
      setNote(await f(actorId));
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
      onChanged();
    }
  };
  const download = () =>
    act(async () => {
      const { jobId } = await call('models.download', { id });
      onDownload(jobId);
      return null;
    });
  const remove = () =>
    act(async () => {
      setConfirming(false);
      await call('models.remove', { id });
      return null;
    });
  const addFile = (file: File) =>
    act(async () => {
      setNote(t('models.adding'));
      await call('models.add', { id, ...(await stageFile(file)) });
      return t('models.added', { name: id });
    });

  const jobLine = () => {
    if (!job) return null;
    if (running) {
      return (
        <div className="caption-model__progress" data-testid={`model-${id}-progress`}>
          <ProgressBar value={job.progress} label={job.title} size="sm" />
          <span className="field__hint">{job.detail ?? job.title}</span>
          <Button size="sm" onClick={() => void call('jobs.cancel', { id: job.id })} data-testid={`model-${id}-cancel`}>
            {t('action.cancel')}
          </Button>
          <span className="field__hint caption-model__cancel-hint">{t('models.cancelHint')}</span>
        </div>
      );
    }
    if (job.status === 'failed') {
      return (
        <p className="field__error" role="alert" data-testid={`model-${id}-error`}>
          {job.error}
        </p>
      );
    }
    if (job.status === 'cancelled') {
      return (
        <p className="field__hint" role="status" data-testid={`model-${id}-cancelled`}>
          {t('models.cancelled')}
        </p>
      );
    }
    return installed ? (
      <p className="status status--ok" role="status" data-testid={`model-${id}-done`}>
        {t('models.downloaded')}
      </p>
    ) : null;
  };

  return (
    <li className={row.inUse ? 'caption-model caption-model--in-use' : 'caption-model'} data-testid={`model-${id}`} data-state={state}>
      <div className="caption-model__head">
        <span className="caption-model__name">{id}</span>
        {installed && (
          <span className={`caption-model__tag caption-model__tag--${state}`} title={state === 'own' ? t('models.ownFileTitle') : t('models.verifiedTitle')} data-testid={`model-${id}-installed`}>
            {state === 'verified' && <CheckIcon size={14} />}
            {state === 'own' ? t('models.ownFile') : t('models.verified')}
          </span>
        )}
        {row.inUse && (
          <span className="caption-model__tag caption-model__tag--in-use" data-testid={`model-${id}-in-use`}>
            {t('models.inUse')}
          </span>
        )}
      </div>
      <p className="caption-model__facts">
        <span>{t(`models.lang.${status.languages}`)}</span>
        <span>{t(`models.speed.${status.speed as 1 | 2 | 3}`)}</span>
        <span>{t(`models.quality.${status.quality as 1 | 2 | 3}`)}</span>
        <span>{installed && status.sizeBytes !== null ? t('models.sizeOnDisk', { size: formatBytes(status.sizeBytes, locale) }) : t('models.size', { size: formatBytes(status.approxBytes, locale) })}</span>
      </p>
      {jobLine()}
      {!running && row.resumeBytes > 0 && job?.status !== 'cancelled' && (
        <p className="field__hint" data-testid={`model-${id}-partial`}>
          {t('models.partial', { size: formatBytes(row.resumeBytes, locale) })}
        </p>
      )}
      {note && (
        <p className="field__hint" role="status" data-testid={`model-${id}-note`}>
          {note}
        </p>
      )}
      {error && (
        <p className="field__error" role="alert" data-testid={`model-${id}-call-error`}>
          {error}
        </p>
      )}
      <div className="caption-model__actions">
        {!installed && !running && (
          <Button size="sm" variant="primary" disabled={disabled} onClick={() => void download()} data-testid={`model-${id}-download`}>
            {row.resumeBytes > 0 ? t('models.resume') : t('models.download')}
          </Button>
        )}
        {!installed && !running && (
          <Button size="sm" disabled={disabled} onClick={() => fileInput.current?.click()} aria-label={t('models.useFileNamed', { name: id })} data-testid={`model-${id}-use-file`}>
            {t('models.useFile')}
          </Button>
        )}
        {installed && (
          <Button size="sm" disabled={disabled} onClick={() => setConfirming(true)} aria-label={t('models.removeNamed', { name: id })} data-testid={`model-${id}-remove`}>
            {t('models.remove')}
          </Button>
        )}
        <input
          ref={fileInput}
          type="file"
          hidden
          onChange={(e) => {
            const file = e.target.files?.[0];
            e.target.value = '';
            if (file) void addFile(file);
          }}
          data-testid={`model-${id}-file-input`}
        />
      </div>
      <Dialog
        open={confirming}
        title={t('models.removeTitle', { name: id })}
        onClose={() => setConfirming(false)}
        testId={`model-${id}-remove-dialog`}
        footer={
          <>
            <Button onClick={() => setConfirming(false)}>{t('action.cancel')}</Button>
            <Button variant="danger" onClick={() => void remove()} data-testid={`model-${id}-remove-confirm`}>
              {t('models.remove')}
            </Button>
          </>
        }
      >
        <p>{t('models.removeBody', { size: formatBytes(status.sizeBytes ?? status.approxBytes, locale) })}</p>
      </Dialog>
    </li>
  );
}
