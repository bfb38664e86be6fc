import fs from 'node:fs';
import { Readable } from 'node:stream';
import { attachmentDisposition } from '../api/transport';
import { mediaVariants, type MediaVariant } from '../model/asset';
import { parseRange } from '../media/range';
import { isAppOrigin, parseMediaUrl, type RendererTarget } from './trust';

export type MediaResolver = (assetId: string, variant: MediaVariant) => Promise<{ path: string; mime: string } | null>;

/** The other byte sources of `media://` (the studio's resolveTextLayer / resolveExport; ids only, never paths). */
export type ByteResolvers = {
  text?: (key: string) => Promise<{ path: string; mime: string } | null>;
  exports?: (jobId: string, output: number) => Promise<{ path: string; mime: string; fileName: string } | null>;
  fonts?: (fontId: string) => Promise<{ path: string; mime: string } | null>;
};

type Resolved = { path: string; mime: string; cacheControl: string; disposition?: string };

/**
 * Answers one `media://` request (no `electron` import, so it is unit-tested with plain Request objects):
 * `media://asset/<id>/<variant>`, `media://text/<key>.png` (a rasterised text layer) or
 * `media://export/<jobId>` (a finished export, as an attachment) or `media://font/<sha256>` (a library font). 200 whole file, 206 with Content-Range for
 * a Range request, 416 for a range outside the file, 404 for anything the studio does not resolve. The file
 * is streamed, never buffered.
 */
export async function serveMedia(request: Request, resolve: MediaResolver, target: RendererTarget, more: ByteResolvers = {}): Promise<Response> {
  const cors = corsHeaders(request.headers.get('origin'), target);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...cors, Allow: 'GET, HEAD' } });
  }
  let resolved: Resolved | null;
  try {
    resolved = await resolveUrl(request.url, resolve, more);
  } catch {
    return notFound(cors);
  }
  if (!resolved) return notFound(cors);

  let stat: fs.Stats;
  try {
    stat = await fs.promises.stat(resolved.path);
  } catch {
    return notFound(cors);
  }
  if (!stat.isFile()) return notFound(cors);

  const size = stat.size;
  const base: Record<string, string> = {
    ...cors,
    'Content-Type': resolved.mime,
    'Accept-Ranges': 'bytes',
    'Cache-Control': resolved.cacheControl,
    ...(resolved.disposition ? { 'Content-Disposition': resolved.disposition } : {}),
    'Last-Modified': stat.mtime.toUTCString(),
    'X-Content-Type-Options': 'nosniff',
  };
  const range = parseRange(request.headers.get('range'), size);
  if (range === 'unsatisfiable') {
    return new Response(null, { status: 416, headers: { ...base, 'Content-Range': `bytes */${size}` } });
  }
  const start = range ? range.start : 0;
  const end = range ? range.end : size - 1;
  const length = size === 0 ? 0 : end - start + 1;
  const headers: Record<string, string> = { ...base, 'Content-Length': String(length) };
  if (range) headers['Content-Range'] = `bytes ${start}-${end}/${size}`;
  const status = range ? 206 : 200;

  if (request.method === 'HEAD' || length === 0) return new Response(null, { status, headers });
  const stream = fs.createReadStream(resolved.path, { start, end });
  const body = Readable.toWeb(stream) as unknown as ReadableStream<Uint8Array>;
  return new Response(body, { status, headers });
}

async function resolveUrl(rawUrl: string, resolve: MediaResolver, more: ByteResolvers): Promise<Resolved | null> {
  const asset = parseMediaUrl(rawUrl, mediaVariants);
  if (asset) {
    const r = await resolve(asset.assetId, asset.variant as MediaVariant);
    return r && { ...r, cacheControl: 'no-cache' };
  }
  const key = parseTextLayerUrl(rawUrl);
  if (key && more.text) {
    const r = await more.text(key);
    // The key is a hash of the content: the bytes under it never change.
    return r && { ...r, cacheControl: 'max-age=31536000, immutable' };
  }
  const fontId = parseFontUrl(rawUrl);
  if (fontId && more.fonts) {
    const r = await more.fonts(fontId);
    // The id is the SHA-256 of the file: the bytes under it never change.
    return r && { ...r, cacheControl: 'max-age=31536000, immutable' };
  }
  const exported = parseExportUrl(rawUrl);
  if (exported && more.exports) {
    const r = await more.exports(exported.jobId, exported.output);
    return r && { path: r.path, mime: r.mime, cacheControl: 'no-cache', disposition: attachmentDisposition(r.fileName) };
  }
  return null;
}

/** `media://text/<key>.png` → the key (64 lower-case hex digits), or null. */
export function parseTextLayerUrl(rawUrl: string): string | null {
  const url = safeUrl(rawUrl);
  if (!url || url.protocol !== 'media:' || url.hostname !== 'text') return null;
  const m = /^\/([0-9a-f]{64})\.png$/.exec(url.pathname);
  return m ? m[1]! : null;
}

/** `media://font/<sha256>` → the font id (64 lower-case hex digits), or null. */
export function parseFontUrl(rawUrl: string): string | null {
  const url = safeUrl(rawUrl);
  if (!url || url.protocol !== 'media:' || url.hostname !== 'font') return null;
  const m = /^\/([0-9a-f]{64})$/.exec(url.pathname);
  return m ? m[1]! : null;
}

/** `media://export/<jobId>` → the job id, or null. */
export function parseExportUrl(rawUrl: string): { jobId: string; output: number } | null {
  const url = safeUrl(rawUrl);
  if (!url || url.protocol !== 'media:' || url.hostname !== 'export') return null;
  const m = /^\/([A-Za-z0-9_-]{1,64})(?:\/(\d{1,3}))?$/.exec(url.pathname);
  return m ? { jobId: m[1]!, output: Number(m[2] ?? 0) } : null;
}

function safeUrl(raw: string): URL | null {
  try {
    return new URL(raw);
  } catch {
    return null;
  }
}

function notFound(cors: Record<string, string>): Response {
  return new Response('Not found', { status: 404, headers: { ...cors, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** fetch() from the app's own page may read media (waveforms); no other origin may. */
function corsHeaders(origin: string | null, target: RendererTarget): Record<string, string> {
  if (!origin) return {};
  const allowed = target.kind === 'dev' ? isAppOrigin(origin, target) : origin === 'null' || isAppOrigin(origin, target);
  return allowed ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };
}
