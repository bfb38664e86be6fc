import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';

/** Signal-style migration test: start at N-1, add fixtures, migrate to N, check schema, data and plans. */
const columns = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const plan = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

function insertAsset(db: Db, rowid: number, o: { kind?: string; name?: string; importedAt?: string; trashedAt?: string | null } = {}) {
  db.prepare(
    `INSERT INTO assets (rowid, id, sha256, kind, name, original_name, ext, size_bytes, imported_at, trashed_at)
     VALUES (?, ?, ?, ?, ?, ?, 'mp4', 100, ?, ?)`,
  ).run(rowid, `id-${rowid}`, `sha-${rowid}`, o.kind ?? 'video', o.name ?? `clip ${rowid}`, `clip-${rowid}.mp4`, o.importedAt ?? `2024-01-0${rowid}T00:00:00Z`, o.trashedAt ?? null);
}

describe('migration 0001 (assets)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, 0)).toBe(0);
  });
  afterEach(() => db.close());

  it('starts from an empty database and creates assets, asset_tags and the FTS index', () => {
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'assets'").get()).toBeUndefined();
    expect(migrate(db, migrations, 1)).toBe(1);
    expect(schemaVersion(db)).toBe(1);
    expect(db.pragma('user_version', { simple: true })).toBe(1);

    expect(columns(db, 'assets')).toEqual(expect.arrayContaining([
      'rowid', 'id', 'sha256', 'kind', 'name', 'original_name', 'ext', 'size_bytes', 'duration_sec', 'width', 'height', 'rotation', 'fps',
      'video_codec', 'audio_codec', 'has_audio', 'created_at', 'format', 'notes', 'has_thumbnail', 'has_poster', 'has_waveform', 'imported_at', 'trashed_at',
    ]));
    expect(columns(db, 'asset_tags')).toEqual(['asset_rowid', 'tag']);
    const names = (db.prepare("SELECT name FROM sqlite_master WHERE type IN ('table', 'index')").pluck().all() as string[]);
    expect(names).toEqual(
      expect.arrayContaining(['assets_live_by_kind', 'assets_by_name', 'assets_by_trashed', 'asset_tags_by_tag', 'assets_fts', 'assets_trash_fts']),
    );
    // Migration 2 has not run.
    expect(names).not.toContain('jobs');
  });

  it('keeps rows, defaults columns and enforces kind, uniqueness and tag cascade', () => {
    migrate(db, migrations, 1);
    insertAsset(db, 1);
    const row = db.prepare('SELECT rotation, has_audio, notes, has_thumbnail FROM assets WHERE rowid = 1').get();
    expect(row).toEqual({ rotation: 0, has_audio: 0, notes: '', has_thumbnail: 0 });
    expect(() => insertAsset(db, 2, { kind: 'document' })).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('x', 'sha-1', 'image', 'n', 'n', 'png', 1, 'now')").run()).toThrow(/UNIQUE/);

    db.prepare("INSERT INTO asset_tags VALUES (1, 'beach')").run();
    db.prepare('DELETE FROM assets WHERE rowid = 1').run();
    expect(db.prepare('SELECT count(*) FROM asset_tags').pluck().get()).toBe(0);
  });

  it('indexes words with diacritics removed and prefixes', () => {
    migrate(db, migrations, 1);
    db.prepare("INSERT INTO assets_fts (rowid, name, tags, notes) VALUES (7, 'Café terrace', 'summer', 'shot at dusk')").run();
    const match = (q: string) => db.prepare('SELECT rowid FROM assets_fts WHERE assets_fts MATCH ?').pluck().all(q);
    expect(match('cafe')).toEqual([7]);
    expect(match('"ter"*')).toEqual([7]);
    expect(match('dusk')).toEqual([7]);
    expect(match('winter')).toEqual([]);
    // Contentless with delete support: a row can be removed.
    db.prepare('DELETE FROM assets_fts WHERE rowid = 7').run();
    expect(match('cafe')).toEqual([]);
  });

  it('uses the intended indexes for the library queries', () => {
    migrate(db, migrations, 1);
    for (let i = 1; i <= 5; i++) insertAsset(db, i, { kind: i % 2 ? 'video' : 'image' });
    // No ANALYZE: Postframe never runs it, so these are the plans a real library gets.
    // Import order is rowid order: the default list reads the table backwards with no sort step.
    const order = 'ORDER BY a.rowid DESC LIMIT 200 OFFSET 0';
    expect(plan(db, `SELECT a.id FROM assets a WHERE a.trashed_at IS NULL ${order}`)).not.toMatch(/TEMP B-TREE/);
    expect(plan(db, `SELECT a.id FROM assets a WHERE a.trashed_at IS NULL AND a.kind = ? ${order}`, 'video')).toMatch(/USING INDEX assets_live_by_kind \(kind=\?\)/);
    expect(plan(db, `SELECT count(*) FROM assets a WHERE a.trashed_at IS NULL`)).toMatch(/assets_live_by_kind/);
    expect(plan(db, `SELECT a.id FROM assets a WHERE a.trashed_at IS NULL AND a.rowid IN (SELECT asset_rowid FROM asset_tags WHERE tag = ?) ${order}`, 'x'))
      .toMatch(/asset_tags_by_tag/);
    // A search walks the full-text index in rowid order and stops at the page.
    expect(plan(db, `SELECT a.id FROM assets_fts f JOIN assets a ON a.rowid = f.rowid WHERE assets_fts MATCH ? AND a.trashed_at IS NULL ORDER BY f.rowid DESC LIMIT 200`, 'x'))
      .not.toMatch(/TEMP B-TREE/);
    expect(plan(db, `SELECT a.id FROM assets a INDEXED BY assets_by_trashed WHERE a.trashed_at IS NOT NULL ${order}`)).toMatch(/assets_by_trashed/);
    expect(plan(db, 'SELECT a.id FROM assets a WHERE a.trashed_at IS NULL ORDER BY a.name COLLATE NOCASE ASC, a.rowid ASC LIMIT 200')).toMatch(/assets_by_name/);
    expect(plan(db, 'SELECT id FROM assets WHERE sha256 = ?', 'x')).toMatch(/SEARCH assets USING (COVERING )?INDEX/);
  });
});
