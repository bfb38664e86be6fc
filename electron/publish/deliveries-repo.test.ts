import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase } from '../library/db';
import { testDelivery } from './__tests__/deliveries';
import { DeliveriesRepo, UNKNOWN_AFTER_CRASH, deliver, recoverDeliveries } from './deliveries-repo';
import type { Connector, DeliveryOutcome } from './delivery';

let db: Db;
let ledger: DeliveriesRepo;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
  ledger = new DeliveriesRepo(db, () => new Date('2026-06-01T06:00:00.000Z'));
});
afterEach(() => db.close());

/** A connector that answers from a script and records what the ledger said while it was sending. */
function scripted(kind: Connector['kind'], outcomes: DeliveryOutcome[]): Connector & { seen: string[] } {
  const seen: string[] = [];
  return {
    kind,
    seen,
    send: async (d) => {
      seen.push(ledger.get(d.deliveryId)!.state);
      const next = outcomes.shift();
      if (!next) throw new Error('no more scripted outcomes');
      return next;
    },
  };
}

const d = testDelivery('p1');
const row = (id: string, post: string, connector: 'folder' | 'webhook') => ledger.ensure({ deliveryId: id, postId: post, channel: 'tiktok' }, connector);

describe('deliveries ledger', () => {
  it('creates a row once and returns the existing one afterwards', () => {
    expect(row('a', 'p1', 'webhook')).toMatchObject({ state: 'pending', attempts: 0, connector: 'webhook', updatedAt: '2026-06-01T06:00:00.000Z' });
    ledger.claim('a', ['pending']);
    expect(row('a', 'p1', 'webhook')).toMatchObject({ state: 'sending', attempts: 1 });
    expect(ledger.forPost('p1').map((r) => r.deliveryId)).toEqual(['a']);
  });

  it('claims only from the allowed states, so two senders cannot both send', () => {
    row('a', 'p1', 'webhook');
    expect(ledger.claim('a', ['pending'])).toBe(true);
    expect(ledger.claim('a', ['pending'])).toBe(false);
    expect(ledger.get('a')!.attempts).toBe(1);
  });

  it('recovery: folder rows in flight go back to pending, webhook rows become unknown, others stay', () => {
    row('f', 'p1', 'folder');
    row('w', 'p1', 'webhook');
    row('done', 'p2', 'webhook');
    row('new', 'p3', 'webhook');
    for (const id of ['f', 'w', 'done']) ledger.claim(id, ['pending']);
    ledger.record('done', { state: 'delivered', lastError: null, responseStatus: 200 });
    expect(recoverDeliveries(ledger).map((r) => [r.deliveryId, r.state])).toEqual([
      ['f', 'pending'],
      ['w', 'unknown'],
    ]);
    expect(ledger.get('w')!.lastError).toBe(UNKNOWN_AFTER_CRASH);
    expect(ledger.get('done')!.state).toBe('delivered');
    expect(ledger.get('new')!.state).toBe('pending');
    expect(ledger.due().map((r) => r.deliveryId).sort()).toEqual(['f', 'new']);
  });

  it('marks sending BEFORE the connector runs, delivered after', async () => {
    const c = scripted('webhook', [{ state: 'delivered', status: 200, message: null }]);
    const { record } = await deliver(ledger, c, d);
    expect(c.seen).toEqual(['sending']);
    expect(record).toMatchObject({ state: 'delivered', attempts: 1, responseStatus: 200 });
  });

  it('lets a person mark an unknown delivery as delivered, after which it is never sent', async () => {
    const c = scripted('webhook', [{ state: 'unknown', status: null, error: 'dropped' }]);
    expect((await deliver(ledger, c, d)).record.state).toBe('unknown');
    expect(ledger.markDelivered(d.deliveryId)!.state).toBe('delivered');
    expect((await deliver(ledger, c, d, { resend: true })).sent).toBe(false);
    expect(c.seen).toHaveLength(1);
  });

  it('treats a connector that throws as an unknown outcome (it may have sent)', async () => {
    const c = scripted('webhook', []);
    const { record } = await deliver(ledger, c, d);
    expect(record).toMatchObject({ state: 'unknown', lastError: expect.stringMatching(/no more scripted outcomes/) });
  });

  it('re-sends a failed delivery only when asked', async () => {
    const c = scripted('webhook', [
      { state: 'failed', status: 400, error: 'bad' },
      { state: 'delivered', status: 200, message: null },
    ]);
    expect((await deliver(ledger, c, d)).record.state).toBe('failed');
    expect((await deliver(ledger, c, d)).sent).toBe(false);
    expect((await deliver(ledger, c, d, { resend: true })).record).toMatchObject({ state: 'delivered', attempts: 2, lastError: null });
  });

  it('a re-export sends again what was refused, never what may have arrived', async () => {
    const refused = scripted('webhook', [{ state: 'failed', status: 422, error: 'too long' }, { state: 'delivered', status: 201, message: null }]);
    expect((await deliver(ledger, refused, d)).record.state).toBe('failed');
    expect((await deliver(ledger, refused, d, { resendFailed: true })).record.state).toBe('delivered');
    const e = testDelivery('p2');
    const maybe = scripted('webhook', [{ state: 'unknown', status: null, error: 'dropped' }]);
    expect((await deliver(ledger, maybe, e)).record.state).toBe('unknown');
    expect((await deliver(ledger, maybe, e, { resendFailed: true })).sent).toBe(false);
  });

  it('moves a delivery to another connector only while it has reached no one', () => {
    for (const id of ['new', 'sent', 'maybe']) row(id, 'p1', 'webhook');
    ledger.claim('sent', ['pending']);
    ledger.record('sent', { state: 'delivered', lastError: null, responseStatus: 200 });
    ledger.claim('maybe', ['pending']);
    ledger.record('maybe', { state: 'unknown', lastError: 'dropped', responseStatus: null });
    expect(['new', 'sent', 'maybe'].map((id) => ledger.reroute(id, 'folder')!.connector)).toEqual(['folder', 'webhook', 'webhook']);
  });

  it('tells the scheduler when the next retry falls due', () => {
    expect(ledger.nextRetryAt()).toBeNull();
    for (const [id, at] of [['a', '2026-06-01T06:05:00.000Z'], ['b', '2026-06-01T06:01:00.000Z']] as const) {
      row(id, 'p1', 'webhook');
      ledger.claim(id, ['pending']);
      ledger.record(id, { state: 'retry', lastError: '503', responseStatus: 503, nextAttemptAt: at });
    }
    expect(ledger.nextRetryAt()).toBe('2026-06-01T06:01:00.000Z');
  });
});
