import fs from 'node:fs';
import type { ServerResponse } from 'node:http';
import os from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase } from '../library/db';
import { FIXTURE_COVER, FIXTURE_MEDIA, testDelivery } from './__tests__/deliveries';
import { type Behaviour, type Receiver, parseMultipart, startReceiver } from './__tests__/receiver';
import { DeliveriesRepo, deliver } from './deliveries-repo';
import { gaveUpText, retryingText } from './delivery';
import { outcomeForStatus, serverMessage, webhookConnector } from './webhook-connector';

let db: Db;
let ledger: DeliveriesRepo;
let receiver: Receiver | null = null;
beforeEach(() => {
  db = openDatabase(':memory:');
  migrate(db);
  ledger = new DeliveriesRepo(db);
});
afterEach(async () => {
  await receiver?.close();
  receiver = null;
  db.close();
});

const T0 = new Date('2026-06-01T06:00:00.000Z');
const start = async (b: Behaviour) => (receiver = await startReceiver(b));
const hook = (timeoutMs = 30_000) => webhookConnector({ url: receiver!.url, version: '9.8.7', timeoutMs });
const ok = (res: ServerResponse) => res.writeHead(201, { 'content-type': 'application/json' }).end('{"id":"r1"}');

describe('webhook connector', () => {
  it('posts multipart metadata + media + cover with the idempotency key and user agent', async () => {
    await start((_r, res) => ok(res));
    const d = testDelivery('p1');
    const { record, sent } = await deliver(ledger, hook(), d, { now: T0 });
    expect(sent).toBe(true);
    expect(record).toMatchObject({ state: 'delivered', attempts: 1, responseStatus: 201, lastError: null });
    const [req] = receiver!.requests;
    expect(req).toMatchObject({ key: 'p1:instagram_reel:1', userAgent: 'Postframe/9.8.7', contentLength: req!.body.length });
    const parts = parseMultipart(req!.body, req!.contentType);
    expect([...parts.keys()]).toEqual(['metadata', 'media', 'cover']);
    expect(JSON.parse(parts.get('metadata')!.data.toString())).toMatchObject({ deliveryId: 'p1:instagram_reel:1', title: d.post.title, hashtags: ['kesä', 'jäätelö'] });
    expect(parts.get('media')!.headers).toMatch(/filename="media\.mp4"[\s\S]*video\/mp4/);
    expect(parts.get('media')!.data.equals(fs.readFileSync(FIXTURE_MEDIA))).toBe(true);
    expect(parts.get('cover')!.data.equals(fs.readFileSync(FIXTURE_COVER))).toBe(true);
  });

  it('(a) retries 503 with backoff and delivers on the third attempt, then never sends again', async () => {
    await start((_r, res, n) => (n <= 2 ? res.writeHead(503).end('busy') : ok(res)));
    const d = testDelivery('p1');
    const c = hook();
    let now = T0;
    const states: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { record } = await deliver(ledger, c, d, { now, random: () => 1 });
      states.push(record.state);
      if (record.state !== 'retry') break;
      // Not before its time: a call now sends nothing.
      expect((await deliver(ledger, c, d, { now })).sent).toBe(false);
      expect(record.lastError).toMatch(/503.*busy.*try again/);
      now = new Date(record.nextAttemptAt!);
    }
    expect(states).toEqual(['retry', 'retry', 'delivered']);
    // Backoff steps of 2 s then 4 s (random = 1: the top of each jittered step).
    expect(now.getTime() - T0.getTime()).toBe(2_000 + 4_000);
    expect((await deliver(ledger, c, d, { now: new Date(now.getTime() + 3_600_000) })).sent).toBe(false);
    expect(ledger.get(d.deliveryId)).toMatchObject({ state: 'delivered', attempts: 3 });
    expect(receiver!.bodies.get(d.deliveryId)).toBe(3);
    expect(receiver!.accepted.get(d.deliveryId)).toBe(1);
  });

  it('(b) honours Retry-After on 429', async () => {
    await start((_r, res, n) => (n === 1 ? res.writeHead(429, { 'retry-after': '120' }).end('slow down') : ok(res)));
    const d = testDelivery('p1');
    const first = await deliver(ledger, hook(), d, { now: T0, random: () => 1 });
    expect(first.record).toMatchObject({ state: 'retry', responseStatus: 429, nextAttemptAt: '2026-06-01T06:02:00.000Z' });
    expect((await deliver(ledger, hook(), d, { now: new Date(T0.getTime() + 60_000) })).sent).toBe(false);
    const second = await deliver(ledger, hook(), d, { now: new Date(T0.getTime() + 120_000) });
    expect(second.record.state).toBe('delivered');
    expect(receiver!.accepted.get(d.deliveryId)).toBe(1);
  });

  it('(c) a connection dropped after the whole body is unknown, and is not re-sent unless a person asks', async () => {
    let drop = true;
    await start((_r, res) => (drop ? res.socket!.destroy() : ok(res)));
    const d = testDelivery('p1');
    const { record } = await deliver(ledger, hook(), d, { now: T0 });
    expect(record).toMatchObject({ state: 'unknown', attempts: 1, lastError: expect.stringMatching(/may have arrived/) });
    for (let i = 0; i < 3; i++) expect((await deliver(ledger, hook(), d, { now: new Date(T0.getTime() + 3_600_000) })).sent).toBe(false);
    expect(ledger.due(new Date(T0.getTime() + 3_600_000))).toEqual([]);
    expect(receiver!.bodies.get(d.deliveryId)).toBe(1);
    // The person re-sends: same Idempotency-Key.
    drop = false;
    const again = await deliver(ledger, hook(), d, { now: T0, resend: true });
    expect(again.record).toMatchObject({ state: 'delivered', attempts: 2 });
    expect(receiver!.requests.map((r) => r.key)).toEqual([d.deliveryId, d.deliveryId]);
    expect(receiver!.accepted.get(d.deliveryId)).toBe(1);
  });

  it('(d) no answer within the timeout after the whole body was sent is unknown', async () => {
    await start(() => undefined); // reads the body, never answers
    const d = testDelivery('p1');
    const { record } = await deliver(ledger, hook(300), d, { now: T0 });
    expect(record).toMatchObject({ state: 'unknown', lastError: expect.stringMatching(/whole post was sent.*no answer came/) });
    expect((await deliver(ledger, hook(300), d, { now: new Date(T0.getTime() + 3_600_000) })).sent).toBe(false);
    expect(receiver!.bodies.get(d.deliveryId)).toBe(1);
  });

  it('(e) a 400 fails and quotes what the server said', async () => {
    await start((_r, res) => res.writeHead(400, { 'content-type': 'application/json' }).end(JSON.stringify({ error: 'caption exceeds 2200 characters' })));
    const d = testDelivery('p1');
    const { record } = await deliver(ledger, hook(), d, { now: T0 });
    expect(record).toMatchObject({ state: 'failed', responseStatus: 400, lastError: expect.stringContaining('“caption exceeds 2200 characters”') });
    expect((await deliver(ledger, hook(), d, { now: new Date(T0.getTime() + 3_600_000) })).sent).toBe(false);
    expect(receiver!.bodies.get(d.deliveryId)).toBe(1);
  });

  it('retries when the receiver refuses the connection (nothing was sent), and gives up after six attempts', async () => {
    await start((_r, res) => ok(res));
    const url = receiver!.url;
    await receiver!.close();
    receiver = null;
    const c = webhookConnector({ url, version: '1', timeoutMs: 5_000 });
    const d = testDelivery('p1');
    let now = T0;
    const states: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { record } = await deliver(ledger, c, d, { now, random: () => 0 });
      states.push(record.state);
      if (record.state !== 'retry') break;
      // Nothing was sent at all: the words say so, and that another try will come.
      expect(record.lastError).toBe(`Not delivered yet: ${new URL(url).host} refused the connection. Postframe will try again.`);
      now = new Date(record.nextAttemptAt!);
    }
    expect(states).toEqual(['retry', 'retry', 'retry', 'retry', 'retry', 'failed']);
    // The last word says it stopped (never "will try again"), what happened, and what to do.
    expect(ledger.get(d.deliveryId)).toMatchObject({
      state: 'failed',
      attempts: 6,
      lastError: `Postframe tried 6 times and stopped: ${new URL(url).host} refused the connection. Check the webhook address in Settings → Delivery, then Export again.`,
    });
  });

  it('fails with a clear message when the media file is gone', async () => {
    await start((_r, res) => ok(res));
    const { record } = await deliver(ledger, hook(), { ...testDelivery('p1'), mediaPath: '/nonexistent/x.mp4' }, { now: T0 });
    expect(record).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/missing.*export the post again/) });
    expect(receiver!.requests).toEqual([]);
  });
});

