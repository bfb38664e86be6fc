import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { access, takesActorId } from '../api/access';
import { type CallName, calls } from '../api/contract';
import type { User } from '../model/post';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { type RunningHost, startHost } from './server';

/**
 * Issue 13's malicious teammate, call by call over the real host (HTTP sign-in, the WebSocket API). Each person
 * signs in with their own password; whatever a page sends, a call acts as the session's user and is held to that
 * user's role (electron/api/access.ts). Every refusal is in the audit log under the real caller's name.
 */
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const PASSWORDS = { olga: 'the admin, on call all week', ava: 'approves things by the lake', cleo: 'makes videos about bread', cody: 'films the harbour at dawn' };
type Login = keyof typeof PASSWORDS;

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: string };
function post(port: number, pathname: string, body: unknown, headers: Record<string, string> = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const text = JSON.stringify(body);
    const req = http.request(
      { host: '127.0.0.1', port, path: pathname, method: 'POST', agent: false, headers: { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(text)), Origin: `http://127.0.0.1:${port}`, ...headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

type Page = { user: User; cookie: string; pageKey: string; ws: WebSocket; next: number };

async function signIn(port: number, login: Login): Promise<Page> {
  const r = await post(port, '/auth/login', { login, password: PASSWORDS[login] });
  expect(r.status, r.body).toBe(200);
  const answer = JSON.parse(r.body) as { user: User; keys: { page: string; media: string } };
  const setCookie = r.headers['set-cookie'] ?? [];
  const cookie = setCookie.map((c) => c.split(';')[0]).join('; ');
  expect(setCookie.join(';')).toMatch(/HttpOnly/i);
  expect(setCookie.join(';')).toMatch(/SameSite=Strict/i);
  const ws = new WebSocket(`ws://127.0.0.1:${port}/api?key=${encodeURIComponent(answer.keys.page)}`, { headers: { Cookie: cookie, Origin: `http://127.0.0.1:${port}` } });
  await new Promise<void>((resolve, reject) => {
    ws.once('open', () => resolve());
    ws.once('error', reject);
  });
  return { user: answer.user, cookie, pageKey: answer.keys.page, ws, next: 1 };
}

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };
function callAs(page: Page, name: string, input: unknown): Promise<Result> {
  const id = page.next++;
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse((data as Buffer).toString()) as { type: string; id?: number; result?: Result };
      if (msg.type === 'result' && msg.id === id) {
        page.ws.off('message', onMessage);
        resolve(msg.result!);
      }
    };
    page.ws.on('message', onMessage);
    page.ws.send(JSON.stringify({ id, call: name, input }));
  });
}

const names = Object.keys(calls) as CallName[];
const actorCalls = names.filter((n) => takesActorId(calls[n].input));
/** Calls whose row names a role (not 'everyone') whatever the input. */
const restricted = names.filter((n) => typeof access[n] === 'string' && access[n] !== 'everyone');

