import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { BeatsRepo } from '../beats-repo';
import { migrations } from './index';
import { m0016 } from './0016-asset-beats';

const V = m0016.version;
const addAsset = (db: Db, id: string) => db.prepare("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES (?, ?, 'audio', ?, ?, 'mp3', 1, 'now') RETURNING rowid").pluck().get(id, `sha-${id}`, id, id) as number;

describe('migration 0016 (asset beats) and the beats repo', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('adds the table and keeps every asset (none has beats yet)', () => {
    addAsset(db, 'song');
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    expect(db.prepare('SELECT id FROM assets').pluck().all()).toEqual(['song']);
    expect(new BeatsRepo(db).get(['song'])).toEqual([]);
  });

  it('stores, replaces, reads in the order asked, and clears beats', () => {
    migrate(db, migrations, V);
    addAsset(db, 'a');
    addAsset(db, 'b');
    const repo = new BeatsRepo(db);
    expect(repo.save('a', { beats: [0.5, 1, 1.5, 2], bpm: 120 }, 't1')).toBe(true);
    expect(repo.save('b', { beats: [0.25], bpm: null }, 't1')).toBe(true);
    expect(repo.save('a', { beats: [0.523, 1.023, 1.523, 2.023], bpm: 120 }, 't2')).toBe(true);
    expect(repo.get(['b', 'missing', 'a'])).toEqual([
      { assetId: 'b', beats: [0.25], bpm: null, computedAt: 't1' },
      { assetId: 'a', beats: [0.523, 1.023, 1.523, 2.023], bpm: 120, computedAt: 't2' },
    ]);
    expect(repo.save('gone', { beats: [1], bpm: null })).toBe(false);
    expect(repo.clear('a')).toBe(true);
    expect(repo.clear('a')).toBe(false);
    expect(repo.get(['a', 'b']).map((r) => r.assetId)).toEqual(['b']);
  });

  it('refuses rows that are not an array of beats or a tempo that is not positive, and beats follow their asset out', () => {
    migrate(db, migrations, V);
    const rowid = addAsset(db, 'a');
    const insert = (beats: string, bpm: number | null) => db.prepare("INSERT OR REPLACE INTO asset_beats (asset_rowid, version, beats, bpm, computed_at) VALUES (?, 1, ?, ?, 'now')").run(rowid, beats, bpm);
    expect(() => insert('{"x":1}', null)).toThrow(/CHECK/);
    expect(() => insert('not json', null)).toThrow(/CHECK|JSON/);
    expect(() => insert('[1]', 0)).toThrow(/CHECK/);
    insert('[1, 2]', 60);
    db.prepare('DELETE FROM assets WHERE rowid = ?').run(rowid);
    expect(db.prepare('SELECT count(*) FROM asset_beats').pluck().get()).toBe(0);
  });
});
