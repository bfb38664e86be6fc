import { useEffect, useRef, useState } from 'react';
import { call, errorText, shell } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { useMeStore } from '../../store/meStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextInput } from '../../ui/TextInput';
import { restart, signOut } from './authHttp';
import { formProblems, initials, LOGIN_MAX, LOGIN_MIN, MIN_PASSWORD } from './authLogic';
import './account.css';

/**
 * The rail's account button: who is signed in and their role, and (in a team library) change password, sign out
 * and sign out everywhere. A personal library in the app has no sign-in, so it shows only who works.
 */
export function AccountMenu() {
  const me = useMeStore((s) => s.me);
  const team = useMeStore((s) => s.team);
  const [open, setOpen] = useState(false);
  const [dialog, setDialog] = useState<'password' | 'everywhere' | null>(null);
  const box = useRef<HTMLDivElement>(null);
  const showToast = useStore((s) => s.showToast);

  useEffect(() => {
    if (!open) return;
    const away = (e: PointerEvent) => box.current && !box.current.contains(e.target as Node) && setOpen(false);
    const esc = (e: KeyboardEvent) => e.key === 'Escape' && setOpen(false);
    window.addEventListener('pointerdown', away);
    window.addEventListener('keydown', esc);
    return () => {
      window.removeEventListener('pointerdown', away);
      window.removeEventListener('keydown', esc);
    };
  }, [open]);

  if (!me) return null;
  const signedIn = shell === 'browser' || team;
  const choose = (d: 'password' | 'everywhere') => () => {
    setOpen(false);
    setDialog(d);
  };
  const fail = (e: unknown) => showToast({ message: errorText(e), tone: 'error' });
  return (
    <div className="account" ref={box}>
      <button type="button" className="account__avatar" aria-haspopup="menu" aria-expanded={open} aria-label={t('account.menu', { name: me.name })} title={me.name} onClick={() => setOpen(!open)} data-testid="account-button">
        {initials(me.name)}
      </button>
      {open && (
        <div className="account__menu" role="menu" data-testid="account-menu">
          <div className="account__who">
            <div className="account__name" data-testid="account-name">
              {me.name}
            </div>
            <div className="account__role" data-testid="account-role" data-role={me.role}>
              {t('account.role', { role: t(`queue.role.${me.role}` as MessageKey) })}
            </div>
          </div>
          {signedIn && (
            <>
              <button type="button" role="menuitem" className="account__item" onClick={choose('password')} data-testid="account-change-password">
                {t('account.changePassword')}
              </button>
              <button type="button" role="menuitem" className="account__item" onClick={() => void signOut().then(restart, fail)} data-testid="account-sign-out">
                {t('account.signOut')}
              </button>
              <button type="button" role="menuitem" className="account__item account__item--danger" onClick={choose('everywhere')} data-testid="account-sign-out-everywhere">
                {t('account.signOutEverywhere')}
              </button>
            </>
          )}
        </div>
      )}
      {dialog === 'password' && <ChangePasswordDialog onClose={() => setDialog(null)} />}
      <Dialog
        open={dialog === 'everywhere'}
        title={t('account.signOutEverywhereTitle')}
        onClose={() => setDialog(null)}
        testId="sign-out-everywhere-dialog"
        footer={
          <>
            <Button variant="ghost" onClick={() => setDialog(null)}>
              {t('action.cancel')}
            </Button>
            <Button variant="danger" onClick={() => void call('account.signOutEverywhere', {}).then(() => signOut().then(restart), fail)} data-testid="sign-out-everywhere-confirm">
              {t('account.signOutEverywhere')}
            </Button>
          </>
        }
      >
        <p>{t('account.signOutEverywhereBody')}</p>
      </Dialog>
    </div>
  );
}

function ChangePasswordDialog({ onClose }: { onClose: () => void }) {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [confirm, setConfirm] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const showToast = useStore((s) => s.showToast);
  const login = useMeStore((s) => s.me?.login ?? null);
  const problem = formProblems({ password: next, confirm, knownLogin: login })[0];
  const save = async () => {
    if (problem) return setError(t(`auth.problem.${problem}`, { min: MIN_PASSWORD, loginMin: LOGIN_MIN, loginMax: LOGIN_MAX }));
    setBusy(true);
    try {
      await call('account.changePassword', { current, next });
      showToast({ message: t('account.passwordChanged'), tone: 'success' });
      onClose();
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Dialog
      open
      title={t('account.changePassword')}
      onClose={onClose}
      testId="change-password-dialog"
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy || current === ''} onClick={() => void save()} data-testid="change-password-save">
            {t('account.save')}
          </Button>
        </>
      }
    >
      <form
        className="auth__form"
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <TextInput label={t('account.currentPassword')} type="password" autoComplete="current-password" value={current} onChange={(e) => setCurrent(e.target.value)} data-testid="change-password-current" />
        <TextInput label={t('account.newPassword')} type="password" autoComplete="new-password" hint={t('auth.passwordRules', { min: MIN_PASSWORD })} value={next} onChange={(e) => setNext(e.target.value)} data-testid="change-password-next" />
        <TextInput label={t('auth.confirmPassword')} type="password" autoComplete="new-password" value={confirm} onChange={(e) => setConfirm(e.target.value)} data-testid="change-password-confirm" />
        {error && (
          <p className="auth__error" role="alert">
            {error}
          </p>
        )}
        <button type="submit" hidden />
      </form>
    </Dialog>
  );
}