describe('a malicious teammate, over the real host', () => {
  let tmp: string;
  let temp: TempStudio;
  let studio: Studio;
  let host: RunningHost;
  const pages = {} as Record<Login, Page>;

  beforeAll(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-mal-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>Postframe test shell</title>');
    temp = await openTempStudio('pf-mal-', { passwordKdf: FAST });
    studio = temp.studio;
    const meta = { address: 'test', userAgent: 'vitest' };
    const olga = await studio.accounts.setupAdmin({ name: 'Olga', login: 'olga', password: PASSWORDS.olga }, meta);
    const admin = { user: olga.user, sessionId: olga.sessionId };
    await studio.accounts.addUser(admin, { name: 'Ava', login: 'ava', password: PASSWORDS.ava, role: 'approver' });
    await studio.accounts.addUser(admin, { name: 'Cleo', login: 'cleo', password: PASSWORDS.cleo, role: 'creator' });
    await studio.accounts.addUser(admin, { name: 'Cody', login: 'cody', password: PASSWORDS.cody, role: 'creator' });
    host = await startHost({ studio, rendererDir, port: 0, log: { info: () => {}, error: () => {} } });
    for (const login of Object.keys(PASSWORDS) as Login[]) pages[login] = await signIn(host.port, login);
  });
  afterAll(async () => {
    for (const p of Object.values(pages)) p.ws.terminate();
    await host.close();
    await temp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  const denials = () => studio.auditRepo.list().filter((e) => e.action === 'access_denied');

  it('each socket acts as its own session’s user', async () => {
    for (const login of Object.keys(PASSWORDS) as Login[]) {
      expect(await callAs(pages[login], 'session.me', {})).toMatchObject({ ok: true, value: { user: { login }, team: true } });
    }
  });

  it(`refuses and audits every one of the ${actorCalls.length} calls that name an actor when they name someone else`, async () => {
    const before = denials().length;
    const cleo = pages.cleo;
    for (const name of actorCalls) {
      for (const other of [pages.olga.user.id, pages.ava.user.id]) {
        const r = await callAs(cleo, name, { actorId: other });
        expect(r, `${name} as ${other}`).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      }
    }
    const recorded = denials().slice(before);
    expect(recorded).toHaveLength(actorCalls.length * 2);
    expect(new Set(recorded.map((e) => e.actorId))).toEqual(new Set([cleo.user.id]));
    expect(new Set(recorded.map((e) => e.detail.call))).toEqual(new Set(actorCalls));
  });

  it('refuses and audits every call above a creator’s and an approver’s role, call by call', async () => {
    expect(restricted.length).toBeGreaterThan(20);
    for (const login of ['cleo', 'ava'] as const) {
      const before = denials().length;
      for (const name of restricted) {
        const r = await callAs(pages[login], name, {});
        expect(r, `${login}: ${name}`).toMatchObject({ ok: false, error: { code: 'unauthorized', message: expect.stringMatching(/^Only an admin can /) } });
      }
      const recorded = denials().slice(before);
      expect(recorded.map((e) => [e.actorId, e.detail.call, e.detail.why])).toEqual(restricted.map((n) => [pages[login].user.id, n, 'role']));
    }
  });

  it('a creator cannot approve her own post by any route', async () => {
    const cleo = pages.cleo;
    const draft = (await callAs(cleo, 'drafts.create', { kind: 'video', name: 'My teaser' })) as { ok: true; value: { id: string } };
    const created = (await callAs(cleo, 'posts.create', { draftId: draft.value.id, targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC' })) as { ok: true; value: { id: string; createdBy: string } };
    expect(created.value.createdBy).toBe(cleo.user.id);
    const id = created.value.id;
    expect(await callAs(cleo, 'posts.transition', { id, event: 'submit' })).toMatchObject({ ok: true, value: { state: 'in_review' } });
    const before = denials().length;

    const attempts: [string, unknown][] = [
      ['posts.transition', { id, event: 'approve' }],
      ['posts.transition', { id, event: 'approve', actorId: pages.ava.user.id }],
      ['posts.transition', { id, event: 'approve', actorId: pages.olga.user.id, override: true }],
      // Rights: make herself (or a new account) a reviewer, or drop the approval rule.
      ['users.setRole', { id: cleo.user.id, role: 'approver', approverChannels: null }],
      ['users.setRole', { id: cleo.user.id, role: 'admin', approverChannels: null }],
      ['users.invite', { role: 'approver', approverChannels: null }],
      ['users.create', { name: 'Sock puppet', role: 'approver' }],
      ['users.setDisabled', { id: pages.ava.user.id, disabled: true }],
      ['policy.set', { approvals: [] }],
      // A colleague's name on a comment or a campaign does not make it theirs either.
      ['posts.comment', { id, body: 'Approved — Ava', actorId: pages.ava.user.id }],
    ];
    for (const [name, input] of attempts) {
      expect(await callAs(cleo, name, input), name).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    }
    expect(denials().length - before).toBe(attempts.length);
    // HTTP side doors: the first-start setup is closed, and a made-up invite or reset link opens nothing.
    expect((await post(host.port, '/auth/setup', { token: 'guessed', name: 'Cleo', login: 'cleo2', password: 'another long password' }, { Cookie: cleo.cookie })).status).toBeGreaterThanOrEqual(400);
    expect((await post(host.port, '/auth/invite', { token: 'A'.repeat(43), name: 'Puppet', login: 'puppet', password: 'another long password' })).status).toBeGreaterThanOrEqual(400);
    expect((await post(host.port, '/auth/reset', { token: 'A'.repeat(43), password: 'another long password' })).status).toBeGreaterThanOrEqual(400);

    // Even promoted to approver by an admin, her own post is not hers to approve.
    expect(await callAs(pages.olga, 'users.setRole', { id: cleo.user.id, role: 'approver', approverChannels: null })).toMatchObject({ ok: true });
    expect(await callAs(cleo, 'posts.transition', { id, event: 'approve' })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/cannot approve your own post/) } });
    expect(await callAs(pages.olga, 'users.setRole', { id: cleo.user.id, role: 'creator', approverChannels: null })).toMatchObject({ ok: true });

    const after = (await callAs(pages.olga, 'posts.get', { id })) as { ok: true; value: { state: string; approvals: string[] } };
    expect([after.value.state, after.value.approvals]).toEqual(['in_review', []]);
    expect(studio.auditRepo.list(id).map((e) => e.action)).not.toContain('approve');
    // The approver approves; then the creator changes the draft: the post goes back to review, nothing unreviewed goes out.
    expect(await callAs(pages.ava, 'posts.transition', { id, event: 'approve' })).toMatchObject({ ok: true, value: { state: 'approved' } });
    const d = (await callAs(cleo, 'drafts.get', { id: draft.value.id })) as { ok: true; value: { revision: number; doc: Record<string, unknown> } };
    expect(await callAs(cleo, 'drafts.save', { id: draft.value.id, baseRevision: d.value.revision, doc: { ...d.value.doc, name: 'Swapped cut' } })).toMatchObject({ ok: true });
    expect(await callAs(pages.olga, 'posts.get', { id })).toMatchObject({ ok: true, value: { state: 'in_review', approvals: [] } });
  });

  it('a role change counts at the next call, and a disabled account’s socket is closed at once', async () => {
    const cody = pages.cody;
    expect(await callAs(cody, 'connectors.set', { webhook: null })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await callAs(pages.olga, 'users.setRole', { id: cody.user.id, role: 'admin', approverChannels: null })).toMatchObject({ ok: true });
    expect(await callAs(cody, 'policy.get', {})).toMatchObject({ ok: true });
    expect(await callAs(pages.olga, 'users.setRole', { id: cody.user.id, role: 'creator', approverChannels: null })).toMatchObject({ ok: true });
    expect(await callAs(cody, 'connectors.set', { webhook: null })).toMatchObject({ ok: false, error: { code: 'unauthorized' } });

    const closed = new Promise<number>((resolve) => cody.ws.once('close', (code) => resolve(code)));
    expect(await callAs(pages.olga, 'users.setDisabled', { id: cody.user.id, disabled: true })).toMatchObject({ ok: true });
    expect(await closed).toBeGreaterThanOrEqual(1000);
    // Signing in again is refused while disabled; the old cookie opens no new socket.
    expect((await post(host.port, '/auth/login', { login: 'cody', password: PASSWORDS.cody })).status).toBe(401);
    const again = new WebSocket(`ws://127.0.0.1:${host.port}/api?key=${encodeURIComponent(cody.pageKey)}`, { headers: { Cookie: cody.cookie, Origin: `http://127.0.0.1:${host.port}` } });
    const refused = await new Promise<boolean>((resolve) => {
      again.once('open', () => resolve(false));
      again.once('error', () => resolve(true));
    });
    again.terminate();
    expect(refused).toBe(true);
  });
});
