import { z } from 'zod';
import { Fps } from './draft';

/**
 * Recordings (the Capture room and the editor's voiceover): the manifest kept beside a take while it is
 * recorded, and the pure rules for taking chunks in and for deciding what an interrupted take is. The I/O
 * lives in electron/capture/; see docs/capture.md.
 */

export const RecordingKind = z.enum(['camera', 'screen', 'voiceover']);
export type RecordingKind = z.infer<typeof RecordingKind>;

/** Containers MediaRecorder writes in Chromium (and so in Electron): WebM, or fragmented MP4 in newer builds. */
export const RecordingContainer = z.enum(['webm', 'mp4']);
export type RecordingContainer = z.infer<typeof RecordingContainer>;

export const RecordingState = z.enum([
  /** Chunks are arriving (or were, until something stopped them). */
  'recording',
  /** The recorder said it was done; the take waits for (or is in) its finalize job. */
  'stopped',
  /** Finalized and imported as `assetId`; the folder is removed right after, or on the next start. */
  'done',
]);
export type RecordingState = z.infer<typeof RecordingState>;

/** Where a voiceover take lands: the draft it was recorded over, and the timeline time recording started at. */
export const VoiceoverTarget = z.object({ draftId: z.string().min(1).max(64), at: z.number().min(0).max(3600) });
export type VoiceoverTarget = z.infer<typeof VoiceoverTarget>;

export const RECORDING_ID = /^[A-Za-z0-9_-]{1,64}$/;
export const RecordingId = z.string().regex(RECORDING_ID, 'Not a recording id');

