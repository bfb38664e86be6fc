import { randomUUID } from 'node:crypto';
import { type LogFn, inBackground } from '../model/background';
import { AppError, errorMessage } from '../model/errors';
import { type Job, type JobKind, type JobResult, isFinished } from '../model/job';
import type { JobsRepo } from '../library/jobs-repo';

export interface JobContext {
  readonly jobId: string;
  readonly signal: AbortSignal;
  /** Reports progress (0..1 or null when unknown). Cheap to call often: writes are throttled. */
  progress(fraction: number | null, detail?: string): void;
}

export type JobHandler = (ctx: JobContext, input: unknown) => Promise<JobResult>;

const PROGRESS_INTERVAL_MS = 150;

/**
 * One runner for every kind of long work: persists each job, runs at most `concurrency[kind]` at once,
 * reports progress as events, cancels through an AbortSignal, and on start marks jobs that a crash left
 * queued or running as failed, so nothing ever shows as running when it is not.
 */
export class JobRunner {
  private readonly handlers = new Map<JobKind, JobHandler>();
  private readonly running = new Map<string, AbortController>();
  private readonly queue: string[] = [];
  private readonly idle = new Set<() => void>();
  private closed = false;

  constructor(
    private readonly repo: JobsRepo,
    private readonly emit: (job: Job) => void,
    /** Jobs of one kind that may run at once (1 when not given). */
    private readonly concurrency: Partial<Record<JobKind, number>>,
    /** Where trouble nobody waits for goes (a job whose final state could not be recorded). */
    private readonly log: LogFn = (message, error) => console.error(`[postframe] ${message}`, error ?? ''),
  ) {}

  register(kind: JobKind, handler: JobHandler): void {
    this.handlers.set(kind, handler);
  }

  recover(): Job[] {
    const stale = this.repo.withStatus('queued', 'running');
    return stale.map((j) =>
      this.repo.update(j.id, {
        status: 'failed',
        error: 'Postframe closed before this finished. Start it again; work that was already done is kept.',
      }),
    );
  }

  start(kind: JobKind, title: string, input: unknown): Job {
    if (this.closed) throw new AppError('library_unavailable', 'The library is closing. Open it again and retry.');
    const job = this.repo.create({ id: randomUUID(), kind, title, input });
    this.emit(job);
    this.queue.push(job.id);
    this.pump();
    return job;
  }

  cancel(id: string): Job {
    const job = this.repo.get(id);
    if (!job) throw new AppError('not_found', 'That job no longer exists.');
    if (isFinished(job.status)) return job;
    const ctl = this.running.get(id);
    if (ctl) {
      ctl.abort();
      return job; // the run loop records the final state once the handler has cleaned up
    }
    const qi = this.queue.indexOf(id);
    if (qi >= 0) this.queue.splice(qi, 1);
    const done = this.repo.update(id, { status: 'cancelled', detail: null });
    this.emit(done);
    return done;
  }

  list(): Job[] {
    return this.repo.list();
  }

  /** Resolves when nothing is queued or running (tests and the CLI wait on it). */
  whenIdle(): Promise<void> {
    if (this.running.size === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((resolve) => this.idle.add(resolve));
  }

  /** Cancels everything and waits for handlers to clean up. */
  async close(): Promise<void> {
    this.closed = true;
    for (const id of this.queue.splice(0)) this.emit(this.repo.update(id, { status: 'cancelled' }));
    for (const ctl of this.running.values()) ctl.abort();
    await this.whenIdle();
  }

  private runningOf(kind: JobKind): number {
    let n = 0;
    for (const id of this.running.keys()) if (this.repo.get(id)?.kind === kind) n++;
    return n;
  }

  private pump(): void {
    for (let i = 0; i < this.queue.length; ) {
      const id = this.queue[i]!;
      const job = this.repo.get(id);
      if (!job || this.runningOf(job.kind) >= (this.concurrency[job.kind] ?? 1)) {
        i++;
        continue;
      }
      this.queue.splice(i, 1);
      // Nobody awaits a job's run: if even recording its end fails (the library was closed under it), log it.
      inBackground(`job ${job.id} (${job.kind}) could not be finished`, this.run(job), this.log);
    }
    if (this.running.size === 0 && this.queue.length === 0) {
      for (const resolve of this.idle) resolve();
      this.idle.clear();
    }
  }

  private async run(job: Job): Promise<void> {
    const handler = this.handlers.get(job.kind);
    const ctl = new AbortController();
    this.running.set(job.id, ctl);
    this.emit(this.repo.update(job.id, { status: 'running', progress: 0 }));
    let last = 0;
    let pending: { fraction: number | null; detail?: string } | null = null;
    // A value held back by the throttle is written when its window ends, so a job that then goes quiet (a download
    // that stalls) shows where it really is, not the last value that happened to pass.
    let trailing: ReturnType<typeof setTimeout> | null = null;
    const flush = () => {
      if (trailing) clearTimeout(trailing);
      trailing = null;
      if (!pending || !this.running.has(job.id)) return;
      last = Date.now();
      this.emit(this.repo.update(job.id, { progress: pending.fraction, detail: pending.detail ?? null }));
      pending = null;
    };
    const ctx: JobContext = {
      jobId: job.id,
      signal: ctl.signal,
      progress: (fraction, detail) => {
        pending = { fraction: fraction === null ? null : Math.min(1, Math.max(0, fraction)), detail };
        const wait = last + PROGRESS_INTERVAL_MS - Date.now();
        if (wait <= 0) flush();
        else trailing ??= setTimeout(() => {
          try {
            flush();
          } catch {
            // The library closed meanwhile: the job's end (or the next start's recovery) records where it stopped.
          }
        }, wait);
      },
    };
    try {
      if (!handler) throw new Error(`No handler for ${job.kind} jobs`);
      const result = await handler(ctx, this.repo.input(job.id));
      flush();
      const status = ctl.signal.aborted ? 'cancelled' : 'done';
      this.emit(this.repo.update(job.id, { status, result, detail: null, ...(status === 'done' ? { progress: 1 } : {}) }));
    } catch (e) {
      const cancelled = ctl.signal.aborted;
      this.emit(this.repo.update(job.id, { status: cancelled ? 'cancelled' : 'failed', error: cancelled ? null : errorMessage(e), detail: null }));
    } finally {
      if (trailing) clearTimeout(trailing);
      this.running.delete(job.id);
      this.pump();
    }
  }
}
