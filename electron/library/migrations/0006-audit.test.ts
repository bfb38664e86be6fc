import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';

const plan = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const zeros = '0'.repeat(64);
const h = (c: string) => c.repeat(64);

describe('migration 0006 (audit)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, 5)).toBe(5);
  });
  afterEach(() => db.close());

  const insert = (seq: number, prev: string, hash: string) =>
    db
      .prepare("INSERT INTO audit_log (seq, at, actor_id, actor_name, action, post_id, detail, prev_hash, hash) VALUES (?, 'now', 'u1', 'Ada', 'submit', 'p1', '{}', ?, ?)")
      .run(seq, prev, hash);

  it('adds audit_log and keeps the data of version 5', () => {
    db.prepare(
      `INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES ('d1', 'Reel', 'video', '9:16', 1, '{}', 'c', 'u')`,
    ).run();
    db.prepare("INSERT INTO jobs (id, kind, status, title, input, created_at, updated_at) VALUES ('j1', 'import', 'done', 'Import', '{}', 'c', 'u')").run();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'audit_log'").get()).toBeUndefined();

    expect(migrate(db, migrations, 6)).toBe(6);
    expect(schemaVersion(db)).toBe(6);
    expect(db.prepare('SELECT id FROM drafts').pluck().all()).toEqual(['d1']);
    expect(db.prepare('SELECT id FROM jobs').pluck().all()).toEqual(['j1']);
    const cols = db.prepare('PRAGMA table_info(audit_log)').all() as { name: string; notnull: number; pk: number }[];
    expect(cols.map((c) => c.name)).toEqual(['seq', 'at', 'actor_id', 'actor_name', 'action', 'post_id', 'detail', 'prev_hash', 'hash']);
    expect(cols.find((c) => c.pk)?.name).toBe('seq');
    expect(cols.filter((c) => !c.notnull).map((c) => c.name)).toEqual(['seq', 'post_id']);
  });

  it('refuses UPDATE and DELETE, and an insert that does not continue the chain', () => {
    migrate(db, migrations, 6);
    insert(1, zeros, h('a'));
    insert(2, h('a'), h('b'));
    expect(() => db.prepare("UPDATE audit_log SET actor_name = 'Eve' WHERE seq = 1").run()).toThrow(/append-only: its entries cannot be changed/);
    expect(() => db.prepare('DELETE FROM audit_log WHERE seq = 2').run()).toThrow(/append-only: its entries cannot be deleted/);
    expect(() => insert(4, h('b'), h('c'))).toThrow(/continue the chain/); // skips 3
    expect(() => insert(3, h('a'), h('c'))).toThrow(/continue the chain/); // links to the wrong entry
    expect(() => insert(3, h('b'), 'short')).toThrow(/CHECK constraint/);
    insert(3, h('b'), h('c'));
    expect(db.prepare('SELECT seq FROM audit_log ORDER BY seq').pluck().all()).toEqual([1, 2, 3]);
  });

  it('refuses a first entry that does not start from the zero hash', () => {
    migrate(db, migrations, 6);
    expect(() => insert(1, h('f'), h('a'))).toThrow(/continue the chain/);
  });

  it('lists a post’s history through its index', () => {
    migrate(db, migrations, 6);
    expect(plan(db, 'SELECT * FROM audit_log WHERE post_id IS ? ORDER BY seq', 'p1')).toMatch(/USING INDEX audit_by_post/);
  });
});
