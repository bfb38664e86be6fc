import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../electron/model/job';
import { exportBytes, finishedImageExportsKey, qualityNote } from './imageExportReport';

describe('qualityNote', () => {
  it('reads the best step, a step down, lossless and over the limit', () => {
    expect(qualityNote({ quality: 92, fits: true }, 'jpeg')).toEqual({ kind: 'best', quality: 92 });
    expect(qualityNote({ quality: 86, fits: true }, 'jpeg')).toEqual({ kind: 'stepped', quality: 86 });
    expect(qualityNote({ quality: 70, fits: true }, 'avif')).toEqual({ kind: 'best', quality: 70 });
    expect(qualityNote({ quality: 62, fits: true }, 'avif')).toEqual({ kind: 'stepped', quality: 62 });
    expect(qualityNote({ quality: null, fits: true }, 'png')).toEqual({ kind: 'lossless' });
    expect(qualityNote({ quality: 38, fits: false }, 'jpeg')).toEqual({ kind: 'over', quality: 38 });
  });
});

const job = (id: string, status: Job['status'], draftId: string | null, kind: Job['kind'] = 'image-export'): Job => ({
  id,
  kind,
  status,
  title: 't',
  progress: null,
  detail: null,
  error: null,
  result: draftId === null ? null : { kind: 'image-export', draftId, format: 'jpeg', channel: null, maxBytes: null, dir: '/x', files: [], pdf: null },
  createdAt: '',
  updatedAt: '',
  startedAt: null,
  firstProgressAt: null,
  firstProgress: null,
});

describe('finishedImageExportsKey', () => {
  it('names the finished image exports of the draft (failed ones too), sorted; running and other drafts do not count', () => {
    const jobs = { b: job('b', 'done', 'd1'), a: job('a', 'failed', null), c: job('c', 'running', null), d: job('d', 'done', 'd2'), e: job('e', 'done', null, 'export') };
    expect(finishedImageExportsKey(jobs, 'd1')).toBe('a,b');
  });
});

describe('exportBytes', () => {
  it('adds the files and the PDF', () => {
    expect(exportBytes({ files: [{ sizeBytes: 10 }, { sizeBytes: 5 }], pdf: { sizeBytes: 7 } })).toBe(22);
  });
});
