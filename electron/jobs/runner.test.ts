import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Db, migrate, openDatabase } from '../library/db';
import { JobsRepo } from '../library/jobs-repo';
import { AppError } from '../model/errors';
import type { ImportResult, Job } from '../model/job';
import { type JobContext, JobRunner } from './runner';

const RESULT: ImportResult = { kind: 'import', imported: 1, duplicates: 0, failed: [], assetIds: ['a1'], duplicateIds: [] };

type Deferred<T> = { promise: Promise<T>; resolve(v: T): void; reject(e: unknown): void };
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void;
  let reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

/** A handler whose runs the test finishes by hand; the runner calls handlers synchronously from start(). */
type Call = { ctx: JobContext; input: unknown; done: Deferred<ImportResult> };

describe('JobRunner', () => {
  let db: Db;
  let repo: JobsRepo;
  let events: Job[];
  let runner: JobRunner;
  let calls: Call[];
  let waiters: { n: number; resolve(): void }[];

  /** Resolves once the handler has been called `n` times in all: waits for the event, never for time. */
  const started = (n: number) =>
    calls.length >= n ? Promise.resolve() : new Promise<void>((resolve) => waiters.push({ n, resolve }));

  const statuses = (id: string) => events.filter((e) => e.id === id).map((e) => e.status);
  const make = (concurrency = 1) => {
    const r = new JobRunner(repo, (j) => events.push(j), { import: concurrency });
    r.register('import', (ctx, input) => {
      const call: Call = { ctx, input, done: deferred() };
      calls.push(call);
      for (const w of waiters.filter((x) => calls.length >= x.n)) w.resolve();
      return call.done.promise;
    });
    return r;
  };

  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    repo = new JobsRepo(db);
    events = [];
    calls = [];
    waiters = [];
    runner = make();
  });
  afterEach(async () => {
    await runner.close();
    db.close();
    vi.useRealTimers();
  });

  it('runs a job to done with its result, emitting queued → running → done', async () => {
    const job = runner.start('import', 'Importing 1 file', { paths: ['/x'] });
    expect(job.status).toBe('queued');
    expect(calls).toHaveLength(1);
    expect(calls[0]!.input).toEqual({ paths: ['/x'] });
    expect(calls[0]!.ctx.jobId).toBe(job.id);
    calls[0]!.done.resolve(RESULT);
    await runner.whenIdle();
    expect(repo.get(job.id)).toMatchObject({ status: 'done', progress: 1, result: RESULT, error: null, detail: null });
    expect(statuses(job.id)).toEqual(['queued', 'running', 'done']);
  });

  it('runs one job per kind at a time: the second waits until the first ends', async () => {
    const a = runner.start('import', 'A', { n: 1 });
    const b = runner.start('import', 'B', { n: 2 });
    expect(calls.map((c) => c.input)).toEqual([{ n: 1 }]);
    expect(repo.get(b.id)!.status).toBe('queued');

    calls[0]!.done.resolve(RESULT);
    await started(2);
    expect(repo.get(a.id)!.status).toBe('done');
    expect(repo.get(b.id)!.status).toBe('running');
    calls[1]!.done.resolve(RESULT);
    await runner.whenIdle();
    expect(repo.get(b.id)!.status).toBe('done');
  });

  it('runs up to the configured concurrency at once', async () => {
    await runner.close();
    runner = make(2);
    runner.start('import', 'A', {});
    runner.start('import', 'B', {});
    const c = runner.start('import', 'C', {});
    expect(calls).toHaveLength(2);
    expect(repo.get(c.id)!.status).toBe('queued');
    for (const call of calls) call.done.resolve(RESULT);
    await started(3);
    calls[2]!.done.resolve(RESULT);
    await runner.whenIdle();
    expect(repo.withStatus('done')).toHaveLength(3);
  });

  it('emits progress, throttled, clamped, and flushes the last value before done', async () => {
    vi.useFakeTimers({ toFake: ['Date'] });
    vi.setSystemTime(new Date('2024-06-01T10:00:00.000Z'));
    const job = runner.start('import', 'A', {});
    const { ctx, done } = calls[0]!;
    const progressOf = () => events.filter((e) => e.id === job.id && e.status === 'running').slice(1).map((e) => [e.progress, e.detail]);

    ctx.progress(0.1, '1 of 10');
    ctx.progress(0.2, '2 of 10');
    ctx.progress(0.3, '3 of 10');
    expect(progressOf()).toEqual([[0.1, '1 of 10']]);

    vi.setSystemTime(new Date('2024-06-01T10:00:00.100Z'));
    ctx.progress(0.4, '4 of 10');
    expect(progressOf()).toHaveLength(1); // still inside the 150 ms window

    vi.setSystemTime(new Date('2024-06-01T10:00:00.200Z'));
    ctx.progress(1.7);
    expect(progressOf()).toEqual([[0.1, '1 of 10'], [1, null]]);
    expect(repo.get(job.id)!.progress).toBe(1);

    vi.setSystemTime(new Date('2024-06-01T10:00:00.500Z'));
    ctx.progress(-3, 'counting');
    ctx.progress(null, 'unknown');
    expect(progressOf()).toEqual([[0.1, '1 of 10'], [1, null], [0, 'counting']]);

    done.resolve(RESULT);
    await runner.whenIdle();
    // The pending "unknown" update is written before the final state.
    expect(progressOf()).toEqual([[0.1, '1 of 10'], [1, null], [0, 'counting'], [null, 'unknown']]);
    expect(statuses(job.id).at(-1)).toBe('done');
  });

  it('writes a value the throttle held back when its window ends, even if the job then goes quiet', async () => {
    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    vi.setSystemTime(new Date('2024-06-01T10:00:00.000Z'));
    const job = runner.start('import', 'A', {});
    const { ctx, done } = calls[0]!;
    const progressOf = () => events.filter((e) => e.id === job.id && e.status === 'running').slice(1).map((e) => e.progress);

    ctx.progress(0.1);
    vi.advanceTimersByTime(40);
    ctx.progress(0.46);
    ctx.progress(0.5); // then nothing more: a download held halfway
    expect(progressOf()).toEqual([0.1]);
    vi.advanceTimersByTime(109);
    expect(progressOf()).toEqual([0.1]);
    vi.advanceTimersByTime(1);
    expect(progressOf()).toEqual([0.1, 0.5]);
    expect(repo.get(job.id)!.progress).toBe(0.5);

    // A value pending when the job ends is written once, before the end, and no timer writes after it.
    ctx.progress(0.7);
    done.resolve(RESULT);
    await runner.whenIdle();
    vi.advanceTimersByTime(1000);
    expect(progressOf()).toEqual([0.1, 0.5, 0.7]);
    expect(statuses(job.id).at(-1)).toBe('done');
  });

  it('cancels a running job through its signal and records it as cancelled', async () => {
    const job = runner.start('import', 'A', {});
    const { ctx, done } = calls[0]!;
    ctx.signal.addEventListener('abort', () => done.reject(new AppError('cancelled', 'Cancelled.')));
    expect(ctx.signal.aborted).toBe(false);
    const returned = runner.cancel(job.id);
    expect(ctx.signal.aborted).toBe(true);
    expect(returned.status).toBe('running'); // final state comes once the handler has cleaned up
    await runner.whenIdle();
    expect(repo.get(job.id)).toMatchObject({ status: 'cancelled', error: null });
    expect(statuses(job.id).at(-1)).toBe('cancelled');
  });

  it('records cancelled even when a handler finishes normally after the abort', async () => {
    const job = runner.start('import', 'A', {});
    runner.cancel(job.id);
    calls[0]!.done.resolve(RESULT);
    await runner.whenIdle();
    expect(repo.get(job.id)!.status).toBe('cancelled');
  });

  it('cancels a queued job without ever running it', async () => {
    const a = runner.start('import', 'A', {});
    const b = runner.start('import', 'B', {});
    const cancelled = runner.cancel(b.id);
    expect(cancelled.status).toBe('cancelled');
    expect(statuses(b.id)).toEqual(['queued', 'cancelled']);
    calls[0]!.done.resolve(RESULT);
    await runner.whenIdle();
    expect(calls).toHaveLength(1);
    expect(repo.get(a.id)!.status).toBe('done');
    expect(repo.get(b.id)!.status).toBe('cancelled');
    // Cancelling a finished job changes nothing; an unknown one is not_found.
    expect(runner.cancel(a.id).status).toBe('done');
    expect(() => runner.cancel('missing')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('marks a job failed with the handler error message, then runs the next one', async () => {
    const a = runner.start('import', 'A', {});
    const b = runner.start('import', 'B', {});
    calls[0]!.done.reject(new Error('Disk full. Free some space and retry.'));
    await started(2);
    expect(repo.get(a.id)).toMatchObject({ status: 'failed', error: 'Disk full. Free some space and retry.', detail: null });
    calls[1]!.done.resolve(RESULT);
    await runner.whenIdle();
    expect(repo.get(b.id)!.status).toBe('done');
  });

  it('fails a job whose kind has no handler', async () => {
    const bare = new JobRunner(repo, (j) => events.push(j), { import: 1 });
    const job = bare.start('import', 'A', {});
    await bare.whenIdle();
    expect(repo.get(job.id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/No handler for import/) });
  });

  it('recover() marks jobs a previous process left queued or running as failed', () => {
    repo.create({ id: 'q', kind: 'import', title: 'q', input: {} });
    repo.create({ id: 'r', kind: 'import', title: 'r', input: {} });
    repo.update('r', { status: 'running', progress: 0.4 });
    repo.create({ id: 'd', kind: 'import', title: 'd', input: {} });
    repo.update('d', { status: 'done', progress: 1 });
    const fresh = make();
    const recovered = fresh.recover();
    expect(recovered.map((j) => j.id).sort()).toEqual(['q', 'r']);
    for (const id of ['q', 'r']) expect(repo.get(id)).toMatchObject({ status: 'failed', error: expect.stringMatching(/closed before this finished/) });
    expect(repo.get('d')!.status).toBe('done');
    expect(repo.withStatus('queued', 'running')).toEqual([]);
    expect(calls).toHaveLength(0);
  });

  it('close() cancels running and queued jobs, waits for handlers, and refuses new jobs', async () => {
    const a = runner.start('import', 'A', {});
    const b = runner.start('import', 'B', {});
    const { ctx, done } = calls[0]!;
    let cleanedUp = false;
    ctx.signal.addEventListener('abort', () => {
      // The handler cleans up asynchronously; close() must wait for it.
      void Promise.resolve().then(() => {
        cleanedUp = true;
        done.reject(new AppError('cancelled', 'Cancelled.'));
      });
    });
    await runner.close();
    expect(cleanedUp).toBe(true);
    expect(repo.get(a.id)!.status).toBe('cancelled');
    expect(repo.get(b.id)!.status).toBe('cancelled');
    expect(calls).toHaveLength(1);
    expect(() => runner.start('import', 'C', {})).toThrow(expect.objectContaining({ code: 'library_unavailable' }));
  });

  it('whenIdle() resolves at once when idle and otherwise only after the last job', async () => {
    await expect(runner.whenIdle()).resolves.toBeUndefined();
    runner.start('import', 'A', {});
    runner.start('import', 'B', {});
    let idle = false;
    const waiting = runner.whenIdle().then(() => {
      idle = true;
    });
    calls[0]!.done.resolve(RESULT);
    await started(2);
    expect(idle).toBe(false);
    calls[1]!.done.resolve(RESULT);
    await waiting;
    expect(idle).toBe(true);
  });
});
