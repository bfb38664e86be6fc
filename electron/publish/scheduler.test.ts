import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Scheduler, type Timers, sleepMs } from './scheduler';

/** A pass the test finishes by hand, so "one at a time" is checked without any waiting. */
function gate() {
  let open!: () => void;
  const p = new Promise<void>((r) => (open = r));
  return { p, open };
}

function fakeTimers() {
  const armed: { fn: () => void; ms: number; cleared: boolean }[] = [];
  const timers: Timers = {
    set: (fn, ms) => {
      const t = { fn, ms, cleared: false };
      armed.push(t);
      return t;
    },
    clear: (h) => void ((h as { cleared: boolean }).cleared = true),
  };
  const live = () => armed.filter((t) => !t.cleared);
  /** The next armed timer goes off. */
  const fire = () => {
    const t = live()[0]!;
    t.cleared = true;
    t.fn();
  };
  return { timers, live, fire };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('sleepMs', () => {
  const now = new Date('2026-06-01T06:00:00.000Z');
  it('sleeps until the next due time, within the bounds', () => {
    expect(sleepMs(now, new Date('2026-06-01T06:00:05.000Z'), 1000, 30_000)).toBe(5000);
    expect(sleepMs(now, new Date('2026-06-01T07:00:00.000Z'), 1000, 30_000)).toBe(30_000);
    expect(sleepMs(now, new Date('2026-06-01T05:00:00.000Z'), 1000, 30_000)).toBe(1000);
    expect(sleepMs(now, null, 1000, 30_000)).toBe(30_000);
  });
});

describe('Scheduler', () => {
  it('starts with the catch-up pass, then sleeps until the next due time', async () => {
    const firsts: boolean[] = [];
    const t = fakeTimers();
    const now = new Date('2026-06-01T06:00:00.000Z');
    const s = new Scheduler({
      pass: async (first) => void firsts.push(first),
      nextWakeAt: () => new Date(now.getTime() + 4000),
      clock: () => now,
      log: () => undefined,
      timers: t.timers,
    });
    await s.start();
    expect(firsts).toEqual([true]);
    expect(t.live().map((x) => x.ms)).toEqual([4000]);
    t.fire();
    await flush();
    expect(firsts).toEqual([true, false]);
    expect(t.live()).toHaveLength(1);
  });

  it('never runs two passes at once: requests during a pass share one more pass after it', async () => {
    let running = 0;
    let most = 0;
    let calls = 0;
    const gates: ReturnType<typeof gate>[] = [];
    const s = new Scheduler({
      pass: async () => {
        calls++;
        running++;
        most = Math.max(most, running);
        const g = gate();
        gates.push(g);
        await g.p;
        running--;
      },
      nextWakeAt: () => null,
      clock: () => new Date(0),
      log: () => undefined,
      timers: fakeTimers().timers,
    });
    const first = s.start();
    const a = s.runPass();
    const b = s.runPass();
    s.poke();
    expect(a).toBe(b);
    await flush();
    expect(calls).toBe(1);
    gates[0]!.open();
    await first;
    await flush();
    expect(calls).toBe(2);
    gates[1]!.open();
    await a;
    expect([calls, most]).toEqual([2, 1]);
  });

  it('survives a pass that throws: logs it and keeps its timer', async () => {
    const logged: string[] = [];
    const t = fakeTimers();
    let n = 0;
    const s = new Scheduler({
      pass: async () => {
        if (++n === 1) throw new Error('database is locked');
      },
      nextWakeAt: () => null,
      clock: () => new Date(0),
      log: (m, e) => logged.push(`${m}: ${(e as Error).message}`),
      timers: t.timers,
      intervalMs: 12_000,
    });
    await s.start();
    expect(logged).toEqual(['a delivery pass failed; the scheduler goes on: database is locked']);
    expect(t.live().map((x) => x.ms)).toEqual([12_000]);
    t.fire();
    await flush();
    expect(n).toBe(2);
  });

  it('stop waits for the running pass and arms nothing more', async () => {
    const t = fakeTimers();
    const g = gate();
    let calls = 0;
    const s = new Scheduler({
      pass: async () => {
        calls++;
        await g.p;
      },
      nextWakeAt: () => null,
      clock: () => new Date(0),
      log: () => undefined,
      timers: t.timers,
    });
    void s.start();
    const stopped = s.stop();
    s.poke();
    g.open();
    await stopped;
    expect(calls).toBe(1);
    expect(t.live()).toEqual([]);
    await s.runPass();
    expect(calls).toBe(1);
  });

  describe('never ends in an unhandled rejection (it runs inside `postframe serve` and the app)', () => {
    let unhandled: unknown[];
    const onUnhandled = (reason: unknown) => unhandled.push(reason);
    beforeEach(() => {
      unhandled = [];
      process.on('unhandledRejection', onUnhandled);
    });
    afterEach(() => {
      process.off('unhandledRejection', onUnhandled);
    });

    const throwingLog = () => {
      throw new TypeError("Cannot read properties of undefined (reading 'log')");
    };

    it('a pass that rejects while the logger throws: start resolves, the timer is armed, the next pass runs', async () => {
      const t = fakeTimers();
      let n = 0;
      const s = new Scheduler({
        pass: async () => {
          if (++n <= 2) throw new Error('database is locked');
        },
        nextWakeAt: () => null,
        clock: () => new Date(0),
        log: throwingLog,
        timers: t.timers,
        intervalMs: 5_000,
      });
      await expect(s.start()).resolves.toBeUndefined();
      expect(t.live().map((x) => x.ms)).toEqual([5_000]);
      // The timer's pass fails the same way, in the background: nobody awaits it.
      t.fire();
      await flush();
      expect(n).toBe(2);
      s.poke();
      await flush();
      expect(n).toBe(3);
      expect(unhandled).toEqual([]);
    });

    it('a clock or a next-due lookup that throws still leaves a timer armed', async () => {
      const t = fakeTimers();
      const logged: string[] = [];
      let broken = true;
      const s = new Scheduler({
        pass: async () => undefined,
        nextWakeAt: () => {
          throw new Error('no such table: posts');
        },
        clock: () => {
          if (broken) throw new Error('clock failed');
          return new Date(0);
        },
        log: (m) => logged.push(m),
        timers: t.timers,
        intervalMs: 7_000,
      });
      await s.start();
      expect(t.live().map((x) => x.ms)).toEqual([7_000]);
      broken = false;
      t.fire();
      await flush();
      expect(t.live().map((x) => x.ms)).toEqual([7_000]);
      expect(logged).toEqual(['the scheduler could not read the clock', 'the scheduler could not read when the next post is due']);
      expect(unhandled).toEqual([]);
    });

    it('timers that fail to arm: logged, and the next poke starts the loop again', async () => {
      let failing = true;
      const armed: number[] = [];
      const logged: string[] = [];
      let n = 0;
      const s = new Scheduler({
        pass: async () => void n++,
        nextWakeAt: () => null,
        clock: () => new Date(0),
        log: (m) => logged.push(m),
        timers: {
          set: (_fn, ms) => {
            if (failing) throw new Error('EMFILE');
            armed.push(ms);
            return ms;
          },
          clear: () => undefined,
        },
        intervalMs: 3_000,
      });
      await s.start();
      expect(logged).toEqual(['the scheduler could not set its timer; it waits for the next change']);
      failing = false;
      s.poke();
      await flush();
      expect([n, armed]).toEqual([2, [3_000]]);
      expect(unhandled).toEqual([]);
    });
  });
});
