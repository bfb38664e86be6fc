import type { Migration } from './types';

/**
 * A video's dynamic range (issue 14 §3, docs/export.md "HDR footage"): 'sdr', 'hlg' or 'pq', read from its probe at
 * import, so HDR footage gets a tone-mapped proxy (model/proxy.ts needsProxy). NULL: imported before this column;
 * the next proxy job that meets the asset reads it from the file's header and checks the proxy it already has
 * (studio/media-jobs.ts). `media_rev` counts the times an asset's proxy or poster was made again over an older one:
 * media is served as immutable, so its address carries the count (AssetSummary.mediaRev) and a remade file is fetched
 * anew, not taken from the browser's cache.
 */
export const m0018: Migration = {
  version: 18,
  name: 'dynamic-range-media-rev',
  up(db) {
    db.exec(`
      ALTER TABLE assets ADD COLUMN dynamic_range TEXT CHECK (dynamic_range IS NULL OR dynamic_range IN ('sdr', 'hlg', 'pq'));
      ALTER TABLE assets ADD COLUMN media_rev INTEGER NOT NULL DEFAULT 0 CHECK (media_rev >= 0);
    `);
  },
};
