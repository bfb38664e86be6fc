import type { Migration } from './types';

/** Persisted jobs, so progress survives a reload and a crash never leaves a job "running". */
export const m0002: Migration = {
  version: 2,
  name: 'jobs',
  up(db) {
    db.exec(`
      CREATE TABLE jobs (
        id TEXT PRIMARY KEY,
        kind TEXT NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed', 'cancelled')),
        title TEXT NOT NULL,
        input TEXT NOT NULL,
        progress REAL,
        detail TEXT,
        error TEXT,
        result TEXT,
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
      );
      CREATE INDEX jobs_by_status ON jobs (status);
      CREATE INDEX jobs_by_created ON jobs (created_at);
    `);
  },
};
