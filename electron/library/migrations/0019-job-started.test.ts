import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { JobsRepo } from '../jobs-repo';
import { type Db, migrate, openDatabase } from '../db';
import { migrations } from './index';
import { m0019 } from './0019-job-started';

const V = m0019.version;

describe('migration 0019 (when a job began running)', () => {
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

  it('keeps jobs from before without a start time, and stamps the start once, when a job turns running', () => {
    db.prepare(
      `INSERT INTO jobs (id, kind, status, title, input, progress, created_at, updated_at) VALUES ('old', 'export', 'done', 'Exporting A', '{}', 1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:01:00.000Z')`,
    ).run();
    expect(migrate(db, migrations, V)).toBe(V);
    const repo = new JobsRepo(db);
    expect(repo.get('old')).toMatchObject({ status: 'done', startedAt: null });
    migrate(db, migrations); // the repo writes the later migrations' columns too (0020's first progress)

    vi.setSystemTime(new Date('2026-02-01T10:00:00.000Z'));
    expect(repo.create({ id: 'j', kind: 'export', title: 'Exporting B', input: {} }).startedAt).toBeNull();
    vi.setSystemTime(new Date('2026-02-01T10:01:00.000Z'));
    expect(repo.update('j', { progress: 0 }).startedAt).toBeNull(); // still queued
    expect(repo.update('j', { status: 'running', progress: 0 }).startedAt).toBe('2026-02-01T10:01:00.000Z');
    vi.setSystemTime(new Date('2026-02-01T10:01:10.000Z'));
    const later = repo.update('j', { progress: 0.5 });
    expect(later).toMatchObject({ startedAt: '2026-02-01T10:01:00.000Z', updatedAt: '2026-02-01T10:01:10.000Z', createdAt: '2026-02-01T10:00:00.000Z' });
    expect(repo.update('j', { status: 'done', progress: 1 }).startedAt).toBe('2026-02-01T10:01:00.000Z');
  });
});
