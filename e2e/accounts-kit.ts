import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import type { Role } from '../electron/model/post';
import { callApi, expect } from './serve';

/**
 * People for browser-mode specs (issue 13): every host starts with its owner's account made through the first-start
 * link (e2e/serve.ts), and a page acts as whoever signed it in. Passwords are made from the login, so a spec
 * never needs to carry them around.
 */
export const OWNER_LOGIN = 'owner';
// Never contains the login (the host refuses that): the login's character codes instead.
export const passwordOf = (login: string) => `e2e says ${[...login].map((c) => c.charCodeAt(0)).join(' ')}`;

type Host = { url: string };

/** POST a JSON body to the host as a browser page of its own origin would (Origin set), outside any page. */
export async function postAuth(host: Host, pathname: string, body: unknown): Promise<{ status: number; json: Record<string, unknown>; setCookie: string[] }> {
  const origin = new URL(host.url).origin;
  const res = await fetch(new URL(pathname, origin), { method: 'POST', headers: { 'Content-Type': 'application/json', Origin: origin }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as Record<string, unknown>) : {}, setCookie: res.headers.getSetCookie() };
}

/**
 * Signs `page` in as `login` (the owner unless said) and opens the app: the sign-in answer's cookie lands in the
 * page's own context (page.request shares it), its keys reach the page through the `#pf-keys=` address the app
 * takes them from. A page signed in as someone else is signed out first.
 */
export async function openSignedIn(page: Page, host: Host, login: string = OWNER_LOGIN): Promise<void> {
  const origin = new URL(host.url).origin;
  // Off the app first: a new sign-in ends the page's old session, and an app left open on it would show the
  // signed-out screen (its calls answered 401); a goto that changes only the #hash would not reload it either.
  if (page.url() !== 'about:blank') await page.goto('about:blank');
  const r = await page.request.post(`${origin}/auth/login`, { data: { login, password: passwordOf(login) }, headers: { Origin: origin } });
  expect(r.status(), `signing in as ${login}: ${await r.text()}`).toBe(200);
  const { keys } = (await r.json()) as { keys: { page: string; media: string } };
  await page.goto(`${origin}/#pf-keys=${keys.page}.${keys.media}`);
}

/** Adds a person with a login through an admin's invite (the page must be signed in as an admin); returns their id. */
export async function addPerson(adminPage: Page, host: Host, p: { name: string; login: string; role: Role }): Promise<{ id: string; login: string }> {
  const link = await callApi<{ token: string }>(adminPage, 'users.invite', { role: p.role, approverChannels: null });
  const r = await postAuth(host, '/auth/invite', { token: link.token, name: p.name, login: p.login, password: passwordOf(p.login) });
  expect(r.status, JSON.stringify(r.json)).toBe(200);
  return { id: (r.json.user as { id: string }).id, login: p.login };
}

/**
 * One call as `login`, from outside any page: signs in over HTTP and calls over the API socket with that session's
 * cookie and page key, as that person's own browser would. For a step another person takes in a spec whose page
 * stays signed in as someone else (an approver approving what the owner wrote).
 */
export async function callAs<T>(host: Host, login: string, call: string, input: unknown): Promise<T> {
  const origin = new URL(host.url).origin;
  const r = await postAuth(host, '/auth/login', { login, password: passwordOf(login) });
  expect(r.status, `signing in as ${login}: ${JSON.stringify(r.json)}`).toBe(200);
  const cookie = r.setCookie.map((c) => c.split(';')[0]).join('; ');
  const key = (r.json.keys as { page: string }).page;
  const ws = new WebSocket(`${origin.replace(/^http/, 'ws')}/api?key=${encodeURIComponent(key)}`, { headers: { Cookie: cookie, Origin: origin } });
  try {
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const result = await new Promise<{ ok: boolean; value?: T; error?: { message: string } }>((resolve, reject) => {
      ws.on('message', (data: Buffer) => {
        const msg = JSON.parse(data.toString()) as { type: string; id?: number; result?: { ok: boolean; value?: T; error?: { message: string } } };
        if (msg.type === 'result' && msg.id === 1) resolve(msg.result!);
      });
      ws.once('close', () => reject(new Error(`the host closed ${login}'s socket before answering ${call}`)));
      ws.send(JSON.stringify({ id: 1, call, input }));
    });
    if (!result.ok) throw new Error(result.error?.message ?? `${call} failed`);
    return result.value as T;
  } finally {
    ws.terminate();
  }
}
