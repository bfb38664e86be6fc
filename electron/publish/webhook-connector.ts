import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import type http from 'node:http';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { SIDECAR_CONTENT_TYPE } from '../model/caption-sidecar';
import { parseRetryAfter } from './backoff';
import { type Connector, type Delivery, type DeliveryOutcome, deliveryFiles, deliveryMetadata } from './delivery';

/**
 * Webhook connector: one HTTP(S) POST per delivery, multipart/form-data with a `metadata` JSON part, the
 * `media` file, its `captions` files (SRT, where the channel takes them) and the `cover` image, both streamed from disk (a 4 GB video is never held in memory). The
 * `Idempotency-Key` header is the deliveryId, so a receiver can drop a repeat of a delivery it already has.
 *
 * What an attempt comes to, and why:
 * - any 2xx → 'delivered' (the ledger never sends it again);
 * - 5xx, 408, 429 (Retry-After honoured), or the connection failing BEFORE the whole body was handed to the
 *   network → 'retry': the receiver cannot have a complete request, so sending again is safe;
 * - the whole body was sent and then the connection dropped or no answer came in time → 'unknown': the receiver
 *   may have it. Not retried automatically; a person decides (or re-sends with the same Idempotency-Key);
 * - other 4xx (and 3xx: we do not follow redirects with a body) → 'failed', quoting what the server said.
 */
export interface WebhookConnectorOptions {
  url: string;
  /** Postframe's version, for the User-Agent. */
  version: string;
  /** Milliseconds without any progress (connecting, sending, or waiting for the answer) before giving up. */
  timeoutMs?: number;
  /** Extra headers (e.g. Authorization) configured with the webhook. */
  headers?: Record<string, string>;
  now?: () => Date;
}

const DEFAULT_TIMEOUT_MS = 60_000;
const MAX_ERROR_BODY = 2_048;

const MEDIA_TYPES: Record<string, string> = {
  '.mp4': 'video/mp4',
  '.mov': 'video/quicktime',
  '.webm': 'video/webm',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.png': 'image/png',
  '.webp': 'image/webp',
  '.gif': 'image/gif',
  '.pdf': 'application/pdf',
};

export function mediaTypeFor(file: string): string {
  return MEDIA_TYPES[path.extname(file).toLowerCase()] ?? 'application/octet-stream';
}

/** Quotes a multipart parameter (RFC 7578 §4.2: percent-encode what would break the header). */
const quote = (s: string) => `"${s.replace(/[\r\n"%]/g, (c) => encodeURIComponent(c))}"`;

interface Part {
  head: Buffer;
  body: { data: Buffer } | { file: string; size: number };
}

function partHead(boundary: string, name: string, type: string, filename?: string): Buffer {
  const disp = `form-data; name=${quote(name)}${filename ? `; filename=${quote(filename)}` : ''}`;
  return Buffer.from(`--${boundary}\r\nContent-Disposition: ${disp}\r\nContent-Type: ${type}\r\n\r\n`);
}

/** The parts and the exact Content-Length, so the request is not chunked (some receivers refuse chunked uploads). */
export async function multipartPlan(d: Delivery, boundary: string): Promise<{ parts: Part[]; tail: Buffer; length: number }> {
  // An image post: one `image` part per page, in page order, named 01.jpg, 02.jpg, … (no `media` part); a
  // document post: one `document` part, document.pdf.
  const files = deliveryFiles(d);
  const mediaName = files.media;
  const imageNames = files.images ?? null;
  const meta = Buffer.from(JSON.stringify(deliveryMetadata(d, files)));
  const [media, cover] = await Promise.all([fs.promises.stat(d.mediaPath), fs.promises.stat(d.coverPath)]);
  const mediaParts: Part[] = [];
  if (d.images && imageNames) {
    for (const [i, file] of d.images.entries()) {
      const size = (await fs.promises.stat(file)).size;
      mediaParts.push({ head: partHead(boundary, 'image', mediaTypeFor(file), imageNames[i]), body: { file, size } });
    }
  } else mediaParts.push({ head: partHead(boundary, d.documentPages != null ? 'document' : 'media', mediaTypeFor(d.mediaPath), mediaName), body: { file: d.mediaPath, size: media.size } });
  // One `captions` part per caption file (SRT), named as it would be beside the video; the metadata's
  // files.captions gives each one's language.
  for (const c of d.captions) {
    const size = (await fs.promises.stat(c.path)).size;
    mediaParts.push({ head: partHead(boundary, 'captions', SIDECAR_CONTENT_TYPE, c.fileName), body: { file: c.path, size } });
  }
  const parts: Part[] = [
    { head: partHead(boundary, 'metadata', 'application/json; charset=utf-8'), body: { data: meta } },
    ...mediaParts,
    { head: partHead(boundary, 'cover', 'image/jpeg', 'cover.jpg'), body: { file: d.coverPath, size: cover.size } },
  ];
  const tail = Buffer.from(`--${boundary}--\r\n`);
  const CRLF = 2;
  const length = parts.reduce((n, p) => n + p.head.length + ('data' in p.body ? p.body.data.length : p.body.size) + CRLF, 0) + tail.length;
  return { parts, tail, length };
}

