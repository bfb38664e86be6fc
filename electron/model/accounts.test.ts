import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  INVITE_TTL_MS, RESET_TTL_MS, SESSION_ABSOLUTE_MS, SESSION_IDLE_MS, isTokenShape, linkExpiresAt, linkState, loginProblem, passwordProblem, sameLogin,
  sessionExpiresAt, sessionState, touchDue,
} from './accounts';

describe('login rules', () => {
  it('takes 3 to 64 letters, digits and . _ - @', () => {
    for (const ok of ['ana', 'ana.lopez', 'ana_l-2', 'ana@studio.example', 'A'.repeat(64), '  bob  ']) expect(loginProblem(ok)).toBeNull();
    expect(loginProblem('ab')).toMatch(/3 to 64/);
    expect(loginProblem('a'.repeat(65))).toMatch(/3 to 64/);
    for (const bad of ['ana lopez', 'ana/x', 'anä', 'a;drop', "o'neil"]) expect(loginProblem(bad)).toMatch(/letters, digits/);
  });

  it('compares without case and ignores surrounding spaces', () => {
    expect(sameLogin('Ana', ' ana ')).toBe(true);
    expect(sameLogin('ana', 'anna')).toBe(false);
  });

  it('accepts exactly the strings of allowed characters and lengths (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (s) => {
        const t = s.trim();
        const valid = t.length >= 3 && t.length <= 64 && /^[A-Za-z0-9._@-]+$/.test(t);
        expect(loginProblem(s) === null).toBe(valid);
      }),
    );
  });
});

describe('password rules', () => {
  it('needs ten characters, not the login, not among the commonest', () => {
    expect(passwordProblem('correct horse', 'ana')).toBeNull();
    expect(passwordProblem('short', 'ana')).toMatch(/at least 10/);
    expect(passwordProblem('my-ANA-password', 'ana')).toMatch(/login/);
    expect(passwordProblem('Password123', null)).toMatch(/first an attacker tries/);
    expect(passwordProblem('1234567890', null)).toMatch(/first an attacker tries/);
    expect(passwordProblem('abababababab', null)).toMatch(/first an attacker tries/);
    expect(passwordProblem('x'.repeat(1025), null)).toMatch(/at most/);
  });

  it('never repeats the password in its message (property)', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 4, maxLength: 40 }).filter((s) => /[a-z]{4}/.test(s)), (pw) => {
        const m = passwordProblem(pw, null);
        if (m !== null) expect(m.includes(pw)).toBe(false);
      }),
    );
  });
});

describe('sessions', () => {
  const at = (ms: number) => new Date(Date.UTC(2026, 0, 1) + ms);
  const signedIn = at(0);
  const times = (lastSeenMs: number) => ({ createdAt: signedIn.toISOString(), lastSeenAt: at(lastSeenMs).toISOString(), expiresAt: sessionExpiresAt(signedIn).toISOString() });

  it('ends after 12 hours idle and 14 days in all', () => {
    expect(SESSION_IDLE_MS).toBe(12 * 3600_000);
    expect(SESSION_ABSOLUTE_MS).toBe(14 * 86400_000);
    expect(sessionState(times(0), at(SESSION_IDLE_MS - 1))).toBe('live');
    expect(sessionState(times(0), at(SESSION_IDLE_MS))).toBe('idle');
    // Used every hour, it still ends at 14 days.
    const lateUse = SESSION_ABSOLUTE_MS - 3600_000;
    expect(sessionState(times(lateUse), at(SESSION_ABSOLUTE_MS - 1))).toBe('live');
    expect(sessionState(times(lateUse), at(SESSION_ABSOLUTE_MS))).toBe('expired');
  });

  it('is live exactly when used within 12 h and within 14 days of sign-in (property)', () => {
    fc.assert(
      fc.property(fc.nat(SESSION_ABSOLUTE_MS * 2), fc.nat(SESSION_ABSOLUTE_MS * 2), (seen, now) => {
        fc.pre(seen <= now);
        const live = now < SESSION_ABSOLUTE_MS && now - seen < SESSION_IDLE_MS;
        expect(sessionState(times(seen), at(now)) === 'live').toBe(live);
      }),
    );
  });

  it('writes last-seen at most once a minute', () => {
    expect(touchDue(at(0).toISOString(), at(59_999))).toBe(false);
    expect(touchDue(at(0).toISOString(), at(60_000))).toBe(true);
  });

  it('links last 7 days (invite) and 1 day (reset)', () => {
    expect(linkExpiresAt('invite', at(0)).getTime() - at(0).getTime()).toBe(INVITE_TTL_MS);
    expect(linkExpiresAt('reset', at(0)).getTime() - at(0).getTime()).toBe(RESET_TTL_MS);
    expect(INVITE_TTL_MS).toBe(7 * 86400_000);
    expect(RESET_TTL_MS).toBe(86400_000);
  });

  it('recognises only the token shape it issues', () => {
    expect(isTokenShape('A'.repeat(43))).toBe(true);
    expect(isTokenShape(`abc_-${'x9'.repeat(19)}`)).toBe(true);
    for (const bad of ['', 'A'.repeat(42), 'A'.repeat(44), `${'A'.repeat(42)}=`, `${'A'.repeat(42)}/`, null, 42]) expect(isTokenShape(bad)).toBe(false);
  });
});

describe('linkState', () => {
  const now = new Date('2026-03-01T09:00:00Z');
  it('tells a working link from a used, an expired and an unknown one; used wins over expired', () => {
    expect(linkState({ usedAt: null, expiresAt: '2026-03-01T09:00:01Z' }, now)).toBe('valid');
    expect(linkState({ usedAt: null, expiresAt: '2026-03-01T09:00:00Z' }, now)).toBe('expired');
    expect(linkState({ usedAt: '2026-02-28T00:00:00Z', expiresAt: '2026-03-05T00:00:00Z' }, now)).toBe('used');
    expect(linkState({ usedAt: '2026-02-28T00:00:00Z', expiresAt: '2026-02-28T01:00:00Z' }, now)).toBe('used');
    expect(linkState(null, now)).toBe('unknown');
  });
});
