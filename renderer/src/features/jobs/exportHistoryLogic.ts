import type { ExportEntry } from '../../../../electron/model/export';
import { exportResultOf, type Job } from '../../../../electron/model/job';

/**
 * Pure helpers of the export history (the editor's Exports list and the Jobs drawer). Kept out of React so
 * they are unit-tested.
 */

/**
 * Changes whenever an export (of `draftId`, or any) finishes: the history reloads then. Ids of the finished
 * export jobs the window knows of, sorted, as one string (a stable value for a React dependency).
 */
export function finishedExportsKey(jobs: Record<string, Job>, draftId?: string): string {
  const ids: string[] = [];
  for (const job of Object.values(jobs)) {
    const r = job.status === 'done' ? exportResultOf(job) : null;
    if (r && (draftId === undefined || r.draftId === draftId)) ids.push(job.id);
  }
  return ids.sort().join(',');
}

/** What a finished export offers here: a download (browser mode), a reveal (the app), or why neither. */
export type ExportAction = { kind: 'download' } | { kind: 'reveal' } | { kind: 'gone' } | { kind: 'outside' };

export function exportAction(entry: Pick<ExportEntry, 'available' | 'inLibrary'>, shell: 'electron' | 'browser'): ExportAction {
  if (!entry.available) return { kind: 'gone' };
  if (shell === 'electron') return { kind: 'reveal' };
  // Browser mode serves exports only from inside the library; a CLI export elsewhere is on the host's disk.
  return entry.inLibrary ? { kind: 'download' } : { kind: 'outside' };
}

/** Newest first (by when they finished), whatever order they arrived in. */
export function newestFirst<T extends Pick<ExportEntry, 'finishedAt'>>(entries: readonly T[]): T[] {
  return [...entries].sort((a, b) => b.finishedAt.localeCompare(a.finishedAt));
}
