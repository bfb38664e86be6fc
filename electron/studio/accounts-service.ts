import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import type { Caller } from '../api/contract';
import { AccountsRepo, DEFAULT_KDF, type KdfParams, type PendingInviteRow, type SessionInfo, hashPassword, verifyPassword } from '../library/accounts-repo';
import type { AuditRepo } from '../library/audit-repo';
import type { Db } from '../library/db';
import type { AccountUser } from '../library/user-row';
import { type LinkState, type SignInMeta, type SignInResult, type SignedIn, linkState, loginProblem, normaliseLogin, passwordProblem, sessionState } from '../model/accounts';
import type { AuditAction } from '../model/audit';
import { AppError } from '../model/errors';
import { LoginThrottle } from '../model/login-throttle';
import { requirePermission } from '../model/permissions';
import type { SessionEnd } from '../model/session-end';
import { type ChannelId, LOCAL_OWNER_ID, type Role } from '../model/post';

export type { AccountUser };

export type AccountsDeps = {
  /** The open library's database, read on every call (opening another library replaces it). */
  db: () => Db;
  /** The library's audit log (the Studio's, so the audit anchoring applies). */
  audit: () => AuditRepo;
  now: () => Date;
  /** scrypt's cost; tests pass a cheaper one. */
  kdf?: KdfParams;
  log?: (message: string, error?: unknown) => void;
  /** People were added or their account changed (the app's `users.changed` event, so Team lists stay live). */
  changed?: (userIds: string[]) => void;
  /** An invite was made, used or cancelled (the app's `invites.changed` event, so admins' pending lists stay live). */
  invitesChanged?: (reason: 'created' | 'accepted' | 'cancelled') => void;
};

/** Who a failed or throttled sign-in by an unknown login is audited as. */
const NOBODY = { id: 'anonymous', name: 'Someone not signed in' } as const;

const NO_MATCH = 'That login and password do not match. Check both and try again; an admin can send you a reset link.';
const LINK_GONE = 'This link has expired or was already used. Ask an admin for a new one.';

const cut = (s: string, n: number) => (s.length > n ? `${s.slice(0, n)}…` : s);

function nameProblem(name: string): string | null {
  const n = name.trim();
  return n.length >= 1 && n.length <= 80 ? null : 'A name is 1 to 80 characters long.';
}

/** An admin carried into another library: their credentials and live session, never the token itself. */
export type CarriedAdmin = { name: string; login: string; passwordHash: string; session: SessionInfo };

export type CarryPlan = { kind: 'adopt' | 'sign-in' } | { kind: 'rejoin'; userId: string } | { kind: 'refuse'; why: string };

/** Opening another library on a host, planned before the switch and completed after it. */
export type LibraryMove = { carried: CarriedAdmin | null; plan: CarryPlan; leaving: string[]; library: string };

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

/** The account that becomes a library's first sign-in admin: its local owner while that is an enabled admin. */
function ownerToBe(repo: AccountsRepo): AccountUser | null {
  const owner = repo.user(LOCAL_OWNER_ID);
  return owner && owner.role === 'admin' && !owner.disabled ? owner : null;
}

/** Gives the library its first sign-in admin (the owner's account when there is one); inside a transaction. */
function makeOwner(repo: AccountsRepo, c: { name: string; login: string; passwordHash: string }): AccountUser {
  const owner = ownerToBe(repo);
  if (!owner) return repo.createAccount({ ...c, role: 'admin', approverChannels: null });
  repo.setCredentials(owner.id, c);
  return repo.user(owner.id)!;
}

/**
 * Accounts and sessions (issue 13; docs/security.md "Accounts and sessions"): the agreed interface the host signs
 * people in through, and the account changes the API and the CLI make. Every change and every sign-in (failed and
 * throttled too) is audited; no password or token ever reaches the audit detail, a log or an answer other than the
 * one that hands a fresh token to its owner.
 */
