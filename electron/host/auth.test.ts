import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseHostKeys } from '../api/transport';
import { HostAuth, checkOrigin, parseCookies, sessionCookie, sessionCookieName } from './auth';
import { allowedHosts, planNetwork } from './network';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
const sessionOf = (setCookie: string) => /^pf_session_\d+=([^;]+);/.exec(setCookie)![1]!;
const PORT = 5555;
const SESSION_COOKIE = sessionCookieName(PORT);
const newAuth = () => new HostAuth(() => PORT);

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

describe('session cookie', () => {
  it('is per port, HttpOnly and SameSite=Strict; over TLS also Secure under the __Host- prefix', () => {
    expect(sessionCookie(4321, false, 'v')).toBe('pf_session_4321=v; HttpOnly; SameSite=Strict; Path=/');
    expect(sessionCookie(4321, true, 'v')).toBe('__Host-pf_session_4321=v; HttpOnly; SameSite=Strict; Path=/; Secure');
    expect(sessionCookieName(4321, true)).toBe('__Host-pf_session_4321');
  });
});

describe('checkOrigin', () => {
  const loopback = planNetwork({ tls: false });
  const loopbackHosts = allowedHosts(loopback, PORT);
  const check = (headers: Record<string, string>, requireOrigin: boolean, hosts = loopbackHosts, secure = false) => checkOrigin(req(headers), { allowedHosts: hosts, secure, requireOrigin });

  it('on loopback answers only loopback names with our port (DNS rebinding)', () => {
    expect(check({ host: '127.0.0.1:5555' }, false)).toBe('ok');
    expect(check({ host: 'LOCALHOST:5555' }, false)).toBe('ok');
    expect(check({ host: '[::1]:5555' }, false)).toBe('ok');
    for (const host of ['127.0.0.1:5556', '127.0.0.1', 'evil.example:5555', 'localhost.evil.example:5555', '']) expect(check({ host }, false), host).toBe('wrong-host');
    expect(check({}, false)).toBe('wrong-host');
  });

  it('needs an Origin for writes, and it must be our own', () => {
    expect(check({ host: '127.0.0.1:5555' }, true)).toBe('wrong-origin');
    expect(check({ host: '127.0.0.1:5555', origin: 'http://127.0.0.1:5555' }, true)).toBe('ok');
    expect(check({ host: 'localhost:5555', origin: 'http://localhost:5555' }, true)).toBe('ok');
    expect(check({ host: 'evil.example:5555', origin: 'http://evil.example:5555' }, true)).toBe('wrong-host');
    expect(check({ host: '127.0.0.1:5555', origin: 'http://evil.example' }, false)).toBe('wrong-origin');
    expect(check({ host: '127.0.0.1:5555', origin: 'http://localhost:5555' }, false)).toBe('wrong-origin');
    expect(check({ host: '127.0.0.1:5555', origin: 'null' }, false)).toBe('wrong-origin');
  });

  it('on a network answers only the public URL\'s host, under https', () => {
    const hosts = allowedHosts(planNetwork({ host: '0.0.0.0', publicUrl: 'https://studio.example.lan:8443', tls: true }), PORT);
    expect(hosts).toEqual(['studio.example.lan:8443']);
    expect(check({ host: 'studio.example.lan:8443', origin: 'https://studio.example.lan:8443' }, true, hosts, true)).toBe('ok');
    expect(check({ host: 'Studio.Example.LAN:8443', origin: 'https://studio.example.lan:8443' }, true, hosts, true)).toBe('ok');
    // The same name over plain http (a downgrade, or another server on that name) is another origin.
    expect(check({ host: 'studio.example.lan:8443', origin: 'http://studio.example.lan:8443' }, true, hosts, true)).toBe('wrong-origin');
    expect(check({ host: '192.168.1.20:8443', origin: 'https://192.168.1.20:8443' }, true, hosts, true)).toBe('wrong-host');
    expect(check({ host: '127.0.0.1:5555' }, false, hosts, true)).toBe('wrong-host');
    expect(check({ host: 'studio.example.lan:8443', origin: 'https://evil.example' }, false, hosts, true)).toBe('wrong-origin');
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
});
