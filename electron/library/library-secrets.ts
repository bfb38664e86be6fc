import type { Db } from './db';
import { type MachineKey, isSealed, seal, unseal } from './secret-crypto';

/** A stored secret as read back: its value, none stored, or why it cannot be read on this machine. */
export type SecretRead = { state: 'ok'; value: string } | { state: 'none' } | { state: 'other_machine' } | { state: 'damaged' };

/**
 * The library's secrets at rest (the webhook's header value; later tokens): AES-256-GCM with the machine key,
 * each sealed for its slot in this library (`slot`, e.g. 'connectors.webhook.headerValue'), so a sealed value
 * copied into another slot or library does not open. A library copied to another machine cannot open them:
 * the reader says 'other_machine' and the person is asked for the secret again.
 */
export class LibrarySecrets {
  constructor(
    private readonly key: MachineKey,
    private readonly libraryId: string,
  ) {}

  private context(slot: string): string {
    return `${this.libraryId}/${slot}`;
  }

  seal(slot: string, plaintext: string): string {
    return seal(this.key, plaintext, this.context(slot));
  }

  /** A stored value read back. A plain (unsealed) value from before sealing is returned as it is until `sealPlain` runs. */
  open(slot: string, stored: string | null): SecretRead {
    if (stored === null) return { state: 'none' };
    if (!isSealed(stored)) return { state: 'ok', value: stored };
    const r = unseal(this.key, stored, this.context(slot));
    if (r.ok) return { state: 'ok', value: r.value };
    return { state: r.why === 'other_key' ? 'other_machine' : 'damaged' };
  }
}

/** Set in the same transaction as a rewrite of a plain secret, cleared once the file is scrubbed. */
const SCRUB_PENDING = 'secrets.scrubPending';

/**
 * Rewrites rows that held a plain secret so that no copy of the old text survives in the file: secure_delete
 * zeroes what the rewrite frees, VACUUM rebuilds the file without the free pages older writes left behind, and
 * a TRUNCATE checkpoint empties the write-ahead log (which held the old pages). Used once per library, when a
 * plain secret from before sealing is found. The rewrite also marks a scrub as pending, so a scrub another
 * process kept from finishing (a reader holding the WAL) is finished at a later open (`finishScrub`).
 */
export function scrubbedRewrite(db: Db, rewrite: () => void): boolean {
  db.pragma('secure_delete = ON');
  db.transaction(() => {
    rewrite();
    db.prepare("INSERT INTO settings (key, value) VALUES (?, 'true') ON CONFLICT (key) DO UPDATE SET value = excluded.value").run(SCRUB_PENDING);
  }).immediate();
  return finishScrub(db);
}

/** Finishes a pending scrub; true when none is pending any more, false when the file is busy (try at the next open). */
export function finishScrub(db: Db): boolean {
  if (db.prepare('SELECT 1 FROM settings WHERE key = ?').get(SCRUB_PENDING) === undefined) return true;
  db.pragma('secure_delete = ON');
  try {
    db.exec('VACUUM');
  } catch {
    return false;
  }
  const [r] = db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[];
  if (r?.busy !== 0) return false;
  db.prepare('DELETE FROM settings WHERE key = ?').run(SCRUB_PENDING);
  return true;
}
