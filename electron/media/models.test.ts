import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { AppError } from '../model/errors';
import { type CatalogueModel, MODEL_CATALOGUE } from '../model/whisper-models';
import { ModelStore } from './models';
import { downloadFile, parseContentRange } from './model-download';

/** A fake "model": the ggml magic, then random bytes; big enough to arrive in several chunks. */
const MODEL = Buffer.concat([Buffer.from([0x6c, 0x6d, 0x67, 0x67]), randomBytes(600_000)]);
const SHA256 = createHash('sha256').update(MODEL).digest('hex');
const CUT_AT = 200_000;

type Mode = 'normal' | 'cut-first' | 'ignore-range' | 'wrong-bytes' | 'stall-half' | 'redirect';

/** A local model server whose behaviour each test picks; it records the Range header of every request. */
function startServer(): Promise<{ url: string; mode: { v: Mode }; ranges: (string | undefined)[]; close: () => Promise<void> }> {
  const mode = { v: 'normal' as Mode };
  const ranges: (string | undefined)[] = [];
  let requests = 0;
  const stalled: http.ServerResponse[] = [];
  const server = http.createServer((req, res) => {
    requests++;
    ranges.push(req.headers.range);
    if (mode.v === 'redirect' && req.url === '/old/ggml-tiny.bin') {
      res.writeHead(302, { Location: '/models/ggml-tiny.bin' }).end();
      return;
    }
    if (!req.url?.endsWith('/ggml-tiny.bin')) {
      res.writeHead(404).end();
      return;
    }
    const body = mode.v === 'wrong-bytes' ? Buffer.from(MODEL).fill(7, 4) : MODEL;
    const m = /^bytes=(\d+)-$/.exec(req.headers.range ?? '');
    if (m && mode.v !== 'ignore-range') {
      const start = Number(m[1]);
      res.writeHead(206, { 'Content-Length': body.length - start, 'Content-Range': `bytes ${start}-${body.length - 1}/${body.length}` });
      res.end(body.subarray(start));
      return;
    }
    res.writeHead(200, { 'Content-Length': body.length });
    if (mode.v === 'cut-first' && requests === 1) {
      res.write(body.subarray(0, CUT_AT), () => res.destroy());
      return;
    }
    if (mode.v === 'stall-half') {
      res.write(body.subarray(0, CUT_AT));
      stalled.push(res);
      return;
    }
    res.end(body);
  });
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://127.0.0.1:${port}/models/`,
        mode,
        ranges,
        close: () =>
          new Promise<void>((r) => {
            for (const s of stalled) s.destroy();
            server.closeAllConnections();
            server.close(() => r());
          }),
      });
    });
  });
}

const testCatalogue: CatalogueModel[] = MODEL_CATALOGUE.map((m) => (m.id === 'tiny' ? { ...m, approxBytes: MODEL.length, checksum: { algorithm: 'sha256', hex: SHA256 } } : m));

