import { randomUUID } from 'node:crypto';
import { AppError } from '../model/errors';
import { type Campaign, type ChannelTarget, type Post, type PostContent, type PostState, type Role } from '../model/post';
import type { Db } from './db';
import { type AccountUser, USER_COLUMNS, type UserRow, toUser } from './user-row';

type PostRow = {
  id: string;
  draft_id: string | null;
  title: string;
  doc: string;
  state: PostState;
  scheduled_at: string | null;
  time_zone: string;
  campaign_id: string | null;
  revision: number;
  created_by: string;
  created_at: string;
  updated_at: string;
};

/** The Post fields stored as JSON in `doc`: nothing filters or sorts by them. */
type PostDoc = { content: PostContent; targets: ChannelTarget[]; coverTime: number | null; sponsored: boolean };

/** A stored post with what the workflow and the connectors need beside the model. */
export type PostRecord = Post & { revision: number; approvals: string[] };

export type PostComment = { id: string; postId: string; authorId: string; body: string; at: string };

export type PostFilter = { state?: PostState | null; campaignId?: string | null; draftId?: string | null; from?: string | null; to?: string | null };

export type NewPost = Omit<Post, 'id' | 'state' | 'createdAt' | 'updatedAt'> & { state?: PostState };

export const postNotFound = () => new AppError('not_found', 'That post no longer exists. Refresh the queue and pick another.');

/** Posts, their approvals and comments, users, campaigns and library settings (migration 0007). */
export class PostsRepo {
  constructor(
    private readonly db: Db,
    private readonly now: () => Date = () => new Date(),
  ) {}

  private toRecord(r: PostRow): PostRecord {
    const doc = JSON.parse(r.doc) as PostDoc;
    return {
      id: r.id, draftId: r.draft_id, title: r.title, content: doc.content, targets: doc.targets, coverTime: doc.coverTime, sponsored: doc.sponsored,
      campaignId: r.campaign_id, scheduledAt: r.scheduled_at, timeZone: r.time_zone, state: r.state, createdBy: r.created_by,
      createdAt: r.created_at, updatedAt: r.updated_at, revision: r.revision, approvals: this.approvals(r.id),
    };
  }

