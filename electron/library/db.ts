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
 * Brings the database to the latest version (or to `target`), one transaction per migration. Versions only go
 * up, and a database written by a newer Postframe is refused rather than misread.
 *
 * Versions are 1, 2, 3… with no gaps, so a library at version N has run exactly the first N migrations.
 */
export function migrate(db: Db, migrations: readonly Migration[] = allMigrations, target = latestVersion(migrations)): number {
  migrations.forEach((m, i) => {
    if (m.version !== i + 1) throw new Error(`Migration ${m.name} has version ${m.version}; it must be ${i + 1} (versions are 1, 2, 3… with no gaps)`);
  });
  const latest = latestVersion(migrations);
  const current = schemaVersion(db);
  if (current > latest) {
    throw new AppError(
      'library_unavailable',
      `This library was saved by a newer version of Postframe (schema ${current}; this version knows ${latest}). Update Postframe to open it.`,
    );
  }
  for (const m of migrations.filter((x) => x.version > current && x.version <= target)) {
    db.transaction(() => {
      m.up(db);
      db.pragma(`user_version = ${m.version}`);
    })();
  }
  return schemaVersion(db);
}

export function latestVersion(migrations: readonly Migration[]): number {
  return migrations.at(-1)?.version ?? 0;
}
