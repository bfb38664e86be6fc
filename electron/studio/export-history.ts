import fs from 'node:fs/promises';
import type { ExportEntry } from '../model/export';
import { exportResultOf } from '../model/job';
import type { Rooms } from './context';

/**
 * The export history: finished exports are jobs of the library (they survive reloads and restarts), and each
 * entry says whether its file is still there, so a moved or deleted file shows as gone, not a broken link.
 */

const isFile = (p: string) => fs.stat(p).then((s) => s.isFile(), () => false);

export async function listExports({ jobs, folder }: Rooms, opts: { draftId?: string; limit: number }): Promise<ExportEntry[]> {
  const entries = jobs.finishedExports(opts).flatMap((job) => {
    const r = exportResultOf(job);
    return r ? [{ job, r }] : [];
  });
  return Promise.all(
    entries.map(async ({ job, r }) => ({
      jobId: job.id,
      draftId: r.draftId,
      fileName: r.fileName,
      outputPath: r.outputPath,
      sizeBytes: r.sizeBytes,
      durationSec: r.durationSec,
      method: r.method,
      finishedAt: job.updatedAt,
      available: await isFile(r.outputPath),
      inLibrary: folder.contains(r.outputPath),
    })),
  );
}

/**
 * The file of a finished export wherever it was written (the CLI may write outside the library), for the
 * desktop app's "Reveal in folder" only: browser mode serves exports through resolveExport, inside the library.
 */
export async function locateExport({ jobs }: Rooms, jobId: string): Promise<string | null> {
  const job = jobId.length <= 64 ? jobs.get(jobId) : null;
  const r = job?.status === 'done' ? exportResultOf(job) : null;
  return r && (await isFile(r.outputPath)) ? r.outputPath : null;
}
