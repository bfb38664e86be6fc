import type { JobContext, JobRunner } from '../jobs/runner';
import { BeatsRepo } from '../library/beats-repo';
import { findBeats } from '../media/beat-track';
import type { Asset } from '../model/asset';
import type { LogFn } from '../model/background';
import { BeatsJobInput, type BeatsResult, beatsJobTitle, beatsRefusal } from '../model/beats-job';
import { AppError } from '../model/errors';
import type { Job } from '../model/job';
import { type ApiPart, type Rooms, type StudioContext, requireTools } from './context';

/**
 * Beat markers (issue 14 §4; docs/timeline.md "Beats"): importing music starts a 'beats' job for it in the background
 * (startBeatsAfterImport), and "Find beats" on a clip starts one for its asset; the result is kept with the asset
 * (library/beats-repo.ts); the editor reads them with `beats.get` and draws and snaps to them. Open to every role,
 * like drafts.save (access.ts): anyone who may edit a draft may mark its music's beats, and they change no draft.
 */
type Calls = 'beats.find' | 'beats.get' | 'beats.clear';

export function beatsApi(ctx: StudioContext): ApiPart<Calls> {
  return {
    async 'beats.find'(input) {
      const rooms = ctx.rooms;
      // Checked now, so "no sound" or "too long" is the call's answer, not a failed job.
      const asset = beatsAsset(rooms, input.assetId);
      requireTools(rooms, 'Finding beats needs FFmpeg to read the sound. Install FFmpeg and try again.');
      return { jobId: startBeats(rooms, asset).id };
    },
    async 'beats.get'(input) {
      return new BeatsRepo(ctx.rooms.db).get(input.assetIds);
    },
    async 'beats.clear'(input) {
      const rooms = ctx.rooms;
      if (!rooms.assets.get(input.assetId)) throw new AppError('not_found', 'That media is not in the library any more.');
      new BeatsRepo(rooms.db).clear(input.assetId);
      ctx.emit('assets.changed', { reason: 'updated', ids: [input.assetId] });
      return { assetId: input.assetId };
    },
  };
}

/**
 * The job finding each asset's beats, per library (its runner): a "Find beats" while one runs, whether the button or
 * the import started it, follows that job instead of starting a second.
 */
const beatJobs = new WeakMap<JobRunner, Map<string, string>>();

/** The queued or running 'beats' job of `asset`, else a new one. */
function startBeats(rooms: Rooms, asset: Asset): Job {
  let jobOf = beatJobs.get(rooms.runner);
  if (!jobOf) beatJobs.set(rooms.runner, (jobOf = new Map<string, string>()));
  const known = jobOf.get(asset.id);
  const running = known ? rooms.runner.list().find((j) => j.id === known && (j.status === 'queued' || j.status === 'running')) : undefined;
  if (running) return running;
  const job = rooms.runner.start('beats', beatsJobTitle(asset.name), { assetId: asset.id });
  jobOf.set(asset.id, job.id);
  return job;
}

/**
 * After an import: each newly imported music file (kind 'audio' with sound, within the length limit) whose beats
 * are not known yet gets a 'beats' job, so its beats are on the timeline by the time it is used. Beats are derived
 * data like proxies: whoever imported the song gets them. A video's soundtrack is often speech, so videos keep the
 * button. Nothing without ffmpeg (the button says why then); a job that fails shows in the Jobs drawer, and this
 * never fails the import that called it. Returns the jobs started or followed.
 */
export function startBeatsAfterImport(rooms: Rooms, assetIds: readonly string[], log: LogFn): Job[] {
  if (!rooms.tools || assetIds.length === 0) return [];
  try {
    const music = assetIds.flatMap((id) => {
      const a = rooms.assets.get(id);
      return a && !a.trashedAt && a.kind === 'audio' && !refusalOf(a) ? [a] : [];
    });
    const known = new Set(new BeatsRepo(rooms.db).get(music.map((a) => a.id)).map((b) => b.assetId));
    return music.filter((a) => !known.has(a.id)).map((a) => startBeats(rooms, a));
  } catch (e) {
    log('Could not start finding the beats of imported music', e);
    return [];
  }
}

/** The asset to find beats in, or the error that says why not. */
function beatsAsset(rooms: Rooms, assetId: string): Asset {
  const a = rooms.assets.get(assetId);
  if (!a || a.trashedAt) throw new AppError('not_found', 'That media is not in the library any more. Import it again to find its beats.');
  const why = refusalOf(a);
  if (why) throw new AppError('invalid_input', why);
  return a;
}

function refusalOf(a: Asset): string | null {
  return beatsRefusal({ name: a.name, kind: a.kind, hasAudio: a.facts.hasAudio, durationSec: a.facts.durationSec });
}

/** The 'beats' job of a library's runner. */
export function registerBeatsJobs(ctx: StudioContext, rooms: Rooms): void {
  rooms.runner.register('beats', (job, input) => beatsJob(ctx, rooms, job, input));
}

async function beatsJob(ctx: StudioContext, rooms: Rooms, job: JobContext, raw: unknown): Promise<BeatsResult> {
  const { assetId } = BeatsJobInput.parse(raw);
  const tools = requireTools(rooms, 'Finding beats needs FFmpeg to read the sound. Install FFmpeg and try again.');
  const a = beatsAsset(rooms, assetId);
  const analysis = await findBeats(tools, rooms.folder.originalPath(a.sha256, a.ext), a.facts.durationSec, {
    signal: job.signal,
    onProgress: (f, detail) => job.progress(f, detail),
  });
  if (job.signal.aborted) throw new AppError('cancelled', 'Cancelled. No beats were saved.');
  if (!new BeatsRepo(rooms.db).save(assetId, analysis)) throw new AppError('not_found', 'The media was deleted while its beats were found.');
  ctx.emit('assets.changed', { reason: 'updated', ids: [assetId] });
  return { kind: 'beats', assetId, count: analysis.beats.length, bpm: analysis.bpm };
}
