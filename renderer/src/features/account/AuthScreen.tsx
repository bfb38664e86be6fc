import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { t, type MessageKey } from '../../i18n';
import { Button } from '../../ui/Button';
import { LogoMark } from '../../ui/icons';
import { TextInput } from '../../ui/TextInput';
import type { InviteCheck } from '../../../../electron/api/transport';
import { acceptInvite, type AuthOutcome, checkInvite, resetPassword, restart, setupAdmin, signIn } from './authHttp';
import { invitePage } from './inviteLogic';
import { inviteRoleText } from './inviteText';
import { type AuthRoute, formProblems, type FormProblem, LOGIN_MAX, LOGIN_MIN, MIN_PASSWORD, secondsLeft } from './authLogic';
import './account.css';

/**
 * What a browser-mode page without a session shows (nothing of the app loads before it): sign in, create the
 * admin (serve's first-start link), accept an invite, or set a new password (an admin's reset link). A success
 * reloads the page into the app. `note`: why the page is here (e.g. the session ended).
 */
export function AuthScreen({ route, setupNeeded, note }: { route: AuthRoute; setupNeeded: boolean; note?: string }) {
  const body =
    route.kind === 'sign-in' ? (
      <SignInForm setupNeeded={setupNeeded} note={note} />
    ) : route.kind === 'invite' ? (
      <InviteGate token={route.token} />
    ) : (
      <AccountForm kind={route.kind} send={(f) => (route.kind === 'setup' ? setupAdmin(route.token, f.name, f.login, f.password) : resetPassword(route.token, f.password))} />
    );
  return (
    <main className="auth" data-testid="auth-screen" data-route={route.kind}>
      <div className="auth__card">
        <div className="auth__brand">
          <LogoMark size={36} />
          <span className="auth__product">{t('app.name')}</span>
        </div>
        {body}
      </div>
    </main>
  );
}

/** The words for a refusal: the host's own when it gave some, else by code; a throttle counts down. */
function failureText(o: Exclude<AuthOutcome, { ok: true }>, wait: number): string {
  if (o.code === 'throttled') return wait > 0 ? t('auth.throttled', { seconds: wait }) : t('auth.throttledOver');
  if (o.code === 'unreachable') return t('auth.unreachable');
  return o.message || t('auth.refused');
}

function useFailure() {
  const [failure, setFailure] = useState<{ outcome: Exclude<AuthOutcome, { ok: true }>; at: number } | null>(null);
  const [now, setNow] = useState(() => Date.now());
  const retry = failure?.outcome.retryAfterSeconds;
  useEffect(() => {
    if (!retry) return;
    const timer = setInterval(() => setNow(Date.now()), 500);
    return () => clearInterval(timer);
  }, [retry, failure]);
  const wait = failure && retry ? secondsLeft(retry, failure.at, now) : 0;
  return {
    text: failure ? failureText(failure.outcome, wait) : null,
    waiting: wait > 0,
    async run(send: () => Promise<AuthOutcome>): Promise<void> {
      const o = await send();
      if (o.ok) return restart();
      setNow(Date.now());
      setFailure({ outcome: o, at: Date.now() });
    },
  };
}

function Heading({ title, lead }: { title: string; lead: string }) {
  return (
    <>
      <h1 className="auth__title">{title}</h1>
      <p className="auth__lead">{lead}</p>
    </>
  );
}

function Form({ onSubmit, children, error, testId }: { onSubmit: () => Promise<void>; children: ReactNode; error: string | null; testId: string }) {
  const [busy, setBusy] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (busy) return;
    setBusy(true);
    void onSubmit().finally(() => setBusy(false));
  };
  return (
    <form className="auth__form" onSubmit={submit} data-testid={testId} aria-busy={busy}>
      {children}
      {error && (
        <p className="auth__error" role="alert" data-testid="auth-error">
          {error}
        </p>
      )}
    </form>
  );
}

function SignInForm({ setupNeeded, note }: { setupNeeded: boolean; note?: string }) {
  const [login, setLogin] = useState('');
  const [password, setPassword] = useState('');
  const failure = useFailure();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const missing = formProblems({ login, password }).length > 0;
  return (
    <>
      <Heading title={t('auth.signInTitle')} lead={t('auth.signInLead')} />
      {note && (
        <p className="auth__note" role="status" data-testid="auth-note">
          {note}
        </p>
      )}
      {setupNeeded && <p className="auth__note">{t('auth.setupFirst')}</p>}
      <Form testId="sign-in-form" error={failure.text} onSubmit={() => failure.run(() => signIn(login.trim(), password))}>
        <TextInput ref={first} label={t('auth.login')} autoComplete="username" autoCapitalize="none" spellCheck={false} value={login} onChange={(e) => setLogin(e.target.value)} data-testid="auth-login" />
        <TextInput label={t('auth.password')} type="password" autoComplete="current-password" value={password} onChange={(e) => setPassword(e.target.value)} data-testid="auth-password" />
        <Button type="submit" variant="primary" disabled={missing || failure.waiting} data-testid="auth-submit">
          {t('auth.signIn')}
        </Button>
      </Form>
      <p className="auth__hint">{t('auth.forgot')}</p>
    </>
  );
}

