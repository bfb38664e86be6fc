import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import type { HostKeys } from '../api/transport';
import { isTokenShape } from '../model/accounts';

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const part of (header ?? '').split(';')) {
    const i = part.indexOf('=');
    if (i <= 0) continue;
    // Any page on 127.0.0.1 (any port) can set cookies we receive: a malformed value is skipped, not thrown.
    try {
      out.set(part.slice(0, i).trim(), decodeURIComponent(part.slice(i + 1).trim()));
    } catch {
      continue;
    }
  }
  return out;
}

/**
 * The session cookie's name: per port, because cookies ignore ports and another local server may use ours. Over
 * TLS it carries the `__Host-` prefix: the browser then takes it only with Secure, Path=/ and no Domain, so no
 * other host name (and no plain-HTTP page) can set or shadow it.
 */
export function sessionCookieName(port: number, secure = false): string {
  return `${secure ? '__Host-' : ''}pf_session_${port}`;
}

/**
 * The session cookie: HttpOnly, SameSite=Strict, Path=/, Secure over TLS. `maxAgeSeconds` keeps it as long as the
 * session may live (its absolute expiry); 0 tells the browser to drop it.
 */
export function sessionCookie(port: number, secure: boolean, value: string, maxAgeSeconds?: number): string {
  const age = maxAgeSeconds === undefined ? '' : `; Max-Age=${Math.max(0, Math.floor(maxAgeSeconds))}`;
  return `${sessionCookieName(port, secure)}=${value}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}${age}`;
}

/** Where a request stands against the Host allow-list and the Origin rule. */
export type OriginCheck = 'ok' | 'wrong-host' | 'wrong-origin';

/**
 * The Host header must be one we answer to (`allowedHosts`: the public URL's, or the loopback names with our
 * port; DNS rebinding); the Origin, when sent (and always for a write or an upgrade), must be that same host
 * under our scheme (another site, or an http:// page against an https:// host, is refused).
 */
export function checkOrigin(req: IncomingMessage, o: { allowedHosts: readonly string[]; secure: boolean; requireOrigin: boolean }): OriginCheck {
  const host = (req.headers.host ?? '').toLowerCase();
  if (!o.allowedHosts.includes(host)) return 'wrong-host';
  const origin = req.headers.origin;
  if (origin === undefined) return o.requireOrigin ? 'wrong-origin' : 'ok';
  return origin.toLowerCase() === `${o.secure ? 'https' : 'http'}://${host}` ? 'ok' : 'wrong-origin';
}

/**
 * Browser-mode credentials (docs/security.md, "Browser-mode sessions" and "Browser mode on a network"). Who is
 * signed in lives in the library (studio.accounts: sessions by the hash of their token); this holds what is per
 * server run: the session cookie's name, the page and media keys of each session, and the first-start setup token.
 *
 * The keys are HMACs of the session token under a secret made at start, so nothing extra is stored and a key
 * opens only its own session. Cookies ignore ports, so any server on another port of this machine receives the
 * cookie: the cookie alone opens only the app shell; the API and writes need the page key, media addresses the
 * media key. `postframe serve` passes a secret derived from the machine key (secret-crypto.ts hostKeySecret), so
 * a restart on the same port keeps everyone signed in; without one, a run's own random secret is used.
 */
export class HostAuth {
  private setup: string | null = randomBytes(24).toString('base64url');

  /** `port`: the port we listen on (known once listening); `secure`: served over TLS; `secret`: the keys' HMAC key. */
  constructor(
    private readonly port: () => number,
    private readonly secure = false,
    private readonly secret: Buffer = randomBytes(32),
  ) {}

  /** The one-time token of the first-start link (`#setup=`), until it has been used. */
  get setupToken(): string | null {
    return this.setup;
  }

  isSetupToken(candidate: unknown): boolean {
    return this.setup !== null && typeof candidate === 'string' && safeEqual(candidate, this.setup);
  }

  /** The admin has been created: the setup link never works again (in this run or, being random, any other). */
  spendSetupToken(): void {
    this.setup = null;
  }

  /** The session token in this request's cookie, when it has a token's shape (anything else is nobody's). */
  tokenOf(req: IncomingMessage): string | null {
    const c = parseCookies(req.headers.cookie).get(sessionCookieName(this.port(), this.secure));
    return isTokenShape(c) ? c : null;
  }

  /** The cookie that signs this browser in with `token` until `expiresAt`. */
  cookieFor(token: string, expiresAt: string, nowMs = Date.now()): string {
    return sessionCookie(this.port(), this.secure, token, (Date.parse(expiresAt) - nowMs) / 1000);
  }

  /** The cookie that signs this browser out. */
  clearedCookie(): string {
    return sessionCookie(this.port(), this.secure, '', 0);
  }

  /** The page and media keys of the session with `token` (this run's). */
  keysFor(token: string): HostKeys {
    return { page: this.derive('page', token), media: this.derive('media', token) };
  }

  /** The API upgrade, uploads, chunks and the session check present the page key of their session. */
  isPageKey(token: string, value: string | string[] | null | undefined): boolean {
    return typeof value === 'string' && safeEqual(value, this.derive('page', token));
  }

  /** Media, text layer, font and export addresses carry the media key of their session. */
  isMediaKey(token: string, value: string | null | undefined): boolean {
    return typeof value === 'string' && safeEqual(value, this.derive('media', token));
  }

  private derive(kind: 'page' | 'media', token: string): string {
    return createHmac('sha256', this.secret).update(`${kind}\u0000${token}`).digest('base64url');
  }
}
