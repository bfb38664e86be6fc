import type { Migration } from './types';

/**
 * The audit log's signed head (docs/audit.md "Anchor") and the library's own id.
 *
 * `library_identity`: one row, a random id made here once, so the head's signature names this library (a head
 * copied from another library signed with the same key does not fit). Backups keep it; a restore is the same
 * library.
 *
 * `audit_anchor`: one row, the newest entry's number and hash, HMAC-signed with the machine key (kept outside
 * the library: library/machine-key.ts, or Electron's keychain), and the key's fingerprint. It is written in the
 * same transaction as each entry (library/audit-repo.ts). The migration cannot sign (it has no key), so the row
 * is made when the library is first opened after it: a new library's first entry is `library_created`, an older
 * library's is `audit_anchored` ("trust on first use").
 */
export const m0015: Migration = {
  version: 15,
  name: 'audit-anchor',
  up(db) {
    db.exec(`
      CREATE TABLE library_identity (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        id TEXT NOT NULL CHECK (length(id) = 32)
      );
      INSERT INTO library_identity (one, id) VALUES (1, lower(hex(randomblob(16))));

      CREATE TABLE audit_anchor (
        one INTEGER PRIMARY KEY CHECK (one = 1),
        seq INTEGER NOT NULL,
        hash TEXT NOT NULL CHECK (length(hash) = 64),
        mac TEXT NOT NULL CHECK (length(mac) = 64),
        key_id TEXT NOT NULL,
        signed_at TEXT NOT NULL
      );
    `);
  },
};
