import { RecordingStore } from '../capture/recordings';
import { finalizeTake } from '../capture/finalize';
import { newUploadId, runImport, uploadPath } from '../import/importer';
import type { JobContext } from '../jobs/runner';
import { AppError } from '../model/errors';
import type { RecordingResult } from '../model/job';
import {
  type ChunkAck,
  containerOf,
  estimatedSeconds,
  RECORDING_TAG,
  RecordingJobInput,
  type RecordingKind,
  recordingName,
  summaryOf,
} from '../model/recording';
import { type ApiPart, type Rooms, type StudioContext, requireTools } from './context';

type CaptureCalls = 'recordings.start' | 'recordings.stop' | 'recordings.interrupted' | 'recordings.recover' | 'recordings.discard';

const DEFAULT_LABEL: Record<RecordingKind, string> = { camera: 'Camera', screen: 'Screen', voiceover: 'Voiceover' };

/** The capture room for one library: its takes folder. */
export function openRecordings(folder: Rooms['folder']): RecordingStore {
  return new RecordingStore(folder.recordingsDir);
}

/** Recordings: start a take, stop it (finalize + import as a job), and recover or discard interrupted ones. */
export function captureApi(ctx: StudioContext): ApiPart<CaptureCalls> {
  const startJob = (rooms: Rooms, id: string, name: string, recovered: boolean) =>
    rooms.runner.start('recording', recovered ? `Recovering ${name}` : `Saving ${name}`, { recordingId: id, recovered } satisfies RecordingJobInput);

  /** A take whose finalize job is queued or running must not be started twice or discarded under it. */
  const refuseWhileSaving = (rooms: Rooms, id: string) => {
    const busy = rooms.runner.list().some((j) => j.kind === 'recording' && (j.status === 'queued' || j.status === 'running') && RecordingJobInput.safeParse(rooms.jobs.input(j.id)).data?.recordingId === id);
    if (busy) throw new AppError('conflict', 'This take is being saved right now. Wait for it to finish.');
  };

  return {
    async 'recordings.start'(input) {
      const container = containerOf(input.mimeType);
      if (!container) throw new AppError('invalid_input', `Postframe cannot record as ${input.mimeType}. Use a Chromium-based browser or the Postframe app.`);
      if (input.voiceover && !ctx.rooms.drafts.get(input.voiceover.draftId)) throw new AppError('not_found', 'The draft for this voiceover is no longer in the library. Open a draft and record again.');
      const m = await ctx.rooms.recordings.create({
        kind: input.kind,
        name: input.name ?? recordingName(DEFAULT_LABEL[input.kind], new Date()),
        mimeType: input.mimeType,
        container,
        fps: input.fps,
        timesliceMs: input.timesliceMs,
        voiceover: input.voiceover,
      });
      return { id: m.id, name: m.name };
    },
    async 'recordings.stop'(input) {
      const rooms = ctx.rooms;
      const m = await rooms.recordings.stop(input.id, { chunks: input.chunks, durationMs: input.durationMs });
      refuseWhileSaving(rooms, m.id);
      return { jobId: startJob(rooms, m.id, m.name, false).id };
    },
    async 'recordings.interrupted'() {
      return (await ctx.rooms.recordings.interrupted()).map(summaryOf);
    },
    async 'recordings.recover'(input) {
      const rooms = ctx.rooms;
      refuseWhileSaving(rooms, input.id);
      const m = await rooms.recordings.close(input.id);
      return { jobId: startJob(rooms, m.id, m.name, true).id };
    },
    async 'recordings.discard'(input) {
      const rooms = ctx.rooms;
      refuseWhileSaving(rooms, input.id);
      const m = await rooms.recordings.read(input.id);
      if (!m) return { count: 0 };
      await rooms.recordings.remove(m.id);
      return { count: 1 };
    },
  };
}

/** Chunks arrive outside the API (bytes never travel through it): the host's HTTP route and Electron's IPC call this. */
export function appendRecordingChunk(rooms: Rooms, id: string, seq: number, data: Uint8Array): Promise<ChunkAck> {
  return rooms.recordings.append(id, seq, data);
}

export function registerCaptureJobs(ctx: StudioContext, rooms: Rooms): void {
  rooms.runner.register('recording', (job, input) => recordingJob(ctx, rooms, job, input));
}

/**
 * Finalizes a take (capture/finalize.ts) into cache/uploads and imports it like any upload (moved, not
 * copied), tags it, and only then removes the take: a crash at any point leaves the take to recover, and
 * markDone records the asset first, so a take is never imported twice.
 */
async function recordingJob(ctx: StudioContext, rooms: Rooms, job: JobContext, input: unknown): Promise<RecordingResult> {
  const { recordingId } = RecordingJobInput.parse(input);
  const store = rooms.recordings;
  const m = await store.require(recordingId);
  store.setFinalizing(m.id, true);
  try {
    const tools = requireTools(rooms, 'FFmpeg is missing. Install it, then recover the take from Capture: it is kept until it is saved.');
    const uploadId = newUploadId();
    const out = uploadPath(rooms.folder, uploadId);
    job.progress(0, 'Making a constant frame rate video');
    const finished = await finalizeTake(tools, store.takePath(m), out, {
      fps: m.fps,
      expectedSec: estimatedSeconds(m),
      signal: job.signal,
      onProgress: (f) => job.progress(f * 0.8, `${Math.round(f * 100)}%`),
    });
    job.progress(0.8, 'Adding it to the library');
    const imported = await runImport(
      { folder: rooms.folder, assets: rooms.assets, tools, concurrency: 1, signatures: rooms.visual },
      { paths: [], uploads: [{ id: uploadId, name: `${m.name}.${finished.ext}` }] },
      { signal: job.signal },
    );
    const assetId = imported.assetIds[0] ?? imported.duplicateIds[0];
    if (!assetId) throw new AppError('unsupported_media', `The finished take could not be added to the library (${imported.failed[0]?.reason ?? 'unknown reason'}). Recover it again from Capture.`);
    rooms.assets.tag([assetId], [RECORDING_TAG, m.kind], []);
    await store.markDone(m.id, assetId);
    ctx.emit('assets.changed', { reason: 'imported', ids: [assetId] });
    return { kind: 'recording', recordingId: m.id, assetId, take: m.kind, durationSec: rooms.assets.get(assetId)?.durationSec ?? null, voiceover: m.voiceover };
  } finally {
    store.setFinalizing(m.id, false);
  }
}
