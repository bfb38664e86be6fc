import { createReadStream } from 'node:fs';
import fs from 'node:fs/promises';
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import https from 'node:https';
import type { AddressInfo } from 'node:net';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import { WebSocketServer, type WebSocket } from 'ws';
import type { WireMessage } from '../api/contract';
import { parseChunkPath } from '../api/chunks';
import { attachmentDisposition, HOST_API_KEY_PARAM, HOST_KEY_HEADER, HOST_MEDIA_KEY_PARAM, HOST_PATHS, HOST_SESSION_ENDED_CLOSE, HOST_SETUP_FRAGMENT } from '../api/transport';
import { parseRange } from '../media/range';
import { MediaVariant } from '../model/asset';
import { AppError, type ErrorCode, errorMessage, isAppError } from '../model/errors';
import { MAX_CHUNK_BYTES } from '../model/recording';
import { uploadTooLargeMessage } from '../model/upload';
import type { Studio } from '../studio';
import { MAX_MESSAGE_BYTES, serveApiSocket } from './api-socket';
import { HostAuth, checkOrigin, type OriginCheck } from './auth';
import { type AuthRoutes, type HostSession, handleAuthRoute, isAuthRoute, sessionOf } from './auth-routes';
import { type NetworkPlan, allowedHosts, planNetwork, publicAddress } from './network';
import { declaredLength, detachedBody, lingerAfter, readBody } from './bodies';
import { CSP, send } from './respond';
import { type SessionEnd, encodeSessionEnd } from '../model/session-end';

export type HostOptions = {
  studio: Studio;
  /** The built renderer (out/renderer). */
  rendererDir: string;
  port?: number;
  /** The address to bind (default 127.0.0.1). Anything but loopback needs `tls` (network.ts refuses otherwise). */
  host?: string;
  /** The address people open (`--public-url`): the only Host (and Origin) answered besides loopback's own. */
  publicUrl?: string;
  /** Serve HTTPS with this certificate and key (PEM), from tls.ts. */
  tls?: { cert: string; key: string };
  log?: { info(msg: string): void; error(msg: string, ...rest: unknown[]): void };
  /** The secret page and media keys are derived under (HostAuth); default: a new one each run (pages sign in again). */
  keySecret?: Buffer;
  /** How often open sockets are checked for sessions that ended by time (default a minute; tests go faster). */
  sessionSweepMs?: number;
};

/** How often open sockets are checked for sessions that ended by time. */
const SESSION_SWEEP_MS = 60_000;
/** The close reason of a socket whose session ended (at most 123 bytes, as WebSocket allows). */
const SESSION_ENDED = 'Your session ended (signed out, disabled or password changed). Sign in again.';

