import type { User } from './post';

/**
 * Accounts and sessions, the pure parts (docs/security.md "Accounts and sessions"): what a login and a password
 * may be, when a session ends, what a token looks like, and the shapes the host and the UI exchange with the
 * engine. Hashing, storage and clocks live in library/accounts-repo.ts and studio/accounts-service.ts.
 */

export const LOGIN_MIN = 3;
export const LOGIN_MAX = 64;
export const PASSWORD_MIN = 10;
/** scrypt takes any length, but a megabyte "password" is a request to burn CPU: 1,024 characters is plenty. */
export const PASSWORD_MAX = 1024;

/** A session ends after this long without a call (a machine left signed in at lunch is not signed in all night)... */
export const SESSION_IDLE_MS = 12 * 60 * 60 * 1000;
/** ...and this long after sign-in whatever happens (a stolen cookie does not live for ever). */
export const SESSION_ABSOLUTE_MS = 14 * 24 * 60 * 60 * 1000;
/** `last_seen_at` is written at most this often: a session seen a minute ago needs no write on every call. */
export const SESSION_TOUCH_MS = 60 * 1000;
/** An invite link works once, within a week; a password-reset link once, within a day. */
export const INVITE_TTL_MS = 7 * 24 * 60 * 60 * 1000;
export const RESET_TTL_MS = 24 * 60 * 60 * 1000;

/** Tokens are 32 random bytes in base64url (43 characters): unguessable, and safe in a URL fragment or a cookie. */
export const TOKEN_BYTES = 32;
const TOKEN_RE = /^[A-Za-z0-9_-]{43}$/;

export type SignInMeta = { address: string; userAgent: string };
export type SignedIn = { token: string; sessionId: string; user: User; expiresAt: string };
export type SignInResult =
  | ({ ok: true } & SignedIn)
  | { ok: false; code: 'unauthorized' | 'throttled'; message: string; retryAfterSeconds?: number };

const LOGIN_RE = /^[A-Za-z0-9._@-]+$/;

/** Logins compare without case ("Ana" and "ana" are one person); stored as typed, trimmed. */
export function normaliseLogin(login: string): string {
  return login.trim();
}

export function sameLogin(a: string, b: string): boolean {
  return normaliseLogin(a).toLowerCase() === normaliseLogin(b).toLowerCase();
}

/** Why `login` cannot be a login (a sentence saying what to do), or null when it can. */
export function loginProblem(login: string): string | null {
  const l = normaliseLogin(login);
  if (l.length < LOGIN_MIN || l.length > LOGIN_MAX) return `A login is ${LOGIN_MIN} to ${LOGIN_MAX} characters long. Choose another.`;
  if (!LOGIN_RE.test(l)) return 'A login uses letters, digits and . _ - @ only (no spaces). Choose another.';
  return null;
}

/**
 * The commonest passwords of ten characters or more (from the public breach top lists). A long list belongs to a
 * breach-checking service; this one only stops the passwords an attacker tries first.
 */
const COMMON_PASSWORDS: ReadonlySet<string> = new Set([
  '1234567890', '0123456789', '12345678910', '123456789a', 'qwertyuiop', 'password12', 'password123', 'password1!',
  'passw0rd12', 'iloveyou12', '1q2w3e4r5t', '1qaz2wsx3edc', 'qwerty1234', 'qwerty123456', 'abcdefghij', 'abc1234567',
  'aaaaaaaaaa', '1111111111', '0000000000', 'letmein123', 'welcome123', 'changeme123', 'administrator', 'admin12345',
  'postframe123', 'postframe1', 'qazwsxedcrfv', 'zaq12wsxcde', 'football12', 'baseball12', 'sunshine12', 'princess12',
]);

/** Why `password` cannot be this person's password, or null when it can. Never echoes the password. */
export function passwordProblem(password: string, login: string | null): string | null {
  if ([...password].length < PASSWORD_MIN) return `A password needs at least ${PASSWORD_MIN} characters. A few unrelated words make a strong one.`;
  if (password.length > PASSWORD_MAX) return `A password may have at most ${PASSWORD_MAX} characters.`;
  const lower = password.toLowerCase();
  if (login !== null && lower.includes(normaliseLogin(login).toLowerCase())) return 'A password may not contain the login. Choose something else.';
  if (COMMON_PASSWORDS.has(lower) || new Set(lower).size <= 2) return 'That password is among the first an attacker tries. Choose something less common.';
  return null;
}

/** Whether `s` looks like a token Postframe issued (anything else is refused before the database is asked). */
export function isTokenShape(s: unknown): s is string {
  return typeof s === 'string' && TOKEN_RE.test(s);
}

export type SessionTimes = { createdAt: string; lastSeenAt: string; expiresAt: string };

/** When a session signed in at `createdAt` ends whatever happens. */
export function sessionExpiresAt(createdAt: Date): Date {
  return new Date(createdAt.getTime() + SESSION_ABSOLUTE_MS);
}

/** 'live', or why the session is over: unused for too long ('idle') or past its absolute end ('expired'). */
export function sessionState(s: SessionTimes, now: Date): 'live' | 'idle' | 'expired' {
  const t = now.getTime();
  if (t >= Date.parse(s.expiresAt)) return 'expired';
  if (t - Date.parse(s.lastSeenAt) >= SESSION_IDLE_MS) return 'idle';
  return 'live';
}

/** Whether a live session's last-seen time is worth writing now. */
export function touchDue(lastSeenAt: string, now: Date): boolean {
  return now.getTime() - Date.parse(lastSeenAt) >= SESSION_TOUCH_MS;
}

/** When a link made at `at` stops working. */
export function linkExpiresAt(kind: 'invite' | 'reset', at: Date): Date {
  return new Date(at.getTime() + (kind === 'invite' ? INVITE_TTL_MS : RESET_TTL_MS));
}

/** Who may sign in: a user with a login and a password who is not disabled. */
export function canSignIn(u: { login: string | null; hasPassword: boolean; disabled: boolean }): boolean {
  return u.login !== null && u.hasPassword && !u.disabled;
}

/** How long a used or expired link is still known as such (so its page can say "already used"), then forgotten. */
export const LINK_MEMORY_MS = 30 * 24 * 60 * 60 * 1000;

/**
 * What an invite link's page may be told before anything is typed (the host's `/auth/invite-check`): that it
 * works, or why not. A cancelled or mistyped link is `unknown` (cancelling deletes it), like one long forgotten.
 */
export type LinkState = 'valid' | 'used' | 'expired' | 'unknown';

export function linkState(link: { usedAt: string | null; expiresAt: string } | null, now: Date): LinkState {
  if (!link) return 'unknown';
  if (link.usedAt !== null) return 'used';
  return Date.parse(link.expiresAt) > now.getTime() ? 'valid' : 'expired';
}