export class AccountsService {
  private readonly throttle = new LoginThrottle();
  private readonly endedListeners = new Set<(sessionIds: string[], end: SessionEnd) => void>();
  private dummyHash: Promise<string> | null = null;

  constructor(private readonly deps: AccountsDeps) {}

  private get repo(): AccountsRepo {
    return new AccountsRepo(this.deps.db(), this.deps.now);
  }

  private get kdf(): KdfParams {
    return this.deps.kdf ?? DEFAULT_KDF;
  }

  private audit(actor: { id: string; name: string }, action: AuditAction, detail: Record<string, unknown>): void {
    this.deps.audit().append({ actor, action, postId: null, detail, at: this.deps.now().toISOString() });
  }

  private tx<T>(fn: () => T): T {
    return this.deps.db().transaction(fn).immediate();
  }

  /** Sessions ended: the host closes their sockets. A listener that throws does not stop the others. */
  private ended(ids: string[], end: SessionEnd): void {
    if (ids.length === 0) return;
    for (const l of this.endedListeners) {
      try {
        l(ids, end);
      } catch (e) {
        this.deps.log?.('a sessions-ended listener failed', e);
      }
    }
  }

  /** Tells the app whose account changed; returns `user` for chaining. */
  private told<T extends { id: string }>(user: T): T {
    this.deps.changed?.([user.id]);
    return user;
  }

  /** `end`: why, which the host tells each page whose socket it closes (model/session-end.ts). */
  onSessionsEnded(listener: (sessionIds: string[], end: SessionEnd) => void): () => void {
    this.endedListeners.add(listener);
    return () => this.endedListeners.delete(listener);
  }

  /** A hash of nothing anyone knows, checked for unknown logins so they take as long as known ones. */
  private dummy(): Promise<string> {
    this.dummyHash ??= hashPassword(`no such user ${Math.random()}`, this.kdf);
    return this.dummyHash;
  }

  private checkNewCredentials(input: { name?: string; login: string; password: string }, exceptUserId: string | null): void {
    const problem = (input.name !== undefined ? nameProblem(input.name) : null) ?? loginProblem(input.login) ?? passwordProblem(input.password, input.login);
    if (problem) throw new AppError('invalid_input', problem);
    if (this.repo.loginTaken(input.login, exceptUserId)) throw new AppError('conflict', `The login "${normaliseLogin(input.login)}" is taken. Choose another.`);
  }

  private signedIn(user: AccountUser, meta: SignInMeta, audit: Record<string, unknown> = {}): SignedIn {
    const s = this.repo.createSession(user.id, meta);
    this.audit(user, 'login', { address: cut(meta.address, 100), userAgent: cut(meta.userAgent, 200), ...audit });
    return { token: s.token, sessionId: s.sessionId, user, expiresAt: s.expiresAt };
  }

  // ── signing in ────────────────────────────────────────────────────────────
  /** No admin can sign in yet: browser mode's first start offers "create the admin account". */
  setupNeeded(): boolean {
    return !this.repo.hasSignInAdmin();
  }

  /** Gives the library's owner (its first admin) a login and password; refused once an admin can sign in. */
  async setupAdmin(input: { name: string; login: string; password: string }, meta: SignInMeta): Promise<SignedIn> {
    if (!this.setupNeeded()) throw new AppError('conflict', 'This library already has an admin who can sign in. Sign in instead.');
    this.checkNewCredentials(input, ownerToBe(this.repo)?.id ?? null);
    const hash = await hashPassword(input.password, this.kdf);
    const signed = this.tx(() => {
      // Checked again inside the write: two first-start tabs racing make one admin.
      if (!this.setupNeeded()) throw new AppError('conflict', 'This library already has an admin who can sign in. Sign in instead.');
      this.checkNewCredentials(input, ownerToBe(this.repo)?.id ?? null);
      const user = makeOwner(this.repo, { name: input.name.trim(), login: input.login, passwordHash: hash });
      this.audit(user, 'account_create', { userId: user.id, login: user.login, role: 'admin', setup: true });
      return this.signedIn(user, meta);
    });
    this.told(signed.user);
    return signed;
  }

