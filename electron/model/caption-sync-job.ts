import { z } from 'zod';

/**
 * Sync to script as a job (issue 12 §4, docs/captions.md): the input names the audio (a draft's voiceover or
 * main track, or an asset) and the script; the result carries the cues. The draft is not written: the caption
 * editor puts the cues into its caption track (an undoable edit).
 */
export const CaptionSyncInput = z
  .object({
    draftId: z.string().min(1).max(64).optional(),
    assetId: z.string().min(1).max(64).optional(),
    script: z.string().trim().min(1, 'Paste the script that was spoken.').max(100_000, 'A script can be at most 100,000 characters.'),
    language: z.literal('en').default('en'),
  })
  .strict()
  .refine((i) => (i.draftId === undefined) !== (i.assetId === undefined), { message: 'Name either a draft or an asset to sync the script to.' });
export type CaptionSyncInput = z.infer<typeof CaptionSyncInput>;

const Seconds = z.number().nonnegative();
/** The cue shape of electron/model/caption-track.ts (owned by the caption-track work), as the sync returns it. */
export const SyncedCue = z.object({
  id: z.string(),
  text: z.string(),
  startSec: Seconds,
  endSec: Seconds,
  words: z.array(z.object({ text: z.string(), startSec: Seconds, endSec: Seconds })).optional(),
  speaker: z.string().optional(),
  styleId: z.string().optional(),
});

export const CaptionSyncResult = z.object({
  kind: z.literal('caption-sync'),
  draftId: z.string().nullable(),
  assetId: z.string(),
  /** Cue times on the draft's timeline (a draft) or in the asset (an asset). */
  cues: z.array(SyncedCue),
  /** Words whose time the recogniser found; the others were placed between their neighbours. */
  heardWords: z.number().int().nonnegative(),
  totalWords: z.number().int().nonnegative(),
});
export type CaptionSyncResult = z.infer<typeof CaptionSyncResult>;
