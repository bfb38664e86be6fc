import type { Migration } from './types';

/**
 * Visual signatures for colour search and near-duplicate detection (issue 10; docs/library-search.md).
 *
 * - `asset_visuals`: one row per asset whose pictures were looked at: the algorithm version (a newer one is
 *   recomputed by the backfill), the pHash and dHash as 16 hex digits (TEXT: SQLite integers are signed and
 *   JavaScript numbers lose the low bits of a 64-bit value), the pHash's four 16-bit bands (indexed: the
 *   multi-index lookup of model/near-dup.ts), and the dominant colours as JSON for display. A row with NULL
 *   hashes means "no picture" (audio, or pixels that could not be read), so the backfill does not retry it.
 * - `asset_colours`: each dominant colour as a point in CIELAB in an R*Tree (`id` = asset rowid × 8 + rank),
 *   so "within ΔE t of X" reads only the box around X, then checks the sphere on the auxiliary columns.
 * - `asset_merges`: what "keep this one" did to each draft (kept and removed asset, the draft revisions before
 *   and after), so re-pointed drafts can be found and undone through their revision history.
 *
 * Rows follow their asset: deleted with it (foreign key, then a trigger for the R*Tree, which has no keys).
 */
export const m0010: Migration = {
  version: 10,
  name: 'colours-hashes',
  up(db) {
    db.exec(`
      CREATE TABLE asset_visuals (
        asset_rowid INTEGER PRIMARY KEY REFERENCES assets (rowid) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        phash TEXT CHECK (phash IS NULL OR (length(phash) = 16 AND phash NOT GLOB '*[^0-9a-f]*')),
        dhash TEXT CHECK (dhash IS NULL OR (length(dhash) = 16 AND dhash NOT GLOB '*[^0-9a-f]*')),
        band0 INTEGER, band1 INTEGER, band2 INTEGER, band3 INTEGER,
        colours TEXT NOT NULL DEFAULT '[]',
        computed_at TEXT NOT NULL,
        CHECK ((phash IS NULL) = (dhash IS NULL))
      );
      CREATE INDEX asset_visuals_band0 ON asset_visuals (band0) WHERE band0 IS NOT NULL;
      CREATE INDEX asset_visuals_band1 ON asset_visuals (band1) WHERE band1 IS NOT NULL;
      CREATE INDEX asset_visuals_band2 ON asset_visuals (band2) WHERE band2 IS NOT NULL;
      CREATE INDEX asset_visuals_band3 ON asset_visuals (band3) WHERE band3 IS NOT NULL;

      CREATE VIRTUAL TABLE asset_colours USING rtree (
        id, l0, l1, a0, a1, b0, b1,
        +asset_rowid INTEGER, +share REAL, +l REAL, +a REAL, +b REAL
      );
      CREATE TRIGGER asset_visuals_drop_colours AFTER DELETE ON asset_visuals BEGIN
        DELETE FROM asset_colours WHERE id BETWEEN old.asset_rowid * 8 AND old.asset_rowid * 8 + 7;
      END;

      CREATE TABLE asset_merges (
        id INTEGER PRIMARY KEY,
        kept_id TEXT NOT NULL,
        removed_id TEXT NOT NULL,
        draft_id TEXT,
        revision_before INTEGER,
        revision_after INTEGER,
        merged_at TEXT NOT NULL
      );
      CREATE INDEX asset_merges_by_removed ON asset_merges (removed_id);
    `);
  },
};
