import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0008 } from './0008-licences';

/** Signal-style migration test: start one version before, add fixtures, migrate, check schema, data and plans. */
const V = m0008.version;
const columns = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');

describe('migration 0008 (licences)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('adds the licence columns (no date, empty note for existing assets) and keeps every asset and post', () => {
    db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a1', 's1', 'video', 'Drone', 'd.mov', 'mov', 42, 'now')").run();
    db.prepare("INSERT INTO posts (id, draft_id, title, doc, state, time_zone, created_by, created_at, updated_at) VALUES ('p1', NULL, 'T', '{}', 'draft', 'UTC', 'owner', 'c', 'u')").run();
    expect(columns(db, 'assets')).not.toContain('licence_expires');
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id, name, licence_expires, licence_note FROM assets').all()).toEqual([{ id: 'a1', name: 'Drone', licence_expires: null, licence_note: '' }]);
    expect(db.prepare('SELECT id FROM posts').pluck().all()).toEqual(['p1']);
  });

  it('takes a calendar date, refuses anything else, and finds expiring assets through its index', () => {
    migrate(db, migrations, V);
    db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a1', 's1', 'video', 'Drone', 'd.mov', 'mov', 42, 'now')").run();
    db.prepare("UPDATE assets SET licence_expires = '2026-11-30', licence_note = 'Stock #123' WHERE id = 'a1'").run();
    expect(() => db.prepare("UPDATE assets SET licence_expires = 'next year' WHERE id = 'a1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE assets SET licence_note = NULL WHERE id = 'a1'").run()).toThrow(/NOT NULL/);
    expect(plan(db, "SELECT id FROM assets WHERE licence_expires < '2027-01-01'")).toMatch(/USING (COVERING )?INDEX assets_by_licence/);
  });
});