  // ── opening another library on a host ─────────────────────────────────────
  /**
   * What the host carries into another library it opens (docs/security.md "Opening another library"): the caller,
   * when they are an admin signed in with a password. Read from the library being left, before it closes.
   */
  private carryable(caller: Caller | undefined): CarriedAdmin | null {
    if (!caller?.sessionId) return null;
    const repo = this.repo;
    const user = repo.user(caller.user.id);
    const passwordHash = repo.passwordHashOf(caller.user.id);
    const session = repo.storedSession(caller.sessionId);
    if (!user || user.disabled || user.role !== 'admin' || user.login === null || passwordHash === null || !session) return null;
    return { name: user.name, login: user.login, passwordHash, session };
  }

  /**
   * What opening the library in `next` does to the people signed in here: `adopt` when nobody can sign in to it yet
   * and the carried admin becomes its owner; `rejoin` when it holds the very same account (same login, the same
   * stored password hash: a restored backup, a library this admin made), whose session then carries over; `sign-in`
   * when it has admins of its own (everyone signs in there); otherwise why it may not be opened, since nobody could
   * then sign in to it.
   */
  private static carryPlan(next: Db, carried: CarriedAdmin | null): CarryPlan {
    const repo = new AccountsRepo(next);
    if (repo.hasSignInAdmin()) {
      const there = carried ? repo.loginRecord(carried.login) : null;
      // Equal hashes (salt included) mean the opener proved this very password: nothing new is learnt by letting them in.
      const same = there !== null && !there.user.disabled && there.passwordHash !== null && carried !== null && safeEqual(there.passwordHash, carried.passwordHash);
      return same ? { kind: 'rejoin', userId: there.user.id } : { kind: 'sign-in' };
    }
    if (!carried) return { kind: 'refuse', why: 'Nobody can sign in to that library yet, and only an admin who signed in with a password can become its admin.' };
    if (repo.loginTaken(carried.login, ownerToBe(repo)?.id ?? null)) {
      return { kind: 'refuse', why: `Nobody can sign in to that library yet, and someone in it already has your login "${carried.login}".` };
    }
    return { kind: 'adopt' };
  }

  /**
   * Before the host opens the library in `next`: what happens to whom (`carryPlan`), and the sessions of this
   * library, which end with it. Null when this library has no accounts (nobody is signed in to carry).
   */
  planMove(caller: Caller | undefined, next: Db, to: string): LibraryMove | null {
    if (!this.isTeam()) return null;
    const carried = this.carryable(caller);
    const move = { carried, plan: AccountsService.carryPlan(next, carried), leaving: this.sessionIds(), library: path.basename(to) };
    // Recorded here, in the library being left: everyone's sessions in it end because of this.
    if (caller && move.plan.kind !== 'refuse') {
      this.audit(caller.user, 'sessions_ended', { count: move.leaving.length, by: 'library_opened', library: cut(to, 300), plan: move.plan.kind });
    }
    return move;
  }

  /**
   * Once the library in the move's `next` is the open one: the opener's account and session are carried in (as
   * the plan says) and every other session of the library left ends — after the current answer is on its way,
   * since the opener's own socket may be among those that close.
   */
  completeMove(move: LibraryMove, from: string): void {
    const { carried, plan } = move;
    if (carried && plan.kind === 'adopt') this.adopt(carried, from);
    if (carried && plan.kind === 'rejoin') this.rejoin(carried, plan.userId, from);
    const kept = carried && (plan.kind === 'adopt' || plan.kind === 'rejoin') ? carried.session.id : null;
    const ended = move.leaving.filter((id) => id !== kept);
    setImmediate(() => this.ended(ended, { why: 'library_opened', library: move.library }));
  }

