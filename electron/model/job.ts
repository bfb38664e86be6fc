import { z } from 'zod';

export const jobKinds = ['import'] as const;
export const JobKind = z.enum(jobKinds);
export type JobKind = z.infer<typeof JobKind>;

export const jobStatuses = ['queued', 'running', 'done', 'failed', 'cancelled'] as const;
export const JobStatus = z.enum(jobStatuses);
export type JobStatus = z.infer<typeof JobStatus>;

export const ImportFailure = z.object({ path: z.string(), reason: z.string() });
export type ImportFailure = z.infer<typeof ImportFailure>;

export const ImportResult = z.object({
  imported: z.number().int().nonnegative(),
  duplicates: z.number().int().nonnegative(),
  failed: z.array(ImportFailure),
  assetIds: z.array(z.string()),
  duplicateIds: z.array(z.string()),
});
export type ImportResult = z.infer<typeof ImportResult>;

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
  result: ImportResult.nullable(),
  createdAt: z.string(),
  updatedAt: z.string(),
});
export type Job = z.infer<typeof Job>;

export function isFinished(status: JobStatus): boolean {
  return status === 'done' || status === 'failed' || status === 'cancelled';
}
