import type { Migration } from './types';

/**
 * A video's dynamic range (issue 14 §3, docs/export.md "HDR footage"): 'sdr', 'hlg' or 'pq', read from its probe at
 * import, so HDR footage gets a tone-mapped proxy (model/proxy.ts needsProxy). NULL: imported before this column;
 * the next proxy job that meets the asset reads it from the file's header and checks the proxy it already has
 * (studio/media-jobs.ts).
 */
export const m0018: Migration = {
  version: 18,
  name: 'dynamic-range',
  up(db) {
    db.exec(`ALTER TABLE assets ADD COLUMN dynamic_range TEXT CHECK (dynamic_range IS NULL OR dynamic_range IN ('sdr', 'hlg', 'pq'));`);
  },
};
