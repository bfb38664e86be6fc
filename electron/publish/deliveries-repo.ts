import type { Db } from '../library/db';
import type { DeliveryState } from '../model/delivery-status';
import { BACKOFF, retryDelayMs } from './backoff';
import { type Connector, type ConnectorKind, type Delivery, type DeliveryOutcome, gaveUpText, retryingText } from './delivery';

/**
 * The delivery ledger (table `deliveries`, migration 5): what has been sent where, so each delivery happens
 * exactly once across crashes. Every state change is one committed statement, written BEFORE the next step
 * (better-sqlite3 is synchronous: when the call returns, the row is in the WAL).
 */
export { type DeliveryState, deliveryStates } from '../model/delivery-status';

export interface DeliveryRecord {
  deliveryId: string;
  postId: string;
  channel: string;
  connector: ConnectorKind;
  state: DeliveryState;
  attempts: number;
  nextAttemptAt: string | null;
  lastError: string | null;
  responseStatus: number | null;
  updatedAt: string;
}

type Row = {
  delivery_id: string;
  post_id: string;
  channel: string;
  connector: ConnectorKind;
  state: DeliveryState;
  attempts: number;
  next_attempt_at: string | null;
  last_error: string | null;
  response_status: number | null;
  updated_at: string;
};

const toRecord = (r: Row): DeliveryRecord => ({
  deliveryId: r.delivery_id,
  postId: r.post_id,
  channel: r.channel,
  connector: r.connector,
  state: r.state,
  attempts: r.attempts,
  nextAttemptAt: r.next_attempt_at,
  lastError: r.last_error,
  responseStatus: r.response_status,
  updatedAt: r.updated_at,
});

export const UNKNOWN_AFTER_CRASH =
  'Postframe stopped while sending this post, so the receiver may have it. Check the receiver, then mark it delivered or send it again (the same Idempotency-Key lets the receiver drop a repeat).';

export class DeliveriesRepo {
  constructor(
    private readonly db: Db,
    private readonly clock: () => Date = () => new Date(),
  ) {}

  private now(): string {
    return this.clock().toISOString();
  }

  get(deliveryId: string): DeliveryRecord | null {
    const r = this.db.prepare('SELECT * FROM deliveries WHERE delivery_id = ?').get(deliveryId) as Row | undefined;
    return r ? toRecord(r) : null;
  }

  /** The row for this delivery, created 'pending' if it is new. An existing row is returned unchanged. */
  ensure(d: Pick<Delivery, 'deliveryId' | 'postId'> & { channel: string }, connector: ConnectorKind): DeliveryRecord {
    this.db
      .prepare(`INSERT INTO deliveries (delivery_id, post_id, channel, connector, state, attempts, updated_at) VALUES (?, ?, ?, ?, 'pending', 0, ?) ON CONFLICT (delivery_id) DO NOTHING`)
      .run(d.deliveryId, d.postId, d.channel, connector, this.now());
    return this.get(d.deliveryId)!;
  }

  forPost(postId: string): DeliveryRecord[] {
    return (this.db.prepare('SELECT * FROM deliveries WHERE post_id = ? ORDER BY delivery_id').all(postId) as Row[]).map(toRecord);
  }

  withState(...states: DeliveryState[]): DeliveryRecord[] {
    const marks = states.map(() => '?').join(', ');
    return (this.db.prepare(`SELECT * FROM deliveries WHERE state IN (${marks}) ORDER BY updated_at`).all(...states) as Row[]).map(toRecord);
  }

  /** Deliveries the scheduler may send now: new ones, and retries whose wait is over. */
  due(at: Date = this.clock()): DeliveryRecord[] {
    return (
      this.db
        .prepare(`SELECT * FROM deliveries WHERE state = 'pending' OR (state = 'retry' AND (next_attempt_at IS NULL OR next_attempt_at <= ?)) ORDER BY updated_at`)
        .all(at.toISOString()) as Row[]
    ).map(toRecord);
  }

  /**
   * Claims the delivery for one send: 'sending' and attempts + 1, only from a sendable state (compare-and-set,
   * so two schedulers sharing a library cannot both send it). Returns false when someone else has it or it is done.
   */
  claim(deliveryId: string, from: readonly DeliveryState[]): boolean {
    const marks = from.map(() => '?').join(', ');
    const r = this.db
      .prepare(`UPDATE deliveries SET state = 'sending', attempts = attempts + 1, next_attempt_at = NULL, updated_at = ? WHERE delivery_id = ? AND state IN (${marks})`)
      .run(this.now(), deliveryId, ...from);
    return r.changes === 1;
  }

  /** Records what an attempt came to (only a row that is 'sending' changes). */
  record(deliveryId: string, patch: { state: Exclude<DeliveryState, 'sending'>; lastError: string | null; responseStatus: number | null; nextAttemptAt?: string | null }): DeliveryRecord {
    this.db
      .prepare(`UPDATE deliveries SET state = ?, last_error = ?, response_status = ?, next_attempt_at = ?, updated_at = ? WHERE delivery_id = ? AND state = 'sending'`)
      .run(patch.state, patch.lastError, patch.responseStatus, patch.nextAttemptAt ?? null, this.now(), deliveryId);
    return this.get(deliveryId)!;
  }

