import type { ExportedFile, ImageExportEntry } from '../../../../electron/model/image-export-job';
import { type ImageFormat, qualitySteps } from '../../../../electron/model/image-format';
import { imageExportResultOf, isFinished, type Job } from '../../../../electron/model/job';

/**
 * Pure helpers of the image Export dialog's report (kept out of React so they are unit-tested): what each file's
 * quality says, and when the dialog's history reloads.
 */

/** How a file's quality reads: lossless (PNG), the best step, stepped down to fit the limit, or over it even so. */
export type QualityNote = { kind: 'lossless' } | { kind: 'best'; quality: number } | { kind: 'stepped'; quality: number } | { kind: 'over'; quality: number | null };

export function qualityNote(file: Pick<ExportedFile, 'quality' | 'fits'>, format: ImageFormat): QualityNote {
  if (!file.fits) return { kind: 'over', quality: file.quality };
  if (file.quality === null) return { kind: 'lossless' };
  return file.quality < (qualitySteps(format)[0] ?? 0) ? { kind: 'stepped', quality: file.quality } : { kind: 'best', quality: file.quality };
}

/** Changes whenever an image export of `draftId` finishes (done, failed or cancelled): the history reloads then. */
export function finishedImageExportsKey(jobs: Record<string, Job>, draftId: string): string {
  const ids: string[] = [];
  for (const job of Object.values(jobs)) {
    if (job.kind !== 'image-export' || !isFinished(job.status)) continue;
    const r = imageExportResultOf(job);
    if (!r || r.draftId === draftId) ids.push(job.id);
  }
  return ids.sort().join(',');
}

/** Total bytes of an export's files (the PDF too). */
export function exportBytes(entry: { files: readonly Pick<ExportedFile, 'sizeBytes'>[]; pdf: Pick<NonNullable<ImageExportEntry['pdf']>, 'sizeBytes'> | null }): number {
  return entry.files.reduce((n, f) => n + f.sizeBytes, 0) + (entry.pdf?.sizeBytes ?? 0);
}
