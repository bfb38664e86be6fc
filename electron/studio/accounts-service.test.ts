import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../api/contract';
import { AuditRepo } from '../library/audit-repo';
import { machineKey } from '../library/secret-crypto';
import { type Db, migrate, openDatabase } from '../library/db';
import { SESSION_IDLE_MS } from '../model/accounts';
import { LOGIN_THROTTLE } from '../model/login-throttle';
import { AccountsService } from './accounts-service';

const KEY = machineKey(Buffer.alloc(32, 7));
const FAST = { N: 2 ** 10, r: 8, p: 1 };
const here = { address: '192.0.2.10', userAgent: 'Chromium' };
const elsewhere = { address: '198.51.100.20', userAgent: 'Firefox' };
/** Every invited test person's password (a password may not contain the login). */
const PW = 'correct horse battery';
const ADMIN = { name: 'Mia Admin', login: 'mia', password: 'a long admin password' };

describe('AccountsService', () => {
  let db: Db;
  let now: Date;
  let svc: AccountsService;
  let ended: string[][];
  const audit = () => new AuditRepo(db, KEY);
  const actions = () => audit().list().map((e) => e.action);
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    now = new Date('2026-03-01T09:00:00Z');
    svc = new AccountsService({ db: () => db, audit, now: () => now, kdf: FAST });
    ended = [];
    svc.onSessionsEnded((ids) => ended.push(ids));
  });
  afterEach(() => db.close());

  async function setUp(): Promise<Caller> {
    const s = await svc.setupAdmin(ADMIN, here);
    return { user: s.user, sessionId: s.sessionId };
  }
  async function invited(admin: Caller, role: 'creator' | 'approver' | 'admin', login: string, channels: ('tiktok' | 'x')[] | null = null) {
    const { token } = svc.invite(admin, { role, approverChannels: channels });
    return svc.acceptInvite(token, { name: login.toUpperCase(), login, password: PW }, here);
  }

  it('sets up the owner as the first admin once, then signs in by login and password', async () => {
    expect(svc.setupNeeded()).toBe(true);
    const s = await svc.setupAdmin(ADMIN, here);
    expect(s.user).toMatchObject({ id: 'owner', name: 'Mia Admin', login: 'mia', role: 'admin' });
    expect(svc.setupNeeded()).toBe(false);
    await expect(svc.setupAdmin({ ...ADMIN, login: 'other' }, here)).rejects.toThrow(/already has an admin/);
    expect(svc.session(s.token)).toEqual({ user: s.user, sessionId: s.sessionId });
    const again = await svc.signIn({ login: 'MIA', password: ADMIN.password }, elsewhere);
    expect(again.ok).toBe(true);
    expect(actions()).toEqual(['account_create', 'login', 'login']);
  });

  it('refuses weak passwords and taken logins without consuming the invite', async () => {
    const admin = await setUp();
    const { token } = svc.invite(admin, { role: 'creator', approverChannels: null });
    await expect(svc.acceptInvite(token, { name: 'Ana', login: 'ana', password: 'short' }, here)).rejects.toThrow(/at least 10/);
    await expect(svc.acceptInvite(token, { name: 'Ana', login: 'MIA', password: 'long enough password' }, here)).rejects.toThrow(/taken/);
    const s = await svc.acceptInvite(token, { name: 'Ana', login: 'ana', password: 'long enough password' }, here);
    expect(s.user).toMatchObject({ login: 'ana', role: 'creator' });
    await expect(svc.acceptInvite(token, { name: 'Eve', login: 'eve', password: 'long enough password' }, here)).rejects.toThrow(/expired or was already used/);
  });

  it('invites carry the role and approver channels, and expire after 7 days', async () => {
    const admin = await setUp();
    const bo = await invited(admin, 'approver', 'bob', ['tiktok']);
    expect(bo.user).toMatchObject({ role: 'approver', approverChannels: ['tiktok'] });
    const late = svc.invite(admin, { role: 'creator', approverChannels: ['x'] });
    later(7 * 24 * 3600_000);
    await expect(svc.acceptInvite(late.token, { name: 'L', login: 'late', password: 'long enough password' }, here)).rejects.toThrow(/expired/);
  });

  it('a wrong password, an unknown login and a disabled account are refused and audited without secrets', async () => {
    const admin = await setUp();
    const ana = await invited(admin, 'creator', 'ana');
    expect(await svc.signIn({ login: 'ana', password: 'not her password' }, here)).toMatchObject({ ok: false, code: 'unauthorized' });
    expect(await svc.signIn({ login: 'nobody', password: 'whatever password' }, here)).toMatchObject({ ok: false, code: 'unauthorized' });
    svc.setDisabled(admin, { id: ana.user.id, disabled: true });
    expect(await svc.signIn({ login: 'ana', password: PW }, elsewhere)).toMatchObject({ ok: false, message: /disabled/ });
    const failed = audit().list().filter((e) => e.action === 'login_failed');
    expect(failed.map((e) => [e.actorId, e.detail.why])).toEqual([[ana.user.id, 'wrong_password'], ['anonymous', 'unknown_login'], [ana.user.id, 'disabled']]);
    const text = JSON.stringify(audit().list());
    for (const secret of ['not her password', 'whatever password', PW, ADMIN.password, ana.token]) expect(text).not.toContain(secret);
  });

  it('1,000 wrong passwords are throttled and logged; the real person gets in from elsewhere at once and here after the wait', async () => {
    const admin = await setUp();
    await invited(admin, 'creator', 'ana');
    const outcomes: Record<string, number> = {};
    for (let i = 0; i < 1000; i++) {
      const r = await svc.signIn({ login: 'ana', password: `guess number ${i}` }, { address: '203.0.113.66', userAgent: 'bot' });
      const k = r.ok ? 'ok' : r.code;
      outcomes[k] = (outcomes[k] ?? 0) + 1;
      later(100);
    }
    expect(outcomes.ok).toBeUndefined();
    expect(outcomes.unauthorized).toBeLessThanOrEqual(LOGIN_THROTTLE.freeFailures + 7);
    expect(outcomes.throttled).toBeGreaterThan(980);
    expect(actions().filter((a) => a === 'login_throttled')).toHaveLength(outcomes.throttled!);
    expect((await svc.signIn({ login: 'ana', password: PW }, elsewhere)).ok).toBe(true);
    const refused = await svc.signIn({ login: 'ana', password: PW }, { address: '203.0.113.66', userAgent: 'Chromium' });
    expect(refused).toMatchObject({ ok: false, code: 'throttled' });
    later((refused.ok ? 0 : refused.retryAfterSeconds!) * 1000);
    expect((await svc.signIn({ login: 'ana', password: PW }, { address: '203.0.113.66', userAgent: 'Chromium' })).ok).toBe(true);
  });

  it('sessions end when idle, on sign-out, and everywhere; listeners hear of it', async () => {
    const admin = await setUp();
    const a = await svc.signIn({ login: 'mia', password: ADMIN.password }, here);
    if (!a.ok) throw new Error('sign-in failed');
    later(SESSION_IDLE_MS);
    expect(svc.session(a.token)).toBeNull();
    const b = await svc.signIn({ login: 'mia', password: ADMIN.password }, here);
    if (!b.ok) throw new Error('sign-in failed');
    svc.signOut(b.sessionId);
    expect(svc.session(b.token)).toBeNull();
    expect(ended).toEqual([[b.sessionId]]);
    const c = await svc.signIn({ login: 'mia', password: ADMIN.password }, here);
    const d = await svc.signIn({ login: 'mia', password: ADMIN.password }, elsewhere);
    if (!c.ok || !d.ok) throw new Error('sign-in failed');
    expect(svc.signOutEverywhere({ user: admin.user, sessionId: c.sessionId })).toBe(2);
    expect(svc.session(c.token)).toBeNull();
    expect(svc.session(d.token)).toBeNull();
    expect(actions()).toContain('logout');
    expect(actions()).toContain('sessions_ended');
  });

  it('disabling someone ends their sessions at once; a role change counts on their next call', async () => {
    const admin = await setUp();
    const bo = await invited(admin, 'creator', 'bob');
    expect(svc.session(bo.token)?.user.role).toBe('creator');
    svc.setRole(admin, { id: bo.user.id, role: 'approver', approverChannels: ['x'] });
    expect(svc.session(bo.token)?.user).toMatchObject({ role: 'approver', approverChannels: ['x'] });
    svc.setDisabled(admin, { id: bo.user.id, disabled: true });
    expect(ended.at(-1)).toEqual([bo.sessionId]);
    expect(svc.session(bo.token)).toBeNull();
    svc.setDisabled(admin, { id: bo.user.id, disabled: false });
    expect(actions().filter((a) => a.startsWith('account_'))).toEqual(['account_create', 'account_invite', 'account_create', 'account_role', 'account_disable', 'account_enable']);
  });

  it('keeps the last enabled admin: not disabled, not demoted', async () => {
    const admin = await setUp();
    expect(() => svc.setDisabled(admin, { id: 'owner', disabled: true })).toThrow(/last admin/);
    expect(() => svc.setRole(admin, { id: 'owner', role: 'creator', approverChannels: null })).toThrow(/last admin/);
    const zoe = await invited(admin, 'admin', 'zoe');
    svc.setRole(admin, { id: 'owner', role: 'approver', approverChannels: null });
    const zoeCaller = { user: zoe.user, sessionId: zoe.sessionId };
    expect(() => svc.setDisabled(zoeCaller, { id: zoe.user.id, disabled: true })).toThrow(/last admin/);
    // The demoted owner can no longer manage anyone.
    expect(() => svc.invite(admin, { role: 'admin', approverChannels: null })).toThrow(/Only an admin/);
  });

  it('a password change needs the current one and ends the other sessions; a reset link ends them all', async () => {
    const admin = await setUp();
    const ana = await invited(admin, 'creator', 'ana');
    const other = await svc.signIn({ login: 'ana', password: PW }, elsewhere);
    if (!other.ok) throw new Error('sign-in failed');
    const anaCaller = { user: ana.user, sessionId: ana.sessionId };
    await expect(svc.changePassword(anaCaller, { current: 'wrong password!', next: 'a brand new password' })).rejects.toThrow(/current password/);
    await svc.changePassword(anaCaller, { current: PW, next: 'a brand new password' });
    expect(svc.session(ana.token)).not.toBeNull();
    expect(svc.session(other.token)).toBeNull();
    expect(ended.at(-1)).toEqual([other.sessionId]);

    const link = svc.resetLink(admin, ana.user.id);
    const older = svc.resetLink(admin, ana.user.id);
    await expect(svc.resetPassword(link.token, 'replacement password', here)).rejects.toThrow(/expired or was already used/);
    const reset = await svc.resetPassword(older.token, 'replacement password', here);
    expect(svc.session(ana.token)).toBeNull();
    expect(svc.session(reset.token)?.user.id).toBe(ana.user.id);
    await expect(svc.resetPassword(older.token, 'another new password', here)).rejects.toThrow(/already used/);
    expect((await svc.signIn({ login: 'ana', password: 'replacement password' }, here)).ok).toBe(true);
    const text = JSON.stringify(audit().list());
    for (const secret of ['a brand new password', 'replacement password', link.token, older.token, reset.token]) expect(text).not.toContain(secret);
    expect(audit().verify()).toMatchObject({ ok: true });
  });

  it('only admins manage accounts', async () => {
    const admin = await setUp();
    const ana = await invited(admin, 'creator', 'ana');
    const anaCaller = { user: ana.user, sessionId: ana.sessionId };
    expect(() => svc.invite(anaCaller, { role: 'admin', approverChannels: null })).toThrow(/Only an admin/);
    expect(() => svc.setRole(anaCaller, { id: ana.user.id, role: 'admin', approverChannels: null })).toThrow(/Only an admin/);
    expect(() => svc.resetLink(anaCaller, 'owner')).toThrow(/Only an admin/);
    await expect(svc.addUser(anaCaller, { name: 'X', login: 'xx1', password: 'long enough password', role: 'admin' })).rejects.toThrow(/Only an admin/);
  });

  it('an invite link is checked without being used: valid (with role and channels), used, expired, unknown; a sign-in keeps used ones known', async () => {
    const admin = await setUp();
    const { token } = svc.invite(admin, { role: 'approver', approverChannels: ['tiktok', 'x'] });
    const before = actions().length;
    expect(svc.checkInvite(token)).toEqual({ state: 'valid', role: 'approver', approverChannels: ['tiktok', 'x'] });
    expect(svc.checkInvite(token).state).toBe('valid'); // checking twice spends nothing
    expect(actions().length).toBe(before);
    await svc.acceptInvite(token, { name: 'Ava', login: 'ava', password: PW }, here);
    // A used or expired link tells nothing but that: no role, no channels.
    expect(svc.checkInvite(token)).toEqual({ state: 'used', role: null, approverChannels: null });
    expect((await svc.signIn({ login: 'mia', password: ADMIN.password }, here)).ok).toBe(true); // purges what cannot be used
    expect(svc.checkInvite(token).state).toBe('used');
    const late = svc.invite(admin, { role: 'creator', approverChannels: null });
    later(7 * 24 * 3600_000);
    expect(svc.checkInvite(late.token)).toEqual({ state: 'expired', role: null, approverChannels: null });
    expect(svc.checkInvite('A'.repeat(43)).state).toBe('unknown');
    expect(svc.checkInvite('not a token').state).toBe('unknown');
    // Long after, a used link is forgotten (nothing stays forever), and then it is simply unknown.
    later(31 * 24 * 3600_000);
    expect((await svc.signIn({ login: 'mia', password: ADMIN.password }, here)).ok).toBe(true);
    expect(svc.checkInvite(token).state).toBe('unknown');
  });

  it('admins list pending invites and cancel one: its link refuses at once, audited; creators and approvers are refused both', async () => {
    const told: string[] = [];
    svc = new AccountsService({ db: () => db, audit, now: () => now, kdf: FAST, invitesChanged: (r) => told.push(r) });
    const admin = await setUp();
    const first = svc.invite(admin, { role: 'creator', approverChannels: null });
    later(1000);
    const second = svc.invite(admin, { role: 'approver', approverChannels: ['instagram_reel'] });
    const pending = svc.pendingInvites(admin);
    expect(pending.map((i) => [i.role, i.approverChannels, i.createdBy.name])).toEqual([
      ['approver', ['instagram_reel'], 'Mia Admin'],
      ['creator', null, 'Mia Admin'],
    ]);
    expect(JSON.stringify(pending)).not.toContain(first.token);
    expect(JSON.stringify(pending)).not.toContain(second.token);

    const cleo = await invited(admin, 'creator', 'cleo');
    const ava = await invited(admin, 'approver', 'ava');
    for (const who of [cleo, ava]) {
      const caller = { user: who.user, sessionId: who.sessionId };
      expect(() => svc.pendingInvites(caller)).toThrow(/Only an admin/);
      expect(() => svc.cancelInvite(caller, pending[0]!.id)).toThrow(/Only an admin/);
    }
    expect(svc.checkInvite(second.token).state).toBe('valid'); // refused callers changed nothing

    svc.cancelInvite(admin, pending[0]!.id);
    expect(svc.checkInvite(second.token).state).toBe('unknown');
    await expect(svc.acceptInvite(second.token, { name: 'Late', login: 'late', password: PW }, here)).rejects.toThrow(/expired or was already used/);
    expect(() => svc.cancelInvite(admin, pending[0]!.id)).toThrow(/already used, cancelled or expired/);
    expect(svc.pendingInvites(admin).map((i) => i.role)).toEqual(['creator']);
    const entry = audit().list().find((e) => e.action === 'account_invite_cancel')!;
    expect(entry).toMatchObject({ actorId: 'owner', detail: { role: 'approver', approverChannels: ['instagram_reel'], invitedBy: 'owner' } });
    expect(JSON.stringify(audit().list())).not.toContain(second.token);
    expect(told).toEqual(['created', 'created', 'created', 'accepted', 'created', 'accepted', 'cancelled']);
  });
});
