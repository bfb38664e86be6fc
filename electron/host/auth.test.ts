import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { parseHostKeys } from '../api/transport';
import { hostKeySecret, machineKey } from '../library/secret-crypto';
import { HostAuth, checkOrigin, parseCookies, sessionCookie, sessionCookieName } from './auth';
import { allowedHosts, planNetwork } from './network';

const req = (headers: Record<string, string>) => ({ headers }) as unknown as IncomingMessage;
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
  const TOKEN = 'a'.repeat(43);
  const OTHER = 'b'.repeat(43);

  it('derives each session\'s page and media keys, different per session and per server run, never mixed up', () => {
    const a = newAuth();
    const b = newAuth();
    const ka = a.keysFor(TOKEN);
    expect(parseHostKeys(`#pf-keys=${ka.page}.${ka.media}`)).toEqual(ka);
    expect(a.keysFor(TOKEN)).toEqual(ka);
    expect(a.isPageKey(TOKEN, ka.page)).toBe(true);
    expect(a.isMediaKey(TOKEN, ka.media)).toBe(true);
    expect(a.isPageKey(TOKEN, ka.media)).toBe(false);
    expect(a.isMediaKey(TOKEN, ka.page)).toBe(false);
    expect(a.isPageKey(OTHER, ka.page)).toBe(false);
    expect(b.isPageKey(TOKEN, ka.page)).toBe(false);
    expect(b.isMediaKey(TOKEN, ka.media)).toBe(false);
    for (const v of [null, undefined, '', ka.page.slice(1), ['a', 'b']]) expect(a.isPageKey(TOKEN, v), String(v)).toBe(false);
  });

  it('with the machine key\'s secret (postframe serve), a restart derives the same keys: nobody signs in again; another machine\'s key does not', () => {
    const mine = hostKeySecret(machineKey(Buffer.alloc(32, 7)));
    const before = new HostAuth(() => PORT, false, mine).keysFor(TOKEN);
    const restarted = new HostAuth(() => PORT, false, hostKeySecret(machineKey(Buffer.alloc(32, 7))));
    expect(restarted.isPageKey(TOKEN, before.page)).toBe(true);
    expect(restarted.isMediaKey(TOKEN, before.media)).toBe(true);
    expect(new HostAuth(() => PORT, false, hostKeySecret(machineKey(Buffer.alloc(32, 8)))).isPageKey(TOKEN, before.page)).toBe(false);
    // The secret is derived for this one use: it is not the key itself, nor another use's key.
    expect(mine.equals(Buffer.alloc(32, 7))).toBe(false);
  });

  it('reads only its own port\'s cookie, and only a token-shaped value', () => {
    const a = newAuth();
    expect(a.tokenOf(req({ cookie: `theme=dark; ${SESSION_COOKIE}=${TOKEN}` }))).toBe(TOKEN);
    expect(a.tokenOf(req({ cookie: `junk=%E0%A4%A; ${SESSION_COOKIE}=${TOKEN}` }))).toBe(TOKEN);
    expect(a.tokenOf(req({ cookie: `${SESSION_COOKIE}=${TOKEN.slice(1)}` }))).toBeNull();
    expect(a.tokenOf(req({ cookie: `pf_session=${TOKEN}` }))).toBeNull();
    expect(a.tokenOf(req({ cookie: `${sessionCookieName(PORT + 1)}=${TOKEN}` }))).toBeNull();
    expect(a.tokenOf(req({}))).toBeNull();
    // Over TLS only the __Host- cookie counts (a plain-HTTP page cannot have set it).
    const secure = new HostAuth(() => PORT, true);
    expect(secure.tokenOf(req({ cookie: `${SESSION_COOKIE}=${TOKEN}` }))).toBeNull();
    expect(secure.tokenOf(req({ cookie: `__Host-${SESSION_COOKIE}=${TOKEN}` }))).toBe(TOKEN);
  });

  it('sets the cookie for as long as the session may live, and clears it', () => {
    const a = newAuth();
    const now = Date.parse('2026-12-04T12:00:00Z');
    expect(a.cookieFor(TOKEN, '2026-12-05T12:00:00Z', now)).toBe(`${SESSION_COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/; Max-Age=86400`);
    expect(new HostAuth(() => PORT, true).cookieFor(TOKEN, '2026-12-05T12:00:00Z', now)).toBe(`__Host-${SESSION_COOKIE}=${TOKEN}; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=86400`);
    expect(a.clearedCookie()).toBe(`${SESSION_COOKIE}=; HttpOnly; SameSite=Strict; Path=/; Max-Age=0`);
  });

  it('has a one-time setup token until it is spent', () => {
    const a = newAuth();
    const t = a.setupToken!;
    expect(t).toMatch(/^[\w-]{32}$/);
    expect(a.isSetupToken(t)).toBe(true);
    for (const wrong of ['', `${t}x`, t.slice(1), 42, null]) expect(a.isSetupToken(wrong)).toBe(false);
    expect(newAuth().isSetupToken(t)).toBe(false);
    a.spendSetupToken();
    expect(a.setupToken).toBeNull();
    expect(a.isSetupToken(t)).toBe(false);
  });
});
