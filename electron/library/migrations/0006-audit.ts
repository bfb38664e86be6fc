import type { Migration } from './types';

/**
 * The audit log: append-only and hash-chained (library/audit-repo.ts computes the hashes; verify() checks
 * them). The triggers make the app itself unable to change history; someone editing the file with another
 * tool can drop them, which is what the hash chain is there to reveal.
 *
 * `action` has no CHECK list on purpose: adding an action later would mean rebuilding a table whose rows
 * may never be rewritten. The repository only writes the actions model/audit.ts names.
 */
export const m0006: Migration = {
  version: 6,
  name: 'audit',
  up(db) {
    db.exec(`
      CREATE TABLE audit_log (
        seq INTEGER PRIMARY KEY,
        at TEXT NOT NULL,
        actor_id TEXT NOT NULL,
        actor_name TEXT NOT NULL,
        action TEXT NOT NULL,
        post_id TEXT,
        detail TEXT NOT NULL DEFAULT '{}',
        prev_hash TEXT NOT NULL CHECK (length(prev_hash) = 64),
        hash TEXT NOT NULL UNIQUE CHECK (length(hash) = 64)
      );
      CREATE INDEX audit_by_post ON audit_log (post_id, seq);

      -- History is never rewritten.
      CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its entries cannot be changed.'); END;
      CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its entries cannot be deleted.'); END;

      -- A new entry continues the chain: the next number, linked to the last entry's hash.
      CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT IFNULL((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
      BEGIN SELECT RAISE(ABORT, 'An audit entry must continue the chain: next seq, linked to the last entry''s hash.'); END;
    `);
  },
};
