import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Caller } from '../api/contract';
import { type AuthAnswer, type AuthRefusal, HOST_KEY_HEADER, HOST_PATHS, type InviteCheck, type SessionAnswer } from '../api/transport';
import type { SignInMeta, SignedIn } from '../model/accounts';
import { type ErrorCode, errorMessage, isAppError } from '../model/errors';
import type { AccountsService } from '../studio/accounts-service';
import type { HostAuth } from './auth';
import { readBody } from './bodies';
import { sendJson } from './respond';

type Log = { info(msg: string): void; error(msg: string, ...rest: unknown[]): void };

export type AuthRoutes = {
  accounts: () => AccountsService;
  auth: HostAuth;
  now: () => Date;
  log: Log;
  /** The open library's name (its folder's), which a working invite link's page shows. */
  libraryName: () => string;
};

/** A signed-in request: its session token (the keys derive from it) and who it is, read fresh. */
export type HostSession = { token: string; caller: Caller };

/** The session a request's cookie names, if it is still live (expiry and disabled accounts are the service's). */
export function sessionOf(req: IncomingMessage, r: Pick<AuthRoutes, 'accounts' | 'auth'>): HostSession | null {
  const token = r.auth.tokenOf(req);
  if (token === null) return null;
  const caller = r.accounts().session(token);
  return caller ? { token, caller } : null;
}

/**
 * Where a request comes from, for the sign-in throttle and the audit: the socket's own address. A proxy's
 * X-Forwarded-For is not believed (anyone can send one); `::ffff:` is dropped from IPv4 addresses.
 */
export function signInMeta(req: IncomingMessage): SignInMeta {
  const address = (req.socket.remoteAddress ?? 'unknown').replace(/^::ffff:(?=\d+\.\d+\.\d+\.\d+$)/, '');
  return { address, userAgent: String(req.headers['user-agent'] ?? '').slice(0, 200) };
}

/** A sign-in body is small: a login, a password (at most 1,024 characters), a name and a token. */
const MAX_AUTH_BODY = 16 * 1024;
/** The fields each form sends (every one a string; bounded well above what the accounts rules accept). */
const FIELDS = {
  [HOST_PATHS.login]: ['login', 'password'],
  [HOST_PATHS.setup]: ['token', 'name', 'login', 'password'],
  [HOST_PATHS.invite]: ['token', 'name', 'login', 'password'],
  [HOST_PATHS.reset]: ['token', 'password'],
  [HOST_PATHS.inviteCheck]: ['token'],
} as const;
type Form = Record<'token' | 'name' | 'login' | 'password', string>;

/** The form's fields when `value` is an object with each of them a string of at most 4,096 characters; else null. */
function formOf(value: unknown, fields: readonly string[]): Form | null {
  if (typeof value !== 'object' || value === null) return null;
  const out: Record<string, string> = { token: '', name: '', login: '', password: '' };
  for (const f of fields) {
    const v = (value as Record<string, unknown>)[f];
    if (typeof v !== 'string' || v.length > 4096) return null;
    out[f] = v;
  }
  return out as Form;
}

const STATUS: Partial<Record<ErrorCode, number>> = { invalid_input: 400, unauthorized: 401, forbidden: 403, not_found: 404, conflict: 409 };

const SIGNED_OUT = 'This page is not signed in to Postframe. Sign in again.';

const refuse = (res: ServerResponse, status: number, body: AuthRefusal, headers: Record<string, string | number> = {}) => sendJson(res, status, body, headers);

/** Whether `pathname` is one of the routes below (they answer every method, a wrong one with 405). */
export function isAuthRoute(pathname: string): boolean {
  return pathname === HOST_PATHS.session || pathname === HOST_PATHS.logout || pathname in FIELDS;
}

/**
 * `POST /auth/login|setup|invite|invite-check|reset|logout` and `POST /session` (docs/security.md, "Browser mode on a network").
 * The server has already checked Host and Origin (a POST without our Origin never gets here). Bodies must be JSON
 * (`Content-Type: application/json`, which no cross-site form can send) and small.
 */
