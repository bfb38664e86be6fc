import http from 'node:http';

/** What a signed-in page holds: the session cookie, as a browser would send it back. */
export type Session = { cookie: string; origin: string };

/** Opens the one-time link as a browser would and keeps what it is given. */
export function signIn(port: number, openUrl: string): Promise<Session> {
  const token = new URL(openUrl).searchParams.get('token')!;
  return new Promise((resolve, reject) => {
    const req = http.get({ host: '127.0.0.1', port, path: `/?token=${token}`, agent: false }, (res) => {
      res.resume();
      const setCookie = res.headers['set-cookie']?.[0];
      if (res.statusCode !== 303 || !setCookie) return reject(new Error(`sign-in answered ${res.statusCode}`));
      resolve({ cookie: setCookie.split(';')[0]!, origin: `http://127.0.0.1:${port}` });
    });
    req.on('error', reject);
  });
}

/** The headers and address of an API upgrade for `s`. */
export function apiUpgrade(s: Session): { path: string; headers: Record<string, string> } {
  return { path: '/api', headers: { Cookie: s.cookie, Origin: s.origin } };
}
