import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { SESSION_ABSOLUTE_MS, SESSION_IDLE_MS } from '../model/accounts';
import { AccountsRepo, DEFAULT_KDF, hashPassword, tokenHash, verifyPassword } from './accounts-repo';
import { type Db, migrate, openDatabase } from './db';

const FAST = { N: 2 ** 10, r: 8, p: 1 };
const meta = { address: '192.0.2.1', userAgent: 'test' };

describe('password hashing', () => {
  it('uses scrypt N=2^15, r=8, p=1 with a 16-byte salt and a 32-byte key by default, and checks it', async () => {
    const h = await hashPassword('correct horse battery', DEFAULT_KDF);
    const [, params, salt, key] = h.split('$');
    expect(params).toBe('N=32768,r=8,p=1');
    expect(Buffer.from(salt!, 'base64url')).toHaveLength(16);
    expect(Buffer.from(key!, 'base64url')).toHaveLength(32);
    expect(h).not.toContain('correct horse');
    expect(await verifyPassword('correct horse battery', h)).toBe(true);
    expect(await verifyPassword('correct horse batterY', h)).toBe(false);
  });

  it('salts every hash and keeps checking hashes made with other parameters', async () => {
    const a = await hashPassword('same password', FAST);
    const b = await hashPassword('same password', FAST);
    expect(a).not.toBe(b);
    expect(await verifyPassword('same password', a)).toBe(true);
    expect(await verifyPassword('same password', a.replace('N=1024', 'N=2048'))).toBe(false);
  });

  it('never matches a hash it cannot read, nor one asking for absurd cost', async () => {
    expect(await verifyPassword('x', '')).toBe(false);
    expect(await verifyPassword('x', 'plain-text-password')).toBe(false);
    const h = await hashPassword('x', FAST);
    expect(await verifyPassword('x', h.replace('N=1024', 'N=1073741824'))).toBe(false);
    expect(await verifyPassword('x', h.replace('N=1024', 'N=1000'))).toBe(false);
  });
});

describe('AccountsRepo', () => {
  let db: Db;
  let now: Date;
  let repo: AccountsRepo;
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    now = new Date('2026-03-01T09:00:00Z');
    repo = new AccountsRepo(db, () => now);
  });
  afterEach(() => db.close());
  const later = (ms: number) => (now = new Date(now.getTime() + ms));

  it('finds people by login without case, and never returns the hash with the user', () => {
    const u = repo.createAccount({ name: 'Ana', login: ' Ana.L ', passwordHash: 'scrypt$x', role: 'approver', approverChannels: ['tiktok', 'tiktok', 'x'] });
    expect(u).toEqual({ id: u.id, name: 'Ana', role: 'approver', login: 'Ana.L', disabled: false, approverChannels: ['tiktok', 'x'] });
    expect(repo.userByLogin('ana.l')?.id).toBe(u.id);
    expect(repo.loginRecord('ANA.L')?.passwordHash).toBe('scrypt$x');
    expect(repo.loginTaken('ana.L')).toBe(true);
    expect(repo.loginTaken('ana.L', u.id)).toBe(false);
    expect(JSON.stringify(repo.users())).not.toContain('scrypt');
  });

  it('stores only the hash of a session token and ends sessions on idle and absolute expiry', () => {
    const u = repo.createAccount({ name: 'Ana', login: 'ana', passwordHash: 'h', role: 'creator', approverChannels: null });
    const s = repo.createSession(u.id, meta);
    expect(s.sessionId).toBe(tokenHash(s.token));
    expect(JSON.stringify(db.prepare('SELECT * FROM sessions').all())).not.toContain(s.token);
    expect(repo.sessionByToken(s.token)?.userId).toBe(u.id);
    // One character changed (never to itself: a token ending in A stays a different token with B).
    expect(repo.sessionByToken(`${s.token.slice(0, -1)}${s.token.endsWith('A') ? 'B' : 'A'}`)).toBeNull();
    expect(repo.sessionByToken('not a token')).toBeNull();

    // Used every 11 hours it lives on, up to 14 days after sign-in.
    while (now.getTime() + 11 * 3600_000 < Date.parse(s.expiresAt)) {
      later(11 * 3600_000);
      expect(repo.sessionByToken(s.token)).not.toBeNull();
    }
    later(11 * 3600_000);
    expect(repo.sessionByToken(s.token)).toBeNull();
    expect(repo.sessionsOf(u.id)).toEqual([]);

    const idle = repo.createSession(u.id, meta);
    later(SESSION_IDLE_MS);
    expect(repo.sessionByToken(idle.token)).toBeNull();
    expect(SESSION_ABSOLUTE_MS).toBeGreaterThan(SESSION_IDLE_MS);
  });

  it('ends all of a person’s sessions but the one kept', () => {
    const u = repo.createAccount({ name: 'Ana', login: 'ana', passwordHash: 'h', role: 'creator', approverChannels: null });
    const [a, b, c] = [repo.createSession(u.id, meta), repo.createSession(u.id, meta), repo.createSession(u.id, meta)];
    expect(repo.deleteSessionsOf(u.id, b.sessionId).sort()).toEqual([a.sessionId, c.sessionId].sort());
    expect(repo.sessionByToken(b.token)?.id).toBe(b.sessionId);
    expect(repo.sessionByToken(a.token)).toBeNull();
  });

  it('makes links that work once, within 7 days (invite) or 1 day (reset), stored by hash', () => {
    const u = repo.createAccount({ name: 'Ana', login: 'ana', passwordHash: 'h', role: 'creator', approverChannels: null });
    const inv = repo.createLink({ kind: 'invite', role: 'approver', approverChannels: ['x'], userId: null, createdBy: 'owner' });
    const reset = repo.createLink({ kind: 'reset', role: null, approverChannels: null, userId: u.id, createdBy: 'owner' });
    expect(JSON.stringify(db.prepare('SELECT * FROM invites').all())).not.toContain(inv.token);
    expect(repo.link(inv.token, 'reset')).toBeNull();
    const l = repo.link(inv.token, 'invite')!;
    expect(l).toMatchObject({ role: 'approver', approverChannels: ['x'], createdBy: 'owner' });
    expect(repo.useLink(l.id)).toBe(true);
    expect(repo.useLink(l.id)).toBe(false);
    expect(repo.link(inv.token, 'invite')).toBeNull();

    later(24 * 3600_000 - 1);
    expect(repo.link(reset.token, 'reset')).not.toBeNull();
    later(1);
    expect(repo.link(reset.token, 'reset')).toBeNull();
    const inv2 = repo.createLink({ kind: 'invite', role: 'creator', approverChannels: null, userId: null, createdBy: 'owner' });
    later(7 * 24 * 3600_000 - 1);
    expect(repo.link(inv2.token, 'invite')).not.toBeNull();
    later(1);
    expect(repo.link(inv2.token, 'invite')).toBeNull();
  });

  it('a new reset link revokes the earlier ones', () => {
    const u = repo.createAccount({ name: 'Ana', login: 'ana', passwordHash: 'h', role: 'creator', approverChannels: null });
    const first = repo.createLink({ kind: 'reset', role: null, approverChannels: null, userId: u.id, createdBy: 'owner' });
    repo.revokeResets(u.id);
    expect(repo.link(first.token, 'reset')).toBeNull();
  });
});
