import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';

const plan = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0002 (jobs)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, 1)).toBe(1);
  });
  afterEach(() => db.close());

  it('adds the jobs table and keeps the assets of version 1', () => {
    db.prepare(
      `INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a1', 's1', 'image', 'Logo', 'logo.png', 'png', 42, '2024-01-01T00:00:00Z')`,
    ).run();
    db.prepare("INSERT INTO asset_tags (asset_rowid, tag) VALUES (1, 'brand')").run();
    db.prepare("INSERT INTO assets_fts (rowid, name, tags, notes) VALUES (1, 'Logo', 'brand', '')").run();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'jobs'").get()).toBeUndefined();

    expect(migrate(db, migrations, 2)).toBe(2);
    expect(schemaVersion(db)).toBe(2);
    expect(db.pragma('user_version', { simple: true })).toBe(2);

    expect(db.prepare('SELECT id, name, size_bytes FROM assets').all()).toEqual([{ id: 'a1', name: 'Logo', size_bytes: 42 }]);
    expect(db.prepare('SELECT tag FROM asset_tags').pluck().all()).toEqual(['brand']);
    expect(db.prepare("SELECT rowid FROM assets_fts WHERE assets_fts MATCH 'brand'").pluck().all()).toEqual([1]);

    const cols = (db.prepare('PRAGMA table_info(jobs)').all() as { name: string; notnull: number }[]);
    expect(cols.map((c) => c.name)).toEqual(['id', 'kind', 'status', 'title', 'input', 'progress', 'detail', 'error', 'result', 'created_at', 'updated_at']);
    expect(cols.filter((c) => c.notnull).map((c) => c.name)).toEqual(['kind', 'status', 'title', 'input', 'created_at', 'updated_at']);
  });

  it('only accepts known statuses', () => {
    migrate(db, migrations, 2);
    const insert = db.prepare("INSERT INTO jobs (id, kind, status, title, input, created_at, updated_at) VALUES (?, 'import', ?, 't', '{}', 'c', 'u')");
    for (const s of ['queued', 'running', 'done', 'failed', 'cancelled']) insert.run(`j-${s}`, s);
    expect(() => insert.run('j-x', 'paused')).toThrow(/CHECK constraint/);
    expect(() => insert.run('j-queued', 'queued')).toThrow(/UNIQUE|PRIMARY KEY/);
  });

  it('finds jobs by status and lists them by creation through indexes', () => {
    migrate(db, migrations, 2);
    expect(plan(db, 'SELECT * FROM jobs WHERE status IN (?, ?) ORDER BY created_at', 'queued', 'running')).toMatch(/USING INDEX jobs_by_status/);
    expect(plan(db, 'SELECT * FROM jobs ORDER BY created_at DESC LIMIT 50')).toMatch(/USING INDEX jobs_by_created/);
  });
});
