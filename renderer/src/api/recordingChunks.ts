import { HOST_KEY_HEADER, hostChunkPath } from '../../../electron/api/transport';
import type { ErrorCode } from '../../../electron/model/errors';
import type { ChunkAck } from '../../../electron/model/recording';
import { FatalChunkError } from './chunkUploader';
import { getBridge, hostKeys, signedOut } from './client';

/** Codes that mean the take itself is refused: retrying cannot help. Anything else (engine unreachable) is retried. */
const FATAL: ReadonlySet<ErrorCode> = new Set(['not_found', 'conflict', 'invalid_input', 'unauthorized']);

/**
 * Sends one chunk of take `id` to the engine: over IPC through the preload in Electron, as a raw POST to the
 * host in browser mode (the session cookie, the page key header and a same-origin request authorise it). Resolves with the engine's
 * answer (a 409 gap is an answer), throws FatalChunkError for refusals and a plain Error for outages.
 */
export async function sendRecordingChunk(id: string, seq: number, data: Blob): Promise<ChunkAck> {
  const bridge = getBridge();
  if (bridge) {
    const result = await bridge.sendRecordingChunk(id, seq, new Uint8Array(await data.arrayBuffer()));
    if (result.ok) return result.value;
    if (FATAL.has(result.error.code)) throw new FatalChunkError(result.error.message);
    throw new Error(result.error.message);
  }
  const res = await fetch(hostChunkPath(id, seq), { method: 'POST', body: data, headers: { 'Content-Type': 'application/octet-stream', [HOST_KEY_HEADER]: hostKeys().page }, credentials: 'same-origin' });
  const body = (await res.json().catch(() => null)) as (ChunkAck & { code?: ErrorCode; message?: string }) | null;
  if (body && (body.status === 'taken' || body.status === 'duplicate' || body.status === 'gap')) return body;
  // 401/403: the host does not know this page's cookie or key (restarted, or signed in elsewhere).
  if (res.status === 401 || res.status === 403) throw new FatalChunkError(signedOut());
  const message = body?.message ?? `The chunk was not saved (HTTP ${res.status}).`;
  if (body?.code && FATAL.has(body.code)) throw new FatalChunkError(message);
  throw new Error(message);
}
