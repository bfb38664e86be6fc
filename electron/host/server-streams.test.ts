import type * as NodeFs from 'node:fs';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobsRepo } from '../library/jobs-repo';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { type RunningHost, startHost } from './server';
import { bytesPath, signIn } from './__tests__/sign-in';

// Item 5 of issue 9: files are streamed with pipeline and its errors handled, so a client that goes away
// mid-download or a read error never throws and never leaves a file open.

/** Paths whose next read fails half-way (a disk that went away): set by a test, read by the fs mock. */
const failing = vi.hoisted(() => new Set<string>());
vi.mock('node:fs', async (importOriginal) => {
  const real = await importOriginal<typeof NodeFs>();
  const createReadStream = ((file: NodeFs.PathLike, options?: Parameters<typeof real.createReadStream>[1]) => {
    if (typeof file === 'string' && failing.has(file)) {
      let sent = false;
      return new Readable({
        read() {
          if (!sent) {
            sent = true;
            this.push(Buffer.alloc(1024, 1));
          } else this.destroy(Object.assign(new Error('EIO: i/o error, read'), { code: 'EIO' }));
        },
      });
    }
    return real.createReadStream(file, options);
  }) as typeof real.createReadStream;
  return { ...real, default: { ...real, createReadStream }, createReadStream };
});

/** Open file descriptors of this process that point at `file` (Linux: /proc/self/fd). */
function openDescriptorsOf(file: string): number {
  let n = 0;
  for (const fd of fs.readdirSync('/proc/self/fd')) {
    try {
      if (fs.readlinkSync(`/proc/self/fd/${fd}`) === file) n++;
    } catch {
      // closed while we looked
    }
  }
  return n;
}

