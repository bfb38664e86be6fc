import type { Migration } from './types';

/** Assets, their tags and the full-text index over name, tags and notes. */
export const m0001: Migration = {
  version: 1,
  name: 'assets',
  up(db) {
    db.exec(`
      CREATE TABLE assets (
        rowid INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        sha256 TEXT NOT NULL UNIQUE,
        kind TEXT NOT NULL CHECK (kind IN ('video', 'image', 'audio')),
        name TEXT NOT NULL,
        original_name TEXT NOT NULL,
        ext TEXT NOT NULL,
        size_bytes INTEGER NOT NULL,
        duration_sec REAL,
        width INTEGER,
        height INTEGER,
        rotation INTEGER NOT NULL DEFAULT 0,
        fps REAL,
        video_codec TEXT,
        audio_codec TEXT,
        has_audio INTEGER NOT NULL DEFAULT 0,
        created_at TEXT,
        format TEXT,
        notes TEXT NOT NULL DEFAULT '',
        has_thumbnail INTEGER NOT NULL DEFAULT 0,
        has_poster INTEGER NOT NULL DEFAULT 0,
        has_waveform INTEGER NOT NULL DEFAULT 0,
        imported_at TEXT NOT NULL,
        trashed_at TEXT
      );
      -- Rowids grow with each import, so "recently imported" is rowid order and needs no index of its own.
      -- Live assets by kind (rowid order inside each kind); the partial index also counts the library fast.
      CREATE INDEX assets_live_by_kind ON assets (kind) WHERE trashed_at IS NULL;
      CREATE INDEX assets_by_name ON assets (name COLLATE NOCASE);
      CREATE INDEX assets_by_trashed ON assets (trashed_at) WHERE trashed_at IS NOT NULL;

      CREATE TABLE asset_tags (
        asset_rowid INTEGER NOT NULL REFERENCES assets (rowid) ON DELETE CASCADE,
        tag TEXT NOT NULL,
        PRIMARY KEY (asset_rowid, tag)
      ) WITHOUT ROWID;
      CREATE INDEX asset_tags_by_tag ON asset_tags (tag, asset_rowid);

      -- Contentless: the text lives in assets/asset_tags; the index only maps words to rowids.
      -- Live and trashed assets have an index each, so counting a search's hits never has to look at rows.
      CREATE VIRTUAL TABLE assets_fts USING fts5 (
        name, tags, notes,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
      CREATE VIRTUAL TABLE assets_trash_fts USING fts5 (
        name, tags, notes,
        content = '', contentless_delete = 1,
        tokenize = 'unicode61 remove_diacritics 2',
        prefix = '2 3'
      );
    `);
  },
};
