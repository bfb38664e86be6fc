import fs from 'node:fs';
import { Readable } from 'node:stream';
import { mediaVariants, type MediaVariant } from '../model/asset';
import { parseRange } from '../media/range';
import { isAppOrigin, parseMediaUrl, type RendererTarget } from './trust';

export type MediaResolver = (assetId: string, variant: MediaVariant) => Promise<{ path: string; mime: string } | null>;

/**
 * Answers one `media://asset/<id>/<variant>` request (no `electron` import, so it is unit-tested with
 * plain Request objects): 200 whole file, 206 with Content-Range for a Range request, 416 for a range
 * outside the file, 404 for anything the studio does not resolve. The file is streamed, never buffered.
 */
export async function serveMedia(request: Request, resolve: MediaResolver, target: RendererTarget): Promise<Response> {
  const cors = corsHeaders(request.headers.get('origin'), target);
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    return new Response(null, { status: 405, headers: { ...cors, Allow: 'GET, HEAD' } });
  }
  const parsed = parseMediaUrl(request.url, mediaVariants);
  if (!parsed) return notFound(cors);
  let resolved: { path: string; mime: string } | null;
  try {
    resolved = await resolve(parsed.assetId, parsed.variant as MediaVariant);
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
    'Cache-Control': 'no-cache',
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

function notFound(cors: Record<string, string>): Response {
  return new Response('Not found', { status: 404, headers: { ...cors, 'Content-Type': 'text/plain; charset=utf-8' } });
}

/** fetch() from the app's own page may read media (waveforms); no other origin may. */
function corsHeaders(origin: string | null, target: RendererTarget): Record<string, string> {
  if (!origin) return {};
  const allowed = target.kind === 'dev' ? isAppOrigin(origin, target) : origin === 'null' || isAppOrigin(origin, target);
  return allowed ? { 'Access-Control-Allow-Origin': origin, Vary: 'Origin' } : { Vary: 'Origin' };
}
