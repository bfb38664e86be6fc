import http from 'node:http';
import { type AuthAnswer, HOST_KEY_HEADER, HOST_PATHS, type HostKeys, withMediaKey } from '../../api/transport';

/** What a signed-in page holds: the session cookie (as a browser sends it back) and the keys only the page saw. */
export type Session = { cookie: string; origin: string; keys: HostKeys };

/** The first admin the test helpers create (a password the rules accept). */
export const TEST_ADMIN = { name: 'Test Admin', login: 'admin', password: 'correct horse battery' };

export type Posted = { status: number; headers: http.IncomingHttpHeaders; body: unknown };

/** A JSON POST to the host as the page makes it (our Origin, JSON body), from `localAddress` when given. */
export function postJson(port: number, pathname: string, body: unknown, o: { cookie?: string; localAddress?: string; headers?: Record<string, string> } = {}): Promise<Posted> {
  const text = JSON.stringify(body);
  return new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port,
        path: pathname,
        method: 'POST',
        agent: false,
        localAddress: o.localAddress,
        headers: { origin: `http://127.0.0.1:${port}`, 'content-type': 'application/json', ...(o.cookie ? { cookie: o.cookie } : {}), ...o.headers },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          const raw = Buffer.concat(chunks).toString('utf8');
          let parsed: unknown = raw;
          try {
            parsed = JSON.parse(raw);
          } catch {
            // not JSON: kept as text
          }
          resolve({ status: res.statusCode!, headers: res.headers, body: parsed });
        });
      },
    );
    req.on('error', reject);
    req.end(text);
  });
}

/** The session a successful sign-in answer (200 + Set-Cookie + keys) gives a page. */
export function sessionFrom(port: number, r: Posted): Session {
  const setCookie = r.headers['set-cookie']?.[0];
  if (r.status !== 200 || !setCookie) throw new Error(`sign-in answered ${r.status}: ${JSON.stringify(r.body)}`);
  return { cookie: setCookie.split(';')[0]!, origin: `http://127.0.0.1:${port}`, keys: (r.body as AuthAnswer).keys };
}

/**
 * Signs in as the first admin of a fresh library: creates the account with the first-start link's setup token
 * (`openUrl` ends in `#setup=<token>`), as the page's "create the admin account" screen does.
 */
export async function signIn(port: number, openUrl: string): Promise<Session> {
  const token = new URL(openUrl).hash.replace(/^#setup=/, '');
  return sessionFrom(port, await postJson(port, HOST_PATHS.setup, { token, ...TEST_ADMIN }));
}

/** Signs in with a login and password (POST /auth/login). */
export async function logIn(port: number, login: string, password: string): Promise<Session> {
  return sessionFrom(port, await postJson(port, HOST_PATHS.login, { login, password }));
}

/** The address and headers of an API upgrade for `s`, as the page makes it. */
export function apiUpgrade(s: Session): { path: string; headers: Record<string, string> } {
  return { path: `/api?key=${s.keys.page}`, headers: { Cookie: s.cookie, Origin: s.origin } };
}

/** Headers of an upload or a recording chunk for `s`. */
export function writeHeaders(s: Session): Record<string, string> {
  return { cookie: s.cookie, origin: s.origin, [HOST_KEY_HEADER]: s.keys.page };
}

/** A media, text layer or export address for `s`. */
export function bytesPath(s: Session, p: string): string {
  return withMediaKey(p, s.keys.media);
}