export type RunningHost = {
  /** The address people open (ends in '/'). */
  url: string;
  /** What to open first: the first-start link `<url>#setup=<token>` while the library has no admin who can sign in, else `url`. */
  openUrl: string;
  port: number;
  plan: NetworkPlan;
  /** The Host header values answered (network.ts allowedHosts). */
  allowedHosts: string[];
  close(): Promise<void>;
};

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
  // The same check the CLI makes first: a host that other machines reach never starts without TLS.
  const plan = planNetwork({ host: o.host, publicUrl: o.publicUrl, tls: o.tls !== undefined });
  const secure = plan.tls;
  let port = 0;
  let hosts: string[] = [];
  const auth = new HostAuth(() => port, secure, o.keySecret);
  const originOf = (req: IncomingMessage, requireOrigin: boolean): OriginCheck => checkOrigin(req, { allowedHosts: hosts, secure, requireOrigin });
  const log = o.log ?? { info: (m: string) => console.log(m), error: (m: string, ...r: unknown[]) => console.error(m, ...r) };
  const routes: AuthRoutes = { accounts: () => o.studio.accounts, auth, now: o.studio.clock, log, libraryName: () => path.basename(o.studio.folder.root) };
  const indexHtml = path.join(o.rendererDir, 'index.html');
  await fs.access(indexHtml).catch(() => {
    throw new Error(`The renderer is not built (${indexHtml} is missing). Run "npm run build:renderer" first, or use "npm run serve".`);
  });

  const onRequest = (req: IncomingMessage, res: ServerResponse) => {
    handle(req, res).catch((e: unknown) => {
      log.error('[host] request failed', e);
      if (!res.headersSent) send(res, 500, 'text/plain; charset=utf-8', 'Internal error');
      else res.destroy();
    });
  };
  const server = o.tls ? https.createServer({ cert: o.tls.cert, key: o.tls.key }, onRequest) : http.createServer(onRequest);
  // A client that fails the TLS handshake (a browser refusing the certificate) is not our error to log.
  server.on('tlsClientError', () => undefined);

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Referrer-Policy', 'no-referrer');
    res.setHeader('X-Frame-Options', 'DENY');
    const url = requestUrl(req.url);
    if (!url) return send(res, 400, 'text/plain; charset=utf-8', 'Bad request: the address cannot be read.');
    const isWrite = req.method !== 'GET' && req.method !== 'HEAD';
    const where = originOf(req, isWrite);
    // 421: this server does not answer to that name (DNS rebinding, or a name not in --public-url).
    if (where === 'wrong-host') return send(res, 421, 'text/plain; charset=utf-8', 'Misdirected request: this Postframe answers only to its own address.');
    if (where === 'wrong-origin') return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: the request came from another site.');

    if (isAuthRoute(url.pathname)) return handleAuthRoute(req, res, url.pathname, routes);

    // The app shell (the built renderer) loads without a session: it shows the sign-in screen. Everything else
    // needs a live session (its cookie) and, since the cookie alone reaches other local servers too, its keys.
    const isBytes = [HOST_PATHS.media, HOST_PATHS.text, HOST_PATHS.exports, HOST_PATHS.fonts, HOST_PATHS.kitFiles].some((p) => url.pathname.startsWith(`${p}/`));
    const isWriteRoute = url.pathname === HOST_PATHS.upload || url.pathname.startsWith(`${HOST_PATHS.recordings}/`);
    if (!isBytes && !isWriteRoute) return serveStatic(req, res, url.pathname);
    const session = sessionOf(req, routes);
    if (!session) {
      return send(res, 401, 'application/json', JSON.stringify({ code: 'unauthorized', message: 'This browser is not signed in to Postframe (or its session ended). Sign in again.' }));
    }
    if (isBytes && !auth.isMediaKey(session.token, url.searchParams.get(HOST_MEDIA_KEY_PARAM))) {
      return send(res, 403, 'text/plain; charset=utf-8', 'Forbidden: this address is missing its key. Open it from the Postframe page.');
    }
    if (isWriteRoute && !auth.isPageKey(session.token, req.headers[HOST_KEY_HEADER.toLowerCase()])) {
      const body = { code: 'unauthorized', message: 'This page has no key for this session (the server restarted, or its site data was cleared). Sign in again.' };
      return send(res, 403, 'application/json', JSON.stringify(body));
    }

    if (url.pathname.startsWith(`${HOST_PATHS.media}/`)) return serveMedia(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.text}/`)) return serveTextLayer(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.exports}/`)) return serveExport(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.fonts}/`)) return serveFont(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.kitFiles}/`)) return serveKitFile(req, res, url.pathname);
    if (url.pathname.startsWith(`${HOST_PATHS.recordings}/`)) return receiveChunk(req, res, url.pathname);
    return receiveUpload(req, res, url.searchParams.get('name') ?? 'upload');
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
    // An asset's bytes never change under its id (content-addressed), so caches may keep them; a proxy or poster
    // made again over an older one is asked for with its count (`rev`, AssetSummary.mediaRev), a new address.
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
   * `/exports/<jobId>`: a finished video export; `/exports/<jobId>/output-<i>`: one file of a one-pass export of
   * several channel variants; `/exports/<jobId>/<n>` (a page number, or `pdf`): one file of a finished image export.
   * All downloaded under the export's own file name; the job record names the file.
   */
  async function serveExport(req: IncomingMessage, res: ServerResponse, pathname: string): Promise<void> {
    const m = /^\/[^/]+\/([^/]+)(?:\/([^/]+))?$/.exec(pathname);
    const jobId = m ? safeDecode(m[1]!) : null;
    const part = m?.[2] === undefined ? undefined : safeDecode(m[2]);
    const output = part ? /^output-(\d{1,3})$/.exec(part) : null;
    const out =
      !jobId || part === null
        ? null
        : part === undefined
          ? await o.studio.resolveExport(jobId)
          : output
            ? await o.studio.resolveExport(jobId, Number(output[1]))
            : await o.studio.resolveImageExport(jobId, part);
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
  /** Every open API socket, with the session it belongs to (closed at once when that session ends). */
  const clients = new Map<WebSocket, HostSession>();
  server.on('upgrade', (req, socket, head) => {
    // Until ws takes the socket over, its errors (a reset mid-handshake) are ours to catch.
    socket.on('error', () => socket.destroy());
    const url = requestUrl(req.url);
    const where = originOf(req, true);
    if (where === 'wrong-host') return void socket.end('HTTP/1.1 421 Misdirected Request\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    const session = url !== null && url.pathname === HOST_PATHS.api && where === 'ok' ? sessionOf(req, routes) : null;
    if (!session || !auth.isPageKey(session.token, url?.searchParams.get(HOST_API_KEY_PARAM))) {
      return void socket.end('HTTP/1.1 403 Forbidden\r\nConnection: close\r\nContent-Length: 0\r\n\r\n');
    }
    wss.handleUpgrade(req, socket, head, (ws) => {
      clients.set(ws, session);
      ws.on('close', () => clients.delete(ws));
      // Each call runs for the session's user as the library knows them now: a role change or a disable counts at
      // the next call; a session that ended closes its socket.
      serveApiSocket(
        ws,
        (name, input) => {
          const caller = o.studio.accounts.session(session.token);
          if (caller) return o.studio.route(name, input, caller);
          // Answered first, then closed (a session can end without an event: expiry, another library opened).
          setImmediate(() => closeEnded(ws));
          return Promise.resolve({ ok: false, error: { code: 'unauthorized', message: SESSION_ENDED } });
        },
        log,
      );
    });
  });
  // The close reason says why (model/session-end.ts) when the host knows it; the page words it.
  const closeEnded = (ws: WebSocket, end?: SessionEnd) => {
    clients.delete(ws);
    if (ws.readyState === ws.OPEN || ws.readyState === ws.CONNECTING) ws.close(HOST_SESSION_ENDED_CLOSE, end ? encodeSessionEnd(end) : SESSION_ENDED);
  };
  const stopEnded = o.studio.accounts.onSessionsEnded((ids, end) => {
    const ended = new Set(ids);
    const closing = [...clients].filter(([, s]) => s.caller.sessionId !== null && ended.has(s.caller.sessionId)).map(([ws]) => ws);
    // No more events for them from now; closed after this turn, so the call that ended them (sign out everywhere,
    // a password change) is answered on its own socket first: closed before, the page saw its call fail.
    for (const ws of closing) clients.delete(ws);
    setImmediate(() => {
      for (const ws of closing) closeEnded(ws, end);
    });
  });
  // A session can also end by time: swept once a minute, so an idle page stops receiving events soon after.
  const sweep = setInterval(() => {
    try {
      for (const [ws, s] of clients) if (!o.studio.accounts.session(s.token, false)) closeEnded(ws, { why: 'expired' });
    } catch (e) {
      log.error('[host] checking sessions failed', e);
    }
  }, o.sessionSweepMs ?? SESSION_SWEEP_MS);
  sweep.unref();
  const unsubscribe = o.studio.onEvent((name, payload) => {
    const text = JSON.stringify({ type: 'event', name, payload } satisfies WireMessage);
    for (const ws of clients.keys()) if (ws.readyState === ws.OPEN) ws.send(text);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(o.port ?? 0, plan.bindHost, () => {
      server.off('error', reject);
      resolve();
    });
  });
  // Once listening, a server error (e.g. too many open files while accepting) is logged, never thrown.
  server.on('error', (e) => log.error('[host] server error', e));
  port = (server.address() as AddressInfo).port;
  hosts = allowedHosts(plan, port);
  const url = publicAddress(plan, port);
  return {
    url,
    openUrl: o.studio.accounts.setupNeeded() && auth.setupToken ? `${url}#${HOST_SETUP_FRAGMENT}=${auth.setupToken}` : url,
    port,
    plan,
    allowedHosts: hosts,
    async close() {
      clearInterval(sweep);
      unsubscribe();
      stopEnded();
      for (const ws of clients.keys()) ws.terminate();
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
