import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';

/** Signal-style migration test: start at version 3, add fixtures, migrate to 4, check schema and data. */
const columns = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);

describe('migration 0004 (proxies)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, 3)).toBe(3);
  });
  afterEach(() => db.close());

  it('adds has_proxy (0 for existing assets) and keeps every asset, tag, search entry, job and draft', () => {
    db.prepare(
      `INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, width, height, video_codec, has_thumbnail, imported_at)
       VALUES ('a1', 's1', 'video', 'Drone', 'drone.mov', 'mov', 42, 3840, 2160, 'hevc', 1, '2024-01-01T00:00:00Z')`,
    ).run();
    db.prepare("INSERT INTO asset_tags (asset_rowid, tag) VALUES (1, 'sky')").run();
    db.prepare("INSERT INTO assets_fts (rowid, name, tags, notes) VALUES (1, 'Drone', 'sky', '')").run();
    db.prepare("INSERT INTO jobs (id, kind, status, title, input, created_at, updated_at) VALUES ('j1', 'import', 'done', 'Import', '{}', 'c', 'u')").run();
    db.prepare(
      `INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES ('d1', 'Reel', 'video', '9:16', 1, '{}', 'c', 'u')`,
    ).run();
    expect(columns(db, 'assets')).not.toContain('has_proxy');

    expect(migrate(db, migrations, 4)).toBe(4);
    expect(schemaVersion(db)).toBe(4);
    expect(db.pragma('user_version', { simple: true })).toBe(4);

    expect(columns(db, 'assets').at(-1)).toBe('has_proxy');
    expect(db.prepare('SELECT id, name, width, video_codec, has_thumbnail, has_proxy FROM assets').all()).toEqual([
      { id: 'a1', name: 'Drone', width: 3840, video_codec: 'hevc', has_thumbnail: 1, has_proxy: 0 },
    ]);
    expect(db.prepare('SELECT tag FROM asset_tags').pluck().all()).toEqual(['sky']);
    expect(db.prepare("SELECT rowid FROM assets_fts WHERE assets_fts MATCH 'sky'").pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT id FROM jobs').pluck().all()).toEqual(['j1']);
    expect(db.prepare('SELECT id FROM drafts').pluck().all()).toEqual(['d1']);
  });

  it('defaults new assets to no proxy and refuses NULL', () => {
    migrate(db, migrations, 4);
    db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a2', 's2', 'video', 'n', 'n.mp4', 'mp4', 1, 'now')").run();
    expect(db.prepare("SELECT has_proxy FROM assets WHERE id = 'a2'").pluck().get()).toBe(0);
    expect(() => db.prepare("UPDATE assets SET has_proxy = NULL WHERE id = 'a2'").run()).toThrow(/NOT NULL/);
  });
});
