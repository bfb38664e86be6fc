import type { Migration } from './types';

/**
 * Organising the library for designers (issue 10 §3): star ratings and colour labels on assets, manual
 * collections and smart collections (saved rules, docs/organise.md).
 *
 * - Ratings and labels are columns, filtered through partial indexes over live assets (every list query has
 *   `trashed_at IS NULL`, which is what lets SQLite use them).
 * - `collection_assets` points at asset rowids with ON DELETE CASCADE: deleting an asset for good takes it out of
 *   every collection; trashing it only hides it (the trash keeps its memberships for a restore).
 * - Smart collections store their rules as JSON (model/smart-rules.ts), validated when read.
 * - "Used in a post" reads draft_assets (kept in step with every draft save since migration 3, so there is
 *   nothing to backfill) joined to posts by draft id, which gets the index it lacked.
 */
export const m0009: Migration = {
  version: 9,
  name: 'organise',
  up(db) {
    db.exec(`
      ALTER TABLE assets ADD COLUMN rating INTEGER NOT NULL DEFAULT 0 CHECK (rating BETWEEN 0 AND 5);
      ALTER TABLE assets ADD COLUMN label TEXT CHECK (label IS NULL OR label IN ('red', 'orange', 'yellow', 'green', 'blue', 'purple', 'grey'));
      CREATE INDEX assets_live_by_rating ON assets (rating) WHERE trashed_at IS NULL;
      CREATE INDEX assets_live_by_label ON assets (label) WHERE trashed_at IS NULL;

      CREATE TABLE collections (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        created_at TEXT NOT NULL
      );
      CREATE TABLE collection_assets (
        collection_rowid INTEGER NOT NULL REFERENCES collections (rowid) ON DELETE CASCADE,
        asset_rowid INTEGER NOT NULL REFERENCES assets (rowid) ON DELETE CASCADE,
        added_at TEXT NOT NULL,
        PRIMARY KEY (collection_rowid, asset_rowid)
      ) WITHOUT ROWID;
      -- Which collections hold an asset (the detail panel; the cascade on purge).
      CREATE INDEX collection_assets_by_asset ON collection_assets (asset_rowid, collection_rowid);

      CREATE TABLE smart_collections (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        rules TEXT NOT NULL CHECK (json_valid(rules)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );

      CREATE INDEX posts_by_draft ON posts (draft_id) WHERE draft_id IS NOT NULL;
    `);
  },
};
