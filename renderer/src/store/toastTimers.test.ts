import { describe, expect, it } from 'vitest';
import { AFTER_HOLD_MS, type Clock, ToastTimers } from './toastTimers';

/** A clock the test moves by hand: timers fire only when `advance` passes them. */
function manualClock(): Clock & { advance(ms: number): void } {
  let now = 0;
  let seq = 0;
  const timers = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    setTimeout: (fn, ms) => {
      timers.set(++seq, { at: now + ms, fn });
      return seq;
    },
    clearTimeout: (h) => void timers.delete(h as number),
    advance(ms) {
      const end = now + ms;
      for (;;) {
        const next = [...timers.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
        if (!next) break;
        timers.delete(next[0]);
        now = next[1].at;
        next[1].fn();
      }
      now = end;
    },
  };
}

function setup() {
  const clock = manualClock();
  const expired: number[] = [];
  const timers = new ToastTimers((id) => expired.push(id), clock);
  return { clock, expired, timers };
}

describe('ToastTimers', () => {
  it('lets a toast go after its time', () => {
    const { clock, expired, timers } = setup();
    timers.start(1, 4000);
    clock.advance(3999);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual([1]);
  });

  it('holds every toast while held, however long, and gives back the time that was left', () => {
    const { clock, expired, timers } = setup();
    timers.start(1, 4000);
    timers.start(2, 8000);
    clock.advance(1000);
    timers.hold(true);
    clock.advance(60_000);
    expect(expired).toEqual([]);
    timers.hold(false);
    clock.advance(2999);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual([1]);
    clock.advance(4000);
    expect(expired).toEqual([1, 2]);
  });

  it('a toast whose time ran out while held stays a moment after the hold ends, not vanishing at once', () => {
    const { clock, expired, timers } = setup();
    timers.start(1, 4000);
    clock.advance(3900);
    timers.hold(true);
    clock.advance(10_000);
    timers.hold(false);
    clock.advance(AFTER_HOLD_MS - 1);
    expect(expired).toEqual([]);
    clock.advance(1);
    expect(expired).toEqual([1]);
  });

  it('a toast shown while held waits for the hold to end', () => {
    const { clock, expired, timers } = setup();
    timers.hold(true);
    timers.start(7, 4000);
    clock.advance(30_000);
    expect(expired).toEqual([]);
    timers.hold(false);
    clock.advance(4000);
    expect(expired).toEqual([7]);
  });

  it('a cancelled toast never fires, held or not; repeated holds change nothing', () => {
    const { clock, expired, timers } = setup();
    timers.start(1, 4000);
    timers.start(2, 4000);
    timers.cancel(1);
    timers.hold(true);
    timers.hold(true);
    timers.cancel(2);
    timers.hold(false);
    timers.hold(false);
    clock.advance(60_000);
    expect(expired).toEqual([]);
    expect(timers.isHeld).toBe(false);
  });
});
