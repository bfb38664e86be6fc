import { createHash, randomBytes, randomUUID, scrypt, timingSafeEqual } from 'node:crypto';
import { type SignInMeta, LINK_MEMORY_MS, SESSION_IDLE_MS, TOKEN_BYTES, isTokenShape, linkExpiresAt, normaliseLogin, sessionExpiresAt, sessionState, touchDue } from '../model/accounts';
import type { ChannelId, Role } from '../model/post';
import type { Db } from './db';
import { type AccountUser, USER_COLUMNS, type UserRow, toUser } from './user-row';

/**
 * Accounts, sessions and one-time links in the library (migration 0014; docs/security.md "Accounts and sessions").
 * Passwords are hashed with scrypt (memory-hard, node:crypto); sessions and links are stored by the SHA-256 of their
 * token, so the library file alone signs nobody in. Nothing here logs, returns or audits a password or a token,
 * except `createSession` and `createLink`, which hand the fresh token to the one caller that gives it to its owner.
 */

/** scrypt's cost. N = 2^15 with r = 8 is 32 MiB and about 0.1 s per hash: slow for a guesser, fine for a sign-in. */
export type KdfParams = { N: number; r: number; p: number };
export const DEFAULT_KDF: KdfParams = { N: 2 ** 15, r: 8, p: 1 };
const SALT_BYTES = 16;
const KEY_BYTES = 32;

/** Memory scrypt needs for `k` (128·N·r), with room to spare: node refuses above `maxmem`. */
const maxmemFor = (k: KdfParams) => 256 * k.N * k.r;

function scryptAsync(password: string, salt: Buffer, k: KdfParams): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password.normalize('NFC'), salt, KEY_BYTES, { N: k.N, r: k.r, p: k.p, maxmem: maxmemFor(k) }, (err, key) => (err ? reject(err) : resolve(key)));
  });
}

/**
 * `scrypt$N=32768,r=8,p=1$<salt>$<key>` (base64url): the parameters travel with the hash, so they can rise later
 * and older hashes still check.
 */
export async function hashPassword(password: string, k: KdfParams = DEFAULT_KDF): Promise<string> {
  const salt = randomBytes(SALT_BYTES);
  const key = await scryptAsync(password, salt, k);
  return `scrypt$N=${k.N},r=${k.r},p=${k.p}$${salt.toString('base64url')}$${key.toString('base64url')}`;
}

const ENCODED = /^scrypt\$N=(\d+),r=(\d+),p=(\d+)\$([A-Za-z0-9_-]+)\$([A-Za-z0-9_-]+)$/;

/** Whether `password` matches `encoded`, compared in constant time. A hash this code cannot read never matches. */
export async function verifyPassword(password: string, encoded: string): Promise<boolean> {
  const m = ENCODED.exec(encoded);
  if (!m) return false;
  const k = { N: Number(m[1]), r: Number(m[2]), p: Number(m[3]) };
  // Bounds so a tampered hash cannot ask for gigabytes or an hour of CPU.
  if (k.N < 2 || k.N > 2 ** 20 || (k.N & (k.N - 1)) !== 0 || k.r < 1 || k.r > 32 || k.p < 1 || k.p > 16) return false;
  const salt = Buffer.from(m[4]!, 'base64url');
  const want = Buffer.from(m[5]!, 'base64url');
  if (want.length !== KEY_BYTES) return false;
  const got = await scryptAsync(password, salt, k);
  return timingSafeEqual(got, want);
}

export const tokenHash = (token: string) => createHash('sha256').update(token).digest('hex');
const newToken = () => randomBytes(TOKEN_BYTES).toString('base64url');

/** A user as sign-in sees them: with whether a password is set (never the hash itself, outside this file). */
export type LoginRecord = { user: AccountUser; passwordHash: string | null };

type SessionRow = { id: string; user_id: string; created_at: string; last_seen_at: string; expires_at: string };
export type SessionInfo = { id: string; userId: string; createdAt: string; lastSeenAt: string; expiresAt: string; address: string; userAgent: string };

export type LinkKind = 'invite' | 'reset';
export type Link = { id: string; kind: LinkKind; role: Role | null; approverChannels: ChannelId[] | null; userId: string | null; createdBy: string; expiresAt: string };
type LinkRow = { id: string; kind: LinkKind; role: Role | null; approver_channels: string | null; user_id: string | null; created_by: string; expires_at: string };

