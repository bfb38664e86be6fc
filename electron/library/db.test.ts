import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { type Db, migrate, openDatabase, schemaVersion } from './db';
import { LATEST_SCHEMA_VERSION, type Migration, migrations } from './migrations';

const tables = (db: Db) => db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name").pluck().all() as string[];

describe('migrate', () => {
  const open: Db[] = [];
  const mem = () => {
    const db = openDatabase(':memory:');
    open.push(db);
    return db;
  };
  afterEach(() => {
    for (const db of open.splice(0)) db.close();
  });

  it('brings a new database to the latest version, and a second run changes nothing', () => {
    const db = mem();
    expect(schemaVersion(db)).toBe(0);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    const before = tables(db);
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toEqual(before);
  });

  it('never goes down: a lower target leaves the version as it is', () => {
    const db = mem();
    migrate(db);
    expect(migrate(db, migrations, 1)).toBe(LATEST_SCHEMA_VERSION);
    expect(tables(db)).toContain('jobs');
  });

  it('refuses migrations that are not numbered 1, 2, 3… without gaps', () => {
    const db = mem();
    const same: Migration[] = [migrations[0]!, { version: 1, name: 'again', up: () => {} }];
    expect(() => migrate(db, same)).toThrow(/again has version 1; it must be 2/);
    const down: Migration[] = [migrations[0]!, { version: 3, name: 'three', up: () => {} }, { version: 2, name: 'two', up: () => {} }];
    expect(() => migrate(db, down)).toThrow(/three has version 3; it must be 2/);
    const gap: Migration[] = [migrations[0]!, { version: 4, name: 'four', up: () => {} }];
    expect(() => migrate(db, gap)).toThrow(/four has version 4; it must be 2/);
    expect(schemaVersion(db)).toBe(0);
  });

  it('the shipped migrations are numbered 1…N', () => {
    expect(migrations.map((m) => m.version)).toEqual(migrations.map((_, i) => i + 1));
    expect(LATEST_SCHEMA_VERSION).toBe(migrations.length);
  });

  it('refuses a database from the future with library_unavailable', () => {
    const db = mem();
    db.pragma('user_version = 99');
    let err: unknown;
    try {
      migrate(db);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('library_unavailable');
    expect((err as AppError).message).toMatch(/newer version of Postframe.*99/);
    expect(schemaVersion(db)).toBe(99);
    expect(tables(db)).toEqual([]);
  });

  it('runs each migration atomically: a failure rolls back its changes and its version', () => {
    const db = mem();
    const failing: Migration = {
      version: 2,
      name: 'half-done',
      up(d) {
        d.exec('CREATE TABLE half (x INTEGER)');
        d.exec("INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at) VALUES ('a', 's', 'image', 'n', 'n', 'png', 1, 't')");
        throw new Error('boom');
      },
    };
    expect(() => migrate(db, [migrations[0]!, failing])).toThrow('boom');
    // Migration 1 committed, migration 2 left nothing behind.
    expect(schemaVersion(db)).toBe(1);
    expect(tables(db)).not.toContain('half');
    expect(db.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(0);
    // The real migration 2 can then run.
    expect(migrate(db)).toBe(LATEST_SCHEMA_VERSION);
  });

  it('persists the version in a file database', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-db-'));
    try {
      const file = path.join(dir, 'library.db');
      const db = openDatabase(file);
      migrate(db);
      db.close();
      const again = openDatabase(file, { readonly: true });
      expect(schemaVersion(again)).toBe(LATEST_SCHEMA_VERSION);
      expect(again.pragma('journal_mode', { simple: true })).toBe('wal');
      again.close();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
