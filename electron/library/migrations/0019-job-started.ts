import type { Migration } from './types';

/**
 * When a job began running (ISO-8601), apart from when it was queued: the time left of an export counts from here,
 * so a job that waited behind another is not given the wait as part of its pace (walk #71). NULL: still queued, or
 * a job from before this column (the time left then falls back to its creation).
 */
export const m0019: Migration = {
  version: 19,
  name: 'job-started-at',
  up(db) {
    db.exec(`ALTER TABLE jobs ADD COLUMN started_at TEXT;`);
  },
};
