import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DraftsRepo } from '../drafts-repo';
import { type Db, migrate, openDatabase } from '../db';
import { migrations } from './index';
import { m0021 } from './0021-revision-restored';

const V = m0021.version;

describe('migration 0021 (which revision a restore brought back)', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('keeps revisions from before as ordinary saves, and records restores made after', () => {
    // A draft with two revisions written before the column existed (revision 2 may well have been a restore: unknown).
    // Its document is made by today's repository in a library of its own, then written here as 0019 stored it.
    const latest = openDatabase(':memory:');
    migrate(latest, migrations);
    const doc = JSON.stringify(new DraftsRepo(latest).create({ kind: 'video', name: 'Old' }).doc);
    latest.close();
    db.prepare(
      `INSERT INTO drafts (id, name, kind, preset, duration_sec, revision, doc, created_at, updated_at) VALUES ('d', 'Old', 'video', '9:16', 0, 2, ?, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z')`,
    ).run(doc);
    const insert = db.prepare(`INSERT INTO draft_revisions (draft_rowid, revision, saved_at, name, duration_sec, doc) VALUES (1, ?, ?, 'Old', 0, ?)`);
    insert.run(1, '2026-01-01T00:00:00.000Z', doc);
    insert.run(2, '2026-01-01T00:01:00.000Z', doc);

    expect(migrate(db, migrations, V)).toBe(V);
    const repo = new DraftsRepo(db);
    expect(repo.revisions('d').map((r) => [r.revision, r.restoredFrom])).toEqual([
      [2, null],
      [1, null],
    ]);
    expect(repo.restoreRevision('d', 1).revision).toBe(3);
    expect(repo.revisions('d')[0]).toMatchObject({ revision: 3, restoredFrom: 1 });
    expect(() => db.prepare('UPDATE draft_revisions SET restored_from = 0 WHERE revision = 3').run()).toThrow(/CHECK/);
  });
});
