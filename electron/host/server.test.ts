import fs from 'node:fs';
import http from 'node:http';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GOOD_DIR } from '../../scripts/fixtures';
import { JobsRepo } from '../library/jobs-repo';
import { defaultTextStyle } from '../model/draft';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { type RunningHost, startHost } from './server';
import { type Session, TEST_ADMIN, logIn, signIn } from './__tests__/sign-in';

const INDEX_HTML = '<!doctype html><title>Postframe test shell</title>';

type Reply = { status: number; headers: http.IncomingHttpHeaders; body: Buffer };

/** A raw HTTP request, so tests can send any Host header and un-normalised paths. */
function request(port: number, pathname: string, o: { method?: string; headers?: Record<string, string>; body?: Buffer | string } = {}): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: pathname, method: o.method ?? 'GET', headers: o.headers, agent: false }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: Buffer.concat(chunks) }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(o.body);
  });
}

type WsOutcome = { ws: WebSocket } | { refused: string };
function connect(port: number, headers: Record<string, string>, key: string | null): Promise<WsOutcome> {
  return new Promise((resolve) => {
    const ws = new WebSocket(`ws://127.0.0.1:${port}/api${key === null ? '' : `?key=${encodeURIComponent(key)}`}`, { headers });
    ws.once('open', () => resolve({ ws }));
    ws.once('error', (e) => resolve({ refused: e.message }));
  });
}
function call(ws: WebSocket, id: number, name: string, input: unknown): Promise<unknown> {
  return new Promise((resolve) => {
    const onMessage = (data: WebSocket.RawData) => {
      const msg = JSON.parse((data as Buffer).toString()) as { type: string; id?: number };
      if (msg.type === 'result' && msg.id === id) {
        ws.off('message', onMessage);
        resolve(msg);
      }
    };
    ws.on('message', onMessage);
    ws.send(JSON.stringify({ id, call: name, input }));
  });
}

