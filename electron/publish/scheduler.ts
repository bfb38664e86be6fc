/**
 * The in-app scheduler: while the app runs (Electron or `postframe serve`), it runs the delivery engine's pass
 * now and then. The first pass catches up on what came due while the app was closed (and resumes what a crash
 * interrupted); later ones run when the next post falls due or the next retry's wait is over, at least every
 * `intervalMs`, and soon after something changes (`poke`). Passes never overlap: a request during a pass runs
 * one more pass after it. A pass that throws is logged and the loop goes on. Time comes from `clock` and waiting
 * from `timers`, so tests drive it without waiting. docs/delivery.md "Scheduler".
 */
export interface Timers {
  set(fn: () => void, ms: number): unknown;
  clear(handle: unknown): void;
}

export const realTimers: Timers = {
  set: (fn, ms) => {
    const t = setTimeout(fn, ms);
    // The scheduler alone never keeps a process alive (the host or the window does).
    t.unref?.();
    return t;
  },
  clear: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

export interface SchedulerDeps {
  /** One pass; `first` is true for the catch-up pass after start. */
  pass(first: boolean): Promise<unknown>;
  /** When something will next be due (a post's time, a retry's wait), or null. */
  nextWakeAt(now: Date): Date | null;
  clock: () => Date;
  log: (message: string, error?: unknown) => void;
  timers?: Timers;
  /** The longest sleep between passes (default 30 s): a safety net for changes made by another process. */
  intervalMs?: number;
  /** The shortest (default 1 s), so a burst of pokes or a due time in the past never spins. */
  minDelayMs?: number;
}

export const SCHEDULER_INTERVAL_MS = 30_000;

/** How long to sleep: until the next due time, but at least `min` and at most `max` (pure). */
export function sleepMs(now: Date, next: Date | null, min: number, max: number): number {
  if (!next) return max;
  return Math.min(max, Math.max(min, next.getTime() - now.getTime()));
}

export class Scheduler {
  private current: Promise<void> | null = null;
  private queued: Promise<void> | null = null;
  private timer: unknown = null;
  private started = false;
  private stopped = false;
  private first = true;
  private readonly timers: Timers;

  constructor(private readonly d: SchedulerDeps) {
    this.timers = d.timers ?? realTimers;
  }

  /** Starts the loop with the catch-up pass. */
  start(): Promise<void> {
    this.started = true;
    return this.runPass();
  }

  /** Something changed (a post approved, settings saved): look again soon, without waiting for the timer. */
  poke(): void {
    if (this.started && !this.stopped) void this.runPass();
  }

  /**
   * Runs a pass now, or, when one is running, one more right after it (several requests share that one).
   * Resolves when the pass that covers this request has finished.
   */
  runPass(): Promise<void> {
    if (this.stopped) return Promise.resolve();
    if (!this.current) {
      this.current = this.once();
      return this.current;
    }
    this.queued ??= this.current.then(() => {
      this.queued = null;
      return this.runPass();
    });
    return this.queued;
  }

  /** No more passes; resolves when the running one (if any) has finished. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    await this.current;
  }

  private async once(): Promise<void> {
    if (this.timer !== null) this.timers.clear(this.timer);
    this.timer = null;
    const first = this.first;
    this.first = false;
    try {
      await this.d.pass(first);
    } catch (e) {
      this.d.log('a delivery pass failed; the scheduler goes on', e);
    } finally {
      this.current = null;
      this.arm();
    }
  }

  private arm(): void {
    if (this.stopped || this.queued) return;
    let next: Date | null = null;
    const now = this.d.clock();
    try {
      next = this.d.nextWakeAt(now);
    } catch (e) {
      this.d.log('the scheduler could not read when the next post is due', e);
    }
    const ms = sleepMs(now, next, this.d.minDelayMs ?? 1_000, this.d.intervalMs ?? SCHEDULER_INTERVAL_MS);
    this.timer = this.timers.set(() => {
      this.timer = null;
      void this.runPass();
    }, ms);
  }
}
