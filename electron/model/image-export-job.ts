import { z } from 'zod';
import { imageFormats } from './image-format';
import { ChannelId } from './post';

/**
 * An image draft's export (issue 11 §5): every page encoded in one format, optionally scaled to a channel's width
 * and stepped down in quality to its file-size limit, written as numbered files into a folder of its own in the
 * library's exports/, and (for a LinkedIn document post) the pages as one PDF. Persisted with the job.
 */
export const ImageExportInput = z.object({
  draftId: z.string().min(1).max(64),
  format: z.enum(imageFormats),
  /** The channel preset chosen (for the history and the report); null: none. */
  channel: ChannelId.nullable().default(null),
  /** Pixel width of the exported pages (the height follows the canvas's aspect); null: the canvas's own. */
  width: z.number().int().min(16).max(8192).nullable().default(null),
  /** Bytes each file may have (quality is stepped down to fit); null: best quality, no limit. */
  maxBytes: z.number().int().min(1000).nullable().default(null),
  /** Also write the pages as one PDF (JPEG pages only): a LinkedIn document post. */
  pdf: z.boolean().default(false),
});
export type ImageExportInput = z.infer<typeof ImageExportInput>;

/**
 * The job's input: the API's, plus (for a post's delivery only) the folder to write into. The API call's schema
 * is ImageExportInput, which strips `outputDir`, so a browser can never name a path here.
 */
export const ImageExportJobInput = ImageExportInput.extend({ outputDir: z.string().optional() });
export type ImageExportJobInput = z.infer<typeof ImageExportJobInput>;

export const ExportedFile = z.object({
  fileName: z.string(),
  outputPath: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** The quality the file was written at (null: PNG, lossless). */
  quality: z.number().int().nullable(),
  /** Under the size limit (always true without one). */
  fits: z.boolean(),
  width: z.number().int().positive(),
  height: z.number().int().positive(),
});
export type ExportedFile = z.infer<typeof ExportedFile>;

export const ImageExportResult = z.object({
  kind: z.literal('image-export'),
  draftId: z.string(),
  format: z.enum(imageFormats),
  channel: ChannelId.nullable(),
  maxBytes: z.number().int().nullable(),
  /** The folder the files are in. */
  dir: z.string(),
  /** The pages, in order (numbered file names sort the same way). */
  files: z.array(ExportedFile),
  pdf: z.object({ fileName: z.string(), outputPath: z.string(), sizeBytes: z.number().int().nonnegative(), pages: z.number().int().positive() }).nullable(),
});
export type ImageExportResult = z.infer<typeof ImageExportResult>;

/** The export history's entry for an image export: its files and whether each is still where it was written. */
export const ImageExportEntry = ImageExportResult.omit({ kind: true }).extend({
  jobId: z.string(),
  finishedAt: z.string(),
  files: z.array(ExportedFile.extend({ available: z.boolean() })),
});
export type ImageExportEntry = z.infer<typeof ImageExportEntry>;
