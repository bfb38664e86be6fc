import type { IncomingMessage, ServerResponse } from 'node:http';
import { PassThrough, type Readable } from 'node:stream';

/** The whole body, or null once it passes `limit` bytes (the rest is not read). */
export async function readBody(req: IncomingMessage, limit: number): Promise<Buffer | null> {
  if (declaredLength(req) > limit) return null;
  const parts: Buffer[] = [];
  let size = 0;
  for await (const part of req) {
    size += (part as Buffer).length;
    if (size > limit) return null;
    parts.push(part as Buffer);
  }
  return Buffer.concat(parts);
}

/** Content-Length as a number (0 when absent or unreadable). */
export function declaredLength(req: IncomingMessage): number {
  const n = Number(req.headers['content-length'] ?? 0);
  return Number.isFinite(n) && n > 0 ? n : 0;
}

/**
 * The request body as a stream of its own. A reader that gives up (an upload over the limit) destroys this
 * stream, not the connection, so the host can still answer 413; a connection that drops mid-body fails it.
 */
export function detachedBody(req: IncomingMessage): Readable {
  const out = new PassThrough();
  req.pipe(out);
  req.once('error', (e) => out.destroy(e));
  req.once('close', () => {
    if (!req.complete) out.destroy(new Error('the connection closed before the whole file arrived'));
  });
  return out;
}

/** How much of an unwanted body is read and dropped after an early answer, so the client can read that answer. */
const LINGER_BYTES = 1024 * 1024;

/**
 * After answering a request whose body we will not read (413): closing at once with unread bytes in flight makes
 * the TCP stack reset the connection, and the client may lose the answer. Read and drop a little of the rest,
 * then close; a client that keeps sending past that is cut off.
 */
export function lingerAfter(req: IncomingMessage, res: ServerResponse): void {
  let dropped = 0;
  res.once('finish', () => {
    req.on('data', (c: Buffer) => {
      dropped += c.length;
      if (dropped > LINGER_BYTES) req.socket.destroy();
    });
    req.resume();
  });
}
