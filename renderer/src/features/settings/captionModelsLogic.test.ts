import { describe, expect, it } from 'vitest';
import type { Job } from '../../../../electron/model/job';
import { MODEL_CATALOGUE, type ModelId, type ModelList, modelDownloadTitle } from '../../../../electron/model/whisper-models';
import { finishedDownload, installedModels, modelRows, withDownloadJob } from './captionModelsLogic';

const list = (over: Partial<Record<ModelId, Partial<ModelList['models'][number]>>>, active: ModelId | null = null): ModelList => ({
  folder: '/data/models',
  active,
  chosen: null,
  recognizer: { available: true, reason: null },
  models: MODEL_CATALOGUE.map((m) => ({
    id: m.id,
    fileName: m.fileName,
    approxBytes: m.approxBytes,
    languages: m.languages,
    speed: m.speed,
    quality: m.quality,
    installed: false,
    sizeBytes: null,
    partialBytes: 0,
    source: null,
    sha256: null,
    ...over[m.id],
  })),
});

const job = (id: string, model: ModelId, status: Job['status'], at: string, created = '2026-12-04T10:00:00.000Z'): Job => ({
  id,
  kind: 'model-download',
  status,
  title: modelDownloadTitle(model),
  progress: null,
  detail: null,
  error: null,
  result: null,
  createdAt: created,
  updatedAt: at,
  startedAt: null,
  firstProgressAt: null,
  firstProgress: null,
});

describe('caption models card', () => {
  it('says of each model whether it is checked, the user’s own, half downloaded or absent, and which one is in use', () => {
    const l = list({ base: { installed: true, source: 'download', sizeBytes: 10 }, small: { installed: true, source: 'file', sizeBytes: 20 }, tiny: { partialBytes: 5000 } }, 'small');
    const rows = modelRows(l, new Map());
    expect(rows.map((r) => [r.id, r.state, r.inUse, r.resumeBytes])).toEqual([
      ['tiny', 'partial', false, 5000],
      ['tiny.en', 'none', false, 0],
      ['base', 'verified', false, 0],
      ['base.en', 'none', false, 0],
      ['small', 'own', true, 0],
      ['small.en', 'none', false, 0],
    ]);
    expect(installedModels(l)).toEqual(['base', 'small']);
  });

  it('puts each download job on its model’s row, newest first, whatever order the updates come in', () => {
    let jobs = withDownloadJob(new Map(), job('j1', 'base', 'running', '2026-12-04T10:00:01.000Z'));
    const later = job('j1', 'base', 'done', '2026-12-04T10:00:05.000Z');
    const next = withDownloadJob(jobs, later);
    expect(finishedDownload(jobs, next)).toBe(true);
    jobs = next;
    // A late "running" update of the same job does not undo its end; an older job does not replace a newer one.
    expect(withDownloadJob(jobs, job('j1', 'base', 'running', '2026-12-04T10:00:02.000Z'))).toBe(jobs);
    expect(withDownloadJob(jobs, job('j0', 'base', 'cancelled', '2026-12-04T11:00:00.000Z', '2026-12-04T09:00:00.000Z'))).toBe(jobs);
    // The runner's last progress and the job's end can share a millisecond: the end still counts (a CI failure).
    const sameMs = withDownloadJob(new Map(), { ...job('j3', 'base', 'running', '2026-12-04T13:00:00.000Z'), progress: 1 });
    const ended = withDownloadJob(sameMs, job('j3', 'base', 'done', '2026-12-04T13:00:00.000Z'));
    expect(ended.get('base')?.status).toBe('done');
    expect(finishedDownload(sameMs, ended)).toBe(true);
    expect(withDownloadJob(ended, { ...job('j3', 'base', 'running', '2026-12-04T13:00:00.000Z'), progress: 1 })).toBe(ended);
    // Other jobs are not downloads.
    expect(withDownloadJob(jobs, { ...later, id: 'x', kind: 'export', title: 'Exporting (base)' })).toBe(jobs);
    const rows = modelRows(list({}), jobs);
    expect(rows.find((r) => r.id === 'base')).toMatchObject({ running: false, job: { id: 'j1', status: 'done' } });
    expect(rows.find((r) => r.id === 'base.en')?.job).toBeNull();
    const again = withDownloadJob(jobs, job('j2', 'base', 'queued', '2026-12-04T12:00:00.000Z', '2026-12-04T12:00:00.000Z'));
    expect(modelRows(list({}), again).find((r) => r.id === 'base')).toMatchObject({ running: true, job: { id: 'j2' } });
    expect(finishedDownload(jobs, again)).toBe(false);
  });
});
