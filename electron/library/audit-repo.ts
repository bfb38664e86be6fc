import { createHash } from 'node:crypto';
import { AUDIT_GENESIS_HASH, type AuditAction, type AuditEntry, type AuditVerifyResult, canonicalJson } from '../model/audit';
import type { Db } from './db';

type Row = {
  seq: number;
  at: string;
  actor_id: string;
  actor_name: string;
  action: string;
  post_id: string | null;
  detail: string;
  prev_hash: string;
  hash: string;
};

export type AuditInput = {
  actor: { id: string; name: string };
  action: AuditAction;
  postId: string | null;
  detail?: Record<string, unknown>;
  /** Defaults to now; given by tests and by callers replaying a known time. */
  at?: string;
};

/**
 * The hash of one entry: SHA-256 over the canonical JSON of every stored field except the hash itself.
 * `detail` is hashed as the exact text stored, so verifying never depends on re-serialising it; `seq` is
 * included so entries cannot be renumbered to hide a deletion.
 */
export function auditHash(r: Omit<Row, 'hash'>): string {
  const fields = {
    seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, postId: r.post_id, detail: r.detail, prevHash: r.prev_hash,
  };
  return createHash('sha256').update(canonicalJson(fields)).digest('hex');
}

function toEntry(r: Row): AuditEntry {
  return {
    seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action as AuditAction, postId: r.post_id,
    detail: JSON.parse(r.detail) as Record<string, unknown>, prevHash: r.prev_hash, hash: r.hash,
  };
}

/** The append-only, hash-chained audit log (migration 0006). */
export class AuditRepo {
  constructor(private readonly db: Db) {}

  append(input: AuditInput): AuditEntry {
    // IMMEDIATE: two processes on one library (app and CLI) must not both read the same last entry.
    const write = this.db.transaction((): Row => {
      const last = this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
      const row: Omit<Row, 'hash'> = {
        seq: (last?.seq ?? 0) + 1,
        at: input.at ?? new Date().toISOString(),
        actor_id: input.actor.id,
        actor_name: input.actor.name,
        action: input.action,
        post_id: input.postId,
        detail: canonicalJson(input.detail ?? {}),
        prev_hash: last?.hash ?? AUDIT_GENESIS_HASH,
      };
      const full = { ...row, hash: auditHash(row) };
      this.db
        .prepare(
          `INSERT INTO audit_log (seq, at, actor_id, actor_name, action, post_id, detail, prev_hash, hash)
           VALUES (@seq, @at, @actor_id, @actor_name, @action, @post_id, @detail, @prev_hash, @hash)`,
        )
        .run(full);
      return full;
    });
    return toEntry(write.immediate());
  }

  /** Oldest first: the history of one post, or of the whole library when postId is undefined. */
  list(postId?: string | null): AuditEntry[] {
    const rows =
      postId === undefined
        ? this.db.prepare('SELECT * FROM audit_log ORDER BY seq').all()
        : this.db.prepare('SELECT * FROM audit_log WHERE post_id IS ? ORDER BY seq').all(postId);
    return (rows as Row[]).map(toEntry);
  }

  count(): number {
    return this.db.prepare('SELECT COUNT(*) FROM audit_log').pluck().get() as number;
  }

  /**
   * Walks the chain from the first entry and names the first one that is wrong: a number missing
   * ('gap': a deleted entry), contents that no longer match their hash ('hash_mismatch': an edit), or an
   * entry that does not point at the hash of the one before ('broken_link': an entry inserted, replaced
   * with a recomputed hash, or one before it removed). Deleting the newest entries leaves no trace in the
   * chain itself; that needs an anchor kept elsewhere (see docs/audit.md).
   */
  verify(): AuditVerifyResult {
    let expectedSeq = 1;
    let prevHash = AUDIT_GENESIS_HASH;
    for (const r of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
      if (r.seq !== expectedSeq) return { ok: false, seq: expectedSeq, problem: 'gap' };
      const { hash, ...fields } = r;
      if (auditHash(fields) !== hash) return { ok: false, seq: r.seq, problem: 'hash_mismatch' };
      if (r.prev_hash !== prevHash) return { ok: false, seq: r.seq, problem: 'broken_link' };
      prevHash = hash;
      expectedSeq++;
    }
    return { ok: true, count: expectedSeq - 1 };
  }
}
