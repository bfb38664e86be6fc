import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { HostAuth, SESSION_COOKIE, isLoopbackHost, parseCookies } from './auth';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const sessionOf = (setCookie: string) => /^pf_session=([^;]+);/.exec(setCookie)![1]!;

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
    const auth = new HostAuth(true);
    const token = auth.oneTimeToken!;
    expect(token).toMatch(/^[\w-]{32}$/);
    expect(auth.redeem('wrong')).toBeNull();
    expect(auth.redeem(`${token}x`)).toBeNull();
    expect(auth.redeem('')).toBeNull();
    expect(auth.oneTimeToken).toBe(token); // wrong guesses do not spend it
    const cookie = auth.redeem(token)!;
    expect(cookie).toMatch(/^pf_session=[\w-]+; HttpOnly; SameSite=Strict; Path=\/$/);
    expect(auth.oneTimeToken).toBeNull();
    expect(auth.redeem(token)).toBeNull();
  });

  it('recognises only its own session', () => {
    const a = new HostAuth(true);
    const b = new HostAuth(true);
    const sa = sessionOf(a.redeem(a.oneTimeToken!)!);
    expect(a.hasSession(req({ cookie: `theme=dark; ${SESSION_COOKIE}=${sa}` }))).toBe(true);
    expect(b.hasSession(req({ cookie: `${SESSION_COOKIE}=${sa}` }))).toBe(false);
    expect(a.hasSession(req({ cookie: `${SESSION_COOKIE}=${sa.slice(1)}` }))).toBe(false);
    expect(a.hasSession(req({ cookie: `other=${sa}` }))).toBe(false);
    expect(a.hasSession(req({}))).toBe(false);
    expect(a.hasSession(req({ cookie: `junk=%E0%A4%A; ${SESSION_COOKIE}=${sa}` }))).toBe(true);
  });

  it('checks Host (DNS rebinding) and Origin', () => {
    const auth = new HostAuth(true);
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
    const auth = new HostAuth(false);
    expect(auth.sameOrigin(req({ host: '192.168.1.20:5555' }), 5555, false)).toBe(true);
    expect(auth.sameOrigin(req({ host: '192.168.1.20:5555', origin: 'http://192.168.1.20:5555' }), 5555, true)).toBe(true);
    expect(auth.sameOrigin(req({ host: '192.168.1.20:5555', origin: 'http://evil.example' }), 5555, true)).toBe(false);
  });
});