/** The server's own words from an error body: a JSON `error`/`message` field, else the text, shortened. */
export function serverMessage(body: string, contentType: string | undefined): string {
  let text = body.trim();
  if (contentType?.includes('json')) {
    try {
      const j = JSON.parse(text) as Record<string, unknown>;
      const pick = [j.error, j.message, j.detail, (j.error as Record<string, unknown> | undefined)?.message].find((v) => typeof v === 'string');
      if (typeof pick === 'string') text = pick;
    } catch {
      // not JSON after all: quote the text
    }
  }
  text = text.replace(/\s+/g, ' ');
  return text.length > 300 ? `${text.slice(0, 300)}…` : text;
}

/** What to do when a receiver that cannot be reached stays unreachable. */
const CHECK_ADDRESS = 'Check the webhook address in Settings → Delivery, then Export again.';

/** Classifies an HTTP answer (pure). `receiver`: who answered, as people know it (the webhook's host). */
export function outcomeForStatus(status: number, message: string, retryAfterMs: number | null, receiver = 'the receiver'): DeliveryOutcome {
  if (status >= 200 && status < 300) return { state: 'delivered', status, message: message || null };
  const said = message ? `: “${message}”` : '';
  if (status === 429) return { state: 'retry', status, cause: `${receiver} is turning posts away for now (429, too many requests)${said}`, fix: 'Wait until the receiver takes posts again, then Export again.', retryAfterMs };
  if (status === 408 || status >= 500) return { state: 'retry', status, cause: `${receiver} had a problem (${status})${said}`, fix: 'Check the receiver, then Export again.', retryAfterMs };
  if (status >= 300 && status < 400) return { state: 'failed', status, error: `The webhook URL redirects (${status}): set the final URL in Settings.` };
  const fix = status === 401 || status === 403 ? 'check the webhook’s credentials in Settings' : 'fix the post or the webhook settings, then send again';
  return { state: 'failed', status, error: `The receiver refused the post (${status})${said}. ${fix[0]!.toUpperCase()}${fix.slice(1)}.` };
}

/** A connection that failed before any answer, in words (pure): refused, no such server, or another network error. */
export function connectionFailure(e: NodeJS.ErrnoException, receiver: string, hostname: string): { cause: string; after: string; fix: string } {
  switch (e.code) {
    case 'ECONNREFUSED':
      return { cause: `${receiver} refused the connection`, after: `${receiver} refused the connection`, fix: CHECK_ADDRESS };
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { cause: `no server named ${hostname} could be found`, after: `the server ${hostname} could no longer be found`, fix: CHECK_ADDRESS };
    default: {
      const why = e.code ?? e.message;
      return {
        cause: `the connection to ${receiver} failed (${why}) before the whole post was sent`,
        after: `the connection to ${receiver} failed (${why})`,
        fix: 'Check that the receiver is running and the webhook address in Settings → Delivery is right, then Export again.',
      };
    }
  }
}

export function webhookConnector(opts: WebhookConnectorOptions): Connector {
  return { kind: 'webhook', send: (d) => postDelivery(opts, d) };
}