export async function handleAuthRoute(req: IncomingMessage, res: ServerResponse, pathname: string, r: AuthRoutes): Promise<void> {
  if (req.method !== 'POST') return refuse(res, 405, { code: 'invalid_input', message: 'Use POST.' }, { Allow: 'POST' });
  if (pathname === HOST_PATHS.session) return answerSession(req, res, r);
  if (pathname === HOST_PATHS.logout) return logout(req, res, r);
  const fields = FIELDS[pathname as keyof typeof FIELDS];
  const type = String(req.headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/json') {
    req.resume();
    return refuse(res, 415, { code: 'invalid_input', message: 'Send the form as JSON (Content-Type: application/json).' });
  }
  const raw = await readBody(req, MAX_AUTH_BODY);
  if (!raw) {
    res.setHeader('Connection', 'close');
    return refuse(res, 413, { code: 'invalid_input', message: 'That form is too long. Check what you typed and try again.' });
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw.toString('utf8'));
  } catch {
    parsed = undefined;
  }
  const b = formOf(parsed, fields);
  if (!b) return refuse(res, 400, { code: 'invalid_input', message: 'The form is incomplete. Fill in every field and try again.' });
  if (pathname === HOST_PATHS.inviteCheck) {
    const c = r.accounts().checkInvite(b.token);
    return sendJson(res, 200, { ...c, library: c.state === 'valid' ? r.libraryName() : null } satisfies InviteCheck, { 'Cache-Control': 'no-store' });
  }
  const meta = signInMeta(req);
  const accounts = r.accounts();
  try {
    let signed: SignedIn;
    switch (pathname) {
      case HOST_PATHS.login: {
        const result = await accounts.signIn({ login: b.login, password: b.password }, meta);
        if (!result.ok) {
          if (result.code === 'throttled') {
            const wait = Math.max(1, result.retryAfterSeconds ?? 1);
            return refuse(res, 429, { code: 'throttled', message: result.message, retryAfterSeconds: wait }, { 'Retry-After': wait });
          }
          return refuse(res, 401, { code: 'unauthorized', message: result.message });
        }
        signed = result;
        break;
      }
      case HOST_PATHS.setup: {
        // The link printed at first start is the proof of being at the server: without it nobody creates the admin.
        if (!r.auth.isSetupToken(b.token)) {
          return refuse(res, 403, { code: 'forbidden', message: 'This setup link is not valid (any more). Sign in, or use the link postframe serve printed at its latest start.' });
        }
        signed = await accounts.setupAdmin({ name: b.name, login: b.login, password: b.password }, meta);
        r.auth.spendSetupToken();
        break;
      }
      case HOST_PATHS.invite: {
        signed = await accounts.acceptInvite(b.token, { name: b.name, login: b.login, password: b.password }, meta);
        break;
      }
      default: {
        signed = await accounts.resetPassword(b.token, b.password, meta);
      }
    }
    // One browser, one session: a session this browser had before ends now.
    const before = sessionOf(req, r);
    if (before?.caller.sessionId && before.caller.sessionId !== signed.sessionId) accounts.signOut(before.caller.sessionId);
    const answer: AuthAnswer = { user: signed.user, keys: r.auth.keysFor(signed.token) };
    return sendJson(res, 200, answer, { 'Set-Cookie': r.auth.cookieFor(signed.token, signed.expiresAt, r.now().getTime()) });
  } catch (e) {
    const status = isAppError(e) ? (STATUS[e.code] ?? 500) : 500;
    if (status === 500) {
      r.log.error(`[host] ${pathname} failed`, e);
      return refuse(res, 500, { code: 'internal', message: 'Signing in failed on the server. Try again; if it keeps happening, look at the server log.' });
    }
    return refuse(res, status, { code: (e as { code: ErrorCode }).code, message: errorMessage(e) });
  }
}

/**
 * `POST /session`: whether this page is signed in (this session's cookie and its page key), who as, and whether
 * the library still needs its first admin. Every failure gets the same 401, so it tells a caller no more than a
 * refused API upgrade already does.
 */
function answerSession(req: IncomingMessage, res: ServerResponse, r: AuthRoutes): void {
  req.resume(); // no body is expected; whatever comes is drained, not read
  const s = sessionOf(req, r);
  const setupNeeded = r.accounts().setupNeeded();
  if (s && r.auth.isPageKey(s.token, req.headers[HOST_KEY_HEADER.toLowerCase()])) {
    return sendJson(res, 200, { signedIn: true, user: s.caller.user, setupNeeded } satisfies SessionAnswer);
  }
  return sendJson(res, 401, { signedIn: false, setupNeeded, code: 'unauthorized', message: SIGNED_OUT } satisfies SessionAnswer & AuthRefusal);
}

/** `POST /auth/logout`: ends the session this browser's cookie names (its sockets close) and clears the cookie. */
function logout(req: IncomingMessage, res: ServerResponse, r: AuthRoutes): void {
  req.resume();
  const s = sessionOf(req, r);
  if (s?.caller.sessionId) r.accounts().signOut(s.caller.sessionId);
  sendJson(res, 200, { signedIn: false, setupNeeded: r.accounts().setupNeeded() } satisfies SessionAnswer, { 'Set-Cookie': r.auth.clearedCookie() });
}
