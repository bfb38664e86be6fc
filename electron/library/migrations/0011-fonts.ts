import type { Migration } from './types';

/**
 * Library fonts (issue 10, brand kits): one row per font file kept in `fonts/ab/<sha256>.<ttf|otf>`
 * (model/font.ts FontRecord). The id is the SHA-256 of the stored sfnt bytes, so the same file added twice is
 * one row. `family` + `subfamily` are unique: two different files claiming to be "Brand Sans Bold" would make
 * what a text style draws depend on which one fontconfig happens to pick, so the second is refused
 * (library/fonts-repo.ts says which file is already there). The family index answers "which files draw this
 * family" (the rasteriser's cache key, the remove check).
 */
export const m0011: Migration = {
  version: 11,
  name: 'fonts',
  up(db) {
    db.exec(`
      CREATE TABLE fonts (
        id TEXT PRIMARY KEY CHECK (length(id) = 64),
        family TEXT NOT NULL CHECK (length(family) BETWEEN 1 AND 200),
        subfamily TEXT NOT NULL,
        weight INTEGER NOT NULL CHECK (weight BETWEEN 1 AND 1000),
        italic INTEGER NOT NULL CHECK (italic IN (0, 1)),
        source_format TEXT NOT NULL CHECK (source_format IN ('ttf', 'otf', 'woff2')),
        ext TEXT NOT NULL CHECK (ext IN ('ttf', 'otf')),
        file_name TEXT NOT NULL,
        size_bytes INTEGER NOT NULL CHECK (size_bytes >= 0),
        licence_note TEXT NOT NULL DEFAULT '',
        embedding TEXT NOT NULL CHECK (embedding IN ('installable', 'editable', 'preview-print', 'restricted')),
        ascent REAL NOT NULL,
        descent REAL NOT NULL,
        added_at TEXT NOT NULL
      );
      CREATE UNIQUE INDEX fonts_by_face ON fonts (family COLLATE NOCASE, subfamily COLLATE NOCASE);
    `);
  },
};
