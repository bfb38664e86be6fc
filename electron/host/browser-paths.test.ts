import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { GOOD_DIR } from '../../scripts/fixtures';
import type { Job } from '../model/job';
import { Studio } from '../studio';
import type { PathAccess } from '../studio/path-gate';
import { type RunningHost, startHost } from './server';
import { type Session, apiUpgrade, signIn } from './__tests__/sign-in';

// Item 8 of issue 9: in browser mode a signed-in page names paths only inside the folders allowed with
// `postframe serve --allow-folder`; everything else is refused by the engine with `forbidden` and how to allow
// it. The API is called here as the page calls it: over the host's WebSocket.

type Result = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string } };

describe('paths in browser mode', () => {
  let tmp: string;
  let allowed: string;
  let outside: string;
  let libraryPath: string;
  let settingsDir: string;
  let studio: Studio;
  let host: RunningHost;
  let ws: WebSocket;
  let nextId = 1;

  async function serve(access: PathAccess): Promise<void> {
    studio = await Studio.open({ libraryPath, settingsDir, shell: 'browser', createLibrary: true, pathAccess: access });
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
    host = await startHost({ studio, rendererDir, port: 0, log: { info: () => undefined, error: () => undefined } });
    const session: Session = await signIn(host.port, host.openUrl);
    const up = apiUpgrade(session);
    ws = new WebSocket(`ws://127.0.0.1:${host.port}${up.path}`, { headers: up.headers });
    await new Promise((resolve, reject) => ws.once('open', resolve).once('error', reject));
  }

  function call(name: string, input: unknown): Promise<Result> {
    const id = nextId++;
    return new Promise((resolve) => {
      const on = (data: WebSocket.RawData) => {
        const msg = JSON.parse((data as Buffer).toString()) as { type: string; id: number; result: Result };
        if (msg.type !== 'result' || msg.id !== id) return;
        ws.off('message', on);
        resolve(msg.result);
      };
      ws.on('message', on);
      ws.send(JSON.stringify({ id, call: name, input }));
    });
  }

  const forbidden = (r: Result) => {
    expect(r.ok, JSON.stringify(r)).toBe(false);
    if (r.ok) return '';
    expect(r.error.code).toBe('forbidden');
    expect(r.error.message).toMatch(/postframe serve --allow-folder FOLDER/);
    return r.error.message;
  };

  beforeEach(async () => {
    tmp = fs.realpathSync(fs.mkdtempSync(path.join(os.tmpdir(), 'pf-browser-paths-')));
    allowed = path.join(tmp, 'allowed');
    outside = path.join(tmp, 'outside');
    libraryPath = path.join(tmp, 'lib');
    settingsDir = path.join(tmp, 'settings');
    fs.mkdirSync(path.join(allowed, 'shoot'), { recursive: true });
    fs.mkdirSync(outside);
    fs.copyFileSync(path.join(GOOD_DIR, 'logo.png'), path.join(allowed, 'shoot', 'logo.png'));
    await sharp({ create: { width: 40, height: 30, channels: 3, background: '#123456' } }).png().toFile(path.join(outside, 'secret.png'));
    // Links inside the allowed folder that lead out of it.
    fs.symlinkSync(path.join(outside, 'secret.png'), path.join(allowed, 'shoot', 'escape.png'));
    fs.symlinkSync(outside, path.join(allowed, 'door'));
  });
  afterEach(async () => {
    ws?.terminate();
    await host?.close();
    await studio?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('imports only from allowed folders: outside paths, `..` and links out are refused; a link found inside is skipped', async () => {
    await serve({ kind: 'confined', folders: [allowed] });
    for (const p of [path.join(outside, 'secret.png'), path.join(allowed, '..', 'outside', 'secret.png'), path.join(allowed, 'shoot', 'escape.png'), path.join(allowed, 'door', 'secret.png'), path.join(allowed, 'door'), '/etc/passwd']) {
      expect(forbidden(await call('imports.start', { paths: [p] })), p).toMatch(/cannot read .* it may read files only inside .*allowed\. Drop or choose the files in the browser/);
    }
    // A relative path means nothing to a browser: it is asked for in full.
    expect(await call('imports.start', { paths: ['clips/a.mp4'] })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/not a full path\. Type the whole path of a folder inside .*allowed/) } });
    // One refused path refuses the request: nothing was started.
    forbidden(await call('imports.start', { paths: [path.join(allowed, 'shoot'), path.join(outside, 'secret.png')] }));
    expect(await studio.api['jobs.list']({})).toEqual([]);

    const started = await call('imports.start', { paths: [allowed] });
    expect(started.ok).toBe(true);
    const job: Job = await studio.waitForJob((started as { value: { jobId: string } }).value.jobId);
    expect(job.result).toMatchObject({ kind: 'import', imported: 1, failed: [{ path: path.join(allowed, 'shoot', 'escape.png'), reason: expect.stringMatching(/link to a file outside/) }] });
    const names = (await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 10 })).items.map((a) => a.name);
    expect(names).toEqual(['logo.png']);
  });

  it('opens or creates libraries only in allowed folders, and the one it serves', async () => {
    await serve({ kind: 'confined', folders: [allowed] });
    const there = path.join(outside, 'Library');
    expect(forbidden(await call('libraries.open', { path: there, create: true }))).toMatch(/cannot open or create a library at .*Library: it may use folders only inside/);
    expect(fs.existsSync(there)).toBe(false);
    forbidden(await call('libraries.open', { path: path.join(allowed, 'door', 'Library'), create: true }));
    expect(fs.existsSync(path.join(outside, 'Library'))).toBe(false);
    forbidden(await call('libraries.open', { path: '/', create: false }));

    const inside = path.join(allowed, 'Team Library');
    expect(await call('libraries.open', { path: inside, create: true })).toMatchObject({ ok: true, value: { path: inside } });
    // The admin who made it is its owner and stays signed in (docs/security.md "Opening another library")...
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { library: { path: inside } } });
    // ...and going back, where the very same account is, keeps them signed in.
    expect(await call('libraries.open', { path: libraryPath, create: false })).toMatchObject({ ok: true, value: { path: libraryPath } });
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { library: { path: libraryPath } } });
  });

  it('lists only the recent libraries it may open, and tells the page which folders are allowed', async () => {
    // A library this machine opened elsewhere (the desktop app): remembered, but not the browser's to open.
    const elsewhere = await Studio.open({ libraryPath: path.join(outside, 'Private'), settingsDir, shell: 'electron', createLibrary: true });
    await elsewhere.close();
    await serve({ kind: 'confined', folders: [allowed] });
    const recent = await call('libraries.recent', {});
    expect(recent.ok && (recent.value as { path: string }[]).map((r) => r.path)).toEqual([libraryPath]);
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { allowedFolders: [allowed] } });
  });

  it('delivers only into allowed folders', async () => {
    await serve({ kind: 'confined', folders: [allowed] });
    expect(forbidden(await call('connectors.set', { actorId: 'owner', folder: { root: path.join(outside, 'out') } }))).toMatch(/cannot deliver to .*out: it may write only inside/);
    forbidden(await call('connectors.set', { actorId: 'owner', folder: { root: path.join(allowed, 'door', 'out') } }));
    const inside = path.join(allowed, 'deliveries');
    expect(await call('connectors.set', { actorId: 'owner', folder: { root: inside } })).toMatchObject({ ok: true, value: { folder: { root: inside } } });
  });

  it('with no folder allowed, takes uploads only and says how to allow one', async () => {
    await serve({ kind: 'confined', folders: [] });
    expect(forbidden(await call('imports.start', { paths: [path.join(allowed, 'shoot', 'logo.png')] }))).toMatch(/in no folder yet/);
    forbidden(await call('libraries.open', { path: path.join(allowed, 'L'), create: true }));
    expect(await call('app.info', {})).toMatchObject({ ok: true, value: { allowedFolders: [] } });
  });

  it('is what a browser-mode Studio gets by default; the desktop app keeps path imports', async () => {
    studio = await Studio.open({ libraryPath, settingsDir, shell: 'browser', createLibrary: true });
    await expect(studio.api['imports.start']({ paths: [path.join(outside, 'secret.png')], uploads: [] })).rejects.toMatchObject({ code: 'forbidden' });
    await studio.close();
    studio = await Studio.open({ libraryPath, settingsDir, shell: 'electron' });
    const { jobId } = await studio.api['imports.start']({ paths: [path.join(outside, 'secret.png')], uploads: [] });
    expect((await studio.waitForJob(jobId)).result).toMatchObject({ imported: 1 });
    expect((await studio.api['app.info']({})).allowedFolders).toBeNull();
  });
});
