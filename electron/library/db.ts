import Database from 'better-sqlite3';
import { AppError } from '../model/errors';
import { type Migration, migrations as allMigrations } from './migrations';

export type Db = Database.Database;

export function openDatabase(file: string, options: { readonly?: boolean } = {}): Db {
  const db = new Database(file, { readonly: options.readonly ?? false, fileMustExist: options.readonly ?? false });
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.pragma('foreign_keys = ON');
  db.pragma('busy_timeout = 5000');
  return db;
}

export function schemaVersion(db: Db): number {
  return db.pragma('user_version', { simple: true }) as number;
}

/**
 * Brings the database to the latest version, one transaction per migration. Versions only go up, and a
 * database written by a newer Postframe is refused rather than misread.
 */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations, target = migrations.length): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}; expected ${i + 1}`);
  });
  const current = schemaVersion(db);
  if (current > migrations.length) {
    throw new AppError(
      'library_unavailable',
      `This library was saved by a newer version of Postframe (schema ${current}; this version knows ${migrations.length}). Update Postframe to open it.`,
    );
  }
  for (const m of migrations.slice(current, target)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}
