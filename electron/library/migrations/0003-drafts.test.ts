import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { migrations } from './index';

/** Signal-style migration test: start at version 2, add fixtures, migrate to 3, check schema, data and plans. */
const columns = (db: Db, table: string) => (db.prepare(`PRAGMA table_info(${table})`).all() as { name: string }[]).map((c) => c.name);
const plan = (db: Db, sql: string, ...params: unknown[]) =>
  (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...params) as { detail: string }[]).map((r) => r.detail).join(' | ');

const DOC = JSON.stringify({ schemaVersion: 1, kind: 'video', name: 'Reel' });

function insertDraft(db: Db, rowid: number, o: { updatedAt?: string; trashedAt?: string | null; kind?: string; doc?: string } = {}) {
  db.prepare(
    `INSERT INTO drafts (rowid, id, name, kind, preset, duration_sec, revision, doc, created_at, updated_at, trashed_at)
     VALUES (?, ?, ?, ?, '9:16', 12.5, 1, ?, '2024-01-01T00:00:00.000Z', ?, ?)`,
  ).run(rowid, `d-${rowid}`, `Draft ${rowid}`, o.kind ?? 'video', o.doc ?? DOC, o.updatedAt ?? `2024-02-0${rowid}T00:00:00.000Z`, o.trashedAt ?? null);
}

describe('migration 0003 (drafts)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, 2)).toBe(2);
  });
  afterEach(() => db.close());

  it('adds drafts, draft_revisions and draft_assets and keeps the assets and jobs of version 2', () => {
    db.prepare(
      `INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a1', 's1', 'video', 'Beach', 'beach.mp4', 'mp4', 42, '2024-01-01T00:00:00Z')`,
    ).run();
    db.prepare("INSERT INTO assets_fts (rowid, name, tags, notes) VALUES (1, 'Beach', '', '')").run();
    db.prepare("INSERT INTO jobs (id, kind, status, title, input, created_at, updated_at) VALUES ('j1', 'import', 'done', 'Import', '{}', 'c', 'u')").run();
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'drafts'").get()).toBeUndefined();

    expect(migrate(db, migrations, 3)).toBe(3);
    expect(schemaVersion(db)).toBe(3);
    expect(db.pragma('user_version', { simple: true })).toBe(3);

    expect(db.prepare('SELECT id, name, size_bytes FROM assets').all()).toEqual([{ id: 'a1', name: 'Beach', size_bytes: 42 }]);
    expect(db.prepare("SELECT rowid FROM assets_fts WHERE assets_fts MATCH 'beach'").pluck().all()).toEqual([1]);
    expect(db.prepare('SELECT id, status FROM jobs').all()).toEqual([{ id: 'j1', status: 'done' }]);

    expect(columns(db, 'drafts')).toEqual(['rowid', 'id', 'name', 'kind', 'preset', 'duration_sec', 'revision', 'doc', 'created_at', 'updated_at', 'trashed_at']);
    expect(columns(db, 'draft_revisions')).toEqual(['draft_rowid', 'revision', 'saved_at', 'name', 'duration_sec', 'doc']);
    expect(columns(db, 'draft_assets')).toEqual(['draft_rowid', 'asset_id']);
  });

  it('enforces kind, unique ids, JSON documents, one row per revision, and cascades a deleted draft', () => {
    migrate(db, migrations, 3);
    insertDraft(db, 1);
    expect(() => insertDraft(db, 2, { kind: 'audio' })).toThrow(/CHECK constraint/);
    expect(() => insertDraft(db, 3, { doc: '{not json' })).toThrow(/CHECK constraint/);
    expect(() => db.prepare("INSERT INTO drafts (id, name, kind, preset, revision, doc, created_at, updated_at) VALUES ('d-1', 'n', 'video', '9:16', 1, '{}', 'c', 'u')").run())
      .toThrow(/UNIQUE/);

    const addRevision = db.prepare("INSERT INTO draft_revisions (draft_rowid, revision, saved_at, name, doc) VALUES (?, ?, 'now', 'n', ?)");
    addRevision.run(1, 1, DOC);
    addRevision.run(1, 2, DOC);
    expect(() => addRevision.run(1, 2, DOC)).toThrow(/UNIQUE|PRIMARY KEY/);
    expect(() => addRevision.run(99, 1, DOC)).toThrow(/FOREIGN KEY/);
    db.prepare("INSERT INTO draft_assets (draft_rowid, asset_id) VALUES (1, 'a1'), (1, 'a2')").run();
    expect(() => db.prepare("INSERT INTO draft_assets (draft_rowid, asset_id) VALUES (1, 'a1')").run()).toThrow(/UNIQUE|PRIMARY KEY/);

    db.prepare('DELETE FROM drafts WHERE rowid = 1').run();
    expect(db.prepare('SELECT count(*) FROM draft_revisions').pluck().get()).toBe(0);
    expect(db.prepare('SELECT count(*) FROM draft_assets').pluck().get()).toBe(0);
  });

  it('uses the intended indexes for the draft list, the trash, the history and the purge check', () => {
    migrate(db, migrations, 3);
    for (let i = 1; i <= 6; i++) insertDraft(db, i, { trashedAt: i % 3 === 0 ? `2024-03-0${i}T00:00:00.000Z` : null });
    // No ANALYZE: Postframe never runs it, so these are the plans a real library gets.
    const live = plan(db, 'SELECT id FROM drafts WHERE trashed_at IS NULL ORDER BY updated_at DESC, rowid DESC');
    expect(live).toMatch(/USING INDEX drafts_live_by_updated/);
    expect(live).not.toMatch(/TEMP B-TREE/);
    const trash = plan(db, 'SELECT id FROM drafts WHERE trashed_at IS NOT NULL ORDER BY trashed_at DESC, rowid DESC');
    expect(trash).toMatch(/USING INDEX drafts_by_trashed/);
    expect(trash).not.toMatch(/TEMP B-TREE/);
    // History newest first, and the next revision number, straight from the primary key.
    const history = plan(db, 'SELECT revision FROM draft_revisions WHERE draft_rowid = ? ORDER BY revision DESC', 1);
    expect(history).toMatch(/USING (COVERING )?INDEX sqlite_autoindex_draft_revisions_1 \(draft_rowid=\?\)/);
    expect(history).not.toMatch(/TEMP B-TREE/);
    // "Is this asset used by a live draft?" looks the asset up, not every draft.
    expect(plan(db, `SELECT d.id FROM draft_assets da JOIN drafts d ON d.rowid = da.draft_rowid
                     WHERE da.asset_id IN (SELECT value FROM json_each(?)) AND d.trashed_at IS NULL`, '["a1"]'))
      .toMatch(/SEARCH da USING COVERING INDEX draft_assets_by_asset \(asset_id=\?\)/);
  });
});
