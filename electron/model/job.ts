import { z } from 'zod';
import { BeatsResult } from './beats-job';
import { ReverseResult } from './reverse';
import { CaptionSyncResult } from './caption-sync-job';
import { CaptionTranscribeResult, ModelDownloadResult } from './caption-transcribe-job';
import { ImageExportResult } from './image-export-job';
import { RecordingKind, VoiceoverTarget } from './recording';

export const jobKinds = ['import', 'export', 'proxy', 'recording', 'visual', 'backup', 'restore', 'kit-import', 'image-export', 'caption-sync', 'caption-transcribe', 'model-download', 'beats', 'reverse'] as const;
export const JobKind = z.enum(jobKinds);
export type JobKind = z.infer<typeof JobKind>;

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof JobStatus>;

export const ImportFailure = z.object({ path: z.string(), reason: z.string() });
export type ImportFailure = z.infer<typeof ImportFailure>;

export const ImportResult = z.object({
  kind: z.literal('import'),
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  failed: z.array(ImportFailure),
  assetIds: z.array(z.string()),
  duplicateIds: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

export const ExportResult = z.object({
  kind: z.literal('export'),
  draftId: z.string(),
  /** Absolute path of the finished file (in the library's exports/ folder, or where the CLI was told). */
  outputPath: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  durationSec: z.number().nonnegative(),
  /** 'copy': joined by stream copy without re-encoding (smart render); results stored before it say nothing: 'encode'. */
  method: z.enum(['copy', 'encode']).default('encode'),
  /** The (first) file's frame size; absent in results stored before it was kept. */
  width: z.number().int().positive().optional(),
  height: z.number().int().positive().optional(),
  /**
   * A one-pass export of several variants: every file it wrote (the fields above describe the first), each with the
   * channels it is for ("TikTok + LinkedIn") and its frame size (absent in results stored before they were kept).
   */
  outputs: z
    .array(
      z.object({
        outputPath: z.string(),
        sizeBytes: z.number().int().nonnegative(),
        durationSec: z.number().nonnegative(),
        label: z.string().optional(),
        width: z.number().int().positive().optional(),
        height: z.number().int().positive().optional(),
      }),
    )
    .optional(),
});
export type ExportResult = z.infer<typeof ExportResult>;
/** Preview proxies made for heavy videos after an import (model/proxy.ts). */
export const ProxyResult = z.object({
  kind: z.literal('proxy'),
  assetIds: z.array(z.string()),
  /** How many of them got a proxy; the others had one already, were purged meanwhile, or could not be made. */
  made: z.number().int().nonnegative(),
});
export type ProxyResult = z.infer<typeof ProxyResult>;
/** A take finalized (constant frame rate MP4, or AAC for a voiceover) and imported as `assetId`. */
export const RecordingResult = z.object({
  kind: z.literal('recording'),
  recordingId: z.string(),
  assetId: z.string(),
  take: RecordingKind,
  durationSec: z.number().nonnegative().nullable(),
  /** A voiceover's place on its draft's timeline; the editor puts the clip there. */
  voiceover: VoiceoverTarget.nullable(),
});
export type RecordingResult = z.infer<typeof RecordingResult>;
/** Colours and hashes computed for pictures imported before they existed (the backfill on library open). */
export const VisualResult = z.object({
  kind: z.literal('visual'),
  done: z.number().int().nonnegative(),
  /** Pictures that could not be read (a missing thumbnail): recorded as having none, so they are not retried. */
  unreadable: z.number().int().nonnegative(),
});
export type VisualResult = z.infer<typeof VisualResult>;
/** A library written to one `.postframe-backup` file (docs/backup.md). */
export const BackupResult = z.object({
  kind: z.literal('backup'),
  path: z.string(),
  fileName: z.string(),
  sizeBytes: z.number().int().nonnegative(),
  /** Entries in the archive besides its header and manifest (the database and every file). */
  files: z.number().int().nonnegative(),
  assets: z.number().int().nonnegative(),
  fonts: z.number().int().nonnegative(),
});
export type BackupResult = z.infer<typeof BackupResult>;
/** A backup restored into a new library folder, which can now be opened. */
export const RestoreResult = z.object({
  kind: z.literal('restore'),
  path: z.string(),
  files: z.number().int().nonnegative(),
  assets: z.number().int().nonnegative(),
  /** The schema the backup was made at and the one it has now (migrations ran when it was older). */
  backupSchemaVersion: z.number().int().nonnegative(),
  schemaVersion: z.number().int().nonnegative(),
  /** When the backup was made (ISO-8601). */
  createdAt: z.string(),
});
export type RestoreResult = z.infer<typeof RestoreResult>;
/** A `.postframe-kit` file imported as a brand kit (docs/kit-format.md). */
export const KitImportResult = z.object({
  kind: z.literal('kit-import'),
  kitId: z.string(),
  kitName: z.string(),
  importedAssetIds: z.array(z.string()),
});
export type KitImportResult = z.infer<typeof KitImportResult>;
export const JobResult = z.discriminatedUnion('kind', [ImportResult, ExportResult, ProxyResult, RecordingResult, VisualResult, BackupResult, RestoreResult, KitImportResult, ImageExportResult, CaptionSyncResult, CaptionTranscribeResult, ModelDownloadResult, BeatsResult, ReverseResult]);
export type JobResult = z.infer<typeof JobResult>;

export const Job = z.object({
  id: z.string(),
  kind: JobKind,
  status: JobStatus,
  /** Short human label, e.g. "Importing 12 files". */
  title: z.string(),
  /** 0..1, or null while the amount of work is unknown. */
  progress: z.number().min(0).max(1).nullable(),
  detail: z.string().nullable(),
  error: z.string().nullable(),
  result: JobResult.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
  /** When it began running (ISO); null while queued, or for a job recorded before this was kept (schema 19). */
  startedAt: z.string().nullable(),
  /**
   * When (ISO) and how far (0..1) its first progress report above 0 came while running; null before it, or for a job
   * recorded before these were kept (schema 20). The time left is paced from here (renderer jobs/timeLeftLogic.ts).
   */
  firstProgressAt: z.string().nullable(),
  firstProgress: z.number().min(0).max(1).nullable(),
});
export type Job = z.infer<typeof Job>;

export function isFinished(status: JobStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}

/**
 * Whether `next` is a later state of the job `cur` shows (or of any job, when `cur` is null). Two updates can carry
 * the same millisecond (the runner's last progress and its end), so a tie is taken, except that a finished job never
 * goes back to running: a late or re-read copy cannot undo its end.
 */
export function isLaterJobState(cur: Job | null, next: Job): boolean {
  if (!cur || cur.id !== next.id) return true;
  if (next.updatedAt < cur.updatedAt) return false;
  return !(isFinished(cur.status) && !isFinished(next.status));
}

export function importResultOf(job: Job): ImportResult | null {
  return job.result?.kind === 'import' ? job.result : null;
}

export function exportResultOf(job: Job): ExportResult | null {
  return job.result?.kind === 'export' ? job.result : null;
}

/** Every file an export wrote, in order: a one-pass export's outputs, else its one file. */
export function exportFilesOf(result: ExportResult): string[] {
  return result.outputs?.map((o) => o.outputPath) ?? [result.outputPath];
}

export function imageExportResultOf(job: Job): ImageExportResult | null {
  return job.result?.kind === 'image-export' ? job.result : null;
}

export function captionSyncResultOf(job: Job): CaptionSyncResult | null {
  return job.result?.kind === 'caption-sync' ? job.result : null;
}

export function backupResultOf(job: Job): BackupResult | null {
  return job.result?.kind === 'backup' ? job.result : null;
}

export function restoreResultOf(job: Job): RestoreResult | null {
  return job.result?.kind === 'restore' ? job.result : null;
}

export function recordingResultOf(job: Job): RecordingResult | null {
  return job.result?.kind === 'recording' ? job.result : null;
}

export function captionTranscribeResultOf(job: Job): CaptionTranscribeResult | null {
  return job.result?.kind === 'caption-transcribe' ? job.result : null;
}

/** The result of a finished 'reverse' job, or null for any other job. */
export function reverseResultOf(job: Job): ReverseResult | null {
  return job.result?.kind === 'reverse' ? job.result : null;
}
