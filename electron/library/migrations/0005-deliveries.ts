import type { Migration } from './types';

/**
 * The delivery ledger: one row per delivery (`${postId}:${channel}:${revision}`), the record that makes delivery
 * exactly-once across crashes. A row is marked 'sending' (committed) BEFORE any byte leaves, and 'delivered' after
 * a 2xx or a finished folder; on start a row still 'sending' means we died mid-delivery, and recovery decides
 * per connector (a folder delivery is idempotent and goes back to 'pending'; a webhook one becomes 'unknown').
 * The due-index serves the scheduler's "what may be sent now" query.
 */
export const m0005: Migration = {
  version: 5,
  name: 'deliveries',
  up(db) {
    db.exec(`
      CREATE TABLE deliveries (
        delivery_id     TEXT PRIMARY KEY,
        post_id         TEXT NOT NULL,
        channel         TEXT NOT NULL,
        connector       TEXT NOT NULL CHECK (connector IN ('folder', 'webhook')),
        state           TEXT NOT NULL DEFAULT 'pending'
                        CHECK (state IN ('pending', 'sending', 'delivered', 'retry', 'unknown', 'failed')),
        attempts        INTEGER NOT NULL DEFAULT 0 CHECK (attempts >= 0),
        next_attempt_at TEXT,
        last_error      TEXT,
        response_status INTEGER,
        updated_at      TEXT NOT NULL
      ) WITHOUT ROWID;
      CREATE INDEX deliveries_post ON deliveries (post_id);
      CREATE INDEX deliveries_due ON deliveries (state, next_attempt_at);
    `);
  },
};