describe('browser-mode host', () => {
  let tmp: string;
  let temp: TempStudio;
  let studio: Studio;
  let host: RunningHost;
  let origin: string;
  const sockets: WebSocket[] = [];

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-host-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(path.join(rendererDir, 'assets'), { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), INDEX_HTML);
    fs.writeFileSync(path.join(rendererDir, 'assets', 'app.js'), 'console.log(1)');
    temp = await openTempStudio('pf-host-');
    studio = temp.studio;
    host = await startHost({ studio, rendererDir, port: 0, log: { info: () => {}, error: () => {} } });
    admin = null;
    origin = `http://127.0.0.1:${host.port}`;
  });
  afterEach(async () => {
    for (const ws of sockets.splice(0)) ws.terminate();
    await host.close();
    await temp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** The page's keys from the sign-in answer: what only our page holds. */
  let keys = { page: '', media: '' };
  let admin: Session | null = null;
  /** Signs in as the library's first admin (created through the first-start link once, then by password). */
  async function login(): Promise<string> {
    admin = admin ? await logIn(host.port, TEST_ADMIN.login, TEST_ADMIN.password) : await signIn(host.port, host.openUrl);
    keys = admin.keys;
    return admin.cookie;
  }
  /** A media, text or export address with the page's media key, as the renderer builds it. */
  const mk = (p: string) => `${p}${p.includes('?') ? '&' : '?'}k=${keys.media}`;
  /** The header uploads and recording chunks carry. */
  const pk = () => ({ 'x-postframe-key': keys.page });
  async function open(headers: Record<string, string>, key: string | null = keys.page): Promise<WsOutcome> {
    const out = await connect(host.port, headers, key);
    if ('ws' in out) sockets.push(out.ws);
    return out;
  }

  describe('auth', () => {
    it('serves the app shell without a session (it shows sign-in), and nothing else', async () => {
      expect(host.url).toBe(`http://127.0.0.1:${host.port}/`);
      expect((await request(host.port, '/')).status).toBe(200);
      expect((await request(host.port, '/?token=anything')).headers['set-cookie']).toBeUndefined();
      expect((await request(host.port, '/media/x/original')).status).toBe(401);
      // An upload without a session gets a JSON error the page can show.
      const up = await request(host.port, '/upload?name=a.jpg', { method: 'POST', body: 'x', headers: { Origin: `http://127.0.0.1:${host.port}` } });
      expect(up.status).toBe(401);
      expect(JSON.parse(String(up.body))).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/Sign in again/) });
    });

    it('serves the app with its CSP once logged in', async () => {
      const cookie = await login();
      const r = await request(host.port, '/', { headers: { cookie } });
      expect(r.status).toBe(200);
      expect(String(r.body)).toBe(INDEX_HTML);
      expect(r.headers['content-type']).toMatch(/^text\/html/);
      expect(r.headers['content-security-policy']).toMatch(/default-src 'self'.*script-src 'self'.*frame-ancestors 'none'/);
      expect(r.headers['x-frame-options']).toBe('DENY');
      expect(r.headers['x-content-type-options']).toBe('nosniff');
      // Client-side routes get the shell; missing assets are 404; real assets are served.
      expect(String((await request(host.port, '/library/trash', { headers: { cookie } })).body)).toBe(INDEX_HTML);
      expect((await request(host.port, '/assets/missing.js', { headers: { cookie } })).status).toBe(404);
      const js = await request(host.port, '/assets/app.js', { headers: { cookie } });
      expect([js.status, js.headers['content-type'], String(js.body)]).toEqual([200, 'text/javascript; charset=utf-8', 'console.log(1)']);
    });

    it('refuses a foreign Host header (DNS rebinding), even with a valid session', async () => {
      const cookie = await login();
      const r = await request(host.port, '/', { headers: { cookie, host: `evil.example:${host.port}` } });
      expect(r.status).toBe(421);
      // Nobody signs in through a rebinding host either.
      const other = await request(host.port, '/auth/login', {
        method: 'POST',
        headers: { host: `evil.example:${host.port}`, origin: `http://evil.example:${host.port}`, 'content-type': 'application/json' },
        body: JSON.stringify({ login: TEST_ADMIN.login, password: TEST_ADMIN.password }),
      });
      expect(other.status).toBe(421);
    });

    it('does not fail on a malformed cookie set by another site on 127.0.0.1', async () => {
      const cookie = await login();
      const r = await request(host.port, '/', { headers: { cookie: `other=%E0%A4%A; ${cookie}` } });
      expect(r.status).toBe(200);
      const ws = await open({ cookie: `other=%E0%A4%A; ${cookie}`, origin });
      expect('ws' in ws).toBe(true);
      // The host is still up.
      expect((await request(host.port, '/', { headers: { cookie } })).status).toBe(200);
    });
  });

  describe('a replayed cookie (item 9)', () => {
    it('names the session cookie after the port, so another local server’s cookie of the same kind never replaces it', async () => {
      await login();
      expect(admin!.cookie).toMatch(new RegExp(`^pf_session_${host.port}=[\\w-]+$`));
      const value = admin!.cookie.split('=')[1]!;
      // The same value under the generic name, or named for another port, is not our session.
      for (const cookie of [`pf_session=${value}`, `pf_session_${host.port + 1}=${value}`]) {
        expect((await request(host.port, '/media/x/original', { headers: { cookie } })).status, cookie).toBe(401);
      }
    });

    it('gets nothing but the app shell without the page’s keys: no API, no media, no uploads, no chunks', async () => {
      const cookie = await login();
      expect(keys.page, 'the sign-in answer carries the page key').toMatch(/^[\w-]{43}$/);
      expect(keys.media).toMatch(/^[\w-]{43}$/);
      expect(keys.media).not.toBe(keys.page);
      // The shell itself is public code: served to the cookie, but it holds neither key.
      const shell = await request(host.port, '/', { headers: { cookie } });
      expect(shell.status).toBe(200);
      expect(String(shell.body)).not.toContain(keys.page);
      expect(String(shell.body)).not.toContain(keys.media);

      // API: the upgrade needs the page key.
      expect(await open({ cookie, origin }, null)).toEqual({ refused: expect.stringMatching(/403/) });
      expect(await open({ cookie, origin }, 'x'.repeat(43))).toEqual({ refused: expect.stringMatching(/403/) });
      expect(await open({ cookie, origin }, keys.media)).toEqual({ refused: expect.stringMatching(/403/) });
      expect('ws' in (await open({ cookie, origin }, keys.page))).toBe(true);
      // …and the key alone (no cookie) is not enough either.
      expect(await open({ origin }, keys.page)).toEqual({ refused: expect.stringMatching(/403/) });

      // Media, text layers and exports need the media key in the address.
      const layer = await studio.api['text.render']({ canvas: { width: 320, height: 320 }, text: { text: 'Hi', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8 } });
      const addr = `/text/${layer.key}.png`;
      expect((await request(host.port, addr, { headers: { cookie } })).status).toBe(403);
      expect((await request(host.port, `${addr}?k=${keys.page}`, { headers: { cookie } })).status).toBe(403);
      expect((await request(host.port, mk(addr))).status).toBe(401);
      expect((await request(host.port, mk(addr), { headers: { cookie } })).status).toBe(200);
      for (const p of ['/media/x/original', '/exports/job-1']) expect((await request(host.port, p, { headers: { cookie } })).status, p).toBe(403);

      // Uploads and recording chunks need the page key in a header.
      const up = await request(host.port, '/upload?name=a.bin', { method: 'POST', headers: { cookie, origin }, body: 'x' });
      expect(up.status).toBe(403);
      expect(JSON.parse(String(up.body))).toMatchObject({ code: 'unauthorized', message: expect.stringMatching(/Sign in again/) });
      const wrong = await request(host.port, '/upload?name=a.bin', { method: 'POST', headers: { cookie, origin, 'x-postframe-key': keys.media }, body: 'x' });
      expect(wrong.status).toBe(403);
      const { id } = await studio.api['recordings.start']({ kind: 'camera', mimeType: 'video/webm', fps: 30, timesliceMs: 1000, voiceover: null });
      const chunk = await request(host.port, `/recordings/${id}/chunks/0`, { method: 'POST', headers: { cookie, origin }, body: 'x' });
      expect(chunk.status).toBe(403);
      expect(fs.readdirSync(studio.folder.uploadsDir)).toEqual([]);
      expect(fs.statSync(path.join(studio.folder.recordingsDir, id, 'take.webm')).size).toBe(0);
      expect((await request(host.port, '/upload?name=a.bin', { method: 'POST', headers: { cookie, origin, ...pk() }, body: 'x' })).status).toBe(200);
    });
  });

  describe('session check (item 9: a tab tells "the server is down" from "signed out")', () => {
    const check = (headers: Record<string, string>, method = 'POST') => request(host.port, '/session', { method, headers });

    it('answers 200 to the page’s cookie and key, and one 401 alike for everything else', async () => {
      const cookie = await login();
      const yes = await check({ cookie, origin, ...pk() });
      expect(yes.status).toBe(200);
      expect(JSON.parse(String(yes.body))).toMatchObject({ signedIn: true, setupNeeded: false, user: { login: 'admin' } });
      const no = [
        await check({ origin, ...pk() }), // no cookie (a restarted server does not know it)
        await check({ cookie: `pf_session_${host.port}=stale`, origin, ...pk() }), // not a session token
        await check({ cookie: `pf_session_${host.port}=${'a'.repeat(43)}`, origin, ...pk() }), // a session that ended
        await check({ cookie, origin }), // no key
        await check({ cookie, origin, 'x-postframe-key': keys.media }), // the wrong key
      ];
      for (const r of no) {
        expect(r.status).toBe(401);
        // The same answer whatever was wrong: it tells nothing about which part was.
        expect(String(r.body)).toBe(String(no[0]!.body));
        expect(JSON.parse(String(r.body))).toMatchObject({ signedIn: false, code: 'unauthorized' });
      }
    });

    it('is asked only by the page itself: a foreign or missing Origin is refused, and it is never a GET', async () => {
      const cookie = await login();
      expect((await check({ cookie, origin: 'http://evil.example', ...pk() })).status).toBe(403);
      expect((await check({ cookie, ...pk() })).status).toBe(403);
      expect((await check({ cookie, ...pk() }, 'GET')).status).toBe(405);
    });
  });

  describe('upload', () => {
    it('refuses a foreign or missing Origin', async () => {
      const cookie = await login();
      const foreign = await request(host.port, '/upload?name=a.bin', { method: 'POST', headers: { cookie, origin: 'http://evil.example', ...pk() }, body: 'x' });
      expect(foreign.status).toBe(403);
      const none = await request(host.port, '/upload?name=a.bin', { method: 'POST', headers: { cookie, ...pk() }, body: 'x' });
      expect(none.status).toBe(403);
      const noSession = await request(host.port, '/upload?name=a.bin', { method: 'POST', headers: { origin }, body: 'x' });
      expect(noSession.status).toBe(401);
      expect(fs.readdirSync(studio.folder.uploadsDir)).toEqual([]);
    });

    it('streams the body to the uploads folder and answers {id, name, sizeBytes}', async () => {
      const cookie = await login();
      const body = Buffer.alloc(256 * 1024 + 7, 0xab);
      const r = await request(host.port, `/upload?name=${encodeURIComponent('../My clip.mp4')}`, { method: 'POST', headers: { cookie, origin, ...pk() }, body });
      expect(r.status).toBe(200);
      const up = JSON.parse(String(r.body)) as { id: string; name: string; sizeBytes: number };
      expect(up).toEqual({ id: expect.stringMatching(/^[\w-]+$/), name: 'My clip.mp4', sizeBytes: body.length });
      expect(fs.readFileSync(path.join(studio.folder.uploadsDir, up.id)).equals(body)).toBe(true);
      expect((await request(host.port, '/upload', { headers: { cookie, ...pk() } })).status).toBe(405);
    });
  });

  describe('WebSocket API', () => {
    it('answers calls with results and validation errors', async () => {
      const cookie = await login();
      const out = await open({ cookie, origin });
      if (!('ws' in out)) throw new Error(`refused: ${out.refused}`);
      const info = (await call(out.ws, 1, 'app.info', {})) as { type: string; id: number; result: { ok: boolean; value: { shell: string; library: { schemaVersion: number } } } };
      expect(info).toMatchObject({ type: 'result', id: 1, result: { ok: true, value: { shell: 'browser', library: { assetCount: 0 } } } });
      expect(info.result.value.library.schemaVersion).toBeGreaterThan(0);
      expect(await call(out.ws, 2, 'nope.call', {})).toMatchObject({ type: 'result', id: 2, result: { ok: false, error: { code: 'invalid_input' } } });
      expect(await call(out.ws, 3, 'assets.get', { id: 'missing' })).toMatchObject({ id: 3, result: { ok: false, error: { code: 'not_found' } } });
    });

    it('pushes events to connected clients', async () => {
      const cookie = await login();
      const out = await open({ cookie, origin });
      if (!('ws' in out)) throw new Error(`refused: ${out.refused}`);
      const event = new Promise<{ type: string; name: string; payload: { status: string } }>((resolve) =>
        out.ws.on('message', (d) => {
          const m = JSON.parse((d as Buffer).toString()) as { type: string; name: string; payload: { status: string } };
          if (m.type === 'event' && m.name === 'job.updated') resolve(m);
        }),
      );
      await studio.api['imports.start']({ paths: [path.join(GOOD_DIR, 'logo.png')], uploads: [] });
      expect((await event).payload.status).toBe('queued');
      await studio.whenIdle();
    });

    it('refuses an upgrade from a foreign Origin, without a session, or on another path', async () => {
      const cookie = await login();
      expect(await open({ cookie, origin: 'http://evil.example' })).toEqual({ refused: expect.stringMatching(/403/) });
      expect(await open({ cookie })).toEqual({ refused: expect.stringMatching(/403/) });
      expect(await open({ origin })).toEqual({ refused: expect.stringMatching(/403/) });
      const other = await new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${host.port}/not-api`, { headers: { cookie, origin } });
        ws.once('open', () => resolve('open'));
        ws.once('error', (e) => resolve(e.message));
      });
      expect(other).toMatch(/403/);
    });
  });

  describe('media', () => {
    let cookie: string;
    let id: string;
    const original = fs.readFileSync(path.join(GOOD_DIR, 'logo.png'));

    beforeEach(async () => {
      cookie = await login();
      await studio.api['imports.start']({ paths: [path.join(GOOD_DIR, 'logo.png')], uploads: [] });
      await studio.whenIdle();
      const list = await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 10 });
      expect(list.total).toBe(1);
      id = list.items[0]!.id;
    });

    it('serves the original whole and by range', async () => {
      const whole = await request(host.port, mk(`/media/${id}/original`), { headers: { cookie } });
      expect(whole.status).toBe(200);
      expect(whole.headers['content-type']).toBe('image/png');
      expect(whole.headers['accept-ranges']).toBe('bytes');
      expect(whole.body.equals(original)).toBe(true);

      const part = await request(host.port, mk(`/media/${id}/original`), { headers: { cookie, range: 'bytes=0-9' } });
      expect(part.status).toBe(206);
      expect(part.headers['content-range']).toBe(`bytes 0-9/${original.length}`);
      expect(part.headers['content-length']).toBe('10');
      expect(part.body.equals(original.subarray(0, 10))).toBe(true);

      const tail = await request(host.port, mk(`/media/${id}/original`), { headers: { cookie, range: 'bytes=-4' } });
      expect(tail.status).toBe(206);
      expect(tail.body.equals(original.subarray(-4))).toBe(true);

      const bad = await request(host.port, mk(`/media/${id}/original`), { headers: { cookie, range: `bytes=${original.length}-` } });
      expect(bad.status).toBe(416);
      expect(bad.headers['content-range']).toBe(`bytes */${original.length}`);
      expect(bad.body.length).toBe(0);
    });

    it('serves the thumbnail as WebP and 404s for what does not exist', async () => {
      const thumb = await request(host.port, mk(`/media/${id}/thumb`), { headers: { cookie } });
      expect(thumb.status).toBe(200);
      expect(thumb.headers['content-type']).toBe('image/webp');
      expect(thumb.body.subarray(0, 4).toString('latin1')).toBe('RIFF');
      expect(thumb.body.subarray(8, 12).toString('latin1')).toBe('WEBP');

      for (const p of [`/media/${id}/waveform`, `/media/${id}/bogus`, `/media/${id}`, '/media/00000000-0000-0000-0000-000000000000/original', '/media/']) {
        expect((await request(host.port, mk(p), { headers: { cookie } })).status, p).toBe(404);
      }
    });

    it('never serves files outside the library through media paths', async () => {
      for (const p of ['/media/..%2F..%2F..%2Fetc%2Fpasswd/original', `/media/${id}%2F..%2F..%2Flibrary.sqlite/original`, '/media/%2e%2e%2f%2e%2e%2fetc%2fpasswd/original']) {
        expect((await request(host.port, mk(p), { headers: { cookie } })).status, p).toBe(404);
      }
      // Dot segments are resolved before routing: such a path never reaches a file outside the renderer.
      for (const p of ['/media/../../etc/passwd', '/../../../../etc/passwd', '/%2e%2e/%2e%2e/etc/passwd', '/assets/..%2F..%2F..%2Fetc%2Fpasswd']) {
        const r = await request(host.port, mk(p), { headers: { cookie } });
        expect(String(r.body), p).not.toMatch(/root:/);
        expect([200, 404], p).toContain(r.status);
        if (r.status === 200) expect(String(r.body)).toBe(INDEX_HTML);
      }
    });
  });

  describe('text layers', () => {
    it('serves a rendered layer with the cookie and the media key, immutable; 404s bad keys and refuses traversal', async () => {
      const layer = await studio.api['text.render']({
        canvas: { width: 720, height: 1280 },
        text: { text: 'Hello', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.8 },
      });
      const p = `/text/${layer.key}.png`;
      expect((await request(host.port, p)).status).toBe(401);

      const cookie = await login();
      const r = await request(host.port, mk(p), { headers: { cookie } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('image/png');
      expect(r.headers['cache-control']).toContain('immutable');
      expect(r.body.equals(fs.readFileSync(path.join(studio.folder.textCacheDir, `${layer.key}.png`)))).toBe(true);

      const part = await request(host.port, mk(p), { headers: { cookie, range: 'bytes=0-7' } });
      expect(part.status).toBe(206);
      expect(part.body.equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);

      // A sibling file that is not a text layer, to prove keys are not file names.
      fs.writeFileSync(path.join(studio.folder.textCacheDir, 'secret.png'), 'x');
      const bad = [
        `/text/${'0'.repeat(64)}.png`,
        `/text/${layer.key.toUpperCase()}.png`,
        `/text/${layer.key}`,
        `/text/${layer.key}.json`,
        '/text/secret.png',
        '/text/..%2F..%2Flibrary.sqlite%00.png',
        '/text/..%2F..%2F..%2Fetc%2Fpasswd.png',
        '/text/%E0%A4%A.png',
        '/text/',
      ];
      for (const b of bad) expect((await request(host.port, mk(b), { headers: { cookie } })).status, b).toBe(404);
    });
  });

  describe('fonts', () => {
    it('serves a library font by its id with the cookie and the media key, immutable; 404s anything else', async () => {
      const lobster = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');
      const { font } = await studio.api['fonts.add']({ actorId: 'owner', path: lobster, licenceNote: '' });
      const p = `/fonts/${font.id}`;
      expect((await request(host.port, p)).status).toBe(401);
      const cookie = await login();
      expect((await request(host.port, p, { headers: { cookie } })).status, 'without the media key').toBe(403);
      const r = await request(host.port, mk(p), { headers: { cookie } });
      expect([r.status, r.headers['content-type'], r.headers['cache-control']]).toEqual([200, 'font/ttf', 'private, max-age=31536000, immutable']);
      expect(r.body.equals(fs.readFileSync(lobster))).toBe(true);
      const bad = [`/fonts/${'0'.repeat(64)}`, `/fonts/${font.id.toUpperCase()}`, `/fonts/${font.id}.ttf`, '/fonts/..%2F..%2Flibrary.sqlite', '/fonts/..%2F..%2F..%2Fetc%2Fpasswd', '/fonts/'];
      for (const b of bad) expect((await request(host.port, mk(b), { headers: { cookie } })).status, b).toBe(404);
    });
  });

  describe('exports', () => {
    function fakeExport(id: string, outputPath: string, status: 'done' | 'running' = 'done'): void {
      const jobs = new JobsRepo(studio.database);
      jobs.create({ id, kind: 'export', title: 'Exporting', input: {} });
      jobs.update(id, { status, result: { kind: 'export', draftId: 'd1', outputPath, fileName: path.basename(outputPath), sizeBytes: 12, durationSec: 1, method: 'encode' } });
    }

    it('downloads a finished export as an attachment, by range, with the cookie and the media key', async () => {
      const file = path.join(studio.folder.root, 'exports', 'Summer ä.mp4');
      fs.writeFileSync(file, 'not a real mp4');
      fakeExport('job-1', file);
      expect((await request(host.port, '/exports/job-1')).status).toBe(401);

      const cookie = await login();
      const r = await request(host.port, mk('/exports/job-1'), { headers: { cookie } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('video/mp4');
      expect(r.headers['content-disposition']).toBe(`attachment; filename="Summer _.mp4"; filename*=UTF-8''Summer%20%C3%A4.mp4`);
      expect(String(r.body)).toBe('not a real mp4');
      const part = await request(host.port, mk('/exports/job-1'), { headers: { cookie, range: 'bytes=4-' } });
      expect(part.status).toBe(206);
      expect(String(part.body)).toBe('a real mp4');
    });

    it('downloads a kit file from exports/kits/ by its name, with the media key, and nothing else under that route', async () => {
      const kits = path.join(studio.folder.root, 'exports', 'kits');
      fs.mkdirSync(kits, { recursive: true });
      fs.writeFileSync(path.join(kits, 'Acme ä.postframe-kit'), 'PK kit bytes');
      fs.writeFileSync(path.join(kits, 'notes.txt'), 'not a kit');
      fs.writeFileSync(path.join(tmp, 'outside.postframe-kit'), 'private');
      fs.symlinkSync(path.join(tmp, 'outside.postframe-kit'), path.join(kits, 'link.postframe-kit'));
      expect((await request(host.port, `/kit-files/${encodeURIComponent('Acme ä.postframe-kit')}`)).status).toBe(401);
      const cookie = await login();
      expect((await request(host.port, `/kit-files/${encodeURIComponent('Acme ä.postframe-kit')}`, { headers: { cookie } })).status).toBe(403);
      const r = await request(host.port, mk(`/kit-files/${encodeURIComponent('Acme ä.postframe-kit')}`), { headers: { cookie } });
      expect(r.status).toBe(200);
      expect(r.headers['content-type']).toBe('application/zip');
      expect(r.headers['content-disposition']).toMatch(/^attachment; filename="Acme _.postframe-kit"/);
      expect(String(r.body)).toBe('PK kit bytes');
      for (const p of ['/kit-files/notes.txt', '/kit-files/link.postframe-kit', '/kit-files/..%2F..%2Flibrary.sqlite', '/kit-files/..%2F..%2F..%2Foutside.postframe-kit', '/kit-files/nope.postframe-kit', '/kit-files/%ZZ']) {
        expect((await request(host.port, mk(p), { headers: { cookie } })).status, p).toBe(404);
      }
    });

    it('404s unknown, unfinished and out-of-library exports, and traversal', async () => {
      const cookie = await login();
      const outside = path.join(tmp, 'outside.mp4');
      fs.writeFileSync(outside, 'private');
      fakeExport('job-outside', outside);
      const inside = path.join(studio.folder.root, 'exports', 'half.mp4');
      fs.writeFileSync(inside, 'half');
      fakeExport('job-running', inside, 'running');
      fakeExport('job-gone', path.join(studio.folder.root, 'exports', 'deleted.mp4'));
      for (const p of ['/exports/job-outside', '/exports/job-running', '/exports/job-gone', '/exports/nope', '/exports/..%2Flibrary.sqlite', '/exports/job-1/x', '/exports/%ZZ']) {
        expect((await request(host.port, mk(p), { headers: { cookie } })).status, p).toBe(404);
      }
    });
  });
  describe('image export downloads', () => {
    /** An image export job as images.export records it: numbered files (and a PDF) in a folder of exports/. */
    function fakeImageExport(id: string, dir: string, names: string[], o: { status?: 'done' | 'running'; pdf?: string; paths?: string[] } = {}): void {
      const jobs = new JobsRepo(studio.database);
      jobs.create({ id, kind: 'image-export', title: 'Exporting images', input: {} });
      const files = names.map((fileName, i) => ({ fileName, outputPath: o.paths?.[i] ?? path.join(dir, fileName), sizeBytes: 4, quality: 92, fits: true, width: 1080, height: 1350 }));
      const pdf = o.pdf ? { fileName: o.pdf, outputPath: path.join(dir, o.pdf), sizeBytes: 4, pages: names.length } : null;
      jobs.update(id, { status: o.status ?? 'done', result: { kind: 'image-export', draftId: 'd1', format: 'jpeg', channel: 'instagram_feed', maxBytes: 8_000_000, dir, files, pdf } });
    }

    it('serves only the files a finished image export names, by page number or pdf, with the cookie and the media key', async () => {
      const dir = path.join(studio.folder.root, 'exports', 'Quote ä 2026-01-01 10-00-00');
      fs.mkdirSync(dir, { recursive: true });
      for (const [n, body] of [['Quote ä-01.jpg', 'page one'], ['Quote ä-02.jpg', 'page two'], ['Quote ä.pdf', '%PDF'], ['notes.txt', 'not named']]) fs.writeFileSync(path.join(dir, n!), body!);
      fakeImageExport('img-1', dir, ['Quote ä-01.jpg', 'Quote ä-02.jpg'], { pdf: 'Quote ä.pdf' });
      const other = path.join(studio.folder.root, 'exports', 'Other');
      fs.mkdirSync(other);
      fs.writeFileSync(path.join(other, 'Other.jpg'), 'other');
      fakeImageExport('img-2', other, ['Other.jpg']);
      expect((await request(host.port, '/exports/img-1/1')).status, 'without the session').toBe(401);
      const cookie = await login();
      expect((await request(host.port, '/exports/img-1/1', { headers: { cookie } })).status, 'without the media key').toBe(403);
      expect((await request(host.port, '/exports/img-1/1?k=wrong-key-wrong-key', { headers: { cookie } })).status, 'a wrong media key').toBe(403);

      const r = await request(host.port, mk('/exports/img-1/2'), { headers: { cookie } });
      expect([r.status, r.headers['content-type'], String(r.body)]).toEqual([200, 'image/jpeg', 'page two']);
      expect(r.headers['content-disposition']).toBe(`attachment; filename="Quote _-02.jpg"; filename*=UTF-8''Quote%20%C3%A4-02.jpg`);
      const pdf = await request(host.port, mk('/exports/img-1/pdf'), { headers: { cookie } });
      expect([pdf.status, pdf.headers['content-type'], String(pdf.body)]).toEqual([200, 'application/pdf', '%PDF']);
      expect(String((await request(host.port, mk('/exports/img-2/1'), { headers: { cookie } })).body)).toBe('other');

      // Another job's index, a page past the end, names and paths instead of numbers, the video route's job: 404.
      for (const p of ['/exports/img-2/2', '/exports/img-2/pdf', '/exports/img-1/3', '/exports/img-1/0', '/exports/img-1/01', '/exports/img-1/notes.txt', `/exports/img-1/${encodeURIComponent('Quote ä-01.jpg')}`, '/exports/img-1/..%2F..%2Flibrary.sqlite', '/exports/img-1/%ZZ', '/exports/img-1/1/x', '/exports/nope/1']) {
        expect((await request(host.port, mk(p), { headers: { cookie } })).status, p).toBe(404);
      }
    });

    it('refuses a running job, a record naming a file outside its folder or the library, and a link out', async () => {
      const cookie = await login();
      const dir = path.join(studio.folder.root, 'exports', 'Run');
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'Run-01.jpg'), 'half');
      fakeImageExport('img-running', dir, ['Run-01.jpg'], { status: 'running' });
      // A tampered record: its file is the library's database, or a file outside the library.
      fakeImageExport('img-db', dir, ['library.sqlite'], { paths: [path.join(studio.folder.root, 'library.sqlite')] });
      fs.writeFileSync(path.join(tmp, 'private.jpg'), 'private');
      fakeImageExport('img-out', tmp, ['private.jpg']);
      fs.symlinkSync(path.join(tmp, 'private.jpg'), path.join(dir, 'link.jpg'));
      fakeImageExport('img-link', dir, ['link.jpg']);
      fakeImageExport('img-gone', dir, ['deleted.jpg']);
      for (const p of ['/exports/img-running/1', '/exports/img-db/1', '/exports/img-out/1', '/exports/img-link/1', '/exports/img-gone/1']) {
        expect((await request(host.port, mk(p), { headers: { cookie } })).status, p).toBe(404);
      }
      // The same file once its job is done is served: the refusals above were the job's state, not the file.
      new JobsRepo(studio.database).update('img-running', { status: 'done' });
      expect((await request(host.port, mk('/exports/img-running/1'), { headers: { cookie } })).status).toBe(200);
    });
  });
  describe('malformed addresses', () => {
    it('answers a bad %-escape on every route with 404, never 500 or a stack trace', async () => {
      const cookie = await login();
      const routes: [string, string][] = [
        ['GET', '/%E0%A4%A'],
        ['GET', '/%ZZ'],
        ['GET', '/assets/%ZZ.js'],
        ['HEAD', '/assets/%E0%A4%A.css'],
        ['GET', '/media/%ZZ/original'],
        ['GET', '/media/%E0%A4%A/thumb'],
        ['GET', '/media/x%/poster'],
        ['GET', '/text/%ZZ.png'],
        ['GET', '/exports/%ZZ'],
        ['GET', '/exports/%E0%A4%A'],
        ['POST', '/recordings/%ZZ/chunks/0'],
        ['POST', '/recordings/rec-%E0%A4%A/chunks/%ZZ'],
      ];
      for (const [method, p] of routes) {
        const r = await request(host.port, method === 'POST' ? p : mk(p), { method, headers: { cookie, origin, ...pk() }, body: method === 'POST' ? 'x' : undefined });
        expect(r.status, `${method} ${p}`).toBe(404);
        expect(String(r.body), `${method} ${p}`).not.toMatch(/URIError|\n\s+at /);
      }
      // An upload's name is read leniently: a bad escape is kept as typed, not a failure.
      const up = await request(host.port, '/upload?name=clip%ZZ.mp4', { method: 'POST', headers: { cookie, origin, ...pk() }, body: 'x' });
      expect([up.status, (JSON.parse(String(up.body)) as { name: string }).name]).toEqual([200, 'clip%ZZ.mp4']);
    });

    it('answers a request target no URL parser accepts with 400, and an upgrade to one with 403', async () => {
      const cookie = await login();
      const r = await request(host.port, '//[', { headers: { cookie } });
      expect(r.status).toBe(400);
      const ws = await new Promise<string>((resolve) => {
        const req = http.request({ host: '127.0.0.1', port: host.port, path: '//[', headers: { cookie, origin, connection: 'Upgrade', upgrade: 'websocket', 'sec-websocket-version': '13', 'sec-websocket-key': 'dGhlIHNhbXBsZSBub25jZQ==' } });
        req.on('response', (res) => resolve(String(res.statusCode)));
        req.on('upgrade', () => resolve('upgraded'));
        req.on('error', (e) => resolve(e.message));
        req.end();
      });
      expect(ws).toBe('403');
      expect((await request(host.port, '/', { headers: { cookie } })).status).toBe(200);
    });
  });

  describe('recording chunks', () => {
    const post = (pathname: string, body: Buffer | string, headers: Record<string, string>) =>
      request(host.port, pathname, { method: 'POST', body, headers: { origin, 'content-type': 'application/octet-stream', ...pk(), ...headers } });

    it('takes a take’s chunks in order, answers retries as taken and refuses gaps with the chunk it expects', async () => {
      const cookie = await login();
      const { id } = await studio.api['recordings.start']({ kind: 'camera', mimeType: 'video/webm', fps: 30, timesliceMs: 1000, voiceover: null });
      const json = (r: Reply) => JSON.parse(String(r.body)) as unknown;
      const r0 = await post(`/recordings/${id}/chunks/0`, 'aaa', { cookie });
      expect([r0.status, json(r0)]).toEqual([200, { status: 'taken', nextSeq: 1 }]);
      const again = await post(`/recordings/${id}/chunks/0`, 'aaa', { cookie });
      expect([again.status, json(again)]).toEqual([200, { status: 'duplicate', nextSeq: 1 }]);
      const gap = await post(`/recordings/${id}/chunks/2`, 'ccc', { cookie });
      expect([gap.status, json(gap)]).toEqual([409, { status: 'gap', expected: 1 }]);
      const r1 = await post(`/recordings/${id}/chunks/1`, 'bb', { cookie });
      expect(json(r1)).toEqual({ status: 'taken', nextSeq: 2 });
      expect(fs.readFileSync(path.join(studio.folder.recordingsDir, id, 'take.webm'), 'utf8')).toBe('aaabb');
      const unknown = await post('/recordings/nope/chunks/0', 'x', { cookie });
      expect([unknown.status, json(unknown)]).toMatchObject([404, { code: 'not_found' }]);
      expect((await request(host.port, `/recordings/${id}/chunks/2`, { headers: { cookie, ...pk() } })).status).toBe(405);
    });

    it('needs the session cookie and the page’s own origin', async () => {
      const { id } = await studio.api['recordings.start']({ kind: 'camera', mimeType: 'video/webm', fps: 30, timesliceMs: 1000, voiceover: null });
      const anonymous = await post(`/recordings/${id}/chunks/0`, 'x', {});
      expect(anonymous.status).toBe(401);
      expect(JSON.parse(String(anonymous.body))).toMatchObject({ code: 'unauthorized' });
      const cookie = await login();
      expect((await post(`/recordings/${id}/chunks/0`, 'x', { cookie, origin: 'http://evil.example' })).status).toBe(403);
      expect(fs.statSync(path.join(studio.folder.recordingsDir, id, 'take.webm')).size).toBe(0);
    });
  });
});
