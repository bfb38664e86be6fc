import { describe, expect, it } from 'vitest';
import type { ImportFailure, Job } from '../../../../electron/model/job';
import { jobOutcome, jobRowTitle } from './jobStatusLogic';

const fail = (n: number): ImportFailure[] => Array.from({ length: n }, (_, i) => ({ path: `/in/${i}.bin`, reason: 'Not a media file.' }));

function importJob(status: Job['status'], counts: { imported: number; duplicates: number; failed: number } | null): Job {
  return {
    id: 'j1',
    kind: 'import',
    status,
    title: 'Importing',
    progress: null,
    detail: null,
    error: null,
    result: counts && { kind: 'import', imported: counts.imported, duplicates: counts.duplicates, failed: fail(counts.failed), assetIds: [], duplicateIds: [] },
    createdAt: '2026-01-01T00:00:00Z',
    updatedAt: '2026-01-01T00:00:00Z',
    startedAt: null,
    firstProgressAt: null,
    firstProgress: null,
  };
}

describe('jobOutcome', () => {
  it('calls an import where every file failed a failure, not Done, with the count and the failures to show', () => {
    const o = jobOutcome(importJob('done', { imported: 0, duplicates: 0, failed: 3 }));
    expect(o).toMatchObject({ outcome: 'failed', failedCount: 3, totalCount: 3 });
    expect(o.failures).toHaveLength(3);
  });

  it('calls an import where some files failed partly failed', () => {
    expect(jobOutcome(importJob('done', { imported: 2, duplicates: 1, failed: 1 }))).toMatchObject({ outcome: 'partial', failedCount: 1, totalCount: 4 });
    // Duplicates are not failures: the files are in the library.
    expect(jobOutcome(importJob('done', { imported: 0, duplicates: 2, failed: 1 }))).toMatchObject({ outcome: 'partial' });
  });

  it('calls an import with no failures done, and one that found no files at all empty', () => {
    expect(jobOutcome(importJob('done', { imported: 2, duplicates: 0, failed: 0 }))).toMatchObject({ outcome: 'done', failedCount: 0, failures: [] });
    expect(jobOutcome(importJob('done', { imported: 0, duplicates: 3, failed: 0 }))).toMatchObject({ outcome: 'done' });
    expect(jobOutcome(importJob('done', { imported: 0, duplicates: 0, failed: 0 }))).toMatchObject({ outcome: 'empty' });
  });

  it('keeps the job’s own status otherwise, and a cancelled import still shows what failed before the cancel', () => {
    for (const s of ['queued', 'running', 'failed'] as const) expect(jobOutcome(importJob(s, null)).outcome).toBe(s);
    expect(jobOutcome(importJob('cancelled', { imported: 1, duplicates: 0, failed: 2 }))).toMatchObject({ outcome: 'cancelled', failedCount: 2 });
    const exportJob: Job = { ...importJob('done', null), kind: 'export', result: { kind: 'export', draftId: 'd', outputPath: '/x.mp4', fileName: 'x.mp4', sizeBytes: 1, durationSec: 1, method: 'encode' } };
    expect(jobOutcome(exportJob)).toMatchObject({ outcome: 'done', failures: [] });
  });
});

describe('jobRowTitle', () => {
  const named = (status: Job['status'], counts: { imported: number; duplicates: number; failed: number } | null) => ({ ...importJob(status, counts), title: 'Import Shoot' });

  it('says what was done once done, and an import that brought nothing in failed (walk #72)', () => {
    expect(jobRowTitle(named('running', null))).toBe('Import Shoot');
    expect(jobRowTitle(named('done', { imported: 3, duplicates: 0, failed: 1 }))).toBe('Imported Shoot');
    expect(jobRowTitle(named('done', { imported: 0, duplicates: 0, failed: 2 }))).toBe('Import failed: Shoot');
    expect(jobRowTitle(named('done', { imported: 0, duplicates: 0, failed: 0 }))).toBe('Import failed: Shoot');
    expect(jobRowTitle({ ...named('cancelled', null), kind: 'export', title: 'Exporting Teaser' })).toBe('Export cancelled: Teaser');
  });
});