  /** Carries the session into the same account of the library now open (`carryPlan` said `rejoin`); audited as a sign-in. */
  private rejoin(carried: CarriedAdmin, userId: string, from: string): void {
    this.tx(() => {
      const user = this.repo.user(userId);
      if (!user) return;
      this.repo.insertSession(carried.session, user.id);
      this.audit(user, 'login', { address: cut(carried.session.address, 100), userAgent: cut(carried.session.userAgent, 200), carriedFrom: cut(from, 300) });
    });
  }

  /**
   * The people other than the caller with a session that has not ended in the open library: those whom opening
   * another library signs out (planMove ends every session). Sorted by name; empty for a personal library.
   */
  signedInOthers(caller: Caller | undefined): { id: string; name: string }[] {
    if (!this.isTeam()) return [];
    const now = this.deps.now();
    const out = new Map<string, string>();
    for (const user of this.repo.users()) {
      if (user.id === caller?.user.id || out.has(user.id)) continue;
      if (this.repo.sessionsOf(user.id).some((s) => sessionState(s, now) === 'live')) out.set(user.id, user.name);
    }
    return [...out].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every session of the open library (those of a library being left end with it). */
  private sessionIds(): string[] {
    return this.repo.sessionIds();
  }

  /**
   * Makes the carried admin the owner of the library now open, with the same login, password and session, so their
   * page stays signed in. Audited in this library's log; call only after `carryPlan` said `adopt`.
   */
  private adopt(carried: CarriedAdmin, from: string): AccountUser {
    const user = this.tx(() => {
      const repo = this.repo;
      const user = makeOwner(repo, { name: carried.name, login: carried.login, passwordHash: carried.passwordHash });
      repo.insertSession(carried.session, user.id);
      this.audit(user, 'account_create', { userId: user.id, login: user.login, role: 'admin', setup: true, carriedFrom: cut(from, 300) });
      return user;
    });
    return this.told(user);
  }


  async signIn(input: { login: string; password: string }, meta: SignInMeta): Promise<SignInResult> {
    const login = normaliseLogin(input.login).slice(0, 200);
    const nowMs = this.deps.now().getTime();
    const gate = this.throttle.check(login, meta.address, nowMs);
    if (!gate.allow) {
      const known = this.repo.userByLogin(login);
      this.audit(known ?? NOBODY, 'login_throttled', { login: cut(login, 64), address: cut(meta.address, 100), retryAfterSeconds: gate.retryAfterSeconds });
      return {
        ok: false, code: 'throttled', retryAfterSeconds: gate.retryAfterSeconds,
        message: `Too many tries. Wait ${gate.retryAfterSeconds} second${gate.retryAfterSeconds === 1 ? '' : 's'} and try again.`,
      };
    }
    const record = this.repo.loginRecord(login);
    // Always one scrypt, known login or not, so the time taken does not say which logins exist.
    const matches = await verifyPassword(input.password, record?.passwordHash ?? (await this.dummy()));
    const ok = matches && record !== null && record.passwordHash !== null;
    if (!ok || record.user.disabled) {
      this.throttle.failure(login, meta.address, this.deps.now().getTime());
      const why = !record ? 'unknown_login' : !ok ? 'wrong_password' : 'disabled';
      this.audit(record?.user ?? NOBODY, 'login_failed', { login: cut(login, 64), address: cut(meta.address, 100), why });
      const message = ok ? 'This account is disabled. Ask an admin to enable it.' : NO_MATCH;
      return { ok: false, code: 'unauthorized', message };
    }
    this.throttle.success(login, meta.address);
    this.repo.purgeExpired();
    return { ok: true, ...this.signedIn(record.user, meta) };
  }

  /** Creates the invited person's account with the link's role and channels, and signs them in. The link is used up. */
  async acceptInvite(token: string, input: { name: string; login: string; password: string }, meta: SignInMeta): Promise<SignedIn> {
    if (!this.repo.link(token, 'invite')) throw new AppError('not_found', LINK_GONE);
    this.checkNewCredentials(input, null);
    const hash = await hashPassword(input.password, this.kdf);
    const signed = this.tx(() => {
      const repo = this.repo;
      const link = repo.link(token, 'invite');
      if (!link || !repo.useLink(link.id)) throw new AppError('not_found', LINK_GONE);
      this.checkNewCredentials(input, null);
      const user = repo.createAccount({ name: input.name.trim(), login: input.login, passwordHash: hash, role: link.role!, approverChannels: link.approverChannels });
      this.audit(user, 'account_create', { userId: user.id, login: user.login, role: user.role, approverChannels: user.approverChannels, invitedBy: link.createdBy });
      return this.signedIn(user, meta);
    });
    this.told(signed.user);
    this.deps.invitesChanged?.('accepted');
    return signed;
  }

  /**
   * What an invite link's page may show before anything is typed (the host's `/auth/invite-check`): whether it
   * works, and only then the role and channels it makes. Nothing is used up, audited or throttled (a token is 32
   * random bytes: guessing one is hopeless, and a wrong guess learns only `unknown`).
   */
  checkInvite(token: string): { state: LinkState; role: Role | null; approverChannels: ChannelId[] | null } {
    const record = this.repo.linkRecord(token, 'invite');
    const state = linkState(record, this.deps.now());
    return state === 'valid' && record ? { state, role: record.role, approverChannels: record.approverChannels } : { state, role: null, approverChannels: null };
  }

  /** Sets a new password from a reset link: every session the person had ends, and they are signed in afresh. */
  async resetPassword(token: string, password: string, meta: SignInMeta): Promise<SignedIn> {
    const first = this.repo.link(token, 'reset');
    if (!first) throw new AppError('not_found', LINK_GONE);
    const target = this.repo.user(first.userId!);
    const problem = passwordProblem(password, target?.login ?? null);
    if (problem) throw new AppError('invalid_input', problem);
    const hash = await hashPassword(password, this.kdf);
    const { result, ended } = this.tx(() => {
      const repo = this.repo;
      const link = repo.link(token, 'reset');
      if (!link || !repo.useLink(link.id)) throw new AppError('not_found', LINK_GONE);
      const user = repo.user(link.userId!);
      if (!user || user.disabled) throw new AppError('unauthorized', 'This account is disabled. Ask an admin to enable it.');
      repo.setCredentials(user.id, { passwordHash: hash });
      repo.revokeResets(user.id);
      const ids = repo.deleteSessionsOf(user.id);
      this.audit(user, 'account_password', { userId: user.id, by: 'reset_link', linkBy: link.createdBy, sessionsEnded: ids.length });
      return { result: this.signedIn(user, meta), ended: ids };
    });
    this.ended(ended, { why: 'password_reset' });
    return result;
  }

  /**
   * Who a session token belongs to now (read fresh: a role change or a disable counts at once), or null. `touch:
   * false` for checks that are not the person's activity (the host's sweep), so they do not keep a session alive.
   */
  session(token: string, touch = true): Caller | null {
    const repo = this.repo;
    const s = repo.sessionByToken(token, touch);
    if (!s) return null;
    const user = repo.user(s.userId);
    if (!user || user.disabled) {
      repo.deleteSession(s.id);
      return null;
    }
    return { user, sessionId: s.id };
  }

  signOut(sessionId: string): void {
    const repo = this.repo;
    const userId = repo.sessionUserId(sessionId);
    if (!userId || !repo.deleteSession(sessionId)) return;
    const user = repo.user(userId);
    if (user) this.audit(user, 'logout', {});
    this.ended([sessionId], { why: 'signed_out' });
  }

  // ── the signed-in person's own account ─────────────────────────────────────
  /** Whether the library is used by a team (someone can sign in) rather than by its owner alone. */
  isTeam(): boolean {
    return this.repo.hasAccounts();
  }

  /** Changes the caller's password after checking the current one; their other sessions end. */
  async changePassword(caller: Caller, input: { current: string; next: string }): Promise<void> {
    const repo = this.repo;
    const user = repo.user(caller.user.id);
    const hash = user ? repo.passwordHashOf(user.id) : null;
    if (!user || hash === null) throw new AppError('conflict', 'This account signs in without a password (a personal library). An admin sets up accounts with "postframe users add".');
    const where = `session:${caller.sessionId ?? 'local'}`;
    const gate = this.throttle.check(user.login ?? user.id, where, this.deps.now().getTime());
    if (!gate.allow) throw new AppError('unauthorized', `Too many tries. Wait ${gate.retryAfterSeconds} seconds and try again.`);
    if (!(await verifyPassword(input.current, hash))) {
      this.throttle.failure(user.login ?? user.id, where, this.deps.now().getTime());
      this.audit(user, 'login_failed', { login: user.login, why: 'wrong_current_password' });
      throw new AppError('unauthorized', 'Your current password is not right. Type it again.');
    }
    const problem = passwordProblem(input.next, user.login);
    if (problem) throw new AppError('invalid_input', problem);
    const next = await hashPassword(input.next, this.kdf);
    const ended = this.tx(() => {
      const r = this.repo;
      r.setCredentials(user.id, { passwordHash: next });
      r.revokeResets(user.id);
      const ids = r.deleteSessionsOf(user.id, caller.sessionId);
      this.audit(user, 'account_password', { userId: user.id, by: 'self', sessionsEnded: ids.length });
      return ids;
    });
    this.ended(ended, { why: 'password_changed' });
  }

  /** Ends every session of the caller, this one too; how many ended. */
  signOutEverywhere(caller: Caller): number {
    const ids = this.tx(() => {
      const ids = this.repo.deleteSessionsOf(caller.user.id);
      this.audit(caller.user, 'sessions_ended', { userId: caller.user.id, count: ids.length, by: 'self' });
      return ids;
    });
    this.ended(ids, { why: 'everywhere' });
    return ids.length;
  }

  // ── admins' changes ───────────────────────────────────────────────────────
  private admin(caller: Caller): AccountUser {
    const fresh = this.repo.user(caller.user.id);
    if (!fresh || fresh.disabled) throw new AppError('unauthorized', 'Your account is disabled or gone. Ask an admin.');
    requirePermission(fresh, 'users.manage');
    return fresh;
  }

  private target(id: string): AccountUser {
    const u = this.repo.user(id);
    if (!u) throw new AppError('not_found', 'That person is no longer in this library. Refresh the team list.');
    return u;
  }

  /** The caller as stored now (the session's user is read fresh; the app's owner too). */
  me(caller: Caller): AccountUser {
    const u = this.repo.user(caller.user.id);
    if (!u || u.disabled) throw new AppError('unauthorized', 'Your account is disabled or gone. Sign in again, or ask an admin.');
    return u;
  }

  users(): AccountUser[] {
    return this.repo.users();
  }

  /** Adds a person who can sign in at once (the CLI's `users add`; the UI invites instead). */
  async addUser(caller: Caller, input: { name: string; login: string; password: string; role: Role; approverChannels?: ChannelId[] | null }): Promise<AccountUser> {
    this.admin(caller);
    this.checkNewCredentials(input, null);
    const hash = await hashPassword(input.password, this.kdf);
    const user = this.tx(() => {
      const actor = this.admin(caller);
      this.checkNewCredentials(input, null);
      const channels = input.role === 'approver' ? (input.approverChannels ?? null) : null;
      const user = this.repo.createAccount({ name: input.name.trim(), login: input.login, passwordHash: hash, role: input.role, approverChannels: channels });
      this.audit(actor, 'account_create', { userId: user.id, login: user.login, role: user.role, approverChannels: channels });
      return user;
    });
    return this.told(user);
  }

  /** A one-time invite link's token carrying the role (and channels) the new account gets. */
  invite(caller: Caller, input: { role: Role; approverChannels: ChannelId[] | null }): { token: string; expiresAt: string } {
    const made = this.tx(() => {
      const actor = this.admin(caller);
      const channels = input.role === 'approver' ? input.approverChannels : null;
      const link = this.repo.createLink({ kind: 'invite', role: input.role, approverChannels: channels, userId: null, createdBy: actor.id });
      this.audit(actor, 'account_invite', { role: input.role, approverChannels: channels, expiresAt: link.expiresAt });
      return link;
    });
    this.deps.invitesChanged?.('created');
    return made;
  }

  /** Invites not used yet and still working (admins: they say which role each link makes and who made it). */
  pendingInvites(caller: Caller): PendingInviteRow[] {
    this.admin(caller);
    return this.repo.pendingInvites();
  }

  /** Cancels an unused invite: its link opens nothing from now on (its page says so). Audited. */
  cancelInvite(caller: Caller, id: string): void {
    this.tx(() => {
      const actor = this.admin(caller);
      const gone = this.repo.deleteInvite(id);
      if (!gone) throw new AppError('not_found', 'That invite was already used, cancelled or expired. Refresh the team list.');
      this.audit(actor, 'account_invite_cancel', { role: gone.role, approverChannels: gone.approverChannels, invitedBy: gone.createdBy.id, expiresAt: gone.expiresAt });
    });
    this.deps.invitesChanged?.('cancelled');
  }

  /** A one-time password-reset link's token for `id` (earlier ones stop working). */
  resetLink(caller: Caller, id: string): { token: string; expiresAt: string } {
    return this.tx(() => {
      const actor = this.admin(caller);
      const user = this.target(id);
      if (user.login === null) throw new AppError('conflict', `${user.name} has no login yet, so there is no password to reset. Send them an invite instead.`);
      if (user.disabled) throw new AppError('conflict', `${user.name}'s account is disabled. Enable it first, then make a reset link.`);
      const repo = this.repo;
      repo.revokeResets(user.id);
      const link = repo.createLink({ kind: 'reset', role: null, approverChannels: null, userId: user.id, createdBy: actor.id });
      this.audit(actor, 'account_reset_link', { userId: user.id, login: user.login, expiresAt: link.expiresAt });
      return link;
    });
  }

  /** The last enabled admin stays an enabled admin: someone must be able to manage the team. */
  private keepAnAdmin(user: AccountUser, doing: string): void {
    if (user.role !== 'admin' || user.disabled) return;
    const repo = this.repo;
    const team = repo.hasAccounts();
    if (repo.otherEnabledAdmins(user.id, team) === 0) {
      throw new AppError('conflict', `${user.name} is the last admin${team ? ' who can sign in' : ''}: you cannot ${doing}. Make someone else an admin first.`);
    }
  }

  setRole(caller: Caller, input: { id: string; role: Role; approverChannels: ChannelId[] | null }): AccountUser {
    const user = this.tx(() => {
      const actor = this.admin(caller);
      const user = this.target(input.id);
      const channels = input.role === 'approver' ? input.approverChannels : null;
      if (input.role !== 'admin') this.keepAnAdmin(user, 'make them a creator or an approver');
      this.repo.setRole(user.id, input.role, channels);
      this.audit(actor, 'account_role', { userId: user.id, from: user.role, to: input.role, approverChannels: channels });
      return this.target(user.id);
    });
    return this.told(user);
  }

  /** Disables (their sessions end at once) or enables an account. */
  setDisabled(caller: Caller, input: { id: string; disabled: boolean }): AccountUser {
    const { user, ended } = this.tx(() => {
      const actor = this.admin(caller);
      const user = this.target(input.id);
      if (user.disabled === input.disabled) return { user, ended: [] as string[] };
      if (input.disabled) this.keepAnAdmin(user, 'disable their account');
      const repo = this.repo;
      repo.setDisabled(user.id, input.disabled);
      const ids = input.disabled ? repo.deleteSessionsOf(user.id) : [];
      if (input.disabled) repo.revokeResets(user.id);
      this.audit(actor, input.disabled ? 'account_disable' : 'account_enable', { userId: user.id, login: user.login, sessionsEnded: ids.length });
      return { user: this.target(user.id), ended: ids };
    });
    this.ended(ended, { why: 'disabled' });
    return this.told(user);
  }
}
