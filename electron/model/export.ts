import { z } from 'zod';
import { VideoDraft } from './draft';
import { ExportPreset } from './draft-record';
import { LoudnessTarget } from './loudness';
import { VariantPlan } from './render-variant';

/**
 * What an export job is started with (persisted with the job). The app exports a stored draft into the
 * library's exports/ folder; the CLI may instead pass a draft document (FILE.json) and an output path.
 */
export const ExportJobInput = z.object({
  draftId: z.string().nullable(),
  doc: VideoDraft.optional(),
  preset: ExportPreset,
  outputPath: z.string().optional(),
  /**
   * A channel's render variant (model/render-variant.ts): output size and reframe, duration cap, fps and a
   * video bitrate cap. When given it decides size and fps instead of the preset; the preset's quality stays.
   */
  variant: VariantPlan.optional(),
  /**
   * Level the sound to this (two-pass loudnorm after the render). Absent: the variant's channel target when a
   * variant is given, else the sound as mixed; null: as mixed even for a channel.
   */
  loudness: LoudnessTarget.nullable().optional(),
  /**
   * Several variants of the draft in ONE ffmpeg process (a post's channels): each with its plan, its file and a
   * label for errors ("TikTok + Reels"). When given, `variant` and `outputPath` are not used; each output is
   * levelled to its variant's channel target unless `loudness` says otherwise.
   */
  outputs: z.array(z.object({ variant: VariantPlan, outputPath: z.string(), label: z.string() })).min(1).optional(),
});
export type ExportJobInput = z.infer<typeof ExportJobInput>;

/**
 * One finished export of a draft, as the export history lists it (`exports.list`): a done export job of the
 * library, newest first. The file may have been moved or deleted since: `available` says whether it is still
 * there, so the editor shows it as gone rather than a link that fails.
 */
export const ExportEntry = z.object({
  jobId: z.string(),
  draftId: z.string(),
  fileName: z.string(),
  outputPath: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  durationSec: z.number().nonnegative(),
  method: z.enum(['copy', 'encode']),
  /** When the export finished (ISO). */
  finishedAt: z.string(),
  /** The file is still where the export wrote it. */
  available: z.boolean(),
  /** Inside the library folder, so browser mode can download it (the CLI may have written elsewhere). */
  inLibrary: z.boolean(),
});
export type ExportEntry = z.infer<typeof ExportEntry>;
