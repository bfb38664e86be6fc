import fs from 'node:fs';
import https from 'node:https';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type tls from 'node:tls';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import type { AuthAnswer } from '../api/transport';
import { TEST_ADMIN } from './__tests__/sign-in';
import { NetworkConfigError } from './network';
import { type RunningHost, startHost } from './server';
import { type HostTls, selfSignedTls } from './tls';

/**
 * The host on a network (docs/security.md, "Browser mode on a network"): bound to 127.0.0.2, which this machine
 * treats as a network address (not one of the loopback names), with a self-signed certificate and a public URL.
 */
const PUBLIC = 'studio.example.lan:8443';
const BIND = '127.0.0.2';

type Reply = { status: number; headers: Record<string, string | string[] | undefined>; body: string; fingerprint: string };

describe('browser-mode host on a network', () => {
  let tmp: string;
  let temp: TempStudio;
  let host: RunningHost;
  let cert: HostTls;
  const silent = { info: () => undefined, error: () => undefined };

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-host-net-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
    temp = await openTempStudio('pf-host-net-');
    cert = await selfSignedTls(path.join(tmp, 'settings', 'tls'), ['studio.example.lan', 'localhost', '127.0.0.1']);
    host = await startHost({ studio: temp.studio, rendererDir, port: 0, host: BIND, publicUrl: `https://${PUBLIC}`, tls: cert, log: silent });
  });
  afterEach(async () => {
    await host.close();
    await temp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** An HTTPS request to the bound address with any Host, trusting exactly our certificate (as a person who checked the fingerprint). */
  function request(pathname: string, o: { method?: string; headers?: Record<string, string>; body?: string } = {}): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const req = https.request(
        { host: BIND, port: host.port, path: pathname, method: o.method ?? 'GET', headers: { host: PUBLIC, ...o.headers }, ca: cert.cert, servername: 'studio.example.lan', agent: false },
        (res) => {
          let body = '';
          res.on('data', (c: Buffer) => (body += c.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body, fingerprint: (res.socket as tls.TLSSocket).getPeerX509Certificate()!.fingerprint256 }));
        },
      );
      req.on('error', reject);
      req.end(o.body);
    });
  }

  /** An API socket to the bound address, trusting our certificate for the public name. */
  function wss(pageKey: string, headers: Record<string, string>): WebSocket {
    const trust: tls.ConnectionOptions = { ca: cert.cert, servername: 'studio.example.lan' };
    return new WebSocket(`wss://${BIND}:${host.port}/api?key=${pageKey}`, { headers, ...trust });
  }
  const refusal = (ws: WebSocket) =>
    new Promise<string>((resolve) => {
      ws.once('open', () => resolve('open'));
      ws.once('error', (e) => resolve(e.message));
    });

  /** Creates the first admin through the first-start link, over HTTPS, as the page does. */
  async function signIn(): Promise<{ cookie: string; setCookie: string; page: string }> {
    const token = new URL(host.openUrl).hash.replace(/^#setup=/, '');
    const r = await request('/auth/setup', {
      method: 'POST',
      headers: { origin: `https://${PUBLIC}`, 'content-type': 'application/json' },
      body: JSON.stringify({ token, ...TEST_ADMIN }),
    });
    expect(r.status).toBe(200);
    const setCookie = String((r.headers['set-cookie'] as string[])[0]);
    const page = (JSON.parse(r.body) as AuthAnswer).keys.page;
    return { cookie: setCookie.split(';')[0]!, setCookie, page };
  }

  it('serves HTTPS with the kept certificate (the fingerprint a person compares), at the public URL', async () => {
    expect(host.url).toBe(`https://${PUBLIC}/`);
    expect(host.allowedHosts).toEqual([PUBLIC]);
    const r = await request('/');
    expect(r.fingerprint).toBe(cert.fingerprint);
    expect(r.status).toBe(200); // the app shell: answered, not misdirected
  });

  it('sets a Secure __Host- cookie over TLS, and the API works over wss://', async () => {
    const s = await signIn();
    expect(s.setCookie).toMatch(new RegExp(`^__Host-pf_session_${host.port}=[\\w-]+; HttpOnly; SameSite=Strict; Path=/; Secure; Max-Age=\\d+$`));
    const ws = wss(s.page, { host: PUBLIC, cookie: s.cookie, origin: `https://${PUBLIC}` });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const reply = await new Promise<{ result: { ok: boolean } }>((resolve) => {
      ws.once('message', (d: Buffer) => resolve(JSON.parse(d.toString()) as { result: { ok: boolean } }));
      ws.send(JSON.stringify({ id: 1, call: 'app.info', input: {} }));
    });
    expect(reply.result.ok).toBe(true);
    ws.terminate();
  });

  it('answers 421 to any Host but the public URL (the bound address and loopback names too)', async () => {
    const s = await signIn();
    for (const h of [`${BIND}:${host.port}`, `127.0.0.1:${host.port}`, `localhost:${host.port}`, 'evil.example:8443', 'studio.example.lan:8444', 'studio.example.lan']) {
      expect((await request('/', { headers: { host: h, cookie: s.cookie } })).status, h).toBe(421);
    }
    const upgrade = await refusal(wss(s.page, { host: 'evil.example:8443', cookie: s.cookie, origin: 'https://evil.example:8443' }));
    expect(upgrade).toMatch(/421/);
  });

  it('refuses an Origin other than the public URL (another site, or the same name over http)', async () => {
    const s = await signIn();
    for (const origin of ['https://evil.example', 'http://studio.example.lan:8443', `https://${BIND}:${host.port}`, 'null']) {
      const r = await request('/session', { method: 'POST', headers: { cookie: s.cookie, origin, 'x-postframe-key': s.page } });
      expect(r.status, origin).toBe(403);
    }
    expect((await request('/session', { method: 'POST', headers: { cookie: s.cookie, origin: `https://${PUBLIC}`, 'x-postframe-key': s.page } })).status).toBe(200);
    const upgrade = await refusal(wss(s.page, { host: PUBLIC, cookie: s.cookie, origin: 'https://evil.example' }));
    expect(upgrade).toMatch(/403/);
  });

  it('does not speak plain HTTP on its TLS port', async () => {
    const answer = await new Promise<string>((resolve) => {
      const sock = net.connect(host.port, BIND, () => sock.write(`GET / HTTP/1.1\r\nHost: ${PUBLIC}\r\n\r\n`));
      let got = '';
      sock.on('data', (d: Buffer) => (got += d.toString('latin1')));
      sock.on('close', () => resolve(got));
      sock.on('error', () => resolve(got));
    });
    expect(answer).not.toMatch(/^HTTP\/1\.1 [23]/);
  });
});

describe('a network host without TLS', () => {
  it('refuses to start, saying which flags to add, and listens on nothing', async () => {
    const temp = await openTempStudio('pf-host-notls-');
    try {
      for (const bind of ['0.0.0.0', BIND]) {
        const started = startHost({ studio: temp.studio, rendererDir: os.tmpdir(), port: 0, host: bind, log: { info: () => undefined, error: () => undefined } });
        await expect(started).rejects.toThrow(NetworkConfigError);
        await expect(started).rejects.toThrow(/needs TLS.*--tls self-signed.*--tls-cert FILE --tls-key FILE/);
      }
    } finally {
      await temp.close();
    }
  });
});
