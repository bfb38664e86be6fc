/**
 * Bounded sign-in attempts (docs/security.md "Accounts and sessions"), a pure state machine over a clock the caller
 * passes in. Failures are counted under two keys: the login at one address, and the address alone (one address
 * trying many logins). After `freeFailures` failures under a key, the next attempt under it waits: 1 s, then
 * twice as long after each further failure, up to `maxDelaySeconds`. A key forgets its failures after
 * `quietSeconds` without one.
 *
 * Nothing is counted per login alone, on purpose: an attacker at one address must not be able to lock the real
 * person out from theirs. An attempt refused by the throttle is not a failure (the password was never checked), so
 * hammering does not push the wait further: the real person at the attacked address gets in once the wait is over.
 *
 * Memory is bounded: past `maxKeys` keys the least recently touched are forgotten (an attacker cycling through more
 * addresses than that only forgets their own history).
 */

export type ThrottleLimits = {
  freeFailures: number;
  baseDelaySeconds: number;
  maxDelaySeconds: number;
  quietSeconds: number;
  maxKeys: number;
};

export const LOGIN_THROTTLE: ThrottleLimits = {
  freeFailures: 5,
  baseDelaySeconds: 1,
  maxDelaySeconds: 15 * 60,
  quietSeconds: 60 * 60,
  maxKeys: 10_000,
};

export type ThrottleDecision = { allow: true } | { allow: false; retryAfterSeconds: number };

type Entry = { failures: number; lastFailureMs: number };

/** How long after its latest failure a key with `failures` failures waits before the next attempt (seconds). */
export function delayAfter(failures: number, limits: ThrottleLimits = LOGIN_THROTTLE): number {
  if (failures < limits.freeFailures) return 0;
  const doublings = failures - limits.freeFailures;
  // 2^40 s is far past any cap: stop doubling before the number stops being exact.
  return Math.min(limits.maxDelaySeconds, limits.baseDelaySeconds * 2 ** Math.min(doublings, 40));
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  constructor(private readonly limits: ThrottleLimits = LOGIN_THROTTLE) {}

  private keys(login: string, address: string): string[] {
    return [`la\u0000${login.trim().toLowerCase()}\u0000${address}`, `a\u0000${address}`];
  }

  /** The entry under `key`, unless quiet time has made it forget. */
  private live(key: string, nowMs: number): Entry | null {
    const e = this.entries.get(key);
    if (!e) return null;
    if (nowMs - e.lastFailureMs >= this.limits.quietSeconds * 1000) {
      this.entries.delete(key);
      return null;
    }
    return e;
  }

  /** May an attempt for `login` from `address` be checked now? */
  check(login: string, address: string, nowMs: number): ThrottleDecision {
    let waitMs = 0;
    for (const key of this.keys(login, address)) {
      const e = this.live(key, nowMs);
      if (!e) continue;
      const until = e.lastFailureMs + delayAfter(e.failures, this.limits) * 1000;
      waitMs = Math.max(waitMs, until - nowMs);
    }
    return waitMs > 0 ? { allow: false, retryAfterSeconds: Math.ceil(waitMs / 1000) } : { allow: true };
  }

  /** A checked attempt failed (wrong password, unknown login). */
  failure(login: string, address: string, nowMs: number): void {
    for (const key of this.keys(login, address)) {
      const e = this.live(key, nowMs);
      // Re-inserted so the map's order is least recently touched first (the eviction order).
      this.entries.delete(key);
      this.entries.set(key, { failures: (e?.failures ?? 0) + 1, lastFailureMs: nowMs });
    }
    while (this.entries.size > this.limits.maxKeys) {
      const oldest = this.entries.keys().next();
      if (oldest.done) break;
      this.entries.delete(oldest.value);
    }
  }

  /**
   * A checked attempt succeeded: the login at this address starts afresh. The address's own count stays, so one
   * valid account does not clear an address that is guessing at others.
   */
  success(login: string, address: string): void {
    this.entries.delete(this.keys(login, address)[0]!);
  }

  /** How many keys are remembered (tests of the memory bound). */
  get size(): number {
    return this.entries.size;
  }
}