it('fails (not retry) when the media cannot be read, and the receiver gets no complete post', async () => {
  await start((_r, res) => ok(res));
  const { record } = await deliver(ledger, hook(), { ...testDelivery('p1'), mediaPath: os.tmpdir() }, { now: T0 });
  expect(record).toMatchObject({ state: 'failed', lastError: expect.stringMatching(/^Reading .+ failed \(EISDIR\): export the post again/) });
  expect(receiver!.requests).toEqual([]);
});

describe('classifying answers', () => {
  it('maps statuses to outcomes', () => {
    expect(outcomeForStatus(204, '', null).state).toBe('delivered');
    expect(outcomeForStatus(408, '', null).state).toBe('retry');
    expect(outcomeForStatus(429, '', 5_000)).toMatchObject({ state: 'retry', retryAfterMs: 5_000 });
    expect(outcomeForStatus(502, '', null).state).toBe('retry');
    expect(outcomeForStatus(301, '', null)).toMatchObject({ state: 'failed', error: expect.stringMatching(/redirects/) });
    expect(outcomeForStatus(401, 'bad token', null)).toMatchObject({ state: 'failed', error: expect.stringMatching(/“bad token”.*credentials/) });
    expect(outcomeForStatus(422, '', null).state).toBe('failed');
  });
  it('words a retry and the end of retrying without contradicting themselves', () => {
    const busy = outcomeForStatus(503, 'busy', null, 'hooks.example.com');
    if (busy.state !== 'retry') throw new Error('503 is retried');
    expect(retryingText(busy)).toBe('Not delivered yet: hooks.example.com had a problem (503): “busy”. Postframe will try again.');
    expect(gaveUpText(6, busy)).toBe('Postframe tried 6 times and stopped: hooks.example.com had a problem (503): “busy”. Check the receiver, then Export again.');
    for (const status of [408, 429, 500, 502, 503, 504]) {
      const o = outcomeForStatus(status, '', 1000, 'hooks.example.com');
      if (o.state !== 'retry') throw new Error(`${status} is retried`);
      expect(retryingText(o), String(status)).toMatch(/^Not delivered yet: hooks\.example\.com .*\. Postframe will try again\.$/);
      const end = gaveUpText(6, o);
      expect(end, String(status)).toMatch(/^Postframe tried 6 times and stopped: hooks\.example\.com .*Export again\.$/);
      expect(end, String(status)).not.toMatch(/will try again|Gave up/);
    }
  });
  it('quotes the server: a JSON error or message field, else its text, shortened', () => {
    expect(serverMessage('{"message":"no"}', 'application/json')).toBe('no');
    expect(serverMessage('{"error":{"message":"deep"}}', 'application/json')).toBe('deep');
    expect(serverMessage('  plain\n text ', 'text/plain')).toBe('plain text');
    expect(serverMessage('x'.repeat(500), undefined)).toHaveLength(301);
  });
});
