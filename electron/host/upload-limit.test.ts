import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { type RunningHost, startHost } from './server';
import { type Session, signIn, writeHeaders } from './__tests__/sign-in';

// Item 7 of issue 9: an upload larger than the per-file cap is refused with 413 and a message that says what
// to do, early when the body has a length, while streaming when it has none, and never leaves a partial file.

const LIMIT = 64_000;

type Answer = { status: number; body: { code?: string; message?: string; id?: string; sizeBytes?: number } };

describe('upload size limit', () => {
  let tmp: string;
  let temp: TempStudio;
  let studio: Studio;
  let host: RunningHost;
  let session: Session;

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-upload-limit-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
    temp = await openTempStudio('pf-upload-limit-', { maxUploadBytes: LIMIT });
    studio = temp.studio;
    host = await startHost({ studio, rendererDir, port: 0, log: { info: () => undefined, error: () => undefined } });
    session = await signIn(host.port, host.openUrl);
  });
  afterEach(async () => {
    await host.close();
    await temp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /**
   * POSTs to /upload. With `declared`, sends that Content-Length but only `send` bytes and waits for the answer
   * before sending more (an early refusal arrives without the body); without it, sends `send` bytes chunked.
   */
  function upload(name: string, send: number, declared?: number): Promise<Answer> {
    return new Promise((resolve, reject) => {
      const headers: Record<string, string | number> = { ...writeHeaders(session), 'content-type': 'application/octet-stream' };
      if (declared !== undefined) headers['content-length'] = declared;
      const req = http.request({ host: '127.0.0.1', port: host.port, path: `/upload?name=${encodeURIComponent(name)}`, method: 'POST', headers, agent: false }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode!, body: JSON.parse(Buffer.concat(chunks).toString() || '{}') as Answer['body'] }));
      });
      // The host may close the connection while the body is still on its way: the answer is what counts.
      req.on('error', (e) => (req.writableFinished ? undefined : reject(e)));
      if (declared === undefined) {
        for (let sent = 0; sent < send; sent += 4096) req.write(Buffer.alloc(Math.min(4096, send - sent), 1));
        req.end();
      } else {
        req.write(Buffer.alloc(send, 1));
        if (send === declared) req.end();
      }
    });
  }

  const uploads = () => fs.readdirSync(studio.folder.uploadsDir);

  it('refuses a body declared larger than the limit before reading it, with a message that says what to do', async () => {
    const r = await upload('Holiday 4K.mov', 16, 5_000_000_000);
    expect(r.status).toBe(413);
    expect(r.body.code).toBe('too_large');
    expect(r.body.message).toMatch(/^Holiday 4K\.mov is 5 GB, larger than the 64 KB Postframe accepts for one file\. Trim or compress it first, or .*--max-upload-mb/);
    expect(uploads()).toEqual([]);
  });

  it('refuses a body without a length once it passes the limit, and leaves no partial file', async () => {
    const r = await upload('stream.mp4', LIMIT + 8192);
    expect(r.status).toBe(413);
    expect(r.body).toMatchObject({ code: 'too_large', message: expect.stringMatching(/^stream\.mp4 is larger than the 64 KB Postframe accepts/) });
    expect(uploads()).toEqual([]);
  });

  it('takes a file of exactly the limit, either way', async () => {
    const a = await upload('a.bin', LIMIT, LIMIT);
    const b = await upload('b.bin', LIMIT);
    expect([a.status, a.body.sizeBytes, b.status, b.body.sizeBytes]).toEqual([200, LIMIT, 200, LIMIT]);
    expect(uploads().length).toBe(2);
  });

  it('a client that goes away mid-upload leaves no partial file, and the host keeps serving', async () => {
    const req = http.request({ host: '127.0.0.1', port: host.port, path: '/upload?name=cut.mp4', method: 'POST', headers: { ...writeHeaders(session), 'content-length': LIMIT }, agent: false });
    req.on('error', () => undefined);
    req.write(Buffer.alloc(LIMIT / 2, 1));
    // Half the file is on disk when the client goes away…
    const dir = studio.folder.uploadsDir;
    await vi.waitFor(() => expect(uploads().map((f) => fs.statSync(path.join(dir, f)).size), 'the first half reaching cache/uploads').toEqual([LIMIT / 2]), { timeout: 10_000 });
    req.destroy();
    // …and the engine hears the connection drop, stops and removes what it wrote.
    await vi.waitFor(() => expect(uploads(), 'files left in cache/uploads after the client went away').toEqual([]), { timeout: 10_000 });
    expect((await upload('after.bin', 10, 10)).status).toBe(200);
  });

  it('app.info tells the page the limit', async () => {
    expect((await studio.api['app.info']({})).maxUploadBytes).toBe(LIMIT);
  });

  it('the engine refuses an oversize stream itself, with no partial file', async () => {
    const body = Readable.from([Buffer.alloc(LIMIT), Buffer.alloc(1)]);
    await expect(studio.stageUpload('big.wav', body)).rejects.toMatchObject({ code: 'too_large', message: expect.stringMatching(/^big\.wav is larger than the 64 KB/) });
    expect(uploads()).toEqual([]);
  });
});
