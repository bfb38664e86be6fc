import type { Migration } from './types';

/**
 * Imported looks (issue 14 §3, docs/looks.md "Imported looks"): one row per .cube file kept in
 * `luts/ab/<sha256>.cube` (model/imported-look.ts LookRecord). The id is the SHA-256 of the file's bytes, so the
 * same file imported twice is one row and a draft's `look.lut.id` names exactly those bytes. The table keeps what
 * the file cannot: the name shown in the Looks row and when it came.
 */
export const m0017: Migration = {
  version: 17,
  name: 'looks',
  up(db) {
    db.exec(`
      CREATE TABLE looks (
        id TEXT PRIMARY KEY CHECK (length(id) = 64),
        name TEXT NOT NULL CHECK (length(name) BETWEEN 1 AND 120),
        size INTEGER NOT NULL CHECK (size BETWEEN 2 AND 65),
        file_name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
        added_at TEXT NOT NULL
      );
    `);
  },
};
