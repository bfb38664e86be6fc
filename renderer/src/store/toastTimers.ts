/**
 * How long each toast stays, paused while a person is reading the stack (the pointer over it, or focus in it):
 * a toast must not vanish under the pointer or under a keyboard user's focus (WCAG 2.2.1, timing adjustable).
 * The whole stack holds, not only the toast under the pointer: if the others went on leaving, the stack would
 * shift under the pointer while it reads. Kept apart from React and the store so its timing is unit-tested.
 */
export type Clock = {
  now(): number;
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

const realClock: Clock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** What a toast gets at least once the hold ends, so it does not vanish the moment the pointer leaves it. */
export const AFTER_HOLD_MS = 1500;

type Entry = { remainingMs: number; startedAt: number; handle: unknown };

export class ToastTimers {
  private readonly entries = new Map<number, Entry>();
  private held = false;

  constructor(
    private readonly onExpire: (id: number) => void,
    private readonly clock: Clock = realClock,
  ) {}

  /** Starts a toast's time on screen (it waits if the stack is held now). */
  start(id: number, ms: number): void {
    this.cancel(id);
    const entry: Entry = { remainingMs: ms, startedAt: this.clock.now(), handle: null };
    this.entries.set(id, entry);
    if (!this.held) this.arm(id, entry);
  }

  /** Forgets a toast that left some other way (dismissed, pushed out of the stack). */
  cancel(id: number): void {
    const entry = this.entries.get(id);
    if (!entry) return;
    if (entry.handle !== null) this.clock.clearTimeout(entry.handle);
    this.entries.delete(id);
  }

  /** Holds every toast while someone reads them (true), or lets their time run on (false). */
  hold(held: boolean): void {
    if (held === this.held) return;
    this.held = held;
    const now = this.clock.now();
    for (const [id, entry] of this.entries) {
      if (held) {
        if (entry.handle !== null) this.clock.clearTimeout(entry.handle);
        entry.handle = null;
        entry.remainingMs = Math.max(0, entry.remainingMs - (now - entry.startedAt));
      } else {
        entry.remainingMs = Math.max(entry.remainingMs, AFTER_HOLD_MS);
        entry.startedAt = now;
        this.arm(id, entry);
      }
    }
  }

  get isHeld(): boolean {
    return this.held;
  }

  private arm(id: number, entry: Entry): void {
    entry.handle = this.clock.setTimeout(() => {
      this.entries.delete(id);
      this.onExpire(id);
    }, entry.remainingMs);
  }
}