export const RecordingManifest = z.object({
  version: z.literal(1),
  id: RecordingId,
  kind: RecordingKind,
  name: z.string().min(1).max(200),
  mimeType: z.string().max(120),
  container: RecordingContainer,
  /** The frame rate the take is finalized at (constant), chosen in the panel. */
  fps: Fps,
  /** MediaRecorder's timeslice: each chunk is about this long, which is what a progress estimate needs. */
  timesliceMs: z.number().int().min(100).max(10_000),
  state: RecordingState,
  /** The sequence number the next chunk must carry (= chunks taken so far). */
  nextSeq: z.number().int().nonnegative(),
  /** Length of the take file after the last chunk taken; bytes past it are from a write the manifest never saw. */
  bytes: z.number().int().nonnegative(),
  /** How long the recorder says the take is (pauses excluded); null until it stops. */
  durationMs: z.number().nonnegative().nullable(),
  voiceover: VoiceoverTarget.nullable(),
  assetId: z.string().nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type RecordingManifest = z.infer<typeof RecordingManifest>;

/** One chunk is about a second of media; even 4K at a high bitrate stays far below this. */
export const MAX_CHUNK_BYTES = 32 * 1024 * 1024;

/** A recording that has sent nothing for this long is no longer being recorded by anyone. */
export const RECORDING_STALE_MS = 10_000;

/** What to do with chunk `seq` of a take (idempotent on retry, strict on order). */
export type ChunkDecision =
  | { action: 'append'; offset: number }
  | { action: 'duplicate'; nextSeq: number }
  | { action: 'gap'; expected: number }
  | { action: 'closed'; message: string };

/**
 * Chunks are appended strictly in order. A chunk already taken (a retry after a lost answer) is answered as
 * taken without writing; one from the future (an earlier one was lost) is refused with the number expected,
 * so the recorder resends from there. `offset` is where the chunk's bytes go: writing a retried chunk again
 * at the same offset after a crash between the write and the manifest makes the same file.
 */
export function decideChunk(m: Pick<RecordingManifest, 'state' | 'nextSeq' | 'bytes'>, seq: number): ChunkDecision {
  if (m.state !== 'recording') return { action: 'closed', message: 'This recording has already stopped, so it takes no more media. Start a new take.' };
  if (!Number.isInteger(seq) || seq < 0) return { action: 'gap', expected: m.nextSeq };
  if (seq < m.nextSeq) return { action: 'duplicate', nextSeq: m.nextSeq };
  if (seq > m.nextSeq) return { action: 'gap', expected: m.nextSeq };
  return { action: 'append', offset: m.bytes };
}

/** The manifest after chunk `nextSeq` of `size` bytes was written at `bytes`. */
export function afterChunk(m: RecordingManifest, size: number, now: Date): RecordingManifest {
  return { ...m, nextSeq: m.nextSeq + 1, bytes: m.bytes + size, updatedAt: now.toISOString() };
}

/** Seconds of media a take holds: the recorder's own figure when it stopped, else one timeslice per chunk. */
export function estimatedSeconds(m: Pick<RecordingManifest, 'durationMs' | 'nextSeq' | 'timesliceMs'>): number {
  return (m.durationMs ?? m.nextSeq * m.timesliceMs) / 1000;
}

/**
 * What start-up (or the Capture room) should do with a take found on disk:
 *  - `cleanup`: already imported (a crash came between the import and removing its folder), or it holds
 *    nothing at all; removed without asking;
 *  - `busy`: a recorder is still sending to it, or its finalize job is running: leave it alone;
 *  - `interrupted`: offered to the user for recovery or discard.
 */
export function classifyTake(
  m: Pick<RecordingManifest, 'state' | 'bytes' | 'updatedAt'>,
  o: { now: number; finalizing: boolean; /** When this process last heard of the take (start or chunk); null: never. */ lastSeenAt: number | null },
): 'cleanup' | 'busy' | 'interrupted' {
  if (m.state === 'done') return 'cleanup';
  if (o.finalizing) return 'busy';
  // Only this process's own clock says a recorder is alive: a manifest written just before a crash is not.
  const fresh = m.state === 'recording' && o.lastSeenAt !== null && o.now - o.lastSeenAt < RECORDING_STALE_MS;
  if (fresh) return 'busy';
  if (m.bytes > 0) return 'interrupted';
  // An empty take is removed, unless it was only just started (perhaps by another Postframe on this library).
  const justStarted = m.state === 'recording' && o.now - (Date.parse(m.updatedAt) || 0) < RECORDING_STALE_MS;
  return justStarted ? 'busy' : 'cleanup';
}

/** The container a MediaRecorder MIME type writes, or null when Postframe cannot take it. */
export function containerOf(mimeType: string): RecordingContainer | null {
  const base = mimeType.split(';')[0]!.trim().toLowerCase();
  if (base === 'video/webm' || base === 'audio/webm') return 'webm';
  if (base === 'video/mp4' || base === 'audio/mp4') return 'mp4';
  return null;
}

const pad = (n: number) => String(n).padStart(2, '0');

/** "Camera 2026-11-26 14.03.07": a name that sorts by time and says what it is (the caller localises the word). */
export function recordingName(label: string, at: Date): string {
  return `${label} ${at.getFullYear()}-${pad(at.getMonth() + 1)}-${pad(at.getDate())} ${pad(at.getHours())}.${pad(at.getMinutes())}.${pad(at.getSeconds())}`;
}

/** What the Capture room shows of an interrupted take. */
export const RecordingSummary = z.object({
  id: RecordingId,
  kind: RecordingKind,
  name: z.string(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** About how long it is (see estimatedSeconds). */
  seconds: z.number().nonnegative(),
  bytes: z.number().int().nonnegative(),
  voiceover: VoiceoverTarget.nullable(),
});
export type RecordingSummary = z.infer<typeof RecordingSummary>;

export function summaryOf(m: RecordingManifest): RecordingSummary {
  return { id: m.id, kind: m.kind, name: m.name, createdAt: m.createdAt, updatedAt: m.updatedAt, seconds: estimatedSeconds(m), bytes: m.bytes, voiceover: m.voiceover };
}

/** Input of a 'recording' job: finalize this take and import it. */
export const RecordingJobInput = z.object({ recordingId: RecordingId, recovered: z.boolean().default(false) });
export type RecordingJobInput = z.output<typeof RecordingJobInput>;

/** Tags every finished take gets in the library, so recordings are one filter away. */
export const RECORDING_TAG = 'recording';

/** The answer to one chunk, on both transports (HTTP in browser mode, IPC in Electron). */
export const ChunkAck = z.discriminatedUnion('status', [
  z.object({ status: z.enum(['taken', 'duplicate']), nextSeq: z.number().int().nonnegative() }),
  z.object({ status: z.literal('gap'), expected: z.number().int().nonnegative() }),
]);
export type ChunkAck = z.infer<typeof ChunkAck>;
