import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { compileRules } from '../smart-rules-sql';
import { migrations } from './index';
import { m0009 } from './0009-organise';

/** Signal-style migration test: start one version before, add fixtures, migrate, check schema, data and plans. */
const V = m0009.version;
const plan = (db: Db, sql: string) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all() as { detail: string }[]).map((r) => r.detail).join(' | ');
const asset = (db: Db, id: string) =>
  db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES (?, ?, 'image', ?, 'x.png', 'png', 1, 'now')").run(id, id, id);

describe('migration 0009 (organise)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('gives existing assets no stars and no label, and keeps them, their tags and their drafts', () => {
    asset(db, 'a1');
    db.prepare("INSERT INTO asset_tags (asset_rowid, tag) VALUES (1, 'beach')").run();
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id, rating, label FROM assets').all()).toEqual([{ id: 'a1', rating: 0, label: null }]);
    expect(db.prepare('SELECT tag FROM asset_tags').pluck().all()).toEqual(['beach']);
  });

  it('refuses ratings outside 0–5 and labels outside the set', () => {
    migrate(db, migrations, V);
    asset(db, 'a1');
    expect(() => db.prepare("UPDATE assets SET rating = 6 WHERE id = 'a1'").run()).toThrow(/CHECK/);
    expect(() => db.prepare("UPDATE assets SET label = 'pink' WHERE id = 'a1'").run()).toThrow(/CHECK/);
    db.prepare("UPDATE assets SET rating = 5, label = 'grey' WHERE id = 'a1'").run();
  });

  it('drops an asset deleted for good from its collections, and a deleted collection from its assets', () => {
    migrate(db, migrations, V);
    asset(db, 'a1');
    asset(db, 'a2');
    db.prepare("INSERT INTO collections (id, name, created_at) VALUES ('c1', 'Logos', 'now')").run();
    db.prepare("INSERT INTO collection_assets (collection_rowid, asset_rowid, added_at) VALUES (1, 1, 'now'), (1, 2, 'now')").run();
    db.prepare("DELETE FROM assets WHERE id = 'a1'").run();
    expect(db.prepare('SELECT asset_rowid FROM collection_assets').pluck().all()).toEqual([2]);
    db.prepare("DELETE FROM collections WHERE id = 'c1'").run();
    expect(db.prepare('SELECT count(*) FROM collection_assets').pluck().get()).toBe(0);
    expect(() => db.prepare("INSERT INTO smart_collections (id, name, rules, created_at, updated_at) VALUES ('s', 'S', 'not json', 'n', 'n')").run()).toThrow(/CHECK/);
  });

  it('filters by rating and label through their indexes, and finds posts by draft through theirs', () => {
    migrate(db, migrations, V);
    expect(plan(db, 'SELECT id FROM assets a WHERE a.trashed_at IS NULL AND a.rating >= 4')).toMatch(/INDEX assets_live_by_rating/);
    expect(plan(db, "SELECT id FROM assets a WHERE a.trashed_at IS NULL AND a.label = 'red'")).toMatch(/INDEX assets_live_by_label/);
    expect(plan(db, "SELECT id FROM posts WHERE draft_id = 'd1'")).toMatch(/INDEX posts_by_draft/);
    const used = compileRules({ match: 'all', rules: [{ type: 'usedInPost', used: true }] }, new Date());
    // The "used in a post" rule looks up each asset's drafts and their posts by index, never scanning posts.
    expect(plan(db, `SELECT a.id FROM assets a WHERE a.trashed_at IS NULL AND ${used.sql}`)).not.toMatch(/SCAN p\b/);
  });
});
