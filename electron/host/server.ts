import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../api/contract';
import { parseChunkPath } from '../api/chunks';
import { attachmentDisposition, HOST_API_KEY_PARAM, HOST_KEY_HEADER, HOST_MEDIA_KEY_PARAM, HOST_PATHS, type SessionAnswer } from '../api/transport';
import { parseRange } from '../media/range';
import { MediaVariant } from '../model/asset';
import { AppError, type ErrorCode, errorMessage, isAppError } from '../model/errors';
import { MAX_CHUNK_BYTES } from '../model/recording';
import { uploadTooLargeMessage } from '../model/upload';
import type { Studio } from '../studio';
import { MAX_MESSAGE_BYTES, serveApiSocket } from './api-socket';
import { HostAuth } from './auth';
import { declaredLength, detachedBody, lingerAfter, readBody } from './bodies';

export type HostOptions = {
  studio: Studio;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  host?: string;
  log?: { info(msg: string): void; error(msg: string, ...rest: unknown[]): void };
};

export type RunningHost = { url: string; openUrl: string; port: number; close(): Promise<void> };

const CSP =
  "default-src 'self'; img-src 'self' blob: data:; media-src 'self' blob:; connect-src 'self' ws: wss:; style-src 'self' 'unsafe-inline'; script-src 'self'; frame-ancestors 'none'";

const STATIC_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.ico': 'image/x-icon',
};

