import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { type Job, backupResultOf, isFinished, isLaterJobState, restoreResultOf } from '../../../../electron/model/job';
import { can } from '../../../../electron/model/permissions';
import type { User } from '../../../../electron/model/post';
import { formatBytes } from '../../../../electron/model/upload';
import { call, errorText, onEvent } from '../../api/client';
import { stageFile } from '../../api/importFiles';
import { t, tn } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { FolderIcon } from '../../ui/icons';
import { ProgressBar } from '../../ui/ProgressBar';
import { TextInput } from '../../ui/TextInput';
import { examplePathIn } from './allowedPaths';
import { useMe } from '../../store/meStore';

/** The job a form started, followed through job.updated events until it is finished. */
function useJob(): [Job | null, (jobId: string) => void, () => void] {
  const [job, setJob] = useState<Job | null>(null);
  const idRef = useRef<string | null>(null);
  useEffect(
    () =>
      onEvent('job.updated', (j) => {
        if (j.id === idRef.current) setJob((cur) => (isLaterJobState(cur, j) ? j : cur));
      }),
    [],
  );
  const follow = useCallback((jobId: string) => {
    idRef.current = jobId;
    // The job may already have moved on before the first event arrives: read it once too.
    void call('jobs.list', {}).then((all) => {
      const j = all.find((x) => x.id === jobId);
      if (j && idRef.current === jobId) setJob((cur) => (isLaterJobState(cur, j) ? j : cur));
    });
  }, []);
  const clear = useCallback(() => {
    idRef.current = null;
    setJob(null);
  }, []);
  return [job, follow, clear];
}

function JobStatus({ job, testId, done }: { job: Job; testId: string; done: string }) {
  if (!isFinished(job.status)) {
    return (
      <div className="backup__progress" data-testid={`${testId}-progress`}>
        <ProgressBar value={job.progress} label={job.title} />
        <span className="field__hint">{job.detail ?? job.title}</span>
        <Button size="sm" onClick={() => void call('jobs.cancel', { id: job.id })} data-testid={`${testId}-cancel`}>
          {t('action.cancel')}
        </Button>
      </div>
    );
  }
  if (job.status === 'done') {
    return (
      <p className="status status--ok" data-testid={`${testId}-done`} role="status">
        {done}
      </p>
    );
  }
  return (
    <p className="field__error" data-testid={`${testId}-error`} role="alert">
      {job.status === 'cancelled' ? t('backup.cancelled') : (job.error ?? t('backup.failed'))}
    </p>
  );
}

/**
 * Settings → Backup: back the whole library up to one file, and restore a backup into a new folder (docs/backup.md).
 * Both run as jobs with progress and Cancel. Only an admin may (model/permissions.ts 'library.backup'); everyone else
 * sees why. `allowedFolders`: null in the app (any folder); in the browser, the only folders it may write to.
 */
export function BackupSection({ allowedFolders, onOpened }: { allowedFolders: string[] | null; onOpened: () => void }) {
  const actor = useMe();
  const allowed = actor !== null && can(actor.role, 'library.backup');
  return (
    <section className="card" aria-labelledby="settings-backup" data-testid="backup-settings">
      <h2 id="settings-backup" className="card__title">
        {t('backup.title')}
      </h2>
      <p className="field__hint">{t('backup.intro')}</p>
      {actor && !allowed && (
        <p className="banner" data-testid="backup-readonly">
          {t('backup.readOnly', { name: actor.name })}
        </p>
      )}
      <fieldset className="backup__fieldset" disabled={!allowed}>
        {actor && <BackupForm actor={actor} allowedFolders={allowedFolders} />}
        {actor && <RestoreForm actor={actor} allowedFolders={allowedFolders} onOpened={onOpened} />}
      </fieldset>
    </section>
  );
}

function BackupForm({ allowedFolders }: { actor: User; allowedFolders: string[] | null }) {
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [job, follow, clear] = useJob();
  const running = job !== null && !isFinished(job.status);
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    clear();
    try {
      const { jobId } = await call('library.backup', { ...(folder.trim() ? { path: folder.trim() } : {}) });
      setError(null);
      follow(jobId);
    } catch (err) {
      setError(errorText(err));
    }
  };
  const result = job ? backupResultOf(job) : null;
  return (
    <form className="backup__form" onSubmit={(e) => void submit(e)}>
      <h3 className="field__label">{t('backup.backupHeading')}</h3>
      <TextInput
        label={t('backup.folderLabel')}
        placeholder={allowedFolders?.[0] ? examplePathIn(allowedFolders[0], 'Backups') : t('backup.folderPlaceholder')}
        hint={t('backup.folderHint')}
        value={folder}
        onChange={(e) => setFolder(e.target.value)}
        error={error}
        leading={<FolderIcon size={18} />}
        spellCheck={false}
        data-testid="backup-folder-input"
      />
      <div className="open-library__actions">
        <Button type="submit" variant="primary" disabled={running} data-testid="backup-start">
          {t('backup.start')}
        </Button>
      </div>
      {job && <JobStatus job={job} testId="backup" done={result ? tn('backup.done', result.assets, { path: result.path, size: formatBytes(result.sizeBytes) }) : ''} />}
    </form>
  );
}

function RestoreForm({ allowedFolders, onOpened }: { actor: User; allowedFolders: string[] | null; onOpened: () => void }) {
  const [file, setFile] = useState<File | null>(null);
  const [folder, setFolder] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [job, follow, clear] = useJob();
  const resetLibrary = useStore((s) => s.resetLibrary);
  const showToast = useStore((s) => s.showToast);
  const running = busy || (job !== null && !isFinished(job.status));
  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!file || !folder.trim()) return;
    clear();
    setBusy(true);
    try {
      const { jobId } = await call('library.restore', { folder: folder.trim(), ...(await stageFile(file)) });
      setError(null);
      follow(jobId);
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };
  const result = job ? restoreResultOf(job) : null;
  const openRestored = async () => {
    if (!result) return;
    try {
      const lib = await call('libraries.open', { path: result.path, create: false });
      resetLibrary();
      showToast({ message: t('settings.opened', { name: lib.name }), tone: 'success' });
      onOpened();
    } catch (err) {
      setError(errorText(err));
    }
  };
  return (
    <form className="backup__form" onSubmit={(e) => void submit(e)}>
      <h3 className="field__label">{t('backup.restoreHeading')}</h3>
      <label className="field">
        <span className="field__label">{t('backup.fileLabel')}</span>
        <input type="file" accept=".postframe-backup" onChange={(e) => setFile(e.target.files?.[0] ?? null)} data-testid="restore-file-input" />
      </label>
      <TextInput
        label={t('backup.targetLabel')}
        placeholder={allowedFolders?.[0] ? examplePathIn(allowedFolders[0], 'Restored library') : t('backup.targetPlaceholder')}
        hint={t('backup.targetHint')}
        value={folder}
        onChange={(e) => setFolder(e.target.value)}
        error={error}
        leading={<FolderIcon size={18} />}
        spellCheck={false}
        data-testid="restore-folder-input"
      />
      <div className="open-library__actions">
        <Button type="submit" variant="primary" disabled={running || !file || !folder.trim()} data-testid="restore-start">
          {t('backup.restore')}
        </Button>
      </div>
      {job && <JobStatus job={job} testId="restore" done={result ? tn('backup.restored', result.assets, { path: result.path }) : ''} />}
      {result && (
        <div className="open-library__actions">
          <Button onClick={() => void openRestored()} data-testid="restore-open">
            {t('backup.openRestored')}
          </Button>
        </div>
      )}
    </form>
  );
}
