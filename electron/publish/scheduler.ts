import { type LogFn, inBackground, safeLog } from '../model/background';

/**
 * The in-app scheduler: while the app runs (Electron or `postframe serve`), it runs the delivery engine's pass
 * now and then. The first pass catches up on what came due while the app was closed (and resumes what a crash
 * interrupted); later ones run when the next post falls due or the next retry's wait is over, at least every
 * `intervalMs`, and soon after something changes (`poke`). Passes never overlap: a request during a pass runs
 * one more pass after it. A pass that throws is logged and the loop goes on; nothing it does (a pass that
 * rejects, a logger that throws, a clock or timer that fails) ever becomes an unhandled rejection, which would
 * end the process it runs in. Time comes from `clock` and waiting from `timers`, so tests drive it without
 * waiting. docs/delivery.md "Scheduler".
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
  private readonly log: LogFn;

  constructor(private readonly d: SchedulerDeps) {
    this.timers = d.timers ?? realTimers;
    this.log = safeLog(d.log);
  }

  /** Starts the loop with the catch-up pass; never rejects. */
  start(): Promise<void> {
    this.started = true;
    return this.runPass();
  }

  /** Something changed (a post approved, settings saved): look again soon, without waiting for the timer. */
  poke(): void {
    if (this.started && !this.stopped) this.passInBackground();
  }

  private passInBackground(): void {
    inBackground('a delivery pass failed; the scheduler goes on', this.runPass(), this.log);
  }

  /**
   * Runs a pass now, or, when one is running, one more right after it (several requests share that one).
   * Resolves when the pass that covers this request has finished; never rejects (failures are logged).
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
    this.disarm();
    await this.current;
  }

  private async once(): Promise<void> {
    this.disarm();
    const first = this.first;
    this.first = false;
    try {
      await this.d.pass(first);
    } catch (e) {
      this.log('a delivery pass failed; the scheduler goes on', e);
    } finally {
      this.current = null;
      this.arm();
    }
  }

  private disarm(): void {
    const t = this.timer;
    this.timer = null;
    if (t === null) return;
    try {
      this.timers.clear(t);
    } catch (e) {
      this.log('the scheduler could not clear its timer', e);
    }
  }

  /** Sleeps until the next pass is due. Never throws: it runs in a `finally`, after any pass. */
  private arm(): void {
    if (this.stopped || this.queued) return;
    let ms = this.d.intervalMs ?? SCHEDULER_INTERVAL_MS;
    try {
      const now = this.d.clock();
      let next: Date | null = null;
      try {
        next = this.d.nextWakeAt(now);
      } catch (e) {
        this.log('the scheduler could not read when the next post is due', e);
      }
      ms = sleepMs(now, next, this.d.minDelayMs ?? 1_000, ms);
    } catch (e) {
      this.log('the scheduler could not read the clock', e);
    }
    try {
      this.timer = this.timers.set(() => {
        this.timer = null;
        this.passInBackground();
      }, ms);
    } catch (e) {
      // Without a timer the loop would stop for good: the next poke (any change to a post) restarts it.
      this.log('the scheduler could not set its timer; it waits for the next change', e);
    }
  }
}
