import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseHostKeys } from '../api/transport';
import { HostAuth, isLoopbackHost, parseCookies, sessionCookieName } from './auth';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const sessionOf = (setCookie: string) => /^pf_session_\d+=([^;]+);/.exec(setCookie)![1]!;
const PORT = 5555;
const SESSION_COOKIE = sessionCookieName(PORT);
const newAuth = (loopbackOnly = true) => new HostAuth(loopbackOnly, () => PORT);

describe('parseCookies', () => {
  it('reads name=value pairs, trimming and decoding', () => {
    const c = parseCookies('a=1; pf_session=abc%3D%3D ;  b = x=y ; flag');
    expect([...c]).toEqual([['a', '1'], ['pf_session', 'abc=='], ['b', 'x=y']]);
    expect(parseCookies(undefined).size).toBe(0);
    expect(parseCookies('').size).toBe(0);
  });

  it('does not throw on a malformed value another local site may have set', () => {
    expect(() => parseCookies('other=%E0%A4%A; pf_session=ok')).not.toThrow();
    expect(parseCookies('other=%E0%A4%A; pf_session=ok').get('pf_session')).toBe('ok');
  });
});

describe('isLoopbackHost', () => {
  it('accepts only loopback names with our port', () => {
    expect(isLoopbackHost('127.0.0.1:4321', 4321)).toBe(true);
    expect(isLoopbackHost('LOCALHOST:4321', 4321)).toBe(true);
    expect(isLoopbackHost('[::1]:4321', 4321)).toBe(true);
    expect(isLoopbackHost('127.0.0.1:4322', 4321)).toBe(false);
    expect(isLoopbackHost('127.0.0.1', 4321)).toBe(false);
    expect(isLoopbackHost('evil.example:4321', 4321)).toBe(false);
    expect(isLoopbackHost('localhost.evil.example:4321', 4321)).toBe(false);
  });
});

describe('HostAuth', () => {
  it('trades the one-time token for a session cookie exactly once', () => {
    const auth = newAuth();
    const token = auth.oneTimeToken!;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(auth.redeem('wrong')).toBeNull();
    expect(auth.redeem(`${token}x`)).toBeNull();
    expect(auth.redeem('')).toBeNull();
    expect(auth.oneTimeToken).toBe(token); // wrong guesses do not spend it
    const signedIn = auth.redeem(token)!;
    expect(signedIn.setCookie).toMatch(/^pf_session_5555=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    // The page's keys go in the redirect's fragment: the browser keeps it, no server ever receives it.
    const keys = parseHostKeys(new URL(signedIn.location, 'http://x').hash)!;
    expect(keys.page).toMatch(/^[\w-]{43}$/);
    expect(auth.isPageKey(keys.page)).toBe(true);
    expect(auth.isMediaKey(keys.media)).toBe(true);
    expect(auth.oneTimeToken).toBeNull();
    expect(auth.redeem(token)).toBeNull();
  });

  it('recognises only its own session', () => {
    const a = newAuth();
    const b = newAuth();
    const sa = sessionOf(a.redeem(a.oneTimeToken!)!.setCookie);
    expect(a.hasSession(req({ cookie: `theme=dark; ${SESSION_COOKIE}=${sa}` }))).toBe(true);
    expect(b.hasSession(req({ cookie: `${SESSION_COOKIE}=${sa}` }))).toBe(false);
    expect(a.hasSession(req({ cookie: `${SESSION_COOKIE}=${sa.slice(1)}` }))).toBe(false);
    expect(a.hasSession(req({ cookie: `other=${sa}` }))).toBe(false);
    expect(a.hasSession(req({}))).toBe(false);
    expect(a.hasSession(req({ cookie: `junk=%E0%A4%A; ${SESSION_COOKIE}=${sa}` }))).toBe(true);
    // Cookies ignore ports: the same value under another port's name or the old shared name is not ours.
    expect(a.hasSession(req({ cookie: `pf_session=${sa}` }))).toBe(false);
    expect(a.hasSession(req({ cookie: `${sessionCookieName(PORT + 1)}=${sa}` }))).toBe(false);
  });

  it('knows its own page and media keys only, and never mixes them up', () => {
    const a = newAuth();
    const b = newAuth();
    const ka = parseHostKeys(new URL(a.redeem(a.oneTimeToken!)!.location, 'http://x').hash)!;
    expect(a.isPageKey(ka.page)).toBe(true);
    expect(a.isPageKey(ka.media)).toBe(false);
    expect(a.isMediaKey(ka.page)).toBe(false);
    expect(b.isPageKey(ka.page)).toBe(false);
    expect(b.isMediaKey(ka.media)).toBe(false);
    for (const v of [null, undefined, '', ka.page.slice(1), ['a', 'b']]) expect(a.isPageKey(v), String(v)).toBe(false);
  });

  it('checks Host (DNS rebinding) and Origin', () => {
    const auth = newAuth();
    const port = 5555;
    expect(auth.sameOrigin(req({ host: '127.0.0.1:5555' }), port, false)).toBe(true);
    expect(auth.sameOrigin(req({ host: '127.0.0.1:5555' }), port, true)).toBe(false); // writes need an Origin
    expect(auth.sameOrigin(req({ host: '127.0.0.1:5555', origin: 'http://127.0.0.1:5555' }), port, true)).toBe(true);
    expect(auth.sameOrigin(req({ host: 'localhost:5555', origin: 'http://localhost:5555' }), port, true)).toBe(true);
    expect(auth.sameOrigin(req({ host: 'evil.example:5555' }), port, false)).toBe(false);
    expect(auth.sameOrigin(req({ host: 'evil.example:5555', origin: 'http://evil.example:5555' }), port, true)).toBe(false);
    expect(auth.sameOrigin(req({ host: '127.0.0.1:5555', origin: 'http://evil.example' }), port, false)).toBe(false);
    expect(auth.sameOrigin(req({ host: '127.0.0.1:5555', origin: 'http://localhost:5555' }), port, false)).toBe(false);
    expect(auth.sameOrigin(req({ host: '127.0.0.1:5555', origin: 'null' }), port, false)).toBe(false);
    expect(auth.sameOrigin(req({}), port, false)).toBe(false);
  });

  it('on a LAN bind accepts any Host but still needs a matching Origin', () => {
    const auth = newAuth(false);
    expect(auth.sameOrigin(req({ host: '192.168.1.20:5555' }), 5555, false)).toBe(true);
    expect(auth.sameOrigin(req({ host: '192.168.1.20:5555', origin: 'http://192.168.1.20:5555' }), 5555, true)).toBe(true);
    expect(auth.sameOrigin(req({ host: '192.168.1.20:5555', origin: 'http://evil.example' }), 5555, true)).toBe(false);
  });
});
