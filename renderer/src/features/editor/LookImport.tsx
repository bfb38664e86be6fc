import { useRef, useState } from 'react';
import type { LookRecord } from '../../../../electron/model/imported-look';
import { call, errorText } from '../../api/client';
import { stageFile } from '../../api/importFiles';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { PlusIcon } from '../../ui/icons';

/**
 * "Import .cube…" under the Look row (docs/looks.md "Imported looks"): the file is staged (a path in the app, an
 * upload in the browser, as fonts are), checked and stored by the engine (looks.import); `onImported` picks it
 * for the clip. Errors (the parser's, naming the line) show under the button.
 */
export function LookImportButton({ onImported }: { onImported: (look: LookRecord) => void }) {
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const add = async (file: File) => {
    setBusy(true);
    setError(null);
    try {
      const { look, duplicate } = await call('looks.import', await stageFile(file));
      onImported(look);
      useStore.getState().showToast({ message: t(duplicate ? 'look.importWasThere' : 'look.imported', { name: look.name }), tone: 'success' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <div className="look__import">
      <Button size="sm" icon={<PlusIcon size={16} />} disabled={busy} onClick={() => input.current?.click()} data-testid="look-import">
        {busy ? t('look.importing') : t('look.import')}
      </Button>
      <input
        ref={input}
        type="file"
        hidden
        accept=".cube"
        data-testid="look-import-file"
        onChange={(e) => {
          const file = e.target.files?.[0];
          e.target.value = '';
          if (file) void add(file);
        }}
      />
      {error && (
        <p className="field__error" role="alert" data-testid="look-import-error">
          {error}
        </p>
      )}
    </div>
  );
}

/** Asks before an imported look leaves the library; the engine refuses (naming the drafts) while a draft uses it. */
export function RemoveLookDialog({ look, onClose }: { look: LookRecord | null; onClose: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const close = () => {
    setError(null);
    onClose();
  };
  const remove = async () => {
    if (!look) return;
    setBusy(true);
    try {
      await call('looks.remove', { id: look.id });
      useStore.getState().showToast({ message: t('look.removed', { name: look.name }), tone: 'success' });
      close();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open={look !== null}
      title={t('look.removeTitle', { name: look?.name ?? '' })}
      onClose={close}
      testId="look-remove-dialog"
      footer={
        <>
          <Button onClick={close}>{t('action.cancel')}</Button>
          <Button variant="danger" disabled={busy} onClick={() => void remove()} data-testid="look-remove-confirm">
            {t('look.remove')}
          </Button>
        </>
      }
    >
      <p>{t('look.removeBody')}</p>
      {error && (
        <p className="field__error" role="alert" data-testid="look-remove-error">
          {error}
        </p>
      )}
    </Dialog>
  );
}
