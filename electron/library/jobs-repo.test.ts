import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ImportResult } from '../model/job';
import { type Db, migrate, openDatabase } from './db';
import { JobsRepo } from './jobs-repo';

const result: ImportResult = { kind: 'import', imported: 2, duplicates: 1, failed: [{ path: '/x/broken.mp4', reason: 'damaged' }], assetIds: ['a', 'b'], duplicateIds: ['c'] };

describe('JobsRepo', () => {
  let db: Db;
  let repo: JobsRepo;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-01T10:00:00.000Z'));
    db = openDatabase(':memory:');
    migrate(db);
    repo = new JobsRepo(db);
  });
  afterEach(() => {
    db.close();
    vi.useRealTimers();
  });

  it('creates a queued job and keeps its input as JSON', () => {
    const job = repo.create({ id: 'j1', kind: 'import', title: 'Importing 2 files', input: { paths: ['/a', '/b'], uploads: [] } });
    expect(job).toEqual({
      id: 'j1', kind: 'import', status: 'queued', title: 'Importing 2 files', progress: 0, detail: null, error: null, result: null,
      createdAt: '2024-06-01T10:00:00.000Z', updatedAt: '2024-06-01T10:00:00.000Z', startedAt: null, firstProgressAt: null, firstProgress: null,
    });
    expect(repo.input('j1')).toEqual({ paths: ['/a', '/b'], uploads: [] });
    expect(repo.input('missing')).toBeUndefined();
    expect(repo.get('missing')).toBeNull();
  });

  it('updates only what the patch names, stamps updated_at and round-trips the result', () => {
    repo.create({ id: 'j1', kind: 'import', title: 't', input: {} });
    vi.setSystemTime(new Date('2024-06-01T10:00:05.000Z'));
    const running = repo.update('j1', { status: 'running', detail: '1 of 2' });
    expect(running).toMatchObject({ status: 'running', progress: 0, detail: '1 of 2', updatedAt: '2024-06-01T10:00:05.000Z', createdAt: '2024-06-01T10:00:00.000Z' });
    const done = repo.update('j1', { status: 'done', progress: 1, result, detail: null });
    expect(done).toMatchObject({ status: 'done', progress: 1, detail: null, error: null, result });
    expect(repo.get('j1')!.result).toEqual(result);
    expect(() => repo.update('missing', { status: 'done' })).toThrow(/No job missing/);
  });

  it('lists newest first up to `keep`, and finds jobs by status oldest first', () => {
    for (let i = 1; i <= 4; i++) {
      vi.setSystemTime(new Date(`2024-06-01T10:00:0${i}.000Z`));
      repo.create({ id: `j${i}`, kind: 'import', title: `job ${i}`, input: {} });
    }
    repo.update('j2', { status: 'running' });
    repo.update('j3', { status: 'done' });
    expect(repo.list().map((j) => j.id)).toEqual(['j4', 'j3', 'j2', 'j1']);
    expect(repo.list(2).map((j) => j.id)).toEqual(['j4', 'j3']);
    expect(repo.withStatus('queued', 'running').map((j) => j.id)).toEqual(['j1', 'j2', 'j4']);
    expect(repo.withStatus('done').map((j) => j.id)).toEqual(['j3']);
    expect(repo.withStatus('failed')).toEqual([]);
  });
});
