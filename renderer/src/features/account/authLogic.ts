import type { SessionEnd, SessionEndWhy } from '../../../../electron/model/session-end';
import { LOGIN_MAX, LOGIN_MIN, loginProblem, PASSWORD_MAX, PASSWORD_MIN, passwordProblem } from '../../../../electron/model/accounts';

export { LOGIN_MAX, LOGIN_MIN };

/**
 * The sign-in screens' pure rules: which screen an address opens, what a form still lacks, and how the host's
 * refusals read. The host decides everything again (electron/host/auth-routes.ts); this only spares a round trip
 * and words the answers.
 */

/** The screen a browser-mode page without a session shows, from its address's fragment. */
export type AuthRoute = { kind: 'sign-in' } | { kind: 'setup' | 'invite' | 'reset'; token: string };

/** `#setup=<token>` (serve's first-start link), `#invite=<token>`, `#reset=<token>`; anything else signs in. */
export function authRoute(hash: string): AuthRoute {
  const m = /^#?(setup|invite|reset)=([A-Za-z0-9_-]{8,256})$/.exec(hash);
  return m ? { kind: m[1] as 'setup' | 'invite' | 'reset', token: m[2]! } : { kind: 'sign-in' };
}

/** The host's own rules (model/accounts.ts), so the form and the host never disagree. */
export const MIN_PASSWORD = PASSWORD_MIN;

export type FormProblem = 'nameMissing' | 'loginMissing' | 'loginShape' | 'passwordShort' | 'passwordLong' | 'passwordWeak' | 'passwordMismatch' | 'passwordMissing';

/** `login` only on screens that choose one; `confirm` only where a new password is chosen. */
export type AccountForm = { name?: string; login?: string; password: string; confirm?: string; knownLogin?: string | null };

/** What stops this form from being sent, first problem per field; empty when it may be. */
export function formProblems(f: AccountForm): FormProblem[] {
  const out: FormProblem[] = [];
  if (f.name !== undefined && f.name.trim() === '') out.push('nameMissing');
  if (f.login !== undefined) {
    if (f.login.trim() === '') out.push('loginMissing');
    else if (f.confirm !== undefined && loginProblem(f.login) !== null) out.push('loginShape');
  }
  if (f.confirm === undefined) {
    if (f.password === '') out.push('passwordMissing');
    return out;
  }
  const login = f.login !== undefined && f.login.trim() !== '' ? f.login : (f.knownLogin ?? null);
  if ([...f.password].length < PASSWORD_MIN) out.push('passwordShort');
  else if (f.password.length > PASSWORD_MAX) out.push('passwordLong');
  else if (passwordProblem(f.password, login) !== null) out.push('passwordWeak');
  else if (f.password !== f.confirm) out.push('passwordMismatch');
  return out;
}

/** A refusal as the host sends it (401/429/400 JSON), or what a failure to reach it becomes. */
export type AuthFailure = { code: string; message: string; retryAfterSeconds?: number };

/** Reads the host's JSON error body; anything unreadable is `unreachable` so the page says to try again. */
export function parseFailure(status: number, body: unknown): AuthFailure {
  if (body && typeof body === 'object') {
    const b = body as Record<string, unknown>;
    const code = typeof b.code === 'string' ? b.code : status === 429 ? 'throttled' : 'unauthorized';
    const message = typeof b.message === 'string' ? b.message : '';
    const retry = typeof b.retryAfterSeconds === 'number' && Number.isFinite(b.retryAfterSeconds) && b.retryAfterSeconds > 0 ? Math.ceil(b.retryAfterSeconds) : undefined;
    return { code, message, ...(retry !== undefined ? { retryAfterSeconds: retry } : {}) };
  }
  return { code: status === 429 ? 'throttled' : status === 401 ? 'unauthorized' : 'unreachable', message: '' };
}

/** Seconds left before a throttled sign-in may be tried again, counting down from when it was refused. */
export function secondsLeft(retryAfterSeconds: number, refusedAtMs: number, nowMs: number): number {
  return Math.max(0, Math.ceil(retryAfterSeconds - (nowMs - refusedAtMs) / 1000));
}

/** The two letters the account button shows: first letters of the first and last words of a name. */
export function initials(name: string): string {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return '?';
  const first = [...words[0]!][0] ?? '';
  const last = words.length > 1 ? ([...words[words.length - 1]!][0] ?? '') : '';
  return (first + last).toLocaleUpperCase();
}

/** The sign-in screen's line for a page whose session ended: the host's reason when it gave one, else the general line. */
export function sessionEndedKey(end: SessionEnd | null): { key: `auth.ended.${SessionEndWhy}` | 'auth.sessionEnded'; library?: string } {
  if (!end) return { key: 'auth.sessionEnded' };
  if (end.why === 'library_opened') return end.library ? { key: 'auth.ended.library_opened', library: end.library } : { key: 'auth.sessionEnded' };
  return { key: `auth.ended.${end.why}` };
}
