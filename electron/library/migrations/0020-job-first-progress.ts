import type { Migration } from './types';

/**
 * A running job's first progress report above 0: when (ISO-8601) and how far. An export spends its first seconds
 * probing and starting ffmpeg at 0 %, so its time left is paced from this report rather than from its start, or
 * it overestimates early (walk #80). Kept by the engine, so a browser that opens Jobs mid-export reads the same.
 * NULL: no progress yet, or a job from before these columns (the time left then paces from its start).
 */
export const m0020: Migration = {
  version: 20,
  name: 'job-first-progress',
  up(db) {
    db.exec(`
      ALTER TABLE jobs ADD COLUMN first_progress_at TEXT;
      ALTER TABLE jobs ADD COLUMN first_progress REAL;
    `);
  },
};
