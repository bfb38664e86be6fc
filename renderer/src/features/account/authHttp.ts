import { BRIDGE_KEY, HOST_KEY_HEADER, HOST_PATHS, type InviteCheck, type PreloadBridge } from '../../../../electron/api/transport';
import type { User } from '../../../../electron/model/post';
import { HOST_KEYS_STORAGE, takeHostKeys } from '../../api/hostKeys';
import { type AuthFailure, parseFailure } from './authLogic';

/**
 * Browser mode's sign-in requests (electron/host/auth-routes.ts): same-origin JSON POSTs; the host answers a
 * success with the session cookie (HttpOnly, so the page never sees it) and the page keys, which the page keeps
 * exactly as a sign-in link's `#pf-keys=` (api/hostKeys.ts). Nothing here imports the API client: these screens
 * run before there is a session to open its socket with.
 */

export type SessionState = { signedIn: boolean; user?: User; setupNeeded: boolean };

export type AuthOutcome = { ok: true } | ({ ok: false } & AuthFailure);

/** This page's key when it has one (a sign-in link's #pf-keys=, or kept from an earlier sign-in): the host asks for it. */
function pageKey(): string {
  try {
    return takeHostKeys(window.location, window.localStorage, (url) => window.history.replaceState(window.history.state, '', url))?.page ?? '';
  } catch {
    return '';
  }
}

async function post(path: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(path, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', [HOST_KEY_HEADER]: pageKey() },
    body: JSON.stringify(body ?? {}),
    credentials: 'same-origin',
    cache: 'no-store',
  });
  const json: unknown = await res.json().catch(() => null);
  return { status: res.status, json };
}

/** `POST /session`: whether this browser is signed in, and whether the library still needs its admin. */
export async function readSession(): Promise<SessionState | null> {
  try {
    const { status, json } = await post(HOST_PATHS.session, {});
    if (!json || typeof json !== 'object') return status === 401 ? { signedIn: false, setupNeeded: false } : null;
    const j = json as Partial<SessionState>;
    return { signedIn: j.signedIn === true, ...(j.user ? { user: j.user } : {}), setupNeeded: j.setupNeeded === true };
  } catch {
    return null;
  }
}

/** Keeps the page keys a sign-in answered with, where the API client reads them when the app starts. */
function keepKeys(json: unknown): void {
  const keys = (json as { keys?: { page?: unknown; media?: unknown } } | null)?.keys;
  if (typeof keys?.page !== 'string' || typeof keys.media !== 'string') return;
  try {
    window.localStorage.setItem(HOST_KEYS_STORAGE, `${keys.page}.${keys.media}`);
  } catch {
    // A locked-down profile: the app then says this page has no keys, and the sign-in link still works.
  }
}

async function signInVia(path: string, body: unknown): Promise<AuthOutcome> {
  try {
    const { status, json } = await post(path, body);
    if (status === 200) {
      keepKeys(json);
      return { ok: true };
    }
    return { ok: false, ...parseFailure(status, json) };
  } catch {
    return { ok: false, code: 'unreachable', message: '' };
  }
}

/** The desktop app's bridge when there is one: its sign-in stays in the main process (electron/main/app-session.ts). */
function bridge(): PreloadBridge | null {
  return BRIDGE_KEY in window ? (window as unknown as Record<typeof BRIDGE_KEY, PreloadBridge>)[BRIDGE_KEY] : null;
}

/** The desktop app on a team library: whether someone must sign in first (null in browser mode). */
export async function appNeedsSignIn(): Promise<boolean | null> {
  const b = bridge();
  if (!b) return null;
  const r = await b.auth({ op: 'state' });
  return r.ok ? r.state.team && !r.state.signedIn : false;
}

export const signIn = async (login: string, password: string): Promise<AuthOutcome> => {
  const b = bridge();
  if (!b) return signInVia('/auth/login', { login, password });
  const r = await b.auth({ op: 'signIn', login, password });
  if (r.ok) return { ok: true };
  const throttled = r.error.retryAfterSeconds !== undefined;
  return { ok: false, ...parseFailure(throttled ? 429 : 401, { ...r.error, code: throttled ? 'throttled' : r.error.code }) };
};
export const setupAdmin = (token: string, name: string, login: string, password: string) => signInVia('/auth/setup', { token, name, login, password });
export const acceptInvite = (token: string, name: string, login: string, password: string) => signInVia('/auth/invite', { token, name, login, password });
export const resetPassword = (token: string, password: string) => signInVia('/auth/reset', { token, password });

/** Whether an invite link works (the host checks without using it up); null when the host could not be asked. */
export async function checkInvite(token: string): Promise<InviteCheck | null> {
  try {
    const { status, json } = await post(HOST_PATHS.inviteCheck, { token });
    const j = json as Partial<InviteCheck> | null;
    return status === 200 && j && typeof j.state === 'string' ? { state: j.state, role: j.role ?? null, approverChannels: j.approverChannels ?? null, library: j.library ?? null } : null;
  } catch {
    return null;
  }
}

/** Ends this browser's session (the cookie goes too); the page then reloads to the sign-in screen. */
export async function signOut(): Promise<void> {
  const b = bridge();
  if (b) {
    await b.auth({ op: 'signOut' });
    return;
  }
  try {
    await post('/auth/logout', {});
  } finally {
    try {
      window.localStorage.removeItem(HOST_KEYS_STORAGE);
    } catch {
      // Nothing kept to remove.
    }
  }
}

/** Opens the app at its plain address (no token left in the bar or in history), signed in or not. */
export function restart(): void {
  window.location.replace(`${window.location.pathname}${window.location.search}`);
}