/**
 * An invite link's page: the link is checked as it opens (nothing is used up), so a spent, expired or cancelled
 * link says so in one line instead of showing a form that can only refuse; a working one says which role it makes.
 */
function InviteGate({ token }: { token: string }) {
  const [check, setCheck] = useState<InviteCheck | null | undefined>(undefined);
  useEffect(() => {
    let live = true;
    void checkInvite(token).then((c) => live && setCheck(c));
    return () => {
      live = false;
    };
  }, [token]);
  const page = invitePage(check === undefined ? undefined : (check?.state ?? null));
  if (page.kind === 'checking') return <p className="auth__lead" role="status">{t('auth.inviteChecking')}</p>;
  if (page.kind === 'refused') {
    return (
      <div data-testid="invite-refused" data-why={page.why}>
        <h1 className="auth__title">{t('auth.inviteGoneTitle')}</h1>
        <p className="auth__error" role="alert" data-testid="invite-state">
          {t(`auth.invite.${page.why}`)}
        </p>
        <Button variant="ghost" onClick={restart} data-testid="invite-sign-in">
          {t('auth.signInInstead')}
        </Button>
      </div>
    );
  }
  const lead = check?.role ? t('auth.inviteLeadAs', { library: check.library ?? '', as: inviteRoleText(check.role, check.approverChannels) }) : t('auth.inviteLead');
  return <AccountForm kind="invite" lead={lead} send={(f) => acceptInvite(token, f.name, f.login, f.password)} />;
}

type Fields = { name: string; login: string; password: string };
const PROBLEM_TEXT: Record<FormProblem, MessageKey> = {
  nameMissing: 'auth.problem.nameMissing',
  loginMissing: 'auth.problem.loginMissing',
  loginShape: 'auth.problem.loginShape',
  passwordMissing: 'auth.problem.passwordMissing',
  passwordShort: 'auth.problem.passwordShort',
  passwordLong: 'auth.problem.passwordLong',
  passwordWeak: 'auth.problem.passwordWeak',
  passwordMismatch: 'auth.problem.passwordMismatch',
};

/** Create the admin, accept an invite (name, login, password twice) or set a new password (password twice). */
function AccountForm({ kind, send, lead }: { kind: 'setup' | 'invite' | 'reset'; send: (f: Fields) => Promise<AuthOutcome>; lead?: string }) {
  const [f, setF] = useState({ name: '', login: '', password: '', confirm: '' });
  const [tried, setTried] = useState(false);
  const failure = useFailure();
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => first.current?.focus(), []);
  const withIdentity = kind !== 'reset';
  const problems = formProblems(withIdentity ? f : { password: f.password, confirm: f.confirm });
  const problem = (p: FormProblem[]) => {
    const found = tried ? problems.find((x) => p.includes(x)) : undefined;
    return found ? t(PROBLEM_TEXT[found], { min: MIN_PASSWORD, loginMin: LOGIN_MIN, loginMax: LOGIN_MAX }) : null;
  };
  const set = (k: keyof typeof f) => (e: { target: { value: string } }) => setF({ ...f, [k]: e.target.value });
  const submit = async () => {
    setTried(true);
    if (problems.length === 0) await failure.run(() => send({ name: f.name.trim(), login: f.login.trim(), password: f.password }));
  };
  return (
    <>
      <Heading title={t(`auth.${kind}Title`)} lead={lead ?? t(`auth.${kind}Lead`)} />
      <Form testId={`${kind}-form`} error={failure.text} onSubmit={submit}>
        {withIdentity && <TextInput ref={first} label={t('auth.name')} autoComplete="name" value={f.name} onChange={set('name')} error={problem(['nameMissing'])} data-testid="auth-name" />}
        {withIdentity && (
          <TextInput label={t('auth.login')} hint={t('auth.loginHint')} autoComplete="username" autoCapitalize="none" spellCheck={false} value={f.login} onChange={set('login')} error={problem(['loginMissing', 'loginShape'])} data-testid="auth-login" />
        )}
        <TextInput
          ref={withIdentity ? undefined : first}
          label={t('auth.newPassword')}
          type="password"
          autoComplete="new-password"
          hint={t('auth.passwordRules', { min: MIN_PASSWORD })}
          value={f.password}
          onChange={set('password')}
          error={problem(['passwordShort', 'passwordLong', 'passwordWeak'])}
          data-testid="auth-password"
        />
        <TextInput label={t('auth.confirmPassword')} type="password" autoComplete="new-password" value={f.confirm} onChange={set('confirm')} error={problem(['passwordMismatch'])} data-testid="auth-confirm" />
        <Button type="submit" variant="primary" data-testid="auth-submit">
          {t(`auth.${kind}Submit`)}
        </Button>
      </Form>
    </>
  );
}
