import fs from 'node:fs';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Caller } from '../api/contract';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

const meta = { address: '192.0.2.7', userAgent: 'test' };
const PW = 'correct horse battery';

/** The account calls through the Studio's router, as the host calls them for a session's user. */
describe('account calls', () => {
  let temp: TempStudio;
  let studio: Studio;
  let admin: Caller;

  beforeEach(async () => {
    temp = await openTempStudio('pf-accounts-', { passwordKdf: { N: 2 ** 10, r: 8, p: 1 } });
    studio = temp.studio;
    const s = await studio.accounts.setupAdmin({ name: 'Mia', login: 'mia', password: 'the admin password' }, meta);
    admin = studio.accounts.session(s.token)!;
  });
  afterEach(() => temp.close());

  async function join(role: 'creator' | 'approver' | 'admin', login: string): Promise<Caller & { token: string }> {
    const link = await studio.route('users.invite', { role, approverChannels: role === 'approver' ? ['tiktok'] : null }, admin);
    if (!link.ok) throw new Error(link.error.message);
    const { token } = link.value as { token: string };
    const s = await studio.accounts.acceptInvite(token, { name: login, login, password: PW }, meta);
    return { ...studio.accounts.session(s.token)!, token: s.token };
  }

  it('session.me says who the caller is and that the library is a team’s', async () => {
    const cleo = await join('creator', 'cleo');
    expect(await studio.route('session.me', {}, cleo)).toEqual({ ok: true, value: { user: { id: cleo.user.id, name: 'cleo', role: 'creator', login: 'cleo', disabled: false, approverChannels: null }, team: true } });
  });

  it('an admin lists, re-roles and disables through the calls; the person’s next call sees it; each change is told to open Team lists', async () => {
    const ava = await join('approver', 'ava');
    const changes = () => temp.events.filter((e) => e.name === 'users.changed').map((e) => e.payload);
    // Accepting an invite comes through the host's sign-in route, not the API: open Team lists hear of it all the same.
    expect(changes().at(-1)).toEqual({ ids: [ava.user.id] });
    const before = changes().length;
    const list = await studio.route('users.list', {}, ava);
    expect(list.ok && (list.value as { login: string | null }[]).map((u) => u.login)).toEqual(['mia', 'ava']);
    expect(JSON.stringify(list)).not.toMatch(/scrypt|password/);

    expect(await studio.route('users.setRole', { id: ava.user.id, role: 'creator', approverChannels: null }, admin)).toMatchObject({ ok: true, value: { role: 'creator' } });
    expect(studio.accounts.session(ava.token)?.user.role).toBe('creator');
    expect(await studio.route('users.setDisabled', { id: ava.user.id, disabled: true }, admin)).toMatchObject({ ok: true, value: { disabled: true } });
    expect(studio.accounts.session(ava.token)).toBeNull();
    expect(changes().slice(before)).toEqual([{ ids: [ava.user.id] }, { ids: [ava.user.id] }]);
  });

  it('refuses every team call to a creator and an approver, and audits the refusal', async () => {
    const cleo = await join('creator', 'cleo');
    const ava = await join('approver', 'ava');
    for (const who of [cleo, ava]) {
      for (const [call, input] of [
        ['users.invite', { role: 'admin', approverChannels: null }],
        ['users.resetLink', { id: admin.user.id }],
        ['users.setRole', { id: who.user.id, role: 'admin', approverChannels: null }],
        ['users.setDisabled', { id: admin.user.id, disabled: true }],
        ['users.create', { name: 'Sock', role: 'admin' }],
      ] as const) {
        expect(await studio.route(call, input, who)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
      }
    }
    const denied = studio.auditRepo.list(null).filter((e) => e.action === 'access_denied');
    expect(denied).toHaveLength(10);
    expect(studio.postsRepo.requireUser(admin.user.id).role).toBe('admin');
  });

  it('changes the caller’s own password and signs out everywhere', async () => {
    const cleo = await join('creator', 'cleo');
    const second = await studio.accounts.signIn({ login: 'cleo', password: PW }, meta);
    if (!second.ok) throw new Error(second.message);
    expect(await studio.route('account.changePassword', { current: 'wrong one here', next: 'a new long password' }, cleo)).toMatchObject({ ok: false, error: { code: 'unauthorized' } });
    expect(await studio.route('account.changePassword', { current: PW, next: 'a new long password' }, cleo)).toEqual({ ok: true, value: {} });
    expect(studio.accounts.session(second.token)).toBeNull();
    expect(await studio.route('account.signOutEverywhere', {}, cleo)).toEqual({ ok: true, value: { ended: 1 } });
    expect(studio.accounts.session(cleo.token)).toBeNull();
  });

  it('keeps no password or token in plain text in the library file', async () => {
    const cleo = await join('creator', 'cleo');
    const link = await studio.route('users.resetLink', { id: cleo.user.id }, admin);
    if (!link.ok) throw new Error(link.error.message);
    studio.database.pragma('wal_checkpoint(TRUNCATE)');
    const db = studio.folder.dbPath;
    const bytes = [db, `${db}-wal`].filter((f) => fs.existsSync(f)).map((f) => fs.readFileSync(f).toString('latin1')).join('');
    // The file does hold the accounts (their hashes): the grep looks where the secrets would be.
    expect(bytes).toContain('scrypt$N=1024');
    for (const secret of [PW, 'the admin password', cleo.token, (link.value as { token: string }).token]) expect(bytes).not.toContain(secret);
  });
});
