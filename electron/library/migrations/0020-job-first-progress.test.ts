import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobsRepo } from '../jobs-repo';
import { type Db, migrate, openDatabase } from '../db';
import { migrations } from './index';
import { m0020 } from './0020-job-first-progress';

const V = m0020.version;

describe('migration 0020 (a job\'s first progress report)', () => {
  let db: Db;
  beforeEach(() => {
    vi.useFakeTimers({ toFake: ['Date'] });
    db = openDatabase(':memory:');
    expect(migrate(db, migrations, V - 1)).toBe(V - 1);
  });
  afterEach(() => {
    db.close();
    vi.useRealTimers();
  });

  it('keeps jobs from before without one, and stamps the first report above 0 while running, once', () => {
    db.prepare(
      `INSERT INTO jobs (id, kind, status, title, input, progress, created_at, updated_at) VALUES ('old', 'export', 'running', 'Exporting A', '{}', 0.4, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z')`,
    ).run();
    expect(migrate(db, migrations, V)).toBe(V);
    const repo = new JobsRepo(db);
    expect(repo.get('old')).toMatchObject({ firstProgressAt: null, firstProgress: null });

    vi.setSystemTime(new Date('2026-02-01T10:00:00.000Z'));
    expect(repo.create({ id: 'j', kind: 'export', title: 'Exporting B', input: {} })).toMatchObject({ firstProgressAt: null, firstProgress: null });
    expect(repo.update('j', { progress: 0.1 }).firstProgressAt).toBeNull(); // still queued
    vi.setSystemTime(new Date('2026-02-01T10:00:05.000Z'));
    expect(repo.update('j', { status: 'running', progress: 0 }).firstProgressAt).toBeNull(); // probing, starting ffmpeg
    expect(repo.update('j', { progress: null }).firstProgressAt).toBeNull(); // unknown amount
    vi.setSystemTime(new Date('2026-02-01T10:00:09.000Z'));
    expect(repo.update('j', { progress: 0.02 })).toMatchObject({ firstProgressAt: '2026-02-01T10:00:09.000Z', firstProgress: 0.02 });
    vi.setSystemTime(new Date('2026-02-01T10:00:20.000Z'));
    expect(repo.update('j', { progress: 0.5 })).toMatchObject({ firstProgressAt: '2026-02-01T10:00:09.000Z', firstProgress: 0.02, progress: 0.5 });
    expect(repo.update('j', { status: 'done', progress: 1 })).toMatchObject({ firstProgressAt: '2026-02-01T10:00:09.000Z', firstProgress: 0.02 });
  });
});
