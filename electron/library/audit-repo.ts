import { createHash } from 'node:crypto';
import {
  AUDIT_GENESIS_HASH,
  type AuditAction,
  type AuditEntry,
  type AuditFinding,
  type AuditNote,
  type AuditReport,
  type AuditVerifyResult,
  canonicalJson,
  isAuditSelfAction,
} from '../model/audit';
import type { Db } from './db';
import { type MachineKey, anchorMac, macMatches } from './secret-crypto';

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

/** The actor of the entries the log writes about itself (genesis, guard restored, head taken over). */
export const AUDIT_SYSTEM_ACTOR = { id: 'postframe', name: 'Postframe' } as const;

type AnchorRow = { seq: number; hash: string; mac: string; key_id: string; signed_at: string };

/**
 * The append-only triggers, as migration 0006 made them (a shipped migration is frozen, so they are repeated
 * here rather than shared): re-created when the library is opened and they are missing.
 */
const GUARD_TRIGGERS: Record<string, string> = {
  audit_log_no_update: `CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its entries cannot be changed.'); END;`,
  audit_log_no_delete: `CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log
      BEGIN SELECT RAISE(ABORT, 'The audit log is append-only: its entries cannot be deleted.'); END;`,
  audit_log_append_only: `CREATE TRIGGER audit_log_append_only BEFORE INSERT ON audit_log
      WHEN NEW.seq IS NOT (SELECT IFNULL(MAX(seq), 0) + 1 FROM audit_log)
        OR NEW.prev_hash IS NOT IFNULL((SELECT hash FROM audit_log ORDER BY seq DESC LIMIT 1), printf('%064d', 0))
      BEGIN SELECT RAISE(ABORT, 'An audit entry must continue the chain: next seq, linked to the last entry''s hash.'); END;`,
};

/** The schema version whose first open signs the head (migration 0015): earlier libraries are anchored on trust. */
const ANCHOR_SCHEMA_VERSION = 15;

/**
 * The append-only, hash-chained audit log (migration 0006) and its signed head (migration 0015): every append
 * updates the head's HMAC in the same IMMEDIATE transaction, with the machine key (which never enters the file).
 */
export class AuditRepo {
  constructor(
    private readonly db: Db,
    private readonly key: MachineKey,
  ) {}

  append(input: AuditInput): AuditEntry {
    // Verify reads the log's own entries as its history (guard restored, head lost…): only this file writes them.
    if (isAuditSelfAction(input.action)) throw new Error(`'${input.action}' entries are written by the audit log itself`);
    return this.appendSigned(input);
  }

  private appendSigned(input: AuditInput): AuditEntry {
    // IMMEDIATE: two processes on one library (app and CLI) must not both read the same last entry.
    const write = this.db.transaction((): AuditEntry => {
      const anchor = this.anchor();
      const last = this.last();
      // The head was signed by another key: record what it said (another machine can check it) before taking it over.
      if (anchor && anchor.key_id !== this.key.keyId) {
        this.insert({
          actor: AUDIT_SYSTEM_ACTOR, action: 'audit_key_changed', postId: null, at: input.at,
          detail: { fromKeyId: anchor.key_id, toKeyId: this.key.keyId, seq: anchor.seq, hash: anchor.hash, mac: anchor.mac },
        });
      } else if (!anchor && last) {
        // Opening signs the head; it can only be missing now if someone deleted it while the library was open.
        this.insert({ actor: AUDIT_SYSTEM_ACTOR, action: 'audit_head_restored', postId: null, at: input.at, detail: { lastSeq: last.seq } });
      }
      const entry = this.insert(input);
      this.sign(entry);
      return entry;
    });
    return write.immediate();
  }

  private insert(input: AuditInput): AuditEntry {
    const last = this.last();
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
    return toEntry(full);
  }

  private last(): { seq: number; hash: string } | undefined {
    return this.db.prepare('SELECT seq, hash FROM audit_log ORDER BY seq DESC LIMIT 1').get() as { seq: number; hash: string } | undefined;
  }

