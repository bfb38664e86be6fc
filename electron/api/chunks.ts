import { MAX_CHUNK_BYTES, RECORDING_ID } from '../model/recording';

// Checks for recording chunks as they arrive on either transport (kept out of transport.ts, which the
// sandboxed preload bundles: it needs no schemas).

/** `/recordings/<id>/chunks/<seq>` → its parts; null for anything else (ids are never paths). */
export function parseChunkPath(pathname: string): { id: string; seq: number } | null {
  const m = /^\/recordings\/([^/]+)\/chunks\/(\d{1,9})$/.exec(pathname);
  if (!m || !RECORDING_ID.test(m[1]!)) return null;
  return { id: m[1]!, seq: Number(m[2]) };
}

/** Checks what the renderer sent over IPC for a chunk before anything touches the disk. */
export function parseChunkArgs(id: unknown, seq: unknown, data: unknown): { id: string; seq: number; data: Uint8Array } | null {
  if (typeof id !== 'string' || !RECORDING_ID.test(id)) return null;
  if (typeof seq !== 'number' || !Number.isInteger(seq) || seq < 0 || seq > 1e9) return null;
  const bytes = data instanceof Uint8Array ? data : data instanceof ArrayBuffer ? new Uint8Array(data) : null;
  if (!bytes || bytes.byteLength > MAX_CHUNK_BYTES) return null;
  return { id, seq, data: bytes };
}