describe('streamed downloads', () => {
  let tmp: string;
  let temp: TempStudio;
  let studio: Studio;
  let host: RunningHost;
  const errors: string[] = [];

  beforeEach(async () => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-host-streams-'));
    const rendererDir = path.join(tmp, 'renderer');
    fs.mkdirSync(rendererDir, { recursive: true });
    fs.writeFileSync(path.join(rendererDir, 'index.html'), '<!doctype html><title>shell</title>');
    temp = await openTempStudio('pf-host-streams-');
    studio = temp.studio;
    host = await startHost({ studio, rendererDir, port: 0, log: { info: () => undefined, error: (m: string) => void errors.push(m) } });
  });
  afterEach(async () => {
    failing.clear();
    errors.length = 0;
    await host.close();
    await temp.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** A finished export of `bytes` bytes inside the library, served at /exports/<id>. */
  function exportOf(bytes: number): { id: string; file: string } {
    const file = path.join(studio.folder.root, 'exports', 'big.mp4');
    fs.writeFileSync(file, Buffer.alloc(bytes, 7));
    const id = 'job-big';
    const jobs = new JobsRepo(studio.database);
    jobs.create({ id, kind: 'export', title: 'Exporting', input: {} });
    jobs.update(id, { status: 'done', result: { kind: 'export', draftId: 'd1', outputPath: file, fileName: 'big.mp4', sizeBytes: bytes, durationSec: 1, method: 'encode' } });
    return { id, file };
  }

  /** GETs a path and answers its status and body. */
  function fetchBytes(pathname: string, cookie: string): Promise<{ status: number; body: string }> {
    return new Promise((resolve, reject) => {
      http
        .get({ host: '127.0.0.1', port: host.port, path: pathname, headers: { cookie }, agent: false }, (res) => {
          let body = '';
          res.on('data', (d: Buffer) => (body += d.toString()));
          res.on('end', () => resolve({ status: res.statusCode!, body }));
          res.on('error', reject);
        })
        .on('error', reject);
    });
  }

  it('serves each file of a one-pass export of several variants at /exports/<id>/output-<i>', async () => {
    const session = await signIn(host.port, host.openUrl);
    const files = ['tiktok.mp4', 'youtube_shorts.mp4'].map((n) => path.join(studio.folder.root, 'exports', n));
    files.forEach((f, i) => fs.writeFileSync(f, `file ${i}`));
    const jobs = new JobsRepo(studio.database);
    jobs.create({ id: 'one-pass', kind: 'export', title: 'Exporting', input: {} });
    jobs.update('one-pass', {
      status: 'done',
      result: { kind: 'export', draftId: 'd1', outputPath: files[0]!, fileName: 'tiktok.mp4', sizeBytes: 6, durationSec: 1, method: 'encode', outputs: files.map((outputPath) => ({ outputPath, sizeBytes: 6, durationSec: 1 })) },
    });
    expect(await fetchBytes(bytesPath(session, '/exports/one-pass'), session.cookie)).toEqual({ status: 200, body: 'file 0' });
    expect(await fetchBytes(bytesPath(session, '/exports/one-pass/output-1'), session.cookie)).toEqual({ status: 200, body: 'file 1' });
    expect((await fetchBytes(bytesPath(session, '/exports/one-pass/output-2'), session.cookie)).status).toBe(404);
    // An image export's part names (a page number, pdf) are not a video export's outputs.
    expect((await fetchBytes(bytesPath(session, '/exports/one-pass/1'), session.cookie)).status).toBe(404);
  });

  /** Starts a download and resolves once the first bytes arrived, with the response to drop or read. */
  function startDownload(pathname: string, headers: Record<string, string>): Promise<{ res: http.IncomingMessage; req: http.ClientRequest }> {
    return new Promise((resolve, reject) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: pathname, headers, agent: false }, (res) => res.once('data', () => resolve({ res, req })));
      req.on('error', reject);
    });
  }

  it.runIf(process.platform === 'linux')('closes the file when the client drops an unfinished Range download', async () => {
    const session = await signIn(host.port, host.openUrl);
    const { cookie } = session;
    const { id, file } = exportOf(32 * 1024 * 1024);
    const downloads = 3;
    for (let i = 0; i < downloads; i++) {
      const { req } = await startDownload(bytesPath(session, `/exports/${id}`), { cookie, range: 'bytes=1000-' });
      req.destroy();
    }
    // The host notices each dropped connection and closes its read stream: no descriptor stays open on the file.
    await vi.waitFor(() => expect(openDescriptorsOf(file), 'descriptors left open on the export after the clients went away').toBe(0), {
      timeout: 10_000 * downloads,
    });
    expect(errors).toEqual([]);
    const again = await new Promise<number>((resolve) => http.get({ host: '127.0.0.1', port: host.port, path: bytesPath(session, `/exports/${id}`), headers: { cookie, range: 'bytes=0-9' }, agent: false }, (res) => resolve(res.resume().statusCode!)));
    expect(again).toBe(206);
  });

  it('ends the response (never hangs or throws) when reading the file fails half-way, and logs why', async () => {
    const session = await signIn(host.port, host.openUrl);
    const { cookie } = session;
    const { id, file } = exportOf(64 * 1024);
    failing.add(file);
    // The client sees the download cut short (the connection drops), not a complete file and not a hang.
    let received = 0;
    const outcome = await new Promise<string>((resolve) => {
      const req = http.get({ host: '127.0.0.1', port: host.port, path: bytesPath(session, `/exports/${id}`), headers: { cookie }, agent: false }, (res) => {
        res.on('data', (c: Buffer) => (received += c.length));
        res.once('end', () => resolve('complete'));
        res.once('aborted', () => resolve('aborted'));
        res.once('error', () => resolve('aborted'));
      });
      req.once('error', () => resolve('aborted'));
    });
    expect(outcome).toBe('aborted');
    expect(received).toBeLessThan(64 * 1024);
    expect(errors.join('\n')).toMatch(/EIO/);
    failing.clear();
    const again = await new Promise<number>((resolve) => http.get({ host: '127.0.0.1', port: host.port, path: bytesPath(session, `/exports/${id}`), headers: { cookie }, agent: false }, (r) => resolve(r.resume().statusCode!)));
    expect(again).toBe(200);
  });
});
