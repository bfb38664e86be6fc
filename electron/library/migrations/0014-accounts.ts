import type { Migration } from './types';

/**
 * Accounts and sessions (issue 13; docs/security.md "Accounts and sessions").
 *
 * users gain what signing in needs: `login` (unique without case; NULL = this person cannot sign in, as every
 * user before this migration), `password_hash` (scrypt, encoded with its parameters: library/accounts-repo.ts),
 * `disabled_at`, `approver_channels` (JSON array of channel ids an approver may decide on; NULL = every channel)
 * and `created_at`.
 *
 * sessions and invites store only the SHA-256 of their tokens: a copy of the library file signs nobody in.
 * An invite carries the role (and channels) the new account gets; a reset names the user whose password it sets.
 * Both work once (`used_at`) and expire (`expires_at`).
 */
export const m0014: Migration = {
  version: 14,
  name: 'accounts',
  up(db) {
    db.exec(`
      ALTER TABLE users ADD COLUMN login TEXT COLLATE NOCASE;
      ALTER TABLE users ADD COLUMN password_hash TEXT;
      ALTER TABLE users ADD COLUMN disabled_at TEXT;
      ALTER TABLE users ADD COLUMN approver_channels TEXT;
      ALTER TABLE users ADD COLUMN created_at TEXT;
      UPDATE users SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now');
      -- NULL logins are distinct in a UNIQUE index: any number of people who cannot sign in.
      CREATE UNIQUE INDEX users_login ON users (login COLLATE NOCASE);

      CREATE TABLE sessions (
        id TEXT PRIMARY KEY CHECK (length(id) = 64),
        user_id TEXT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        created_at TEXT NOT NULL,
        last_seen_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        address TEXT NOT NULL DEFAULT '',
        user_agent TEXT NOT NULL DEFAULT ''
      );
      CREATE INDEX sessions_by_user ON sessions (user_id);
      CREATE INDEX sessions_by_expiry ON sessions (expires_at);

      CREATE TABLE invites (
        id TEXT PRIMARY KEY CHECK (length(id) = 64),
        kind TEXT NOT NULL CHECK (kind IN ('invite', 'reset')),
        role TEXT CHECK (role IN ('creator', 'approver', 'admin')),
        approver_channels TEXT,
        user_id TEXT REFERENCES users (id) ON DELETE CASCADE,
        created_by TEXT NOT NULL,
        created_at TEXT NOT NULL,
        expires_at TEXT NOT NULL,
        used_at TEXT,
        CHECK ((kind = 'invite') = (role IS NOT NULL)),
        CHECK ((kind = 'reset') = (user_id IS NOT NULL))
      );
      CREATE INDEX invites_by_user ON invites (user_id);
    `);
  },
};