let dir: string;
let srv: Awaited<ReturnType<typeof startServer>>;
beforeEach(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-models-'));
  srv = await startServer();
});
afterEach(async () => {
  await srv.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

const store = () => new ModelStore({ folder: path.join(dir, 'models'), baseUrl: srv.url, catalogue: testCatalogue });

async function rejection(p: Promise<unknown>): Promise<AppError> {
  const e: unknown = await p.then(
    () => null,
    (x: unknown) => x,
  );
  if (!(e instanceof AppError)) throw new Error(`expected an AppError, got ${String(e)}`);
  return e;
}

describe('model download', () => {
  it('downloads a catalogue model with progress, checks its SHA-256 and records it', async () => {
    const s = store();
    const seen: number[] = [];
    const status = await s.download('tiny', { onProgress: (p) => seen.push(p.receivedBytes) });
    expect(status).toMatchObject({ id: 'tiny', installed: true, sizeBytes: MODEL.length, source: 'download', sha256: SHA256, partialBytes: 0 });
    expect(fs.readFileSync(s.fileOf('tiny')).equals(MODEL)).toBe(true);
    expect(seen.at(-1)).toBe(MODEL.length);
    expect(seen).toEqual([...seen].sort((a, b) => a - b));
    expect(seen.length).toBeGreaterThan(2);
    expect(fs.existsSync(`${s.fileOf('tiny')}.part`)).toBe(false);
    const list = await s.list();
    expect(list.active).toBe('tiny');
    expect((await s.resolve('fi')).file).toBe(s.fileOf('tiny'));
  });

  it('resumes after a cut connection with a Range request, keeping what had arrived', async () => {
    srv.mode.v = 'cut-first';
    const s = store();
    const first = await rejection(s.download('tiny'));
    expect(first.code).toBe('internal');
    expect(first.message).toMatch(/continues where it stopped/);
    // What arrived before the cut (the socket's reset may drop the tail of what was sent).
    const kept = fs.statSync(`${s.fileOf('tiny')}.part`).size;
    expect(kept).toBeGreaterThan(0);
    expect(kept).toBeLessThanOrEqual(CUT_AT);
    expect((await s.list()).models.find((m) => m.id === 'tiny')).toMatchObject({ installed: false, partialBytes: kept });
    const status = await s.download('tiny');
    expect(srv.ranges).toEqual([undefined, `bytes=${kept}-`]);
    expect(status.installed).toBe(true);
    expect(fs.readFileSync(s.fileOf('tiny')).equals(MODEL)).toBe(true);
  });

  it('starts over when the server ignores Range and answers the whole file', async () => {
    srv.mode.v = 'ignore-range';
    const s = store();
    fs.mkdirSync(s.folder, { recursive: true });
    fs.writeFileSync(`${s.fileOf('tiny')}.part`, Buffer.alloc(CUT_AT, 9)); // a part the server will not continue
    const r = await downloadFile({ url: `${srv.url}ggml-tiny.bin`, dest: s.fileOf('tiny'), checksum: { algorithm: 'sha256', hex: SHA256 } });
    expect(srv.ranges).toEqual([`bytes=${CUT_AT}-`]);
    expect(r.resumedFrom).toBe(0);
    expect(fs.readFileSync(s.fileOf('tiny')).equals(MODEL)).toBe(true);
  });

  it('refuses and deletes a file whose checksum differs', async () => {
    srv.mode.v = 'wrong-bytes';
    const s = store();
    const e = await rejection(s.download('tiny'));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/not the expected model.*deleted/);
    expect(fs.existsSync(s.fileOf('tiny'))).toBe(false);
    expect(fs.existsSync(`${s.fileOf('tiny')}.part`)).toBe(false);
    expect((await s.list()).models.find((m) => m.id === 'tiny')?.installed).toBe(false);
  });

  it('cancels a download in flight, keeping the part for the next try', async () => {
    srv.mode.v = 'stall-half';
    const s = store();
    const ctl = new AbortController();
    const e = await rejection(
      s.download('tiny', {
        signal: ctl.signal,
        onProgress: (p) => {
          if (p.receivedBytes >= CUT_AT) ctl.abort();
        },
      }),
    );
    expect(e.code).toBe('cancelled');
    expect(fs.existsSync(s.fileOf('tiny'))).toBe(false);
    expect((await s.list()).models.find((m) => m.id === 'tiny')?.partialBytes).toBeGreaterThan(0);
    srv.mode.v = 'normal';
    expect((await s.download('tiny')).installed).toBe(true);
  });

  it('follows a redirect, and names a missing file or an unreachable server', async () => {
    srv.mode.v = 'redirect';
    const dest = path.join(dir, 'r.bin');
    await downloadFile({ url: srv.url.replace('/models/', '/old/ggml-tiny.bin'), dest, checksum: { algorithm: 'sha256', hex: SHA256 } });
    expect(fs.readFileSync(dest).equals(MODEL)).toBe(true);
    const missing = await rejection(downloadFile({ url: `${srv.url}nothing.bin`, dest: path.join(dir, 'n.bin'), checksum: { algorithm: 'sha256', hex: SHA256 } }));
    expect(missing.code).toBe('not_found');
    await srv.close();
    const down = await rejection(downloadFile({ url: `${srv.url}ggml-tiny.bin`, dest: path.join(dir, 'u.bin'), checksum: { algorithm: 'sha256', hex: SHA256 } }));
    expect(down.code).toBe('internal');
    expect(down.message).toMatch(/could not be reached/);
  });

  it('reads Content-Range strictly', () => {
    expect(parseContentRange('bytes 5-9/10')).toEqual({ start: 5, end: 9, total: 10 });
    expect(parseContentRange('bytes 5-9/*')).toEqual({ start: 5, end: 9, total: null });
    expect(parseContentRange('bytes 5-10/10')).toBeNull();
    expect(parseContentRange('bytes 9-5/10')).toBeNull();
    expect(parseContentRange(undefined)).toBeNull();
  });
});

describe('model files', () => {
  it('takes a ggml file the user has (copied), refuses anything else, and removes', async () => {
    const s = store();
    const own = path.join(dir, 'my-model.bin');
    fs.writeFileSync(own, MODEL);
    expect(await s.add('tiny', own)).toMatchObject({ installed: true, source: 'download', sha256: SHA256 }); // matches the catalogue
    const other = path.join(dir, 'finetune.bin');
    fs.writeFileSync(other, Buffer.concat([MODEL.subarray(0, 4), Buffer.alloc(100, 1)]));
    expect(await s.add('base', other)).toMatchObject({ installed: true, source: 'file' });
    fs.rmSync(own);
    expect(fs.existsSync(s.fileOf('tiny'))).toBe(true); // a copy, not a link
    const notModel = path.join(dir, 'notes.txt');
    fs.writeFileSync(notModel, 'these are not the weights you are looking for');
    const refused = await rejection(s.add('small', notModel));
    expect(refused.code).toBe('invalid_input');
    expect(refused.message).toMatch(/ggml header/);
    expect((await rejection(s.add('small', path.join(dir, 'gone.bin')))).code).toBe('not_found');
    await s.choose('base');
    expect((await s.list()).active).toBe('base');
    await s.remove('base');
    expect(fs.existsSync(s.fileOf('base'))).toBe(false);
    expect((await s.list()).active).toBe('tiny');
  });

  it('says where to get a model when none is installed, and keeps English-only models to English', async () => {
    const s = store();
    const none = await rejection(s.resolve('en'));
    expect(none.message).toMatch(/Settings → Captions models/);
    fs.writeFileSync(path.join(dir, 'en.bin'), MODEL);
    await s.add('tiny.en', path.join(dir, 'en.bin'));
    expect((await s.resolve('en-GB')).model.id).toBe('tiny.en');
    expect((await rejection(s.resolve('fi'))).message).toMatch(/English only/);
    expect((await rejection(s.resolve('fi', 'tiny.en'))).code).toBe('invalid_input');
  });
});
