import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { authRoute, formProblems, initials, MIN_PASSWORD, parseFailure, secondsLeft, sessionEndedKey } from './authLogic';

describe('authRoute', () => {
  it('opens the screen a link names, with its token', () => {
    expect(authRoute('#setup=abcdEFGH1234')).toEqual({ kind: 'setup', token: 'abcdEFGH1234' });
    expect(authRoute('#invite=Zz_-0123456789')).toEqual({ kind: 'invite', token: 'Zz_-0123456789' });
    expect(authRoute('reset=abcdefgh')).toEqual({ kind: 'reset', token: 'abcdefgh' });
  });
  it('signs in for anything else: no fragment, page keys, a short or odd token', () => {
    for (const h of ['', '#', '#pf-keys=a.b', '#invite=short', '#invite=has space1234', '#admin=abcdefghij', '#invite=abcdefgh&x=1']) {
      expect(authRoute(h)).toEqual({ kind: 'sign-in' });
    }
  });
  it('never throws and never yields an empty token', () => {
    fc.assert(
      fc.property(fc.string(), (h) => {
        const r = authRoute(h);
        if (r.kind !== 'sign-in') expect(r.token.length).toBeGreaterThanOrEqual(8);
      }),
    );
  });
});

describe('formProblems', () => {
  const good = 'a'.repeat(MIN_PASSWORD);
  const fine = 'quiet river stones';
  it('passes a complete form', () => {
    expect(formProblems({ name: 'Ana', login: 'ana', password: fine, confirm: fine })).toEqual([]);
    expect(formProblems({ login: 'ana', password: 'x' })).toEqual([]); // sign-in: any non-empty password is the host's to judge
  });
  it('names each missing or wrong field', () => {
    expect(formProblems({ name: ' ', login: '', password: '', confirm: '' })).toEqual(['nameMissing', 'loginMissing', 'passwordShort']);
    const strong = 'violet harbour lamp';
    expect(formProblems({ login: 'a b', password: strong, confirm: `${strong}!` })).toEqual(['loginShape', 'passwordMismatch']);
    expect(formProblems({ login: 'ana', password: 'ana-is-my-name', confirm: 'ana-is-my-name' })).toEqual(['passwordWeak']);
    expect(formProblems({ password: good, confirm: good })).toEqual(['passwordWeak']); // ten of one letter
    expect(formProblems({ login: 'ana', password: '' })).toEqual(['passwordMissing']);
    expect(formProblems({ password: 'xy'.repeat(600), confirm: 'xy'.repeat(600) })).toEqual(['passwordLong']);
  });
  it('counts characters, not UTF-16 units (an emoji is one)', () => {
    const nine = '🙂'.repeat(MIN_PASSWORD - 1);
    expect(formProblems({ password: nine, confirm: nine })).toEqual(['passwordShort']);
  });
});

describe('parseFailure', () => {
  it('keeps the host words and a whole-second wait', () => {
    expect(parseFailure(429, { code: 'throttled', message: 'Too many attempts', retryAfterSeconds: 4.2 })).toEqual({ code: 'throttled', message: 'Too many attempts', retryAfterSeconds: 5 });
    expect(parseFailure(401, { code: 'unauthorized', message: 'Wrong login or password' })).toEqual({ code: 'unauthorized', message: 'Wrong login or password' });
  });
  it('reads an unreadable answer by its status', () => {
    expect(parseFailure(429, null).code).toBe('throttled');
    expect(parseFailure(401, 'x').code).toBe('unauthorized');
    expect(parseFailure(502, undefined).code).toBe('unreachable');
    expect(parseFailure(429, { retryAfterSeconds: -3 })).toEqual({ code: 'throttled', message: '' });
  });
});

describe('secondsLeft', () => {
  it('counts down to zero, never below', () => {
    expect(secondsLeft(10, 0, 0)).toBe(10);
    expect(secondsLeft(10, 0, 2500)).toBe(8);
    expect(secondsLeft(10, 0, 60_000)).toBe(0);
  });
});

describe('initials', () => {
  it('takes the first and last words', () => {
    expect(initials('Ana María López')).toBe('AL');
    expect(initials('  sam ')).toBe('S');
    expect(initials('')).toBe('?');
    expect(initials('Émile Zola')).toBe('ÉZ');
  });
});

describe('sessionEndedKey', () => {
  it('words the host’s reason, naming the library opened; no reason (or no name) is the general line', () => {
    expect(sessionEndedKey(null)).toEqual({ key: 'auth.sessionEnded' });
    expect(sessionEndedKey({ why: 'disabled' })).toEqual({ key: 'auth.ended.disabled' });
    expect(sessionEndedKey({ why: 'password_changed' })).toEqual({ key: 'auth.ended.password_changed' });
    expect(sessionEndedKey({ why: 'library_opened', library: 'Spring' })).toEqual({ key: 'auth.ended.library_opened', library: 'Spring' });
    expect(sessionEndedKey({ why: 'library_opened', library: '' })).toEqual({ key: 'auth.sessionEnded' });
  });
});
