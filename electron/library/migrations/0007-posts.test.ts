import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0007 } from './0007-posts';

/** Signal-style migration test: start one version before, add fixtures, migrate, check schema, data and plans. */
const V = m0007.version;
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0007 (posts)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('adds the tables, seeds one admin and keeps existing data', () => {
    db.prepare("INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES ('d1', 'Reel', 'video', '9:16', 1, '{}', 'c', 'u')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    const tables = db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all();
    expect(tables).toEqual(expect.arrayContaining(['posts', 'post_approvals', 'post_comments', 'users', 'campaigns', 'settings']));
    expect(db.prepare('SELECT id, name, role FROM users').all()).toEqual([{ id: 'owner', name: 'Owner', role: 'admin' }]);
    expect(db.prepare('SELECT id FROM drafts').pluck().all()).toEqual(['d1']);
  });

  it('refuses unknown states and roles, and removes approvals and comments with their post', () => {
    migrate(db, migrations, V);
    const ins = db.prepare("INSERT INTO posts (id, draft_id, title, doc, state, time_zone, created_by, created_at, updated_at) VALUES (?, NULL, 'T', '{}', ?, 'UTC', 'owner', 'c', 'u')");
    ins.run('p1', 'draft');
    expect(() => ins.run('p2', 'published')).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO users (id, name, role) VALUES ('u2', 'Eve', 'root')").run()).toThrow(/CHECK/);
    db.prepare("INSERT INTO post_approvals (post_id, approver_id, at) VALUES ('p1', 'owner', 'now')").run();
    db.prepare("INSERT INTO post_comments (id, post_id, author_id, body, at) VALUES ('c1', 'p1', 'owner', 'hi', 'now')").run();
    expect(() => db.prepare("INSERT INTO post_approvals (post_id, approver_id, at) VALUES ('p1', 'owner', 'again')").run()).toThrow(/UNIQUE|PRIMARY KEY/);
    db.prepare("DELETE FROM posts WHERE id = 'p1'").run();
    expect(db.prepare('SELECT COUNT(*) FROM post_approvals').pluck().get()).toBe(0);
    expect(db.prepare('SELECT COUNT(*) FROM post_comments').pluck().get()).toBe(0);
  });

  it('answers the queue and the calendar from their indexes', () => {
    migrate(db, migrations, V);
    expect(plan(db, "SELECT * FROM posts WHERE state = 'scheduled' AND scheduled_at <= '2026-12-01'")).toMatch(/USING INDEX posts_queue/);
    expect(plan(db, "SELECT * FROM posts WHERE scheduled_at >= '2026-12-01' AND scheduled_at < '2027-01-01'")).toMatch(/USING INDEX posts_calendar/);
  });
});
