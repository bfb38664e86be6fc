import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type AuthAnswer, HOST_PATHS, HOST_SESSION_ENDED_CLOSE } from '../api/transport';
import { SESSION_IDLE_MS } from '../model/accounts';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { type Session, TEST_ADMIN, logIn, postJson, signIn } from './__tests__/sign-in';
import { Studio } from '../studio';
import { ANY_PATH } from '../studio/path-gate';
import { type RunningHost, startHost } from './server';

/** scrypt made cheap for tests (the real cost is library/accounts-repo.ts DEFAULT_KDF). */
const FAST_KDF = { N: 2 ** 10, r: 8, p: 1 };
const CREATOR = { name: 'Cleo Creator', login: 'cleo', password: 'purple monkey dishwasher' };

describe('browser-mode sign-in over the real host', () => {
  let tmp: string;
  let temp: TempStudio;
  let host: RunningHost;
  let now = new Date('2026-12-04T12:00:00Z');
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    now = new Date('2026-12-04T12:00:00Z');
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-host-acc-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
    temp = await openTempStudio('pf-host-acc-', { clock: () => now, passwordKdf: FAST_KDF });
    host = await startHost({ studio: temp.studio, rendererDir, port: 0, log: { info: () => undefined, error: () => undefined }, sessionSweepMs: 50 });
  });
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await host.close();
    await temp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** Creates the first admin through the first-start link, then a creator the admin adds. */
  async function team(): Promise<{ admin: Session }> {
    const admin = await signIn(host.port, host.openUrl);
    const adminCaller = temp.studio.accounts.session(admin.cookie.split('=')[1]!)!;
    await temp.studio.accounts.addUser(adminCaller, { ...CREATOR, role: 'creator' });
    return { admin };
  }

  function get(pathname: string, headers: Record<string, string> = {}): Promise<number> {
    return new Promise((resolve, reject) => {
      http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers, agent: false }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      }).on('error', reject);
    });
  }

  function socket(s: Session): Promise<WebSocket> {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(`ws://127.0.0.1:${host.port}/api?key=${s.keys.page}`, { headers: { cookie: s.cookie, origin: s.origin } });
      sockets.push(ws);
      ws.once('open', () => resolve(ws));
      ws.once('error', reject);
    });
  }
  let nextId = 1;
  function call(ws: WebSocket, name: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { code: string; message: string } }> {
    const id = nextId++;
    return new Promise((resolve) => {
      const on = (d: Buffer) => {
        const m = JSON.parse(d.toString()) as { type: string; id: number; result: { ok: boolean } };
        if (m.type === 'result' && m.id === id) {
          ws.off('message', on);
          resolve(m.result);
        }
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ id, call: name, input }));
    });
  }
  const closed = (ws: WebSocket) => new Promise<{ code: number; reason: string }>((resolve) => ws.once('close', (code, reason) => resolve({ code, reason: reason.toString() })));

  it('first start: the app shell loads without a session, /session says setup is needed, the setup link creates the admin once', async () => {
    expect(host.openUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/#setup=[\w-]{32}$/);
    expect(await get('/')).toBe(200);
    const before = await postJson(host.port, HOST_PATHS.session, {});
    expect(before.status).toBe(401);
    expect(before.body).toMatchObject({ signedIn: false, setupNeeded: true });
    const wrong = await postJson(host.port, HOST_PATHS.setup, { token: 'x'.repeat(32), ...TEST_ADMIN });
    expect(wrong.status).toBe(403);
    const admin = await signIn(host.port, host.openUrl);
    const again = await postJson(host.port, HOST_PATHS.setup, { token: new URL(host.openUrl).hash.slice(7), ...TEST_ADMIN, login: 'admin2' });
    expect(again.status).toBe(403);
    const after = await postJson(host.port, HOST_PATHS.session, {}, { cookie: admin.cookie, headers: { 'x-postframe-key': admin.keys.page } });
    expect(after.status).toBe(200);
    expect(after.body).toMatchObject({ signedIn: true, setupNeeded: false, user: { login: 'admin', role: 'admin' } });
  });

  it('/auth/invite-check says whether an invite works without using it: role, channels and library only while it does', async () => {
    const admin = await signIn(host.port, host.openUrl);
    const adminCaller = temp.studio.accounts.session(admin.cookie.split('=')[1]!)!;
    const { token } = temp.studio.accounts.invite(adminCaller, { role: 'approver', approverChannels: ['tiktok'] });
    const check = () => postJson(host.port, HOST_PATHS.inviteCheck, { token });
    const ok = await check();
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({ state: 'valid', role: 'approver', approverChannels: ['tiktok'], library: path.basename(temp.studio.folder.root) });
    expect((await check()).body).toMatchObject({ state: 'valid' });
    expect((await postJson(host.port, HOST_PATHS.invite, { token, ...CREATOR })).status).toBe(200);
    expect((await check()).body).toEqual({ state: 'used', role: null, approverChannels: null, library: null });
    expect((await postJson(host.port, HOST_PATHS.inviteCheck, { token: 'A'.repeat(43) })).body).toEqual({ state: 'unknown', role: null, approverChannels: null, library: null });
    expect((await postJson(host.port, HOST_PATHS.inviteCheck, { nope: 1 })).status).toBe(400);
  });

  it('login sets an HttpOnly SameSite=Strict cookie and answers the user and keys; wrong password and unknown login get one 401', async () => {
    await team();
    const ok = await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: CREATOR.password });
    expect(ok.status).toBe(200);
    expect(String(ok.headers['set-cookie']![0])).toMatch(new RegExp(`^pf_session_${host.port}=[\\w-]{43}; HttpOnly; SameSite=Strict; Path=/; Max-Age=\\d+$`));
    const answer = ok.body as AuthAnswer;
    expect(answer.user).toMatchObject({ login: 'cleo', role: 'creator' });
    expect(answer.keys.page).toMatch(/^[\w-]{43}$/);
    expect(JSON.stringify(answer)).not.toContain(CREATOR.password);
    const wrong = await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: 'not the password at all' });
    const unknown = await postJson(host.port, HOST_PATHS.login, { login: 'nobody-here', password: 'not the password at all' });
    expect([wrong.status, unknown.status]).toEqual([401, 401]);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.headers['set-cookie']).toBeUndefined();
    // Not JSON, or from another site: refused before any password is checked.
    expect((await postJson(host.port, HOST_PATHS.login, { login: 'cleo', password: CREATOR.password }, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    expect((await postJson(host.port, HOST_PATHS.login, { login: 'cleo', password: CREATOR.password }, { headers: { origin: 'http://evil.example' } })).status).toBe(403);
  });

  it('1,000 wrong passwords are throttled (429 + Retry-After) and audited; the real user gets in from another address at once, and at the attacked one after the back-off', async () => {
    await team();
    const statuses = new Map<number, number>();
    let retryAfter = 0;
    for (let i = 0; i < 1000; i++) {
      const r = await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: `wrong guess ${i}` });
      statuses.set(r.status, (statuses.get(r.status) ?? 0) + 1);
      if (r.status === 429) retryAfter = Number(r.headers['retry-after']);
    }
    expect(statuses.get(429)).toBeGreaterThanOrEqual(990);
    expect((statuses.get(401) ?? 0) + (statuses.get(429) ?? 0)).toBe(1000);
    expect(retryAfter).toBeGreaterThan(0);
    const actions = auditActions();
    expect(actions.filter((a) => a === 'login_failed').length).toBe(statuses.get(401));
    expect(actions.filter((a) => a === 'login_throttled').length).toBe(statuses.get(429));
    // The attacked address is still waiting, even with the right password...
    expect((await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: CREATOR.password })).status).toBe(429);
    // ...but the real person at their own desk is not locked out.
    const elsewhere = await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: CREATOR.password }, { localAddress: '127.0.0.2' });
    expect(elsewhere.status).toBe(200);
    now = new Date(now.getTime() + (retryAfter + 1) * 1000);
    expect((await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: CREATOR.password })).status).toBe(200);
  }, 120_000);

  it('logout ends the session and closes its socket at once', async () => {
    await team();
    const cleo = await logIn(host.port, CREATOR.login, CREATOR.password);
    const ws = await socket(cleo);
    expect((await call(ws, 'app.info', {})).ok).toBe(true);
    const closing = closed(ws);
    const out = await postJson(host.port, HOST_PATHS.logout, {}, { cookie: cleo.cookie });
    expect(out.status).toBe(200);
    expect(String(out.headers['set-cookie']![0])).toMatch(/Max-Age=0/);
    expect(await closing).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'signed_out' }); // why, for the page to say
    expect((await postJson(host.port, HOST_PATHS.session, {}, { cookie: cleo.cookie, headers: { 'x-postframe-key': cleo.keys.page } })).status).toBe(401);
    await expect(socket(cleo)).rejects.toThrow(/403/);
  });

  it('sign out everywhere is answered on its own socket before the host closes it, and closes the other devices\' too', async () => {
    await team();
    const cleo = await logIn(host.port, CREATOR.login, CREATOR.password);
    const phone = await logIn(host.port, CREATOR.login, CREATOR.password);
    const ws = await socket(cleo);
    const other = await socket(phone);
    const [closing, otherClosing] = [closed(ws), closed(other)];
    // Closed before its answer, the page's call failed (it then showed an error, not the sign-in).
    expect(await call(ws, 'account.signOutEverywhere', {})).toMatchObject({ ok: true, value: { ended: 2 } });
    expect(await closing).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'everywhere' });
    expect(await otherClosing).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'everywhere' });
    await expect(socket(cleo)).rejects.toThrow(/403/);
  });

  it('disabling an account closes that user\'s sockets at once; a role change counts at the next call', async () => {
    const { admin } = await team();
    const cleo = await logIn(host.port, CREATOR.login, CREATOR.password);
    const adminWs = await socket(admin);
    const cleoWs = await socket(cleo);
    const cleoId = temp.studio.accounts.users().find((u) => u.login === 'cleo')!.id;
    const adminCaller = temp.studio.accounts.session(admin.cookie.split('=')[1]!)!;
    const closing = closed(cleoWs);
    temp.studio.accounts.setDisabled(adminCaller, { id: cleoId, disabled: true });
    expect(await closing).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'disabled' });
    expect(adminWs.readyState).toBe(WebSocket.OPEN);
    expect((await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: CREATOR.password })).status).toBe(401);
  });

  it('a socket\'s calls act as its session\'s user: an actorId naming someone else is refused', async () => {
    const { admin } = await team();
    const cleo = await logIn(host.port, CREATOR.login, CREATOR.password);
    const ws = await socket(cleo);
    const adminId = temp.studio.accounts.users().find((u) => u.login === 'admin')!.id;
    const forged = await call(ws, 'users.create', { actorId: adminId, name: 'Mallory', role: 'admin' });
    expect(forged).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const asHerself = await call(ws, 'users.create', { actorId: temp.studio.accounts.users().find((u) => u.login === 'cleo')!.id, name: 'Mallory', role: 'admin' });
    expect(asHerself.ok).toBe(false);
    expect(temp.studio.accounts.users().some((u) => u.name === 'Mallory')).toBe(false);
    void admin;
  });

  it('a session that ends by time closes its idle socket without waiting for a call; a live one stays open', async () => {
    const { admin } = await team();
    const adminWs = await socket(admin);
    now = new Date(now.getTime() + SESSION_IDLE_MS - 60_000);
    const cleo = await logIn(host.port, CREATOR.login, CREATOR.password);
    const cleoWs = await socket(cleo);
    const adminClosed = closed(adminWs);
    now = new Date(now.getTime() + 60_000);
    expect(await adminClosed).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'expired' });
    expect(cleoWs.readyState).toBe(WebSocket.OPEN);
    expect(await call(cleoWs, 'session.me', {})).toMatchObject({ ok: true });
  });

  /** A library made beside the host's (same machine key), filled by `fill` as its own Studio, then closed. */
  async function makeLibrary(name: string, fill: (s: Studio) => Promise<unknown>): Promise<string> {
    const libraryPath = path.join(tmp, name);
    const s = await Studio.open({ libraryPath, settingsDir: temp.settingsDir, shell: 'browser', createLibrary: true, pathAccess: ANY_PATH, passwordKdf: FAST_KDF });
    try {
      await fill(s);
    } finally {
      await s.close();
    }
    return libraryPath;
  }

  it('opening another library: a new one takes the opening admin as its owner (still signed in, everyone else signed out); one holding the same account keeps them signed in; one with admins of its own signs everyone out; one nobody could sign in to is refused', async () => {
    const { admin } = await team();
    const cleo = await logIn(host.port, CREATOR.login, CREATOR.password);
    const adminWs = await socket(admin);
    const cleoWs = await socket(cleo);
    const cleoClosed = closed(cleoWs);
    // The admin is told first whom it signs out (not themself); a creator may not ask.
    expect(await call(adminWs, 'libraries.signedIn', {})).toMatchObject({ ok: true, value: [{ name: CREATOR.name }] });
    expect(await call(cleoWs, 'libraries.signedIn', {})).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    const fresh = path.join(tmp, 'Fresh');
    expect(await call(adminWs, 'libraries.open', { path: fresh, create: true })).toMatchObject({ ok: true, value: { path: fresh } });
    expect(await cleoClosed).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'library_opened:Fresh' });
    // The admin's page goes on, on the same socket, as the new library's owner with the same login and password.
    expect(await call(adminWs, 'session.me', {})).toMatchObject({ ok: true, value: { team: true, user: { login: 'admin', role: 'admin' } } });
    expect((await postJson(host.port, HOST_PATHS.login, { login: CREATOR.login, password: CREATOR.password })).status).toBe(401);
    expect((await postJson(host.port, HOST_PATHS.login, { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).status).toBe(200);
    expect(auditActions()).toContain('account_create');

    // Back to the first library, which holds the very same account (same login, same password hash): still signed in.
    expect(await call(adminWs, 'libraries.open', { path: temp.libraryPath, create: false })).toMatchObject({ ok: true, value: { path: temp.libraryPath } });
    expect(await call(adminWs, 'session.me', {})).toMatchObject({ ok: true, value: { user: { login: 'admin' } } });
    expect(auditActions().slice(-2)).toEqual(['sessions_ended', 'login']); // leaving it was recorded there, then the return

    // A library with an admin of its own: its people sign in; the opener too, with an account of that library.
    const boss = { name: 'Bea Boss', login: 'bea', password: 'another long passphrase' };
    const theirs = await makeLibrary('Theirs', (s) => s.accounts.addUser(s.ownerCaller(), { ...boss, role: 'admin' }));
    const adminClosed = closed(adminWs);
    expect(await call(adminWs, 'libraries.open', { path: theirs, create: false })).toMatchObject({ ok: true, value: { path: theirs } });
    expect(await adminClosed).toEqual({ code: HOST_SESSION_ENDED_CLOSE, reason: 'library_opened:Theirs' });
    expect((await postJson(host.port, HOST_PATHS.login, { login: TEST_ADMIN.login, password: TEST_ADMIN.password })).status).toBe(401);
    const bea = await logIn(host.port, boss.login, boss.password);
    const beaWs = await socket(bea);

    // A library nobody can sign in to, where Bea's login is someone else's: refused, and nothing changes.
    const taken = await makeLibrary('Taken', (s) => s.accounts.addUser(s.ownerCaller(), { name: 'Other Bea', login: 'bea', password: 'yet another passphrase', role: 'creator' }));
    const refused = await call(beaWs, 'libraries.open', { path: taken, create: false });
    expect(refused).toMatchObject({ ok: false, error: { code: 'conflict', message: expect.stringContaining('postframe serve --library') } });
    expect(await call(beaWs, 'app.info', {})).toMatchObject({ ok: true, value: { library: { path: theirs } } });
  });

  /** Audit actions in order, read from the library. */
  function auditActions(): string[] {
    const repo = (temp.studio as unknown as { auditRepo: { list(postId?: string | null): { action: string }[] } }).auditRepo;
    return repo.list().map((e) => e.action);
  }
});
