import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { HOST_KEYS_FRAGMENT } from '../api/transport';

const safeEqual = (a: string, b: string) => {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
};

const secret = () => randomBytes(32).toString('base64url');

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

/** The session cookie's attributes: HttpOnly, SameSite=Strict, Path=/, and Secure over TLS. */
export function sessionCookie(port: number, secure: boolean, value: string): string {
  return `${sessionCookieName(port, secure)}=${value}; HttpOnly; SameSite=Strict; Path=/${secure ? '; Secure' : ''}`;
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
 * Browser-mode access (docs/security.md, "Browser-mode sessions"). `postframe serve` prints a URL with a
 * one-time token. Opening it once trades the token for an HttpOnly, SameSite=Strict session cookie named for
 * the port, and redirects to `/#pf-keys=<pageKey>.<mediaKey>`, which only the page sees and keeps. Cookies ignore
 * ports, so any server on another port of this machine receives the cookie: the cookie alone opens only the app
 * shell; the API and writes need the page key, media addresses the media key. Requests must also come from our
 * own origin (Origin and Host checked), which stops other sites and DNS rebinding.
 */
export class HostAuth {
  private token: string | null = randomBytes(24).toString('base64url');
  private readonly session = secret();
  private readonly pageKey = secret();
  private readonly mediaKey = secret();

  /** `port`: the port we listen on (known once listening); `secure`: served over TLS. */
  constructor(
    private readonly port: () => number,
    private readonly secure = false,
  ) {}

  get oneTimeToken(): string | null {
    return this.token;
  }

  /** When `candidate` is the unspent token: the session cookie to set and where to send the browser. */
  redeem(candidate: string): { setCookie: string; location: string } | null {
    if (!this.token || !safeEqual(candidate, this.token)) return null;
    this.token = null;
    return {
      setCookie: sessionCookie(this.port(), this.secure, this.session),
      location: `/#${HOST_KEYS_FRAGMENT}=${this.pageKey}.${this.mediaKey}`,
    };
  }

  hasSession(req: IncomingMessage): boolean {
    const c = parseCookies(req.headers.cookie).get(sessionCookieName(this.port(), this.secure));
    return c !== undefined && safeEqual(c, this.session);
  }

  /** The API upgrade, uploads and recording chunks present the page key. */
  isPageKey(value: string | string[] | null | undefined): boolean {
    return typeof value === 'string' && safeEqual(value, this.pageKey);
  }

  /** Media, text layer and export addresses carry the media key. */
  isMediaKey(value: string | null | undefined): boolean {
    return typeof value === 'string' && safeEqual(value, this.mediaKey);
  }
}