  create(p: NewPost): PostRecord {
    const at = this.now().toISOString();
    const id = randomUUID();
    const doc: PostDoc = { content: p.content, targets: p.targets, coverTime: p.coverTime, sponsored: p.sponsored };
    this.db
      .prepare(
        `INSERT INTO posts (id, draft_id, title, doc, state, scheduled_at, time_zone, campaign_id, created_by, created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(id, p.draftId, p.title, JSON.stringify(doc), p.state ?? 'draft', p.scheduledAt, p.timeZone, p.campaignId, p.createdBy, at, at);
    return this.get(id)!;
  }

  get(id: string): PostRecord | null {
    const r = this.db.prepare('SELECT * FROM posts WHERE id = ?').get(id) as PostRow | undefined;
    return r ? this.toRecord(r) : null;
  }

  require(id: string): PostRecord {
    const p = this.get(id);
    if (!p) throw postNotFound();
    return p;
  }

  /** By scheduled time (unscheduled last), then by creation. `from` inclusive, `to` exclusive (UTC ISO). */
  list(f: PostFilter = {}): PostRecord[] {
    const conds: [string, unknown][] = [];
    if (f.state) conds.push(['state = ?', f.state]);
    if (f.campaignId) conds.push(['campaign_id = ?', f.campaignId]);
    if (f.draftId) conds.push(['draft_id = ?', f.draftId]);
    if (f.from) conds.push(['scheduled_at >= ?', f.from]);
    if (f.to) conds.push(['scheduled_at < ?', f.to]);
    const where = conds.map(([c]) => c);
    const params = conds.map(([, v]) => v);
    const sql = `SELECT * FROM posts ${where.length ? `WHERE ${where.join(' AND ')}` : ''} ORDER BY scheduled_at IS NULL, scheduled_at, created_at, id`;
    return (this.db.prepare(sql).all(...params) as PostRow[]).map((r) => this.toRecord(r));
  }

  /**
   * Scheduled posts whose time has come (the queue index answers it). Only 'scheduled': an approved post with a
   * planned time goes out when someone schedules it or exports it now, never by itself.
   */
  due(now: Date): PostRecord[] {
    const rows = this.db
      .prepare("SELECT * FROM posts WHERE state = 'scheduled' AND scheduled_at IS NOT NULL AND scheduled_at <= ? ORDER BY scheduled_at, id")
      .all(now.toISOString()) as PostRow[];
    return rows.map((r) => this.toRecord(r));
  }

  /** The next time a scheduled post falls due after `now` (the scheduler wakes up then), or null. */
  nextDueAt(now: Date): string | null {
    return (
      (this.db
        .prepare("SELECT MIN(scheduled_at) FROM posts WHERE state = 'scheduled' AND scheduled_at > ?")
        .pluck()
        .get(now.toISOString()) as string | null) ?? null
    );
  }

  /**
   * Stores the post as given (content, schedule, state) in one write. `bumpRevision` for content edits: a new
   * revision is a new delivery, so an edited post is never mistaken for one already delivered.
   */
  save(p: PostRecord, opts: { bumpRevision?: boolean } = {}): PostRecord {
    const doc: PostDoc = { content: p.content, targets: p.targets, coverTime: p.coverTime, sponsored: p.sponsored };
    const changed = this.db
      .prepare(
        `UPDATE posts SET draft_id = ?, title = ?, doc = ?, state = ?, scheduled_at = ?, time_zone = ?, campaign_id = ?,
           revision = revision + ?, updated_at = ? WHERE id = ?`,
      )
      .run(p.draftId, p.title, JSON.stringify(doc), p.state, p.scheduledAt, p.timeZone, p.campaignId, opts.bumpRevision ? 1 : 0, this.now().toISOString(), p.id).changes;
    if (changed === 0) throw postNotFound();
    return this.get(p.id)!;
  }

  /** Replaces the approvals collected since the last submit. */
  setApprovals(postId: string, approverIds: readonly string[]): void {
    const at = this.now().toISOString();
    const known = new Map(
      (this.db.prepare('SELECT approver_id, at FROM post_approvals WHERE post_id = ?').all(postId) as { approver_id: string; at: string }[]).map((r) => [r.approver_id, r.at]),
    );
    this.db.prepare('DELETE FROM post_approvals WHERE post_id = ?').run(postId);
    const ins = this.db.prepare('INSERT INTO post_approvals (post_id, approver_id, at) VALUES (?, ?, ?)');
    for (const id of approverIds) ins.run(postId, id, known.get(id) ?? at);
  }

  approvals(postId: string): string[] {
    return this.db.prepare('SELECT approver_id FROM post_approvals WHERE post_id = ? ORDER BY at, approver_id').pluck().all(postId) as string[];
  }

  addComment(postId: string, authorId: string, body: string): PostComment {
    const c: PostComment = { id: randomUUID(), postId, authorId, body, at: this.now().toISOString() };
    this.db.prepare('INSERT INTO post_comments (id, post_id, author_id, body, at) VALUES (?, ?, ?, ?, ?)').run(c.id, postId, authorId, body, c.at);
    return c;
  }

  comments(postId: string): PostComment[] {
    return this.db
      .prepare('SELECT id, post_id AS postId, author_id AS authorId, body, at FROM post_comments WHERE post_id = ? ORDER BY at, rowid')
      .all(postId) as PostComment[];
  }

  // ── users ─────────────────────────────────────────────────────────────────
  // Never the password hash: a User crosses the API (accounts-repo.ts reads the hash on its own).
  users(): AccountUser[] {
    return (this.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY CASE role WHEN 'admin' THEN 0 WHEN 'approver' THEN 1 ELSE 2 END, name`).all() as UserRow[]).map(toUser);
  }

  user(id: string): AccountUser | null {
    const r = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return r ? toUser(r) : null;
  }

  requireUser(id: string): AccountUser {
    const u = this.user(id);
    if (!u) throw new AppError('not_found', `There is no user "${id}" in this library. Pick someone from the user switcher.`);
    return u;
  }

  /** A person without a login (they cannot sign in until an admin gives them one); accounts-repo.ts makes sign-in accounts. */
  createUser(name: string, role: Role): AccountUser {
    const id = randomUUID();
    this.db.prepare('INSERT INTO users (id, name, role, created_at) VALUES (?, ?, ?, ?)').run(id, name, role, this.now().toISOString());
    return this.user(id)!;
  }

  // ── campaigns ─────────────────────────────────────────────────────────────
  campaigns(): Campaign[] {
    return (this.db.prepare('SELECT * FROM campaigns ORDER BY start_date IS NULL, start_date, name').all() as {
      id: string; name: string; color: string; start_date: string | null; end_date: string | null; goal: string;
    }[]).map((r) => ({ id: r.id, name: r.name, color: r.color, startDate: r.start_date, endDate: r.end_date, goal: r.goal }));
  }

  createCampaign(c: Omit<Campaign, 'id'>): Campaign {
    const out: Campaign = { id: randomUUID(), ...c };
    this.db.prepare('INSERT INTO campaigns (id, name, color, start_date, end_date, goal) VALUES (?, ?, ?, ?, ?, ?)').run(out.id, c.name, c.color, c.startDate, c.endDate, c.goal);
    return out;
  }

  updateCampaign(c: Campaign): Campaign {
    const changed = this.db
      .prepare('UPDATE campaigns SET name = ?, color = ?, start_date = ?, end_date = ?, goal = ? WHERE id = ?')
      .run(c.name, c.color, c.startDate, c.endDate, c.goal, c.id).changes;
    if (changed === 0) throw new AppError('not_found', 'That campaign no longer exists. Refresh the queue and pick another.');
    return c;
  }

  // ── settings ──────────────────────────────────────────────────────────────
  setting(key: string): unknown {
    const v = this.db.prepare('SELECT value FROM settings WHERE key = ?').pluck().get(key) as string | undefined;
    return v === undefined ? undefined : (JSON.parse(v) as unknown);
  }

  setSetting(key: string, value: unknown): void {
    this.db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value').run(key, JSON.stringify(value));
  }
}
