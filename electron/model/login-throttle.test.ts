import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LOGIN_THROTTLE, LoginThrottle, delayAfter } from './login-throttle';

/** Tries like a client would: asks first, and counts a failure only when the attempt was checked. */
function attempt(t: LoginThrottle, login: string, address: string, now: number, right: boolean): 'ok' | 'failed' | 'throttled' {
  if (!t.check(login, address, now).allow) return 'throttled';
  if (right) {
    t.success(login, address);
    return 'ok';
  }
  t.failure(login, address, now);
  return 'failed';
}

describe('login throttle', () => {
  it('lets 5 failures through, then waits 1 s, 2 s, 4 s ... up to 15 minutes', () => {
    expect([0, 4, 5, 6, 7, 14, 15, 100].map((f) => delayAfter(f))).toEqual([0, 0, 1, 2, 4, 512, 900, 900]);
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) expect(attempt(t, 'ana', '10.0.0.9', 0, false)).toBe('failed');
    expect(t.check('ana', '10.0.0.9', 0)).toEqual({ allow: false, retryAfterSeconds: 1 });
    expect(t.check('ana', '10.0.0.9', 1000)).toEqual({ allow: true });
    expect(attempt(t, 'ana', '10.0.0.9', 1000, false)).toBe('failed');
    expect(t.check('ana', '10.0.0.9', 1000)).toEqual({ allow: false, retryAfterSeconds: 2 });
  });

  it('1,000 wrong passwords from one address: throttled, and the right one works there once the wait is over', () => {
    const t = new LoginThrottle();
    let now = 0;
    let checked = 0;
    for (let i = 0; i < 1000; i++) {
      if (attempt(t, 'ana', '203.0.113.7', now, false) === 'failed') checked++;
      now += 250; // four tries a second
    }
    // 250 s of hammering: 5 free, then one per 1+2+4+...+128 s (255 s in all) => at most a dozen were checked.
    expect(checked).toBeLessThanOrEqual(13);
    const wait = t.check('ana', '203.0.113.7', now);
    expect(wait.allow).toBe(false);
    expect(attempt(t, 'ana', '198.51.100.2', now, true)).toBe('ok');
    const after = now + (wait.allow ? 0 : wait.retryAfterSeconds * 1000);
    expect(attempt(t, 'ana', '203.0.113.7', after, true)).toBe('ok');
  });

  it('never locks out the real person at another address, whatever an attacker does (property)', () => {
    const address = fc.constantFrom('203.0.113.1', '203.0.113.2', '203.0.113.3');
    const login = fc.constantFrom('ana', 'ANA', 'bob', 'admin');
    const step = fc.record({ login, address, dt: fc.nat(5000) });
    fc.assert(
      fc.property(fc.array(step, { maxLength: 300 }), fc.nat(1_000_000), (steps, later) => {
        const t = new LoginThrottle();
        let now = 0;
        for (const s of steps) {
          now += s.dt;
          attempt(t, s.login, s.address, now, false);
        }
        // The real person signs in from their own address, at any time.
        expect(t.check('ana', '192.0.2.50', now + later)).toEqual({ allow: true });
      }),
    );
  });

  it('forgets after an hour of quiet', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 20; i++) t.failure('ana', '10.0.0.1', 0);
    expect(t.check('ana', '10.0.0.1', 899_000).allow).toBe(false);
    expect(t.check('ana', '10.0.0.1', 900_000).allow).toBe(true);
    t.failure('ana', '10.0.0.1', 900_000);
    expect(t.check('ana', '10.0.0.1', 900_000).allow).toBe(false);
    expect(t.check('ana', '10.0.0.1', 900_000 + 3600_000)).toEqual({ allow: true });
    for (let i = 0; i < 5; i++) t.failure('ana', '10.0.0.1', 5_000_000);
    // After forgetting, the count starts again from one: 5 failures give the first 1 s wait only.
    expect(t.check('ana', '10.0.0.1', 5_000_000)).toEqual({ allow: false, retryAfterSeconds: 1 });
  });

  it('a success clears the login at that address but not the address', () => {
    const t = new LoginThrottle();
    for (let i = 0; i < 5; i++) t.failure(`guess${i}`, '10.0.0.1', 0);
    t.success('ana', '10.0.0.1');
    expect(t.check('ana', '10.0.0.1', 0).allow).toBe(false);
    for (let i = 0; i < 4; i++) t.failure('bob', '10.0.0.2', 0);
    t.success('bob', '10.0.0.2');
    t.failure('bob', '10.0.0.2', 0);
    // The address key has 5 failures (4 + 1), the login key only 1.
    expect(t.check('bob', '10.0.0.2', 0).allow).toBe(false);
  });

  it('remembers at most maxKeys keys, dropping the least recently touched', () => {
    const t = new LoginThrottle({ ...LOGIN_THROTTLE, maxKeys: 100 });
    for (let i = 0; i < 500; i++) t.failure('ana', `10.0.${i >> 8}.${i & 255}`, i);
    expect(t.size).toBe(100);
    for (let i = 0; i < 5; i++) t.failure('ana', '10.9.9.9', 1000);
    expect(t.check('ana', '10.9.9.9', 1000).allow).toBe(false);
  });
});
