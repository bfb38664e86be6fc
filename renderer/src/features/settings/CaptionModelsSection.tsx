import { useCallback, useEffect, useRef, useState } from 'react';
import { isFinished, type Job } from '../../../../electron/model/job';
import { can } from '../../../../electron/model/permissions';
import type { ModelId, ModelList } from '../../../../electron/model/whisper-models';
import { call, errorText, onEvent } from '../../api/client';
import { t } from '../../i18n';
import { AlertIcon } from '../../ui/icons';
import { CaptionModelItem } from './CaptionModelItem';
import { finishedDownload, installedModels, modelRows, withDownloadJob } from './captionModelsLogic';
import { useMe } from '../../store/meStore';
import './caption-models.css';

type Jobs = ReadonlyMap<ModelId, Job>;

/**
 * Settings → Captions models (docs/captions.md "Models"): the speech models auto-captions use, each with its size,
 * languages, speed and quality; download (progress, Cancel, resume), "use a file I already have", remove, and the
 * choice of model. Changing them is an admin's ('models.manage'): the folder is this computer's, for every library.
 */
export function CaptionModelsSection() {
  const actor = useMe();
  const allowed = actor !== null && can(actor.role, 'models.manage');
  const [list, setList] = useState<ModelList | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [jobs, setJobs] = useState<Jobs>(new Map());
  const jobsRef = useRef<Jobs>(jobs);

  const reload = useCallback(
    () =>
      void call('models.list', {}).then(
        (l) => {
          setList(l);
          setLoadError(null);
        },
        (e: unknown) => setLoadError(errorText(e)),
      ),
    [],
  );
  const take = useCallback(
    (incoming: Job[]) => {
      const prev = jobsRef.current;
      const next = incoming.reduce(withDownloadJob, prev);
      if (next === prev) return;
      jobsRef.current = next;
      setJobs(next);
      // A finished download changes the list: installed, kept as a part to resume, or nothing.
      if (finishedDownload(prev, next)) reload();
    },
    [reload],
  );
  useEffect(() => {
    reload();
    // Downloads already running (started before this screen opened) show their progress too.
    void call('jobs.list', {}).then((all) => take(all.filter((j) => !isFinished(j.status))), () => undefined);
    return onEvent('job.updated', (j) => take([j]));
  }, [reload, take]);

  /** A download just started: read its job once, as it may finish before its first event arrives. */
  const follow = useCallback((jobId: string) => void call('jobs.list', {}).then((all) => take(all.filter((j) => j.id === jobId)), () => undefined), [take]);

  const installed = list ? installedModels(list) : [];
  return (
    <section className="card" aria-labelledby="settings-caption-models" data-testid="caption-models">
      <h2 id="settings-caption-models" className="card__title">
        {t('models.title')}
      </h2>
      <p className="field__hint">{t('models.intro')}</p>
      {loadError && (
        <p className="field__error" role="alert">
          {loadError}
        </p>
      )}
      {list && !list.recognizer.available && (
        <div className="status status--error" role="alert" data-testid="models-unavailable">
          <AlertIcon size={18} />
          <div>
            <p>{t('models.unavailable', { reason: list.recognizer.reason ?? '' })}</p>
            <p className="status__message">{t('models.unavailableStill')}</p>
          </div>
        </div>
      )}
      {actor && !allowed && (
        <p className="banner" data-testid="models-readonly">
          {t('models.readOnly', { name: actor.name })}
        </p>
      )}
      {list && (
        <>
          <label className="field caption-models__use">
            <span className="field__label">{t('models.use')}</span>
            <ModelChoice list={list} installed={installed} actorId={actor?.id ?? null} disabled={!allowed} onChosen={reload} />
            <span className="field__hint">{installed.length === 0 ? t('models.noneInstalled') : t('models.useHint')}</span>
          </label>
          <ul className="caption-models__list" data-testid="models-list">
            {modelRows(list, jobs).map((row) => (
              <CaptionModelItem key={row.id} row={row} actorId={actor?.id ?? null} allowed={allowed} onChanged={reload} onDownload={follow} />
            ))}
          </ul>
          <p className="field__hint mono caption-models__folder">{t('models.folder', { folder: list.folder })}</p>
        </>
      )}
    </section>
  );
}

function ModelChoice({ list, installed, actorId, disabled, onChosen }: { list: ModelList; installed: ModelId[]; actorId: string | null; disabled: boolean; onChosen: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const choose = async (value: string) => {
    if (!actorId) return;
    try {
      await call('models.choose', { id: value ? (value as ModelId) : null });
      setError(null);
      onChosen();
    } catch (e) {
      setError(errorText(e));
    }
  };
  return (
    <>
      <select className="select" value={list.chosen ?? ''} disabled={disabled || installed.length === 0} onChange={(e) => void choose(e.target.value)} data-testid="models-choose">
        <option value="">{list.active && !list.chosen ? t('models.useBestNow', { name: list.active }) : t('models.useBest')}</option>
        {installed.map((id) => (
          <option key={id} value={id}>
            {id}
          </option>
        ))}
      </select>
      {error && (
        <span className="field__error" role="alert">
          {error}
        </span>
      )}
    </>
  );
}