/** The browser-mode host: the built renderer, the API over WebSocket and media over HTTP with Range. */
export async function startHost(o: HostOptions): Promise<RunningHost> {
  const bindHost = o.host ?? '127.0.0.1';
  const loopbackOnly = ['127.0.0.1', 'localhost', '::1'].includes(bindHost);
  let port = 0;
  const auth = new HostAuth(loopbackOnly, () => port);
  const log = o.log ?? { info: (m: string) => console.log(m), error: (m: string, ...r: unknown[]) => console.error(m, ...r) };
  const indexHtml = path.join(o.rendererDir, 'index.html');
  await fs.access(indexHtml).catch(() => {
    throw new Error(`The renderer is not built (${indexHtml} is missing). Run "npm run build:renderer" first, or use "npm run serve".`);
  });

  const server = http.createServer((req, res) => {
    handle(req, res).catch((e: unknown) => {
      log.error('[host] request failed', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  });

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    const url = requestUrl(req.url);
    if (!url) return send(res, 400, 'text/plain; charset=utf-8', 'Bad request: the address cannot be read.');
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    if (!auth.sameOrigin(req, port, isWrite)) return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: wrong host or origin.');

    const token = url.searchParams.get('token');
    if (token !== null && req.method === 'GET') {
      const signedIn = auth.redeem(token);
      if (signedIn) {
        res.setHeader('Set-Cookie', signedIn.setCookie);
        res.writeHead(303, { Location: signedIn.location });
        return void res.end();
      }
    }
    if (url.pathname === HOST_PATHS.session) return answerSession(req, res);
    if (!auth.hasSession(req)) {
      if (url.pathname === HOST_PATHS.upload || url.pathname.startsWith(`${HOST_PATHS.recordings}/`)) {
        const body = { code: 'unauthorized', message: 'This browser is no longer signed in to Postframe. Open the link printed by postframe serve again.' };
        return send(res, 401, 'application/json', JSON.stringify(body));
      }
      return send(
        res,
        401,
        'text/html; charset=utf-8',
        '<!doctype html><meta charset="utf-8"><title>Postframe</title><body style="font:16px system-ui;padding:40px;background:#111;color:#eee">' +
          '<h1>Postframe</h1><p>This link has expired or was already used. Open the address printed by <code>postframe serve</code> ' +
          '(it carries a one-time token), or restart the server to get a new one.</p>',
      );
    }

    // The cookie alone (which other servers on this machine receive too) opens only the app shell below.
    const isBytes = [HOST_PATHS.media, HOST_PATHS.text, HOST_PATHS.exports, HOST_PATHS.fonts, HOST_PATHS.kitFiles].some((p) => url.pathname.startsWith(`${p}/`));
    const isWriteRoute = url.pathname === HOST_PATHS.upload || url.pathname.startsWith(`${HOST_PATHS.recordings}/`);
    if (isBytes && !auth.isMediaKey(url.searchParams.get(HOST_MEDIA_KEY_PARAM))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: this address is missing its key. Open it from the Postframe page.');
    }
    if (isWriteRoute && !auth.isPageKey(req.headers[HOST_KEY_HEADER.toLowerCase()])) {
      const body = { code: 'unauthorized', message: 'This page has no key for Postframe (it was opened without the sign-in link, or its site data was cleared). Open the link printed by postframe serve again.' };
      return send(res, 403, 'application/json', JSON.stringify(body));
    }

    if (url.pathname.startsWith(`${HOST_PATHS.media}/`)) return serveMedia(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.text}/`)) return serveTextLayer(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.exports}/`)) return serveExport(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.fonts}/`)) return serveFont(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.kitFiles}/`)) return serveKitFile(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.recordings}/`)) return receiveChunk(req, res, url.pathname);
    if (url.pathname === HOST_PATHS.upload) return receiveUpload(req, res, url.searchParams.get('name') ?? 'upload');
    return serveStatic(req, res, url.pathname);
  }

  /**
   * `POST /session`: whether this page is still signed in (cookie and page key of this run). Same-origin only
   * (a POST must carry our Origin, checked above). Every failure gets the same 401, so it tells a caller no more
   * than a refused API upgrade already does.
   */
  function answerSession(req: IncomingMessage, res: ServerResponse): void {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Method not allowed.');
    req.resume(); // no body is expected; whatever comes is drained, not read
    if (auth.hasSession(req) && auth.isPageKey(req.headers[HOST_KEY_HEADER.toLowerCase()])) {
      return send(res, 200, 'application/json', JSON.stringify({ signedIn: true } satisfies SessionAnswer));
    }
    const body = { signedIn: false, code: 'unauthorized', message: 'This page is no longer signed in to Postframe. Open the link printed by postframe serve.' };
    return send(res, 401, 'application/json', JSON.stringify(body));
  }

  /**
   * `POST /upload?name=<file name>`: one file, raw body, streamed to cache/uploads (answer: UploadResponse). Over
   * the per-file limit it answers 413 with what to do: before reading when Content-Length says so, else as soon
   * as the bytes pass the limit (the engine counts them and removes what it wrote).
   */
  async function receiveUpload(req: IncomingMessage, res: ServerResponse, name: string): Promise<void> {
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST');
    const limit = o.studio.maxUploadBytes;
    const declared = declaredLength(req);
    if (declared > limit) return refuseUpload(req, res, new AppError('too_large', uploadTooLargeMessage(path.basename(name), limit, declared)));
    try {
      const up = await o.studio.stageUpload(name, detachedBody(req));
      return send(res, 200, 'application/json', JSON.stringify(up));
    } catch (e) {
      if (isAppError(e) && e.code === 'too_large') return refuseUpload(req, res, e);
      return send(res, 400, 'application/json', JSON.stringify({ code: isAppError(e) ? e.code : 'internal', message: errorMessage(e) }));
    }
  }

  function refuseUpload(req: IncomingMessage, res: ServerResponse, e: AppError): void {
    res.setHeader('Connection', 'close');
    lingerAfter(req, res);
    send(res, 413, 'application/json', JSON.stringify({ code: e.code, message: e.message }));
  }

  /**
   * `POST /recordings/<id>/chunks/<seq>`: one chunk of a take, raw body. 200 with the ChunkAck when taken (or
   * already taken: retries are safe), 409 with `{ status: 'gap', expected }` when an earlier chunk is missing.
   */
  async function receiveChunk(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const target = parseChunkPath(pathname);
    if (!target) return send(res, 404, 'application/json', JSON.stringify({ code: 'not_found', message: 'No such recording chunk address.' }));
    if (req.method !== 'POST') return send(res, 405, 'text/plain; charset=utf-8', 'Use POST');
    const body = await readBody(req, MAX_CHUNK_BYTES);
    if (!body) {
      res.setHeader('Connection', 'close');
      return send(res, 413, 'application/json', JSON.stringify({ code: 'invalid_input', message: `A recording chunk may be at most ${MAX_CHUNK_BYTES / 1024 / 1024} MB.` }));
    }
    try {
      const ack = await o.studio.appendRecordingChunk(target.id, target.seq, body);
      return send(res, ack.status === 'gap' ? 409 : 200, 'application/json', JSON.stringify(ack));
    } catch (e) {
      const code: ErrorCode = isAppError(e) ? e.code : 'internal';
      if (!isAppError(e)) log.error('[host] recording chunk failed', e);
      const status = code === 'not_found' ? 404 : code === 'conflict' ? 409 : code === 'invalid_input' ? 400 : 500;
      return send(res, status, 'application/json', JSON.stringify({ code, message: isAppError(e) ? e.message : 'The chunk could not be saved. Postframe will retry.' }));
    }
  }

  async function serveStatic(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const decoded = safeDecode(pathname);
    if (decoded === null) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const rel = decoded.replace(/^\/+/, '');
    let file = path.resolve(o.rendererDir, rel || 'index.html');
    if (!file.startsWith(path.resolve(o.rendererDir) + path.sep) && file !== indexHtml) file = indexHtml;
    let st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) {
      // Client-side routes fall back to the app shell; missing assets are 404s.
      if (path.extname(rel)) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
      file = indexHtml;
      st = await fs.stat(file);
    }
    const type = STATIC_TYPES[path.extname(file)] ?? 'application/octet-stream';
    res.writeHead(200, {
      'Content-Type': type,
      'Content-Length': st.size,
      'Content-Security-Policy': CSP,
      'Cache-Control': file === indexHtml ? 'no-cache' : 'private, max-age=31536000, immutable',
    });
    if (req.method === 'HEAD') return void res.end();
    await streamFile(createReadStream(file), res);
  }

  async function serveMedia(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const [, , rawId, rawVariant] = pathname.split('/');
    const variant = MediaVariant.safeParse(rawVariant);
    if (!rawId || !variant.success) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const id = safeDecode(rawId);
    if (id === null) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const media = await o.studio.resolveMedia(id, variant.data);
    if (!media) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    // An asset's bytes never change under its id (content-addressed), so caches may keep them.
    return sendFile(req, res, media.path, { 'Content-Type': media.mime, 'Cache-Control': 'private, max-age=31536000, immutable' });
  }

  /** `/text/<key>.png`: a rasterised text layer; the key is a content hash, so the bytes never change under it. */
  async function serveTextLayer(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const m = /^\/[^/]+\/([^/]+)\.png$/.exec(pathname);
    const key = m ? safeDecode(m[1]!) : null;
    const layer = key ? await o.studio.resolveTextLayer(key) : null;
    if (!layer) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return sendFile(req, res, layer.path, { 'Content-Type': layer.mime, 'Cache-Control': 'private, max-age=31536000, immutable' });
  }

  /** `/fonts/<sha256>`: a library font's file; the id is the hash of its bytes, never a path, so they never change. */
  async function serveFont(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const m = /^\/[^/]+\/([^/]+)$/.exec(pathname);
    const id = m ? safeDecode(m[1]!) : null;
    const font = id ? await o.studio.resolveFont(id) : null;
    if (!font) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return sendFile(req, res, font.path, { 'Content-Type': font.mime, 'Cache-Control': 'private, max-age=31536000, immutable' });
  }

  /**
   * `/exports/<jobId>`: a finished video export; `/exports/<jobId>/<n>` (a page number, or `pdf`): one file of a
   * finished image export. Both downloaded under the export's own file name; the job record names the file.
   */
  async function serveExport(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const m = /^\/[^/]+\/([^/]+)(?:\/([^/]+))?$/.exec(pathname);
    const jobId = m ? safeDecode(m[1]!) : null;
    const part = m?.[2] === undefined ? undefined : safeDecode(m[2]);
    const out = !jobId || part === null ? null : part === undefined ? await o.studio.resolveExport(jobId) : await o.studio.resolveImageExport(jobId, part);
    if (!out) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return sendFile(req, res, out.path, { 'Content-Type': out.mime, 'Cache-Control': 'private, no-cache', 'Content-Disposition': attachmentDisposition(out.fileName) });
  }

  /** `/kit-files/<fileName>`: a kit file kits.export wrote into the library's exports/kits/, as an attachment. */
  async function serveKitFile(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const m = /^\/[^/]+\/([^/]+)$/.exec(pathname);
    const name = m ? safeDecode(m[1]!) : null;
    const out = name ? await o.studio.resolveKitFile(name) : null;
    if (!out) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    return sendFile(req, res, out.path, { 'Content-Type': out.mime, 'Cache-Control': 'private, no-cache', 'Content-Disposition': attachmentDisposition(out.fileName) });
  }

  /** One file, whole or by Range (206/416), streamed; `headers` add type and caching. */
  async function sendFile(req: IncomingMessage, res: ServerResponse, file: string, extra: http.OutgoingHttpHeaders): Promise<void> {
    const st = await fs.stat(file).catch(() => null);
    if (!st?.isFile()) return send(res, 404, 'text/plain; charset=utf-8', 'Not found');
    const size = st.size;
    const range = parseRange(req.headers.range, size);
    const headers: http.OutgoingHttpHeaders = { ...extra, 'Accept-Ranges': 'bytes' };
    if (range === 'unsatisfiable') {
      res.writeHead(416, { ...headers, 'Content-Range': `bytes */${size}` });
      return void res.end();
    }
    const { start, end } = range ?? { start: 0, end: size - 1 };
    res.writeHead(range ? 206 : 200, {
      ...headers,
      'Content-Length': size === 0 ? 0 : end - start + 1,
      ...(range ? { 'Content-Range': `bytes ${start}-${end}/${size}` } : {}),
    });
    if (req.method === 'HEAD' || size === 0) return void res.end();
    await streamFile(createReadStream(file, { start, end }), res);
  }

  /**
   * Sends a file's bytes. pipeline destroys both ends when either fails: a client that goes away mid-download
   * closes the file (plain .pipe() left it open for good), and a read error cuts the response short (the client
   * sees it aborted, not a complete file) and is logged, never thrown.
   */
  async function streamFile(source: NodeJS.ReadableStream & { destroy(): void }, res: ServerResponse): Promise<void> {
    try {
      await pipeline(source, res);
    } catch (e) {
      // The client closing the connection is its right, not our error.
      if ((e as { code?: string }).code !== 'ERR_STREAM_PREMATURE_CLOSE') log.error(`[host] sending a file failed: ${errorMessage(e)}`);
    }
  }

  // ── WebSocket API ───────────────────────────────────────────────────────────
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_MESSAGE_BYTES });
  wss.on('error', (e) => log.error('[host] WebSocket server error', e));
  const clients = new Set<WebSocket>();
  server.on('upgrade', (req, socket, head) => {
    // Until ws takes the socket over, its errors (a reset mid-handshake) are ours to catch.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req.url);
    const allowed = url !== null && url.pathname === HOST_PATHS.api && auth.sameOrigin(req, port, true) && auth.hasSession(req) && auth.isPageKey(url.searchParams.get(HOST_API_KEY_PARAM));
    if (!allowed) {
      socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.add(ws);
      ws.on('close', () => clients.delete(ws));
      // Until accounts land on the host, its one session acts as the library's owner (the app's rule).
      serveApiSocket(ws, (name, input) => o.studio.route(name, input, o.studio.ownerCaller()), log);
    });
  });
  const unsubscribe = o.studio.onEvent((name, payload) => {
    const text = JSON.stringify({ type: 'event', name, payload } satisfies WireMessage);
    for (const ws of clients) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, a server error (e.g. too many open files while accepting) is logged, never thrown.
  server.on('error', (e) => log.error('[host] server error', e));
  port = (server.address() as AddressInfo).port;
  const shownHost = loopbackOnly ? '127.0.0.1' : bindHost;
  const url = `http://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${port}/`;
  return {
    url,
    openUrl: `${url}?token=${auth.oneTimeToken}`,
    port,
    async close() {
      unsubscribe();
      for (const ws of clients) ws.terminate();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/** The request's path and query; null for a target no URL parser accepts (answered 400, never thrown). */
function requestUrl(raw: string | undefined): URL | null {
  try {
    return new URL(raw ?? '/', 'http://host');
  } catch {
    return null;
  }
}

/** A malformed %-escape is a bad address (404), not a server error. */
function safeDecode(s: string): string | null {
  try {
    return decodeURIComponent(s);
  } catch {
    return null;
  }
}

function send(res: ServerResponse, status: number, type: string, body: string): void {
  res.writeHead(status, { 'Content-Type': type, 'Content-Length': Buffer.byteLength(body), 'Content-Security-Policy': CSP });
  res.end(body);
}
