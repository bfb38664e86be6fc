import { createHash } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import type { IncomingMessage } from 'node:http';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { AppError, clause, errorMessage } from '../model/errors';
import type { Checksum } from '../model/whisper-models';

/**
 * Downloads one large file once, the way a model manager must (docs/captions.md "Models"):
 *  - into `<dest>.part`, renamed to `dest` only after its checksum matched, so a half file is never taken for a model;
 *  - resumable: an existing `.part` is continued with an HTTP Range request; a server that answers the whole file
 *    (200, it ignores Range) or a range that does not start where the part ends is written from the beginning;
 *  - checked: a file whose checksum differs is deleted and refused (the next try starts from zero);
 *  - cancellable through `signal` (the part is kept, so the next download resumes it);
 *  - every socket, stream and file error ends in an AppError that says what to do; nothing is left unhandled.
 * http and https are imported when a download starts (the CLI does not load them at start-up).
 */

export type DownloadProgress = { receivedBytes: number; totalBytes: number | null };

export type DownloadOptions = {
  url: string;
  dest: string;
  checksum: Checksum;
  signal?: AbortSignal;
  onProgress?: (p: DownloadProgress) => void;
  /** A connection silent for this long is dropped (the part is kept). Default 60 s. */
  idleTimeoutMs?: number;
  /** Largest file taken (a server sending more is cut off). Default 4 GiB. */
  maxBytes?: number;
};

export type DownloadResult = { bytes: number; sha256: string; sha1: string; resumedFrom: number };

const MAX_REDIRECTS = 5;

export async function downloadFile(o: DownloadOptions): Promise<DownloadResult> {
  const part = `${o.dest}.part`;
  const maxBytes = o.maxBytes ?? 4 * 1024 ** 3;
  throwIfCancelled(o.signal);
  const have = await sizeOf(part);
  const res = await get(o.url, have > 0 ? { Range: `bytes=${have}-` } : {}, o.signal, o.idleTimeoutMs ?? 60_000);
  let start = 0;
  let total: number | null = null;
  if (res.statusCode === 206 && have > 0) {
    const range = parseContentRange(res.headers['content-range']);
    if (range && range.start === have) {
      start = have;
      total = range.total;
    } else {
      // A range we did not ask for: not worth trusting. Drop it and fetch the whole file.
      res.destroy();
      await fsp.rm(part, { force: true });
      return downloadFile(o);
    }
  } else if (res.statusCode === 416 && have > 0) {
    // The part is as long as (or longer than) the file: it cannot be continued. Start again.
    res.resume();
    await fsp.rm(part, { force: true });
    return downloadFile(o);
  } else if (res.statusCode === 200) {
    const len = Number(res.headers['content-length']);
    total = Number.isFinite(len) && len >= 0 ? len : null;
  } else {
    res.resume();
    throw new AppError(res.statusCode === 404 ? 'not_found' : 'internal', `The model server answered ${res.statusCode}${res.statusMessage ? ` ${res.statusMessage}` : ''} for ${o.url}. Check the connection (or POSTFRAME_MODEL_BASE_URL) and try again.`);
  }
  if (total !== null && total > maxBytes) {
    res.destroy();
    throw new AppError('too_large', `The model file is ${total} bytes, more than Postframe takes (${maxBytes}). Choose a smaller model.`);
  }

  let received = start;
  const report = () => o.onProgress?.({ receivedBytes: received, totalBytes: total });
  report();
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      received += chunk.length;
      if (received > maxBytes) return done(new AppError('too_large', `The model server sent more than ${maxBytes} bytes. Choose another model or source.`));
      report();
      done(null, chunk);
    },
  });
  // flags 'a' continues the part; 'w' (a whole file answered) starts it over.
  const out = fs.createWriteStream(part, { flags: start > 0 ? 'a' : 'w' });
  try {
    await pipeline(res, counter, out, { signal: o.signal });
  } catch (e) {
    // pipeline rejects as soon as one stream fails, while the file's last write may still be landing: wait for the
    // file to close, so the part holds what arrived and a resume (or the list's partial size) reads its final size.
    if (!out.closed) await new Promise<void>((resolve) => out.once('close', () => resolve()));
    throwIfCancelled(o.signal);
    if (e instanceof AppError) throw e;
    throw new AppError('internal', `The download stopped after ${received} bytes (${clause(errorMessage(e))}). Try again: it continues where it stopped.`);
  }
  // A connection that closes early without an error (HTTP/1.0 style) must not pass for the whole file.
  if (total !== null && received !== total) {
    throw new AppError('internal', `The download stopped after ${received} of ${total} bytes. Try again: it continues where it stopped.`);
  }
  throwIfCancelled(o.signal);
  const sums = await hashFile(part, o.signal);
  const expected = o.checksum.hex.toLowerCase();
  if (sums[o.checksum.algorithm] !== expected) {
    await fsp.rm(part, { force: true });
    throw new AppError('invalid_input', `The downloaded file is not the expected model (its ${o.checksum.algorithm.toUpperCase()} is ${sums[o.checksum.algorithm]}, expected ${expected}), so it was deleted. Try again; if it happens again, the server is not serving the official file.`);
  }
  await fsp.rename(part, o.dest);
  return { bytes: received, sha256: sums.sha256, sha1: sums.sha1, resumedFrom: start };
}

