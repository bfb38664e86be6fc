import type { Migration } from './types';

/**
 * Drafts (the current document of each), their revision history, and which assets each draft uses.
 * Documents are JSON text (electron/model/draft.ts, versioned by their own `schemaVersion`); the columns
 * beside them are copies the library list and the purge check need without parsing any JSON.
 */
export const m0003: Migration = {
  version: 3,
  name: 'drafts',
  up(db) {
    db.exec(`
      CREATE TABLE drafts (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        name TEXT NOT NULL,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'image')),
        preset TEXT NOT NULL,
        duration_sec REAL NOT NULL DEFAULT 0,
        -- The revision the current doc was saved as; a save must name it as its base (no silent overwrite).
        revision INTEGER NOT NULL,
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        trashed_at TEXT
      );
      -- The draft list (most recently edited first) and the trash (most recently trashed first) each read
      -- one partial index in order, with no sort step.
      CREATE INDEX drafts_live_by_updated ON drafts (updated_at) WHERE trashed_at IS NULL;
      CREATE INDEX drafts_by_trashed ON drafts (trashed_at) WHERE trashed_at IS NOT NULL;

      -- Every saved document, kept for recovery. Not WITHOUT ROWID: documents can be tens of kilobytes,
      -- and SQLite advises rowid tables for rows that large.
      CREATE TABLE draft_revisions (
        draft_rowid INTEGER NOT NULL REFERENCES drafts (rowid) ON DELETE CASCADE,
        revision INTEGER NOT NULL,
        saved_at TEXT NOT NULL,
        name TEXT NOT NULL,
        duration_sec REAL NOT NULL DEFAULT 0,
        doc TEXT NOT NULL CHECK (json_valid(doc)),
        PRIMARY KEY (draft_rowid, revision)
      );

      -- Which assets a draft's current document uses, rewritten with every save. No foreign key to
      -- assets: a trashed draft may keep pointing at an asset that was deleted for good (the editor shows
      -- it as missing), while a live draft's use is what stops that deletion.
      CREATE TABLE draft_assets (
        draft_rowid INTEGER NOT NULL REFERENCES drafts (rowid) ON DELETE CASCADE,
        asset_id TEXT NOT NULL,
        PRIMARY KEY (draft_rowid, asset_id)
      ) WITHOUT ROWID;
      CREATE INDEX draft_assets_by_asset ON draft_assets (asset_id, draft_rowid);
    `);
  },
};
