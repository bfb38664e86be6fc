import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';
import { m0011 } from './0011-fonts';

/** Signal-style migration test: start one version before, add fixtures, migrate, check schema, data and plans. */
const V = m0011.version;
const before = migrations[migrations.indexOf(m0011) - 1]!.version;
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
const row = (id: string, family: string, subfamily: string) => ({
  id: id.repeat(64).slice(0, 64), family, subfamily, weight: 400, italic: 0, source_format: 'ttf', ext: 'ttf', file_name: 'f.ttf',
  size_bytes: 10, licence_note: '', embedding: 'installable', ascent: 0.9, descent: 0.2, added_at: 'now',
});
const insert = (db: Db, r: ReturnType<typeof row>) =>
  db.prepare('INSERT INTO fonts (id, family, subfamily, weight, italic, source_format, ext, file_name, size_bytes, licence_note, embedding, ascent, descent, added_at) VALUES (@id, @family, @subfamily, @weight, @italic, @source_format, @ext, @file_name, @size_bytes, @licence_note, @embedding, @ascent, @descent, @added_at)').run(r);

describe('migration 0011 (fonts)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, before)).toBe(before);
  });
  afterEach(() => db.close());

  it('adds the fonts table and keeps every asset', () => {
    db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a1', 's1', 'video', 'Drone', 'd.mov', 'mov', 42, 'now')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id FROM assets').pluck().all()).toEqual(['a1']);
    expect(db.prepare('SELECT count(*) FROM fonts').pluck().get()).toBe(0);
  });

  it('holds one file per family and style (case-insensitive), checks its columns, and finds a family through its index', () => {
    migrate(db, migrations, V);
    insert(db, row('a', 'Brand Sans', 'Regular'));
    insert(db, row('b', 'Brand Sans', 'Bold'));
    expect(() => insert(db, row('c', 'brand sans', 'regular'))).toThrow(/UNIQUE/);
    expect(() => insert(db, { ...row('d', 'Other', 'Regular'), id: 'short' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row('e', 'Other', 'Regular'), embedding: 'free' })).toThrow(/CHECK/);
    expect(() => insert(db, { ...row('f', 'Other', 'Regular'), ext: 'woff2' })).toThrow(/CHECK/);
    expect(plan(db, "SELECT * FROM fonts WHERE family = 'Brand Sans' COLLATE NOCASE")).toMatch(/USING INDEX fonts_by_face/);
  });
});
