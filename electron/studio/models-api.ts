import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { uploadPath } from '../import/importer';
import type { JobContext } from '../jobs/runner';
import type { ModelStore } from '../media/models';
import { recognize, recognizerAvailability, type RecognizerSpawner } from '../media/recognizer';
import { CaptionTranscribeInput, type CaptionTranscribeResult, type ModelDownloadResult } from '../model/caption-transcribe-job';
import { AppError } from '../model/errors';
import { ModelId, modelDownloadTitle, modelOfDownloadTitle } from '../model/whisper-models';
import { type ApiPart, type Rooms, type StudioContext, requireTools } from './context';
import { assetSpeechSource, draftSpeechSource } from './speech-source';

/**
 * Auto-captions and the speech-recognition models (docs/captions.md "Auto-captions", "Models").
 * Download, add, remove and choose need 'models.manage' (admins, model/permissions.ts): the models folder is the
 * machine's, shared by every library, so a change there is a change for everyone. Listing and `captions.transcribe`
 * stay open to every role: transcribing returns cues without writing the draft (the editor's save goes through
 * the draft's own checks).
 */
type Calls = 'models.list' | 'models.download' | 'models.add' | 'models.remove' | 'models.choose' | 'captions.transcribe';

export function modelsApi(ctx: StudioContext, models: () => ModelStore): ApiPart<Calls> {
  return {
    async 'models.list'() {
      const store = models();
      const { models: list, active, chosen } = await store.list();
      return { folder: store.folder, models: list, active, chosen, recognizer: recognizerAvailability() };
    },
    async 'models.download'(input) {
      ctx.postService.permitted(input.actorId, 'models.manage');
      const m = models().model(input.id);
      const running = ctx.rooms.runner.list().find((j) => j.kind === 'model-download' && (j.status === 'queued' || j.status === 'running') && modelOfDownloadTitle(j.title) === m.id);
      if (running) return { jobId: running.id };
      recordChange(ctx, input.actorId, { change: 'download', model: m.id });
      return { jobId: ctx.rooms.runner.start('model-download', modelDownloadTitle(m.id), { id: m.id }).id };
    },
    async 'models.add'(input) {
      const store = models();
      if (input.upload) {
        const file = uploadPath(ctx.rooms.folder, input.upload.id);
        try {
          ctx.postService.permitted(input.actorId, 'models.manage');
          const added = await store.add(input.id, file);
          recordChange(ctx, input.actorId, { change: 'add', model: input.id, from: 'upload', source: added.source, sha256: added.sha256 });
          return added;
        } finally {
          // The upload was for this call only: added or refused, it is not needed again.
          await fs.rm(file, { force: true });
        }
      }
      ctx.postService.permitted(input.actorId, 'models.manage');
      // Browser mode: only inside the allowed folders; the checked real path is what is read.
      const from = await ctx.paths.check(input.path!, 'import');
      const added = await store.add(input.id, from);
      recordChange(ctx, input.actorId, { change: 'add', model: input.id, from, source: added.source, sha256: added.sha256 });
      return added;
    },
    async 'models.remove'(input) {
      ctx.postService.permitted(input.actorId, 'models.manage');
      await models().remove(input.id);
      recordChange(ctx, input.actorId, { change: 'remove', model: input.id });
      return { id: input.id };
    },
    async 'models.choose'(input) {
      ctx.postService.permitted(input.actorId, 'models.manage');
      await models().choose(input.id);
      recordChange(ctx, input.actorId, { change: 'choose', model: input.id });
      return { active: input.id };
    },
    async 'captions.transcribe'(input) {
      const rooms = ctx.rooms;
      // Checked now, so a missing binding, a missing model or a wrong draft is an answer to the call, not a failed job
      // (first what the creator must install, then what to pick).
      const avail = recognizerAvailability();
      if (!avail.available) throw new AppError('tool_missing', avail.reason!);
      await models().resolve(input.language, input.modelId);
      if (input.draftId) draftSpeechSource(rooms, input.draftId, 'transcribe');
      else assetSpeechSource(rooms, input.assetId!);
      return { jobId: rooms.runner.start('caption-transcribe', 'Auto-captions: recognising speech', input).id };
    },
  };
}