  private anchor(): AnchorRow | undefined {
    return this.db.prepare('SELECT seq, hash, mac, key_id, signed_at FROM audit_anchor WHERE one = 1').get() as AnchorRow | undefined;
  }

  /** The library's own id (migration 0015), which the head's signature names. */
  libraryId(): string {
    return this.db.prepare('SELECT id FROM library_identity WHERE one = 1').pluck().get() as string;
  }

  private sign(head: { seq: number; hash: string }): void {
    const mac = anchorMac(this.key, { libraryId: this.libraryId(), seq: head.seq, hash: head.hash });
    this.db
      .prepare(
        `INSERT INTO audit_anchor (one, seq, hash, mac, key_id, signed_at) VALUES (1, @seq, @hash, @mac, @keyId, @at)
         ON CONFLICT (one) DO UPDATE SET seq = excluded.seq, hash = excluded.hash, mac = excluded.mac, key_id = excluded.key_id, signed_at = excluded.signed_at`,
      )
      .run({ seq: head.seq, hash: head.hash, mac, keyId: this.key.keyId, at: new Date().toISOString() });
  }

  /** The append-only triggers that are not in the file now (read from sqlite_master; nothing is changed). */
  missingGuards(): string[] {
    const present = new Set(this.db.prepare("SELECT name FROM sqlite_master WHERE type = 'trigger' AND tbl_name = 'audit_log'").pluck().all() as string[]);
    return Object.keys(GUARD_TRIGGERS).filter((name) => !present.has(name));
  }