/** SHA-256 and SHA-1 of a file in one read. */
export async function hashFile(file: string, signal?: AbortSignal): Promise<{ sha256: string; sha1: string }> {
  const h256 = createHash('sha256');
  const h1 = createHash('sha1');
  try {
    for await (const chunk of fs.createReadStream(file, { signal })) {
      h256.update(chunk as Buffer);
      h1.update(chunk as Buffer);
    }
  } catch (e) {
    throwIfCancelled(signal);
    throw new AppError('internal', `The model file could not be read (${clause(errorMessage(e))}). Check the disk and try again.`);
  }
  return { sha256: h256.digest('hex'), sha1: h1.digest('hex') };
}

export function parseContentRange(v: string | undefined): { start: number; end: number; total: number | null } | null {
  const m = /^bytes (\d+)-(\d+)\/(\d+|\*)$/.exec(v?.trim() ?? '');
  if (!m) return null;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = m[3] === '*' ? null : Number(m[3]);
  if (end < start || (total !== null && end >= total)) return null;
  return { start, end, total };
}

function throwIfCancelled(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new AppError('cancelled', 'The download was cancelled. Start it again to continue where it stopped.');
}

async function sizeOf(file: string): Promise<number> {
  try {
    return (await fsp.stat(file)).size;
  } catch {
    return 0;
  }
}

/** One GET, following up to five redirects (model hosts redirect to their CDN); answers the final response. */
async function get(url: string, headers: Record<string, string>, signal: AbortSignal | undefined, idleMs: number, hops = 0): Promise<IncomingMessage> {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    throw new AppError('invalid_input', `"${url}" is not a web address. Check POSTFRAME_MODEL_BASE_URL.`);
  }
  if (u.protocol !== 'http:' && u.protocol !== 'https:') throw new AppError('invalid_input', `Models are downloaded over http or https, not ${u.protocol}. Check POSTFRAME_MODEL_BASE_URL.`);
  const mod = u.protocol === 'https:' ? await import('node:https') : await import('node:http');
  const res = await new Promise<IncomingMessage>((resolve, reject) => {
    const req = mod.request(u, { method: 'GET', headers: { 'User-Agent': 'Postframe', ...headers }, signal });
    req.setTimeout(idleMs, () => req.destroy(new Error(`no answer for ${Math.round(idleMs / 1000)} s`)));
    req.on('response', (r) => {
      // The idle limit goes on applying while the body streams (the socket's timeout stays set).
      r.on('error', () => undefined); // errors while streaming surface through pipeline
      resolve(r);
    });
    req.on('error', (e) => {
      if (signal?.aborted) reject(new AppError('cancelled', 'The download was cancelled. Start it again to continue where it stopped.'));
      else reject(new AppError('internal', `The model server could not be reached (${clause(errorMessage(e))}). Check the connection and try again.`));
    });
    req.end();
  });
  const status = res.statusCode ?? 0;
  if (status >= 300 && status < 400 && res.headers.location) {
    res.resume();
    if (hops >= MAX_REDIRECTS) throw new AppError('internal', 'The model server redirected too many times. Try again later.');
    return get(new URL(res.headers.location, u).toString(), headers, signal, idleMs, hops + 1);
  }
  return res;
}