/**
 * A model change as a 'model_edit' entry in the audit log of the library where the admin acted, the permission
 * checked again in the entry's transaction. The change itself is on disk (the machine's models folder), so it is
 * recorded once made (a download when it is started: its job runs for no one).
 */
function recordChange(ctx: StudioContext, actorId: string, detail: Record<string, unknown>): void {
  ctx.postService.withPermission(actorId, 'models.manage', () => ({ result: null, audit: { action: 'model_edit', detail } }));
}

/** The 'model-download' and 'caption-transcribe' jobs of a library's runner. */
export function registerModelJobs(rooms: Rooms, models: () => ModelStore, spawn?: RecognizerSpawner): void {
  rooms.runner.register('model-download', (job, raw) => downloadJob(models(), job, raw));
  rooms.runner.register('caption-transcribe', (job, raw) => transcribeJob(rooms, models(), job, raw, spawn));
}

async function downloadJob(store: ModelStore, job: JobContext, raw: unknown): Promise<ModelDownloadResult> {
  const id = ModelId.parse((raw as { id?: unknown })?.id);
  const mb = (n: number) => `${Math.round(n / 1024 / 1024)} MB`;
  const status = await store.download(id, {
    signal: job.signal,
    onProgress: (p) => job.progress(p.totalBytes ? p.receivedBytes / p.totalBytes : null, p.totalBytes ? `${mb(p.receivedBytes)} of ${mb(p.totalBytes)}` : mb(p.receivedBytes)),
  });
  return { kind: 'model-download', modelId: id, sizeBytes: status.sizeBytes ?? 0, sha256: status.sha256 ?? '' };
}

async function transcribeJob(rooms: Rooms, store: ModelStore, job: JobContext, raw: unknown, spawn?: RecognizerSpawner): Promise<CaptionTranscribeResult> {
  const input = CaptionTranscribeInput.parse(raw);
  const tools = requireTools(rooms, 'Auto-captions need FFmpeg to read the audio. Install FFmpeg and try again.');
  const src = input.draftId ? draftSpeechSource(rooms, input.draftId, 'transcribe') : assetSpeechSource(rooms, input.assetId!);
  const { model, file } = await store.resolve(input.language, input.modelId);
  await fs.mkdir(rooms.folder.cacheDir, { recursive: true });
  const out = await recognize(tools, {
    model: file,
    file: src.file,
    fromSec: src.fromSec,
    durationSec: src.durationSec ?? undefined,
    language: input.language,
    signal: job.signal,
    onProgress: (f, detail) => job.progress(f, detail),
    makeId: () => `auto-${randomUUID().slice(0, 8)}`,
    tempDir: rooms.folder.cacheDir,
    spawn,
  });
  // Recognised times are in the file; the draft's timeline places the clip at `timelineSec`.
  const shift = (s: number) => Math.round((s - src.fromSec + src.timelineSec) * 1000) / 1000;
  const cues = out.cues.map((c) => ({ ...c, startSec: shift(c.startSec), endSec: shift(c.endSec), words: c.words?.map((w) => ({ ...w, startSec: shift(w.startSec), endSec: shift(w.endSec) })) }));
  return { kind: 'caption-transcribe', draftId: input.draftId ?? null, assetId: src.assetId, modelId: model.id, language: out.language, cues, words: out.words };
}

/** The audio recognition reads: a file, the part of it a clip plays, and where that part sits on the timeline. */
/** `<settings>/models`: the user's data folder, beside the settings, never inside a library. */
export function modelsFolder(settingsDir: string): string {
  return path.join(settingsDir, 'models');
}
