import http from 'node:http';
import { HOST_KEY_HEADER, type HostKeys, parseHostKeys, withMediaKey } from '../../api/transport';

/** What a signed-in page holds: the session cookie (as a browser sends it back) and the keys only the page saw. */
export type Session = { cookie: string; origin: string; keys: HostKeys };

/** Opens the one-time link as a browser would and keeps what it is given. */
export function signIn(port: number, openUrl: string): Promise<Session> {
  const token = new URL(openUrl).searchParams.get('token')!;
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/?token=${token}`, agent: false }, (res) => {
      res.resume();
      const setCookie = res.headers['set-cookie']?.[0];
      const keys = parseHostKeys(new URL(res.headers.location ?? '/', 'http://x').hash);
      if (res.statusCode !== 303 || !setCookie || !keys) return reject(new Error(`sign-in answered ${res.statusCode} to ${res.headers.location}`));
      resolve({ cookie: setCookie.split(';')[0]!, origin: `http://127.0.0.1:${port}`, keys });
    });
    req.on('error', reject);
  });
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
