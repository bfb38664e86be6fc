import { useState, type FormEvent } from 'react';
import { errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { FolderIcon } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';

/**
 * Browser mode: import a folder (or a file) that is already on the computer Postframe runs on, by its path,
 * without uploading it. Only paths inside the folders `postframe serve --allow-folder` allowed are read; the
 * engine refuses others (`forbidden`), and that refusal is shown under the path.
 */
export function ServerFolderDialog({ folders, onClose }: { folders: string[]; onClose: () => void }) {
  const startPathImport = useStore((s) => s.startPathImport);
  const [path, setPath] = useState(folders[0] ?? '');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const p = path.trim();
    if (!p || busy) return;
    setBusy(true);
    try {
      await startPathImport([p]);
      onClose();
    } catch (err) {
      setError(errorText(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog open title={t('import.server.title')} onClose={onClose} testId="server-import-dialog" wide>
      <form className="server-import" onSubmit={(e) => void submit(e)}>
        <p className="server-import__body">{t('import.server.body')}</p>
        <div className="server-import__roots">
          <h3 className="field__label">{t('import.server.allowed')}</h3>
          <ul className="server-import__list" data-testid="server-import-roots">
            {folders.map((f) => (
              <li key={f}>
                <button
                  type="button"
                  className="server-import__root"
                  aria-pressed={path.trim() === f}
                  title={t('import.server.useFolder', { folder: f })}
                  onClick={() => {
                    setPath(f);
                    setError(null);
                  }}
                >
                  <FolderIcon size={16} />
                  <span className="mono">{f}</span>
                </button>
              </li>
            ))}
          </ul>
        </div>
        <TextInput
          label={t('import.server.pathLabel')}
          hint={t('import.server.pathHint')}
          value={path}
          onChange={(e) => {
            setPath(e.target.value);
            setError(null);
          }}
          error={error}
          leading={<FolderIcon size={18} />}
          spellCheck={false}
          autoFocus
          data-testid="server-import-path"
        />
        <div className="dialog__footer">
          <Button onClick={onClose}>{t('action.cancel')}</Button>
          <Button type="submit" variant="primary" disabled={busy || !path.trim()} data-testid="server-import-start">
            {t('import.server.start')}
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
