import { z } from 'zod';
import { VideoDraft } from './draft';
import { ExportPreset } from './draft-record';
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
});
export type ExportJobInput = z.infer<typeof ExportJobInput>;
