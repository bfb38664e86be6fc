import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../electron/model/job';
import { exportAction, finishedExportsKey, newestFirst } from './exportHistoryLogic';

const job = (id: string, status: Job['status'], draftId: string | null): Job => ({
  id,
  kind: draftId === null ? 'import' : 'export',
  status,
  title: id,
  progress: null,
  detail: null,
  error: null,
  result:
    draftId === null || status !== 'done'
      ? null
      : { kind: 'export', draftId, outputPath: `/lib/exports/${id}.mp4`, fileName: `${id}.mp4`, sizeBytes: 1, durationSec: 1, method: 'encode' },
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
  startedAt: null,
  firstProgressAt: null,
  firstProgress: null,
});

describe('finishedExportsKey', () => {
  const jobs = Object.fromEntries([job('b', 'done', 'd1'), job('a', 'done', 'd2'), job('c', 'running', 'd1'), job('i', 'done', null)].map((j) => [j.id, j]));
  it('names the finished exports (of a draft, or all), in a stable order', () => {
    expect(finishedExportsKey(jobs)).toBe('a,b');
    expect(finishedExportsKey(jobs, 'd1')).toBe('b');
    expect(finishedExportsKey(jobs, 'nope')).toBe('');
  });
  it('changes when an export finishes', () => {
    const later = { ...jobs, c: job('c', 'done', 'd1') };
    expect(finishedExportsKey(later, 'd1')).not.toBe(finishedExportsKey(jobs, 'd1'));
  });
});

describe('exportAction', () => {
  it('a file that is gone is shown as gone, in both shells', () => {
    expect(exportAction({ available: false, inLibrary: true }, 'browser')).toEqual({ kind: 'gone' });
    expect(exportAction({ available: false, inLibrary: true }, 'electron')).toEqual({ kind: 'gone' });
  });
  it('browser mode downloads what is in the library; the app reveals the file wherever it is', () => {
    expect(exportAction({ available: true, inLibrary: true }, 'browser')).toEqual({ kind: 'download' });
    expect(exportAction({ available: true, inLibrary: false }, 'browser')).toEqual({ kind: 'outside' });
    expect(exportAction({ available: true, inLibrary: false }, 'electron')).toEqual({ kind: 'reveal' });
  });
});

describe('newestFirst', () => {
  it('sorts by finish time, newest first, without touching the input', () => {
    const input = [{ finishedAt: '2026-01-01T10:00:00Z' }, { finishedAt: '2026-01-02T09:00:00Z' }, { finishedAt: '2026-01-01T12:00:00Z' }];
    expect(newestFirst(input).map((e) => e.finishedAt)).toEqual(['2026-01-02T09:00:00Z', '2026-01-01T12:00:00Z', '2026-01-01T10:00:00Z']);
    expect(input[0]!.finishedAt).toBe('2026-01-01T10:00:00Z');
  });
});
