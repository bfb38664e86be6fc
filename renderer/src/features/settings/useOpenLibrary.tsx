import { useRef, useState, type ReactNode } from 'react';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { signedOutText } from './openLibraryLogic';

type Pending = { path: string; create: boolean; names: string[] };

/**
 * Opens (or creates) another library from Settings. On a team host that signs everyone else out of this one, so
 * when someone else is signed in the admin is first asked, by name, with Cancel focused; the host ends the
 * sessions only when the open goes through. `dialog` is rendered by the caller.
 */
export function useOpenLibrary(onOpened: () => void): { open: (path: string, create: boolean) => Promise<boolean>; busy: boolean; error: string | null; dialog: ReactNode } {
  const resetLibrary = useStore((s) => s.resetLibrary);
  const showToast = useStore((s) => s.showToast);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const settle = useRef<((opened: boolean) => void) | null>(null);

  const openNow = async (path: string, create: boolean) => {
    setBusy(true);
    try {
      const lib = await call('libraries.open', { path, create });
      setError(null);
      resetLibrary();
      showToast({ message: t('settings.opened', { name: lib.name }), tone: 'success' });
      onOpened();
      return true;
    } catch (e) {
      setError(errorText(e));
      return false;
    } finally {
      setBusy(false);
    }
  };

  const open = async (path: string, create: boolean): Promise<boolean> => {
    let names: string[];
    try {
      names = (await call('libraries.signedIn', {})).map((p) => p.name);
    } catch (e) {
      setError(errorText(e));
      return false;
    }
    if (names.length === 0) return openNow(path, create);
    return new Promise<boolean>((resolve) => {
      settle.current = resolve;
      setPending({ path, create, names });
    });
  };

  const close = (go: boolean) => {
    const p = pending;
    const resolve = settle.current;
    settle.current = null;
    setPending(null);
    if (!p || !resolve) return;
    if (!go) resolve(false);
    else openNow(p.path, p.create).then(resolve, () => resolve(false));
  };

  const dialog = (
    <Dialog
      open={pending !== null}
      title={t(pending?.create ? 'settings.confirmCreateTitle' : 'settings.confirmOpenTitle')}
      onClose={() => close(false)}
      testId="library-open-confirm"
      footer={
        <>
          {/* First in the row, so it has the focus: signing the team out takes a deliberate choice. */}
          <Button onClick={() => close(false)} data-testid="library-open-cancel">
            {t('action.cancel')}
          </Button>
          <Button variant="danger" onClick={() => close(true)} data-testid="library-open-confirm-go">
            {t(pending?.create ? 'settings.confirmCreateGo' : 'settings.confirmOpenGo')}
          </Button>
        </>
      }
    >
      {pending && <p data-testid="library-open-signed-out">{signedOutText(pending.names)}</p>}
      <p className="field__hint">{t('settings.confirmOpenHint')}</p>
    </Dialog>
  );
  return { open, busy, error, dialog };
}