  /**
   * Run when a library is opened, after its migrations (`schemaBefore`: its version before them; 0 for a new
   * library). Puts back missing triggers and records that they were missing; signs a head that has none: a new
   * library's first entry is `library_created`, a library from before anchoring gets `audit_anchored` (trust on
   * first use), and a library that had a signed head but lost it gets `audit_head_restored`, which verify reports
   * from then on. One transaction: opening either does all of it or none.
   */
  secureOnOpen(opts: { schemaBefore: number; at?: string; detail?: Record<string, unknown> }): void {
    this.db
      .transaction(() => {
        const missing = this.missingGuards();
        for (const name of missing) this.db.exec(GUARD_TRIGGERS[name]!);
        if (!this.anchor()) {
          const last = this.last();
          const base = { actor: AUDIT_SYSTEM_ACTOR, postId: null, at: opts.at };
          let entry: AuditEntry;
          if (opts.schemaBefore === 0 && !last) entry = this.insert({ ...base, action: 'library_created', detail: { libraryId: this.libraryId(), ...opts.detail } });
          else if (opts.schemaBefore < ANCHOR_SCHEMA_VERSION) entry = this.insert({ ...base, action: 'audit_anchored', detail: { trustedUpTo: last?.seq ?? 0, hash: last?.hash ?? null, ...opts.detail } });
          else entry = this.insert({ ...base, action: 'audit_head_restored', detail: { lastSeq: last?.seq ?? 0 } });
          this.sign(entry);
        }
        if (missing.length > 0) this.appendSigned({ actor: AUDIT_SYSTEM_ACTOR, action: 'audit_guard_restored', postId: null, at: opts.at, detail: { triggers: missing } });
      })
      .immediate();
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
   * chain itself: `verify` checks that against the signed head.
   */
  verifyChain(): AuditVerifyResult {
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

  /**
   * Everything that can be checked with this machine's key, without changing anything (the triggers are read
   * from sqlite_master, never re-created here): the guard now, the chain, the history the log records about
   * itself, and the signed head against the last entry. `ok` only when nothing at all was found.
   */
  verify(): AuditReport {
    const findings: AuditFinding[] = [];
    const notes: AuditNote[] = [];
    const missing = this.missingGuards();
    if (missing.length > 0) findings.push({ kind: 'guard_missing', triggers: missing });
    const chain = this.verifyChain();
    if (!chain.ok) findings.push({ kind: 'chain', seq: chain.seq, problem: chain.problem });
    const libraryId = this.libraryId();
    const selfEntries = this.db.prepare(`SELECT * FROM audit_log WHERE action IN ('audit_anchored', 'audit_guard_restored', 'audit_head_restored', 'audit_key_changed') ORDER BY seq`).all() as Row[];
    for (const r of selfEntries) {
      const detail = JSON.parse(r.detail) as Record<string, unknown>;
      if (r.action === 'audit_anchored') notes.push({ kind: 'anchored_late', seq: r.seq, at: r.at });
      else if (r.action === 'audit_guard_restored') findings.push({ kind: 'guard_was_missing', seq: r.seq, at: r.at, triggers: Array.isArray(detail.triggers) ? detail.triggers.map(String) : [] });
      else if (r.action === 'audit_head_restored') findings.push({ kind: 'head_was_missing', seq: r.seq, at: r.at });
      else if (detail.fromKeyId !== this.key.keyId) findings.push({ kind: 'moved_from', seq: r.seq, at: r.at, keyId: String(detail.fromKeyId) });
      else {
        // Our own head from before the library left: it must still be signed right and name the entry before this one.
        const prev = this.db.prepare('SELECT seq, hash FROM audit_log WHERE seq = ?').get(r.seq - 1) as { seq: number; hash: string } | undefined;
        const head = { libraryId, seq: Number(detail.seq), hash: String(detail.hash) };
        const signed = macMatches(anchorMac(this.key, head), String(detail.mac));
        if (!signed || !prev || prev.seq !== head.seq || prev.hash !== head.hash) findings.push({ kind: 'move_mismatch', seq: r.seq });
      }
    }
    const last = this.last();
    const count = this.count();
    if (count === 0) findings.push({ kind: 'empty' });
    const anchor = this.anchor();
    if (!anchor) findings.push({ kind: 'no_anchor' });
    else if (anchor.key_id !== this.key.keyId) findings.push({ kind: 'other_key', keyId: anchor.key_id, ours: this.key.keyId });
    else if (!macMatches(anchorMac(this.key, { libraryId, seq: anchor.seq, hash: anchor.hash }), anchor.mac)) findings.push({ kind: 'anchor_forged' });
    else if (last && anchor.seq < last.seq) findings.push({ kind: 'unsigned_tail', lastSeq: last.seq, anchoredSeq: anchor.seq });
    else if (anchor.seq > (last?.seq ?? 0)) findings.push({ kind: 'truncated', lastSeq: last?.seq ?? 0, anchoredSeq: anchor.seq });
    else if (last && anchor.hash !== last.hash) findings.push({ kind: 'anchor_hash', seq: anchor.seq });
    return { ok: findings.length === 0, count, keyId: this.key.keyId, findings, notes };
  }

  /**
   * The log for an outside archive: one JSON line per entry (the stored fields, `detail` as its exact stored
   * text so hashes can be recomputed), then a head line: the signed head exactly as stored (seq, hash, mac, key
   * id) and the library's id. Nothing new is signed, so exporting a tampered log cannot launder it: the lines
   * and the head disagree. docs/audit.md "Export".
   */
  *exportLines(): Generator<string> {
    for (const r of this.db.prepare('SELECT * FROM audit_log ORDER BY seq').iterate() as IterableIterator<Row>) {
      yield canonicalJson({ seq: r.seq, at: r.at, actorId: r.actor_id, actorName: r.actor_name, action: r.action, postId: r.post_id, detail: r.detail, prevHash: r.prev_hash, hash: r.hash });
    }
    const a = this.anchor();
    yield canonicalJson({ head: a ? { libraryId: this.libraryId(), seq: a.seq, hash: a.hash, mac: a.mac, keyId: a.key_id, signedAt: a.signed_at } : null });
  }
}
