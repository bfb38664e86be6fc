import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { colourMatchSql } from '../colour-sql';
import { migrations } from './index';
import { m0010 } from './0010-colours-hashes';

const V = m0010.version;
const plan = (db: Db, sql: string, ...params: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');
const addAsset = (db: Db, id: string) => db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES (?, ?, 'image', ?, ?, 'png', 1, 'now') RETURNING rowid").pluck().get(id, `sha-${id}`, id, id) as number;

describe('migration 0010 (colours and hashes)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('adds the tables and keeps every asset (which then has no signature: the backfill computes it)', () => {
    addAsset(db, 'a1');
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id FROM assets').pluck().all()).toEqual(['a1']);
    expect(db.prepare('SELECT count(*) FROM asset_visuals').pluck().get()).toBe(0);
  });

  it('refuses malformed hashes and half a pair, and a signature follows its asset out of the library', () => {
    migrate(db, migrations, V);
    const rowid = addAsset(db, 'a1');
    const insert = (phash: string | null, dhash: string | null) =>
      db.prepare("INSERT OR REPLACE INTO asset_visuals (asset_rowid, version, phash, dhash, colours, computed_at) VALUES (?, 1, ?, ?, '[]', 'now')").run(rowid, phash, dhash);
    expect(() => insert('xyz', '0000000000000000')).toThrow(/CHECK/);
    expect(() => insert('ABCDEF0123456789', '0000000000000000')).toThrow(/CHECK/);
    expect(() => insert('0123456789abcdef', null)).toThrow(/CHECK/);
    insert('0123456789abcdef', 'fedcba9876543210');
    db.prepare('INSERT INTO asset_colours (id, l0, l1, a0, a1, b0, b1, asset_rowid, share, l, a, b) VALUES (?, 50, 50, 70, 70, 40, 40, ?, 0.5, 50, 70, 40)').run(rowid * 8, rowid);
    db.prepare('DELETE FROM assets WHERE rowid = ?').run(rowid);
    expect(db.prepare('SELECT count(*) FROM asset_visuals').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM asset_colours').pluck().get()).toBe(0);
  });

  it('answers band lookups through their indexes and colour boxes through the R*Tree', () => {
    migrate(db, migrations, V);
    expect(plan(db, 'SELECT asset_rowid FROM asset_visuals WHERE band2 IN (SELECT value FROM json_each(?))', '[1,2]')).toMatch(/INDEX asset_visuals_band2/);
    const m = colourMatchSql({ l: 50, a: 70, b: 40 }, 10, 0.05);
    expect(plan(db, m.sql, ...m.params)).toMatch(/VIRTUAL TABLE INDEX \d+:/);
  });
});