/** An invite waiting to be used, as Settings → Team lists it for admins. `id` is the stored hash, not the token. */
export type PendingInviteRow = { id: string; role: Role; approverChannels: ChannelId[] | null; createdBy: { id: string; name: string }; createdAt: string; expiresAt: string };

export type NewAccount = { name: string; login: string | null; passwordHash: string | null; role: Role; approverChannels: ChannelId[] | null };

export class AccountsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  // ── users ─────────────────────────────────────────────────────────────────
  users(): AccountUser[] {
    return (this.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'approver' THEN 1 ELSE 2 END, name COLLATE NOCASE`).all() as UserRow[]).map(toUser);
  }

  user(id: string): AccountUser | null {
    const r = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  userByLogin(login: string): AccountUser | null {
    const r = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE login = ? COLLATE NOCASE`).get(normaliseLogin(login)) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  /** The user and their password hash, for checking a sign-in. */
  loginRecord(login: string): LoginRecord | null {
    const r = this.db.prepare(`SELECT ${USER_COLUMNS}, password_hash FROM users WHERE login = ? COLLATE NOCASE`).get(normaliseLogin(login)) as (UserRow & { password_hash: string | null }) | undefined;
    return r ? { user: toUser(r), passwordHash: r.password_hash } : null;
  }

  passwordHashOf(userId: string): string | null {
    return (this.db.prepare('SELECT password_hash FROM users WHERE id = ?').pluck().get(userId) as string | null | undefined) ?? null;
  }

  loginTaken(login: string, exceptUserId: string | null = null): boolean {
    const id = this.db.prepare('SELECT id FROM users WHERE login = ? COLLATE NOCASE').pluck().get(normaliseLogin(login)) as string | undefined;
    return id !== undefined && id !== exceptUserId;
  }

  createAccount(a: NewAccount): AccountUser {
    const id = randomUUID();
    this.db
      .prepare('INSERT INTO users (id, name, role, login, password_hash, approver_channels, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, a.name, a.role, a.login === null ? null : normaliseLogin(a.login), a.passwordHash, channelsJson(a.approverChannels), this.now().toISOString());
    return this.user(id)!;
  }

  setCredentials(userId: string, c: { name?: string; login?: string; passwordHash: string }): void {
    const u = this.user(userId);
    if (!u) return;
    this.db
      .prepare('UPDATE users SET name = ?, login = ?, password_hash = ? WHERE id = ?')
      .run(c.name ?? u.name, c.login !== undefined ? normaliseLogin(c.login) : u.login, c.passwordHash, userId);
  }

  setRole(userId: string, role: Role, approverChannels: ChannelId[] | null): void {
    this.db.prepare('UPDATE users SET role = ?, approver_channels = ? WHERE id = ?').run(role, channelsJson(approverChannels), userId);
  }

  setDisabled(userId: string, disabled: boolean): void {
    this.db.prepare('UPDATE users SET disabled_at = ? WHERE id = ?').run(disabled ? this.now().toISOString() : null, userId);
  }

  /** Enabled admins other than `exceptId`; `withLogin`: only those who can sign in. */
  otherEnabledAdmins(exceptId: string, withLogin: boolean): number {
    const sql = `SELECT COUNT(*) FROM users WHERE role = 'admin' AND disabled_at IS NULL AND id != ?${withLogin ? ' AND login IS NOT NULL AND password_hash IS NOT NULL' : ''}`;
    return this.db.prepare(sql).pluck().get(exceptId) as number;
  }

  /** Whether any enabled admin can sign in (otherwise the first start of browser mode sets one up). */
  hasSignInAdmin(): boolean {
    return this.db.prepare("SELECT 1 FROM users WHERE role = 'admin' AND disabled_at IS NULL AND login IS NOT NULL AND password_hash IS NOT NULL LIMIT 1").get() !== undefined;
  }

  /** Whether anyone in the library can sign in (a team library rather than a personal one). */
  hasAccounts(): boolean {
    return this.db.prepare('SELECT 1 FROM users WHERE login IS NOT NULL AND password_hash IS NOT NULL LIMIT 1').get() !== undefined;
  }

  // ── sessions ──────────────────────────────────────────────────────────────
  /** A new session for `userId`: the token goes to the person (cookie), only its hash stays here. */
  createSession(userId: string, meta: SignInMeta): { token: string; sessionId: string; expiresAt: string } {
    const token = newToken();
    const now = this.now();
    const id = tokenHash(token);
    const expiresAt = sessionExpiresAt(now).toISOString();
    this.db
      .prepare('INSERT INTO sessions (id, user_id, created_at, last_seen_at, expires_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(id, userId, now.toISOString(), now.toISOString(), expiresAt, meta.address.slice(0, 100), meta.userAgent.slice(0, 300));
    return { token, sessionId: id, expiresAt };
  }

  /**
   * The live session a token opens, its last-seen time brought up to date, or null. A session past its idle or
   * absolute end is deleted on the way. `touch: false` only looks (a check that is not the person's activity).
   */
  sessionByToken(token: string, touch = true): { id: string; userId: string; expiresAt: string } | null {
    if (!isTokenShape(token)) return null;
    const id = tokenHash(token);
    const r = this.db.prepare('SELECT id, user_id, created_at, last_seen_at, expires_at FROM sessions WHERE id = ?').get(id) as SessionRow | undefined;
    if (!r) return null;
    const now = this.now();
    if (sessionState({ createdAt: r.created_at, lastSeenAt: r.last_seen_at, expiresAt: r.expires_at }, now) !== 'live') {
      this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id);
      return null;
    }
    if (touch && touchDue(r.last_seen_at, now)) this.db.prepare('UPDATE sessions SET last_seen_at = ? WHERE id = ?').run(now.toISOString(), id);
    return { id, userId: r.user_id, expiresAt: r.expires_at };
  }

  /** Session `id` as stored (its id is its token's hash), for carrying it into another library; null when over. */
  storedSession(id: string): SessionInfo | null {
    const r = this.db
      .prepare('SELECT id, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt, address, user_agent AS userAgent FROM sessions WHERE id = ?')
      .get(id) as SessionInfo | undefined;
    return r ?? null;
  }

  /** Stores a session carried from another library, for `userId` here: the same token opens it. */
  insertSession(s: SessionInfo, userId: string): void {
    this.db
      .prepare('INSERT OR REPLACE INTO sessions (id, user_id, created_at, last_seen_at, expires_at, address, user_agent) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run(s.id, userId, s.createdAt, s.lastSeenAt, s.expiresAt, s.address, s.userAgent);
  }

  /** Every session's id (those of a library being left end with it). */
  sessionIds(): string[] {
    return this.db.prepare('SELECT id FROM sessions').pluck().all() as string[];
  }

  /** Whose session `id` is (null when it is already over). */
  sessionUserId(id: string): string | null {
    return (this.db.prepare('SELECT user_id FROM sessions WHERE id = ?').pluck().get(id) as string | undefined) ?? null;
  }

  sessionsOf(userId: string): SessionInfo[] {
    return this.db
      .prepare('SELECT id, user_id AS userId, created_at AS createdAt, last_seen_at AS lastSeenAt, expires_at AS expiresAt, address, user_agent AS userAgent FROM sessions WHERE user_id = ? ORDER BY created_at')
      .all(userId) as SessionInfo[];
  }

  /** Ends one session; whether it existed. */
  deleteSession(id: string): boolean {
    return this.db.prepare('DELETE FROM sessions WHERE id = ?').run(id).changes > 0;
  }

  /** Ends every session of `userId` but `keep`; the ids ended. */
  deleteSessionsOf(userId: string, keep: string | null = null): string[] {
    const ids = (this.db.prepare('SELECT id FROM sessions WHERE user_id = ?').pluck().all(userId) as string[]).filter((id) => id !== keep);
    const del = this.db.prepare('DELETE FROM sessions WHERE id = ?');
    for (const id of ids) del.run(id);
    return ids;
  }

  /** Forgets sessions and links that can no longer be used (kept tidy on sign-in). */
  purgeExpired(): void {
    const now = this.now().toISOString();
    const idleBefore = new Date(this.now().getTime() - SESSION_IDLE_MS).toISOString();
    this.db.prepare('DELETE FROM sessions WHERE expires_at <= ? OR last_seen_at <= ?').run(now, idleBefore);
    // Used and expired links are kept a while, so their page can still say "already used" or "expired".
    this.db.prepare('DELETE FROM invites WHERE expires_at <= ?').run(new Date(this.now().getTime() - LINK_MEMORY_MS).toISOString());
  }

  // ── one-time links (invites, password resets) ─────────────────────────────
  createLink(l: { kind: LinkKind; role: Role | null; approverChannels: ChannelId[] | null; userId: string | null; createdBy: string }): { token: string; expiresAt: string } {
    const token = newToken();
    const now = this.now();
    const expiresAt = linkExpiresAt(l.kind, now).toISOString();
    this.db
      .prepare('INSERT INTO invites (id, kind, role, approver_channels, user_id, created_by, created_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)')
      .run(tokenHash(token), l.kind, l.role, channelsJson(l.approverChannels), l.userId, l.createdBy, now.toISOString(), expiresAt);
    return { token, expiresAt };
  }

  /** The unused, unexpired link of `kind` a token opens, or null. Reading does not use it up (`useLink` does). */
  link(token: string, kind: LinkKind): Link | null {
    if (!isTokenShape(token)) return null;
    const r = this.db
      .prepare('SELECT id, kind, role, approver_channels, user_id, created_by, expires_at FROM invites WHERE id = ? AND kind = ? AND used_at IS NULL AND expires_at > ?')
      .get(tokenHash(token), kind, this.now().toISOString()) as LinkRow | undefined;
    if (!r) return null;
    const channels = parseChannels(r.approver_channels);
    return { id: r.id, kind: r.kind, role: r.role, approverChannels: channels, userId: r.user_id, createdBy: r.created_by, expiresAt: r.expires_at };
  }

  /** Whether a token opens a link of `kind` at all, used or expired too (nothing is changed): for `linkState`. */
  linkRecord(token: string, kind: LinkKind): { role: Role | null; approverChannels: ChannelId[] | null; usedAt: string | null; expiresAt: string } | null {
    if (!isTokenShape(token)) return null;
    const r = this.db.prepare('SELECT role, approver_channels, used_at, expires_at FROM invites WHERE id = ? AND kind = ?').get(tokenHash(token), kind) as
      | { role: Role | null; approver_channels: string | null; used_at: string | null; expires_at: string }
      | undefined;
    return r ? { role: r.role, approverChannels: parseChannels(r.approver_channels), usedAt: r.used_at, expiresAt: r.expires_at } : null;
  }

  /** Invites nobody has used yet and that still work, newest first, with who made them (never a token). */
  pendingInvites(): PendingInviteRow[] {
    const rows = this.db
      .prepare(
        `SELECT i.id, i.role, i.approver_channels, i.created_by, COALESCE(u.name, i.created_by) AS created_by_name, i.created_at, i.expires_at
         FROM invites i LEFT JOIN users u ON u.id = i.created_by
         WHERE i.kind = 'invite' AND i.used_at IS NULL AND i.expires_at > ? ORDER BY i.created_at DESC, i.id`,
      )
      .all(this.now().toISOString()) as { id: string; role: Role; approver_channels: string | null; created_by: string; created_by_name: string; created_at: string; expires_at: string }[];
    return rows.map((r) => ({ id: r.id, role: r.role, approverChannels: parseChannels(r.approver_channels), createdBy: { id: r.created_by, name: r.created_by_name }, createdAt: r.created_at, expiresAt: r.expires_at }));
  }

  /** Deletes an unused invite (cancelled): its link then opens nothing; the invite, or null when there was none to cancel. */
  deleteInvite(id: string): PendingInviteRow | null {
    const found = this.pendingInvites().find((i) => i.id === id) ?? null;
    if (found) this.db.prepare("DELETE FROM invites WHERE id = ? AND kind = 'invite' AND used_at IS NULL").run(id);
    return found;
  }

  /** Marks a link used; false when it already was (two tabs racing: only one wins). */
  useLink(id: string): boolean {
    return this.db.prepare('UPDATE invites SET used_at = ? WHERE id = ? AND used_at IS NULL').run(this.now().toISOString(), id).changes === 1;
  }

  /** Earlier reset links of a user stop working when a new one is made or a password is set. */
  revokeResets(userId: string): void {
    this.db.prepare("UPDATE invites SET used_at = ? WHERE kind = 'reset' AND user_id = ? AND used_at IS NULL").run(this.now().toISOString(), userId);
  }
}

function parseChannels(json: string | null): ChannelId[] | null {
  return json === null ? null : (JSON.parse(json) as ChannelId[]);
}

function channelsJson(channels: readonly ChannelId[] | null): string | null {
  return channels === null ? null : JSON.stringify([...new Set(channels)]);
}
