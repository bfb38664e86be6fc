import { z } from 'zod';
import { CaptionCue, LanguageTag } from './caption-track';
import { ModelId } from './whisper-models';

/**
 * Auto-captions as a job (issue 12 §5, docs/captions.md "Auto-captions"): the input names the audio (a draft's
 * voiceover, else its main track, or an asset), the language and optionally the model; the result carries cues
 * with word timings in the caption-track shape. The draft is not written: the caption editor puts the cues into
 * a track as one undoable edit.
 */
export const CaptionTranscribeInput = z
  .object({
    draftId: z.string().min(1).max(64).optional(),
    assetId: z.string().min(1).max(64).optional(),
    /** The spoken language ("en", "fi"…); "und" lets the model detect it (multilingual models only). */
    language: LanguageTag.default('en'),
    /** A model to use; by default the one chosen in Settings → Captions models, else the best installed. */
    modelId: ModelId.optional(),
  })
  .strict()
  .refine((i) => (i.draftId === undefined) !== (i.assetId === undefined), { message: 'Name either a draft or an asset to caption.' });
export type CaptionTranscribeInput = z.infer<typeof CaptionTranscribeInput>;

export const CaptionTranscribeResult = z.object({
  kind: z.literal('caption-transcribe'),
  draftId: z.string().nullable(),
  assetId: z.string(),
  modelId: ModelId,
  /** The language the model heard (its own detection with "und"), or null when it did not say. */
  language: z.string().nullable(),
  /** Cue times on the draft's timeline (a draft) or in the asset (an asset). */
  cues: z.array(CaptionCue),
  words: z.number().int().nonnegative(),
});
export type CaptionTranscribeResult = z.infer<typeof CaptionTranscribeResult>;

/** A model downloaded into the models folder (Settings → Captions models). */
export const ModelDownloadResult = z.object({
  kind: z.literal('model-download'),
  modelId: ModelId,
  sizeBytes: z.number().int().nonnegative(),
  sha256: z.string(),
});
export type ModelDownloadResult = z.infer<typeof ModelDownloadResult>;