  /**
   * Moves a delivery that has not reached anyone to another connector (the person changed where the channel goes).
   * Only rows that are certainly not at a receiver: new, waiting to retry, or refused.
   */
  reroute(deliveryId: string, connector: ConnectorKind): DeliveryRecord | null {
    this.db.prepare(`UPDATE deliveries SET connector = ?, updated_at = ? WHERE delivery_id = ? AND state IN ('pending', 'retry', 'failed')`).run(connector, this.now(), deliveryId);
    return this.get(deliveryId);
  }

  /** When the next retry falls due (the scheduler wakes up then), or null when none waits. */
  nextRetryAt(): string | null {
    return (this.db.prepare(`SELECT MIN(next_attempt_at) FROM deliveries WHERE state = 'retry'`).pluck().get() as string | null) ?? null;
  }

  /** A person checked the receiver and says it has the post: never send it again. */
  markDelivered(deliveryId: string): DeliveryRecord | null {
    this.db.prepare(`UPDATE deliveries SET state = 'delivered', last_error = NULL, next_attempt_at = NULL, updated_at = ? WHERE delivery_id = ? AND state IN ('unknown', 'failed', 'retry')`).run(this.now(), deliveryId);
    return this.get(deliveryId);
  }

  /**
   * After a crash, on start (before any delivery runs): a row left 'sending' was in flight. A folder delivery is
   * idempotent by deliveryId, so it goes back to 'pending' and is simply written (or found) again. A webhook may
   * have reached the receiver, so it becomes 'unknown' and waits for a person. Returns the rows it changed.
   */
  recover(): DeliveryRecord[] {
    const stuck = this.withState('sending');
    const now = this.now();
    this.db.transaction(() => {
      this.db.prepare(`UPDATE deliveries SET state = 'pending', updated_at = ? WHERE state = 'sending' AND connector = 'folder'`).run(now);
      this.db.prepare(`UPDATE deliveries SET state = 'unknown', last_error = ?, updated_at = ? WHERE state = 'sending' AND connector <> 'folder'`).run(UNKNOWN_AFTER_CRASH, now);
    })();
    return stuck.map((r) => this.get(r.deliveryId)!);
  }
}

/** On start: see DeliveriesRepo.recover. */
export function recoverDeliveries(ledger: DeliveriesRepo): DeliveryRecord[] {
  return ledger.recover();
}

export interface DeliverOptions {
  /**
   * A person asked to send it again: allowed from 'unknown' and 'failed' (and from 'retry' before its time).
   * The webhook carries the same Idempotency-Key, so a receiver that has it can drop the repeat.
   */
  resend?: boolean;
  /**
   * Send again a delivery the receiver refused ('failed', never 'unknown'): a person re-exported the post
   * after fixing what was wrong. A refused request did not arrive, so this cannot make a duplicate.
   */
  resendFailed?: boolean;
  random?: () => number;
}

/**
 * One attempt at one delivery through the ledger: claim ('sending', committed) BEFORE sending, then record the
 * outcome. A delivered row is never sent again; an 'unknown' or 'failed' one only when a person resends; a
 * 'retry' only once its time has come (after BACKOFF.maxAttempts attempts it becomes 'failed').
 * Returns the row as it ends, and whether anything was sent.
 */
export async function deliver(ledger: DeliveriesRepo, connector: Connector, delivery: Delivery, opts: DeliverOptions & { now?: Date } = {}): Promise<{ record: DeliveryRecord; sent: boolean }> {
  const row = ledger.ensure({ deliveryId: delivery.deliveryId, postId: delivery.postId, channel: delivery.post.channel }, connector.kind);
  const retryReady = row.state === 'retry' && (row.nextAttemptAt == null || row.nextAttemptAt <= (opts.now ?? new Date()).toISOString());
  const from: DeliveryState[] = ['pending'];
  if (retryReady || (opts.resend && row.state === 'retry')) from.push('retry');
  if (opts.resend) from.push('unknown', 'failed');
  else if (opts.resendFailed) from.push('failed');
  if (!ledger.claim(delivery.deliveryId, from)) return { record: ledger.get(delivery.deliveryId)!, sent: false };

  let outcome: DeliveryOutcome;
  try {
    outcome = await connector.send(delivery);
  } catch (e) {
    // A connector reports outcomes rather than throwing; a throw is a bug, and nothing says the post left.
    outcome = { state: 'unknown', status: null, error: `Sending stopped unexpectedly (${(e as Error).message}). Check the receiver, then mark it delivered or send it again.` };
  }
  const attempts = ledger.get(delivery.deliveryId)!.attempts;
  // The wait counts from the end of this attempt (an upload can take minutes).
  const now = opts.now ?? new Date();
  switch (outcome.state) {
    case 'delivered':
      return { record: ledger.record(delivery.deliveryId, { state: 'delivered', lastError: null, responseStatus: outcome.status }), sent: true };
    case 'retry': {
      const wait = retryDelayMs(Math.min(attempts, BACKOFF.maxAttempts), outcome.retryAfterMs, opts.random);
      if (wait == null) {
        return { record: ledger.record(delivery.deliveryId, { state: 'failed', lastError: gaveUpText(attempts, outcome), responseStatus: outcome.status }), sent: true };
      }
      const nextAttemptAt = new Date(now.getTime() + wait).toISOString();
      return { record: ledger.record(delivery.deliveryId, { state: 'retry', lastError: retryingText(outcome), responseStatus: outcome.status, nextAttemptAt }), sent: true };
    }
    case 'unknown':
    case 'failed':
      return { record: ledger.record(delivery.deliveryId, { state: outcome.state, lastError: outcome.error, responseStatus: outcome.status }), sent: true };
  }
}
