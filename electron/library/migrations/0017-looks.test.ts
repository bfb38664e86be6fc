import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase, schemaVersion } from '../db';
import { LooksRepo } from '../looks-repo';
import { migrations } from './index';
import { m0017 } from './0017-looks';

const V = m0017.version;
const look = (id: string, name: string, addedAt: string) => ({ id: id.repeat(64), name, size: 33, fileName: `${name}.cube`, sizeBytes: 100, addedAt });

describe('migration 0017 (imported looks) and the looks repo', () => {
  let db: Db;
  beforeEach(() => {
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => db.close());

  it('adds the table; lists in the order added; gets and removes', () => {
    expect(migrate(db, migrations, V)).toBe(V);
    expect(schemaVersion(db)).toBe(V);
    const repo = new LooksRepo(db);
    expect(repo.list()).toEqual([]);
    repo.insert(look('b', 'Second', '2026-12-05T08:00:01Z'));
    repo.insert(look('a', 'First', '2026-12-05T08:00:00Z'));
    expect(repo.list().map((l) => l.name)).toEqual(['First', 'Second']);
    expect(repo.get('a'.repeat(64))).toEqual(look('a', 'First', '2026-12-05T08:00:00Z'));
    expect(() => repo.insert(look('a', 'Again', 'later'))).toThrow(/UNIQUE/);
    expect(repo.remove('a'.repeat(64))).toBe(true);
    expect(repo.remove('a'.repeat(64))).toBe(false);
    expect(repo.get('a'.repeat(64))).toBeNull();
  });

  it('refuses rows that are not a SHA-256 id or a LUT size outside 2…65', () => {
    migrate(db, migrations, V);
    const repo = new LooksRepo(db);
    expect(() => repo.insert({ ...look('a', 'x', 'now'), id: 'warm' })).toThrow(/CHECK/);
    expect(() => repo.insert({ ...look('a', 'x', 'now'), size: 66 })).toThrow(/CHECK/);
    expect(() => repo.insert({ ...look('a', '', 'now') })).toThrow(/CHECK/);
  });
});
