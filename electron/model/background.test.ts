import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { inBackground, safeLog } from './background';

describe('background work', () => {
  let unhandled: unknown[];
  const onUnhandled = (reason: unknown) => unhandled.push(reason);
  beforeEach(() => {
    unhandled = [];
    process.on('unhandledRejection', onUnhandled);
  });
  afterEach(() => {
    process.off('unhandledRejection', onUnhandled);
    vi.restoreAllMocks();
  });
  const settle = () => new Promise((r) => setImmediate(r));

  it('safeLog passes messages on, and sends them to stderr when the logger throws', () => {
    const seen: string[] = [];
    safeLog((m) => seen.push(m))('hello', new Error('x'));
    expect(seen).toEqual(['hello']);
    const stderr = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const broken = safeLog(() => {
      throw new TypeError('unbound');
    });
    expect(() => broken('a pass failed', new Error('db locked'))).not.toThrow();
    expect(String(stderr.mock.calls[0]?.[0])).toContain('a pass failed');
  });

  it('inBackground logs a rejection under its name and never leaves it unhandled, even with a broken logger', async () => {
    const seen: [string, unknown][] = [];
    const boom = new Error('boom');
    inBackground('the pass', Promise.reject(boom), (m, e) => seen.push([m, e]));
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    inBackground('another', Promise.reject(new Error('again')), () => {
      throw new Error('logger down');
    });
    inBackground('fine', Promise.resolve(1), () => seen.push(['never', null]));
    await settle();
    expect(seen).toEqual([['the pass', boom]]);
    expect(unhandled).toEqual([]);
  });
});
