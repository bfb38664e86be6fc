import { randomUUID } from 'node:crypto';
import type { JobContext } from '../jobs/runner';
import { type Aligner, syncScript } from '../media/aligner';
import { CaptionSyncInput, type CaptionSyncResult } from '../model/caption-sync-job';
import { type ApiPart, type Rooms, type StudioContext, requireTools } from './context';
import { assetSpeechSource, draftSpeechSource } from './speech-source';

/**
 * Sync to script (docs/captions.md): `captions.syncScript` starts a 'caption-sync' job whose result holds the
 * cues; nothing is written to the draft (the caption editor adds them as one undoable edit).
 */

export function captionSyncApi(ctx: StudioContext): ApiPart<'captions.syncScript'> {
  return {
    async 'captions.syncScript'(input) {
      const rooms = ctx.rooms;
      // Checked now, so a wrong draft or asset is an answer to the call, not a failed job.
      if (input.draftId) draftSpeechSource(rooms, input.draftId, 'sync');
      else assetSpeechSource(rooms, input.assetId!);
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
  const src = input.draftId ? draftSpeechSource(rooms, input.draftId, 'sync') : assetSpeechSource(rooms, input.assetId!);
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
