import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0012 } from './0012-kits';

/** Signal-style migration test: start one version before, add fixtures, migrate, check schema, data and plans. */
const V = m0012.version;
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
const kit = (db: Db, id: string, name: string, isDefault: number) =>
  db.prepare("INSERT INTO brand_kits (id, name, is_default, doc, created_at, updated_at) VALUES (?, ?, ?, '{}', 't', 't')").run(id, name, isDefault);

describe('migration 0012 (kits)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db, migrations, V - 1);
  });
  afterEach(() => db.close());

  it('adds the kit tables and keeps every asset and draft', () => {
    db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a1', 's1', 'image', 'Logo', 'l.png', 'png', 42, 'now')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id FROM assets').pluck().all()).toEqual(['a1']);
    expect(db.prepare('SELECT count(*) FROM brand_kits').pluck().get()).toBe(0);
  });

  it('allows one default at most, unique names whatever their case, and JSON documents only', () => {
    migrate(db, migrations, V);
    kit(db, 'k1', 'Acme', 1);
    kit(db, 'k2', 'Other', 0);
    expect(() => kit(db, 'k3', 'Third', 1)).toThrow(/UNIQUE/);
    expect(() => kit(db, 'k4', 'ACME', 0)).toThrow(/UNIQUE/);
    expect(() => kit(db, 'k5', '  ', 0)).toThrow(/CHECK/);
    expect(() => db.prepare("INSERT INTO brand_kits (id, name, doc, created_at, updated_at) VALUES ('k6', 'Six', 'not json', 't', 't')").run()).toThrow(/CHECK/);
  });

  it('drops a kit’s uses with the kit, refuses unknown roles and finds uses by asset through its index', () => {
    migrate(db, migrations, V);
    kit(db, 'k1', 'Acme', 1);
    const rowid = db.prepare("SELECT rowid FROM brand_kits WHERE id = 'k1'").pluck().get();
    db.prepare("INSERT INTO brand_kit_uses (kit_rowid, role, ref_id) VALUES (?, 'logo_light', 'a1')").run(rowid);
    expect(() => db.prepare("INSERT INTO brand_kit_uses (kit_rowid, role, ref_id) VALUES (?, 'poster', 'a1')").run(rowid)).toThrow(/CHECK/);
    expect(plan(db, "SELECT kit_rowid FROM brand_kit_uses WHERE ref_id = 'a1'")).toMatch(/USING (COVERING )?INDEX brand_kit_uses_by_ref/);
    db.prepare("DELETE FROM brand_kits WHERE id = 'k1'").run();
    expect(db.prepare('SELECT count(*) FROM brand_kit_uses').pluck().get()).toBe(0);
  });
});
