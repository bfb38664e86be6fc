import type { Migration } from './types';

/**
 * Beat markers found in an asset's sound (issue 14 §4; docs/timeline.md "Beats"): one row per asset whose beats were
 * found (the 'beats' job, studio/beats-api.ts). `beats` is a JSON array of seconds from the start of the file,
 * ascending; `bpm` the tempo their spacing suggests (NULL with too few). `version` is the detector's
 * (model/beats-job.ts BEATS_VERSION). Kept with the asset, not in drafts: every clip of the asset in every draft
 * shows the same beats, and the row goes when the asset is purged (foreign key).
 */
export const m0016: Migration = {
  version: 16,
  name: 'asset-beats',
  up(db) {
    db.exec(`
      CREATE TABLE asset_beats (
        asset_rowid INTEGER PRIMARY KEY REFERENCES assets (rowid) ON DELETE CASCADE,
        version INTEGER NOT NULL,
        beats TEXT NOT NULL CHECK (json_valid(beats) AND json_type(beats) = 'array'),
        bpm REAL CHECK (bpm IS NULL OR bpm > 0),
        computed_at TEXT NOT NULL
      );
    `);
  },
};