export async function postDelivery(opts: WebhookConnectorOptions, d: Delivery): Promise<DeliveryOutcome> {
  let url: URL;
  try {
    url = new URL(opts.url);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new Error('not http');
  } catch {
    return { state: 'failed', status: null, error: `The webhook URL “${opts.url}” is not an http(s) address: fix it in Settings.` };
  }
  // Named as people set it up: the host (and port) of the webhook address.
  const receiver = url.host;
  const boundary = `postframe-${randomBytes(12).toString('hex')}`;
  let plan: Awaited<ReturnType<typeof multipartPlan>>;
  try {
    plan = await multipartPlan(d, boundary);
  } catch (e) {
    return { state: 'failed', status: null, error: `A file to send is missing (${(e as Error).message}): export the post again.` };
  }
  const timeoutMs = opts.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const now = opts.now ?? (() => new Date());
  // Loaded when a post is sent, not when Postframe starts (https brings TLS): most commands never send.
  const client = url.protocol === 'https:' ? await import('node:https') : await import('node:http');

  return new Promise<DeliveryOutcome>((resolve) => {
    let bodySent = false;
    let settled = false;
    const settle = (o: DeliveryOutcome) => {
      if (settled) return;
      settled = true;
      resolve(o);
    };
    /** The connection ended without an answer: `cause` reads after "…, then" once the whole post was sent. */
    const lost = (why: { cause: string; after: string; fix: string }): DeliveryOutcome =>
      bodySent
        ? {
            state: 'unknown',
            status: null,
            error: `The whole post was sent, then ${why.after} before the receiver answered: it may have arrived. Check the receiver, then mark it delivered or send it again (the same Idempotency-Key lets the receiver drop a repeat).`,
          }
        : { state: 'retry', status: null, cause: why.cause, fix: why.fix, retryAfterMs: null };

    const req = client.request(url, {
      method: 'POST',
      headers: {
        ...opts.headers,
        'Content-Type': `multipart/form-data; boundary=${boundary}`,
        'Content-Length': String(plan.length),
        'Idempotency-Key': d.deliveryId,
        'User-Agent': `Postframe/${opts.version}`,
        Accept: 'application/json, text/plain;q=0.9, */*;q=0.1',
      },
    });
    // Idle timeout: no bytes either way for timeoutMs (a slow upload of a big file is fine while it moves).
    const seconds = Math.round(timeoutMs / 1000);
    req.setTimeout(timeoutMs, () => {
      const o = lost({
        cause: `${receiver} stopped taking the post (nothing moved for ${seconds} s), so it did not get all of it`,
        after: `no answer came within ${seconds} s`,
        fix: 'Check that the receiver is running, or give it more time (the timeout in Settings → Delivery), then Export again.',
      });
      settle(o);
      req.destroy();
    });
    // 'finish': every byte was handed to the operating system; from here on the receiver may have it all.
    req.on('finish', () => {
      bodySent = true;
    });
    // A read error of our own file is ours to fix (never a retry); recorded synchronously because the request's
    // own 'error' (the pipeline tears it down) may be reported before the pipeline's rejection.
    let readError: NodeJS.ErrnoException | null = null;
    const unreadable = (err: NodeJS.ErrnoException): DeliveryOutcome => ({
      state: 'failed',
      status: null,
      error: `Reading ${err.path ?? 'the media'} failed (${err.code ?? err.message}): export the post again.`,
    });
    req.on('error', (e: NodeJS.ErrnoException) => {
      if (readError) return settle(unreadable(readError));
      settle(lost(connectionFailure(e, receiver, url.hostname)));
    });
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        if (size < MAX_ERROR_BODY) chunks.push(c.subarray(0, MAX_ERROR_BODY - size));
        size += c.length;
      });
      const done = () => {
        const body = Buffer.concat(chunks).toString('utf8');
        const status = res.statusCode ?? 0;
        settle(outcomeForStatus(status, serverMessage(body, res.headers['content-type']), parseRetryAfter(res.headers['retry-after'], now()), receiver));
        // An early answer (e.g. 413 before the body was read) must not leave the upload running.
        if (!bodySent) req.destroy();
      };
      res.on('end', done);
      // The status line arrived: that is the answer, even if the rest of the body is cut off.
      res.on('error', done);
      res.on('aborted', done);
    });

    void (async () => {
      try {
        for (const p of plan.parts) {
          if (!req.write(p.head)) await onceDrained(req);
          if ('data' in p.body) {
            if (!req.write(p.body.data)) await onceDrained(req);
          } else {
            const file = fs.createReadStream(p.body.file);
            const name = p.body.file;
            file.once('error', (e: NodeJS.ErrnoException) => {
              readError = Object.assign(e, { path: e.path ?? name });
            });
            await pipeline(file, req, { end: false });
          }
          if (!req.write('\r\n')) await onceDrained(req);
        }
        req.end(plan.tail);
      } catch (e) {
        if (settled) return;
        const err = e as NodeJS.ErrnoException;
        settle(readError ? unreadable(readError) : lost(connectionFailure(err, receiver, url.hostname)));
        req.destroy();
      }
    })();
  });
}

function onceDrained(req: http.ClientRequest): Promise<void> {
  return new Promise((resolve, reject) => {
    const cleanup = () => {
      req.off('drain', ok);
      req.off('close', closed);
    };
    const ok = () => {
      cleanup();
      resolve();
    };
    const closed = () => {
      cleanup();
      reject(Object.assign(new Error('connection closed'), { code: 'ECONNRESET' }));
    };
    req.once('drain', ok);
    req.once('close', closed);
  });
}
