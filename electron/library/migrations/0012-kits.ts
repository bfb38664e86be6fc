import type { Migration } from './types';

/**
 * Brand kits (issue 10): several per library, one of them the default. The kit's content is one JSON document
 * (model/brand-kit.ts BrandKitContent, validated by the repository on every write and read); the columns beside
 * it are what lists, look-ups and the "one default" rule need without parsing JSON.
 *
 * `brand_kit_uses` says which library assets (logos, intro/outro clips) and fonts each kit refers to. It is
 * rewritten with every save in the same transaction, so "where used" and the purge check read an index instead
 * of every kit's JSON. No foreign key to assets (as draft_assets): a purge is refused while a kit uses the asset,
 * and fonts live in their own table.
 */
export const m0012: Migration = {
  version: 12,
  name: 'kits',
  up(db) {
    db.exec(`
      CREATE TABLE brand_kits (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL CHECK (length(trim(name)) > 0),
        is_default INTEGER NOT NULL DEFAULT 0 CHECK (is_default IN (0, 1)),
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      -- At most one default (the repository keeps "at least one while any kit exists").
      CREATE UNIQUE INDEX brand_kits_one_default ON brand_kits (is_default) WHERE is_default = 1;
      -- Names are unique whatever their case: the CLI and a kit import find a kit by its name.
      CREATE UNIQUE INDEX brand_kits_by_name ON brand_kits (name COLLATE NOCASE);

      CREATE TABLE brand_kit_uses (
        kit_rowid INTEGER NOT NULL REFERENCES brand_kits (rowid) ON DELETE CASCADE,
        role TEXT NOT NULL CHECK (role IN ('logo_light', 'logo_dark', 'intro', 'outro', 'font')),
        -- An asset id, or for role 'font' a font id (the SHA-256 of the font file).
        ref_id TEXT NOT NULL,
        PRIMARY KEY (kit_rowid, role, ref_id)
      ) WITHOUT ROWID;
      CREATE INDEX brand_kit_uses_by_ref ON brand_kit_uses (ref_id, kit_rowid);
    `);
  },
};
