import { describe, expect, it } from 'vitest';
import { BACKOFF, parseRetryAfter, retryDelayMs } from './backoff';

describe('retryDelayMs', () => {
  it('doubles from 2 s, with jitter between half and all of the step', () => {
    expect(retryDelayMs(1, null, () => 0)).toBe(1_000);
    expect(retryDelayMs(1, null, () => 1)).toBe(2_000);
    expect(retryDelayMs(2, null, () => 1)).toBe(4_000);
    expect(retryDelayMs(3, null, () => 0.5)).toBe(6_000);
    expect(retryDelayMs(5, null, () => 1)).toBe(32_000);
  });

  it('gives up after the sixth attempt', () => {
    expect(retryDelayMs(BACKOFF.maxAttempts - 1, null, () => 1)).not.toBeNull();
    expect(retryDelayMs(BACKOFF.maxAttempts, null, () => 1)).toBeNull();
    expect(retryDelayMs(99, null, () => 1)).toBeNull();
  });

  it('caps at 5 minutes, including a long Retry-After', () => {
    const opts = { ...BACKOFF, maxAttempts: 100 };
    expect(retryDelayMs(20, null, () => 1, opts)).toBe(300_000);
    expect(retryDelayMs(20, null, () => 0, opts)).toBe(150_000);
    expect(retryDelayMs(1, 3_600_000, () => 0)).toBe(300_000);
  });

  it('honours a Retry-After longer than the backoff, and ignores a shorter one', () => {
    expect(retryDelayMs(1, 30_000, () => 0)).toBe(30_000);
    expect(retryDelayMs(3, 10, () => 1)).toBe(8_000);
  });

  it('stays within [step/2, step] for any random value', () => {
    for (let attempt = 1; attempt < BACKOFF.maxAttempts; attempt++) {
      for (const r of [0, 0.1, 0.37, 0.5, 0.99, 1, -3, 7]) {
        const d = retryDelayMs(attempt, null, () => r)!;
        const step = Math.min(BACKOFF.capMs, BACKOFF.baseMs * 2 ** (attempt - 1));
        expect(d).toBeGreaterThanOrEqual(step / 2);
        expect(d).toBeLessThanOrEqual(step);
      }
    }
  });

  it('refuses a nonsense attempt number', () => {
    expect(() => retryDelayMs(0)).toThrow(/attempt/);
    expect(() => retryDelayMs(1.5)).toThrow(/attempt/);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-03-01T12:00:00Z');
  it('reads delta-seconds and HTTP-dates', () => {
    expect(parseRetryAfter('7', now)).toBe(7_000);
    expect(parseRetryAfter(' 0 ', now)).toBe(0);
    expect(parseRetryAfter('Sun, 01 Mar 2026 12:01:30 GMT', now)).toBe(90_000);
    expect(parseRetryAfter('Sun, 01 Mar 2026 11:00:00 GMT', now)).toBe(0);
  });
  it('returns null for a missing or unreadable header', () => {
    expect(parseRetryAfter(undefined, now)).toBeNull();
    expect(parseRetryAfter('soon', now)).toBeNull();
    expect(parseRetryAfter('-5', now)).toBeNull();
  });
});
