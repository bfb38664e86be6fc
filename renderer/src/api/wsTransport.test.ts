import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type SessionCheck, WsTransport } from './wsTransport';

/** A stand-in for the browser WebSocket: records what was sent and lets the test open/close/answer. */
class FakeSocket {
  static all: FakeSocket[] = [];
  readyState = 0;
  sent: string[] = [];
  onopen: (() => void) | null = null;
  onclose: (() => void) | null = null;
  onerror: (() => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  send(text: string) {
    this.sent.push(text);
  }
  open() {
    this.readyState = 1;
    this.onopen?.();
  }
  drop() {
    this.readyState = 3;
    this.onclose?.();
  }
  close() {
    this.drop();
  }
  receive(msg: unknown) {
    this.onmessage?.({ data: JSON.stringify(msg) });
  }
}

function make(checkSession?: () => Promise<SessionCheck>) {
  return new WsTransport({
    url: 'ws://host/api',
    lostMessage: () => 'connection lost',
    signedOutMessage: () => 'signed out',
    createSocket: (u) => new FakeSocket(u) as unknown as WebSocket,
    backoffMs: [100, 200],
    checkSession,
  });
}
const last = () => FakeSocket.all[FakeSocket.all.length - 1]!;

describe('WsTransport', () => {
  beforeEach(() => {
    FakeSocket.all = [];
    vi.useFakeTimers();
  });
  afterEach(() => vi.useRealTimers());

  it('queues calls until the socket opens, then sends them in order', async () => {
    const tr = make();
    const a = tr.call('app.info', {});
    const b = tr.call('tags.list', {});
    expect(last().sent).toEqual([]);
    last().open();
    const sent = last().sent.map((s) => JSON.parse(s) as { id: number; call: string });
    expect(sent.map((s) => s.call)).toEqual(['app.info', 'tags.list']);
    last().receive({ type: 'result', id: sent[1]!.id, result: { ok: true, value: [] } });
    last().receive({ type: 'result', id: sent[0]!.id, result: { ok: false, error: { code: 'internal', message: 'x' } } });
    await expect(b).resolves.toEqual({ ok: true, value: [] });
    await expect(a).resolves.toEqual({ ok: false, error: { code: 'internal', message: 'x' } });
  });

  it('delivers events to listeners', () => {
    const tr = make();
    const seen: unknown[] = [];
    tr.onEvent((name, payload) => seen.push([name, payload]));
    last().open();
    last().receive({ type: 'event', name: 'assets.changed', payload: { reason: 'updated', ids: ['a'] } });
    expect(seen).toEqual([['assets.changed', { reason: 'updated', ids: ['a'] }]]);
  });

  it('fails in-flight calls when the connection drops, reconnects with backoff and resends queued ones', async () => {
    const tr = make();
    const statuses: string[] = [];
    tr.onStatus((s) => statuses.push(s));
    last().open();
    const inflight = tr.call('app.info', {});
    last().drop();
    await expect(inflight).resolves.toEqual({ ok: false, error: { code: 'library_unavailable', message: 'connection lost' } });
    expect(statuses).toEqual(['open', 'reconnecting']);

    const queued = tr.call('tags.list', {});
    expect(FakeSocket.all).toHaveLength(1);
    vi.advanceTimersByTime(100);
    expect(FakeSocket.all).toHaveLength(2);
    last().drop(); // still down: the next attempt waits longer
    vi.advanceTimersByTime(150);
    expect(FakeSocket.all).toHaveLength(2);
    vi.advanceTimersByTime(50);
    expect(FakeSocket.all).toHaveLength(3);
    last().open();
    expect(statuses[statuses.length - 1]).toBe('open');
    const req = JSON.parse(last().sent[0]!) as { id: number; call: string };
    expect(req.call).toBe('tags.list');
    last().receive({ type: 'result', id: req.id, result: { ok: true, value: [] } });
    await expect(queued).resolves.toEqual({ ok: true, value: [] });
  });

  it('stops for good when the host says this page is no longer signed in (a restarted server): every call gets why', async () => {
    const checks: string[] = [];
    let answer: SessionCheck = 'unreachable';
    const tr = make(() => {
      checks.push(answer);
      return Promise.resolve(answer);
    });
    const statuses: string[] = [];
    tr.onStatus((s) => statuses.push(s));
    last().open();
    const inflight = tr.call('app.info', {});
    // The server goes away: while it cannot be reached, the page keeps trying.
    last().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(checks).toEqual(['unreachable']);
    await expect(inflight).resolves.toMatchObject({ ok: false, error: { code: 'library_unavailable' } });
    const queued = tr.call('tags.list', {});
    await vi.advanceTimersByTimeAsync(100);
    expect(FakeSocket.all).toHaveLength(2);
    // It is back with new keys: the upgrade is refused, and the session check says this page is signed out.
    answer = 'signed-out';
    last().drop();
    await vi.advanceTimersByTimeAsync(0);
    expect(statuses).toEqual(['open', 'reconnecting', 'signed-out']);
    expect(tr.status).toBe('signed-out');
    await expect(queued).resolves.toEqual({ ok: false, error: { code: 'unauthorized', message: 'signed out' } });
    await expect(tr.call('app.info', {})).resolves.toEqual({ ok: false, error: { code: 'unauthorized', message: 'signed out' } });
    // …and it never tries again.
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(2);
  });

  it('is told by an upload that the page is signed out, and stops the same way', async () => {
    const tr = make(() => Promise.resolve('signed-in'));
    last().open();
    const inflight = tr.call('app.info', {});
    tr.signOut();
    expect(tr.status).toBe('signed-out');
    await expect(inflight).resolves.toEqual({ ok: false, error: { code: 'unauthorized', message: 'signed out' } });
    last().drop();
    await vi.advanceTimersByTimeAsync(60_000);
    expect(FakeSocket.all).toHaveLength(1);
  });

  it('ignores malformed messages', () => {
    make();
    last().open();
    expect(() => last().onmessage?.({ data: 'not json' })).not.toThrow();
  });
});
