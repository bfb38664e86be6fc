import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0005 } from './0005-deliveries';

/** Signal-style migration test: start one version before, add fixtures, migrate, check schema, data and plans. */
const V = m0005.version;

describe('migration (deliveries)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('adds the deliveries table and keeps existing data', () => {
    db.prepare("INSERT INTO jobs (id, kind, status, title, input, created_at, updated_at) VALUES ('j1', 'import', 'done', 'Import', '{}', 'c', 'u')").run();
    db.prepare("INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES ('d1', 'Reel', 'video', '9:16', 1, '{}', 'c', 'u')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    const cols = (db.prepare('PRAGMA table_info(deliveries)').all() as { name: string }[]).map((c) => c.name);
    expect(cols).toEqual(['delivery_id', 'post_id', 'channel', 'connector', 'state', 'attempts', 'next_attempt_at', 'last_error', 'response_status', 'updated_at']);
    expect(db.prepare('SELECT id FROM jobs').pluck().all()).toEqual(['j1']);
    expect(db.prepare('SELECT id FROM drafts').pluck().all()).toEqual(['d1']);
  });

  it('defaults to pending with no attempts, and refuses unknown states, connectors and duplicate ids', () => {
    migrate(db, migrations, V);
    const ins = db.prepare("INSERT INTO deliveries (delivery_id, post_id, channel, connector, updated_at) VALUES (?, 'p1', 'tiktok', ?, 'now')");
    ins.run('p1:tiktok:1', 'webhook');
    expect(db.prepare('SELECT state, attempts, next_attempt_at FROM deliveries').get()).toEqual({ state: 'pending', attempts: 0, next_attempt_at: null });
    expect(() => ins.run('p1:tiktok:1', 'webhook')).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => ins.run('p1:tiktok:2', 'ftp')).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE deliveries SET state = 'done'").run()).toThrow(/CHECK/);
  });

  it('answers the due query and the per-post query from their indexes', () => {
    migrate(db, migrations, V);
    const plan = (sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan("SELECT * FROM deliveries WHERE state = 'retry' AND next_attempt_at <= '2026'")).toMatch(/USING INDEX deliveries_due/);
    expect(plan("SELECT * FROM deliveries WHERE post_id = 'p1'")).toMatch(/USING INDEX deliveries_post/);
  });
});
