import { randomUUID } from 'node:crypto';
import type { JobContext } from '../jobs/runner';
import { draftNotFound } from '../library/drafts-repo';
import { type Aligner, syncScript } from '../media/aligner';
import { CaptionSyncInput, type CaptionSyncResult } from '../model/caption-sync-job';
import type { MediaClip } from '../model/draft';
import { AppError } from '../model/errors';
import { type ApiPart, type Rooms, type StudioContext, requireTools } from './context';

/**
 * Sync to script (docs/captions.md): `captions.syncScript` starts a 'caption-sync' job whose result holds the
 * cues; nothing is written to the draft (the caption editor adds them as one undoable edit).
 */

/** The audio a sync reads: a file, the part of it a clip plays, and where that part sits on the timeline. */
type SyncSource = { assetId: string; file: string; fromSec: number; durationSec: number | null; timelineSec: number };

/**
 * A draft's spoken audio: the voiceover track's clip, else the main track's. One clip at normal speed (a
 * teleprompter take is one recording); a track of several clips is refused with what to do.
 */
function draftSource(rooms: Rooms, draftId: string): SyncSource {
  const rec = rooms.drafts.get(draftId);
  if (!rec) throw draftNotFound();
  if (rec.doc.kind !== 'video') throw new AppError('invalid_input', 'Sync to script works on video drafts. Open a video draft with the recording.');
  const tracks = rec.doc.tracks;
  const media = (t: (typeof tracks)[number] | undefined) => (t?.clips.filter((c): c is MediaClip => c.type === 'media') ?? []).filter((c) => rooms.assets.get(c.assetId)?.kind !== 'image');
  const voice = media(tracks.find((t) => t.kind === 'audio' && t.role === 'voiceover'));
  const clips = voice.length ? voice : media(tracks.find((t) => t.kind === 'main'));
  if (clips.length === 0) throw new AppError('invalid_input', 'This draft has no voiceover or video with sound to sync the script to. Add the recording first.');
  if (clips.length > 1) throw new AppError('invalid_input', `The ${voice.length ? 'voiceover' : 'main'} track has ${clips.length} clips; Sync to script reads one recording. Sync the recording in the Library, or keep one clip on the track.`);
  const clip = clips[0]!;
  if (clip.speed !== 1) throw new AppError('invalid_input', 'The recording plays at a changed speed; set its speed to 1× to sync the script, then change it back.');
  return { ...assetSource(rooms, clip.assetId), fromSec: clip.in, durationSec: clip.out - clip.in, timelineSec: clip.start };
}

function assetSource(rooms: Rooms, assetId: string): SyncSource {
  const a = rooms.assets.get(assetId);
  if (!a) throw new AppError('not_found', 'That recording is no longer in the library.');
  if (a.kind === 'image') throw new AppError('invalid_input', 'That asset is a picture; choose a recording with speech.');
  return { assetId, file: rooms.folder.originalPath(a.sha256, a.ext), fromSec: 0, durationSec: null, timelineSec: 0 };
}

export function captionSyncApi(ctx: StudioContext): ApiPart<'captions.syncScript'> {
  return {
    async 'captions.syncScript'(input) {
      const rooms = ctx.rooms;
      // Checked now, so a wrong draft or asset is an answer to the call, not a failed job.
      if (input.draftId) draftSource(rooms, input.draftId);
      else assetSource(rooms, input.assetId!);
      return { jobId: rooms.runner.start('caption-sync', 'Syncing captions to the script', input).id };
    },
  };
}

/** The 'caption-sync' job; `aligner` finds pocketsphinx when a job runs (so installing it needs no restart). */
export function registerCaptionJobs(rooms: Rooms, aligner: () => Aligner): void {
  rooms.runner.register('caption-sync', (job, raw) => captionSyncJob(rooms, aligner, job, raw));
}

async function captionSyncJob(rooms: Rooms, aligner: () => Aligner, job: JobContext, raw: unknown): Promise<CaptionSyncResult> {
  const input = CaptionSyncInput.parse(raw);
  const tools = requireTools(rooms, 'Sync to script needs FFmpeg to read the audio. Install FFmpeg and try again.');
  const found = aligner();
  const src = input.draftId ? draftSource(rooms, input.draftId) : assetSource(rooms, input.assetId!);
  const out = await syncScript(tools, found, {
    file: src.file,
    fromSec: src.fromSec,
    durationSec: src.durationSec ?? undefined,
    script: input.script,
    signal: job.signal,
    onProgress: (f, detail) => job.progress(f, detail),
    makeId: () => randomUUID(),
  });
  const shift = (s: number) => Math.round((s + src.timelineSec) * 1000) / 1000;
  const cues = out.cues.map((c) => ({ ...c, startSec: shift(c.startSec), endSec: shift(c.endSec), words: c.words?.map((w) => ({ ...w, startSec: shift(w.startSec), endSec: shift(w.endSec) })) }));
  return { kind: 'caption-sync', draftId: input.draftId ?? null, assetId: src.assetId, cues, heardWords: out.heardWords, totalWords: out.totalWords };
}
