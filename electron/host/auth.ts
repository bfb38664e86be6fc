import { randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const SESSION_COOKIE = 'pf_session';

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
 * Browser-mode access: `postframe serve` prints a URL with a one-time token. Opening it once trades the
 * token for an HttpOnly, SameSite=Strict session cookie; after that the token is spent. Requests must also
 * come from our own origin (Origin and Host checked), which stops other sites and DNS rebinding.
 */
export class HostAuth {
  private token: string | null = randomBytes(24).toString('base64url');
  private readonly session = randomBytes(32).toString('base64url');

  constructor(private readonly loopbackOnly: boolean) {}

  get oneTimeToken(): string | null {
    return this.token;
  }

  /** Returns the Set-Cookie value when `candidate` is the unspent token. */
  redeem(candidate: string): string | null {
    if (!this.token || !safeEqual(candidate, this.token)) return null;
    this.token = null;
    return `${SESSION_COOKIE}=${this.session}; HttpOnly; SameSite=Strict; Path=/`;
  }

  hasSession(req: IncomingMessage): boolean {
    const c = parseCookies(req.headers.cookie).get(SESSION_COOKIE);
    return c !== undefined && safeEqual(c, this.session);
  }

  /** Host must be one we answer to; Origin, when sent, must be that same host. */
  sameOrigin(req: IncomingMessage, port: number, requireOrigin: boolean): boolean {
    const host = req.headers.host ?? '';
    if (this.loopbackOnly && !isLoopbackHost(host, port)) return false;
    const origin = req.headers.origin;
    if (origin === undefined) return !requireOrigin;
    return origin === `http://${host}`;
  }
}

export function isLoopbackHost(host: string, port: number): boolean {
  return [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`].includes(host.toLowerCase());
}
