import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { advanceClock, CLOCK, type Clock, type Master, startClock } from './playbackClock';

const FPS = 30;
const frame = 1000 / 60;

/** Runs the clock over animation frames `dt` ms apart; `master(i, clock)` says where the master is before frame i. */
function run(frames: number, master: (i: number, c: Clock) => Master | null, start = 2): Clock[] {
  let c = startClock(start, 0);
  const out: Clock[] = [];
  for (let i = 1; i <= frames; i++) {
    c = advanceClock(c, i * frame, master(i, c), FPS);
    out.push(c);
  }
  return out;
}

describe('the playing clock', () => {
  it('is the wall clock where nothing is heard', () => {
    const last = run(60, () => null).at(-1)!;
    expect(last.t).toBeCloseTo(3, 9);
  });

  it('runs the shuttle\'s speed times the wall clock (L: 2×), and still follows a master playing that fast', () => {
    let c = startClock(2, 0);
    for (let i = 1; i <= 60; i++) c = advanceClock(c, i * frame, null, FPS, 2);
    expect(c.t).toBeCloseTo(4, 9);
    // A heard element at 2× that starts 0.1 s late: the clock is where it is, not where 2× the wall would be.
    const at = (i: number) => (i <= 6 ? 2 : 2 + (2 * (i - 6) * frame) / 1000);
    c = startClock(2, 0);
    for (let i = 1; i <= 60; i++) c = advanceClock(c, i * frame, { key: 'a', currentTime: at(i), position: at(i) }, FPS, 2);
    expect(c.t).toBeCloseTo(at(60), 9);
  });

  it('waits at Play for the heard element to move, then follows it', () => {
    // The element sits on the first frame for 6 animation frames (0.1 s), then plays in real time.
    const moveAt = 6;
    const at = (i: number) => (i <= moveAt ? 2 : 2 + ((i - moveAt) * frame) / 1000);
    const clocks = run(60, (i) => ({ key: 'a', currentTime: at(i), position: at(i) }));
    expect(clocks[moveAt - 1]!.t).toBeCloseTo(2 + CLOCK.leadFrames / FPS, 9);
    // From then on it is where the element is (plus its lead), not 0.1 s ahead of it as the wall clock was.
    expect(clocks.at(-1)!.t).toBeCloseTo(at(60) + CLOCK.leadFrames / FPS, 9);
  });

  it('runs on the wall clock when the master does not move within the wait', () => {
    const clocks = run(60, () => ({ key: 'a', currentTime: 2, position: 2 }));
    const waitFrames = Math.ceil((CLOCK.maxWaitSec * 1000) / frame);
    expect(clocks[waitFrames - 2]!.t).toBeCloseTo(2 + CLOCK.leadFrames / FPS, 9);
    expect(clocks.at(-1)!.t).toBeGreaterThan(2.5);
  });

  it('after a stall that left the master behind, waits for it instead of running on', () => {
    // Plays in step for 30 frames, then the element stands still for 6 frames (a stall) and plays on.
    const at = (i: number) => 2 + ((i <= 30 ? i : i <= 36 ? 30 : i - 6) * frame) / 1000;
    const clocks = run(90, (i) => ({ key: 'a', currentTime: at(i), position: at(i) }));
    for (const [i, c] of clocks.entries()) expect(c.t - at(i + 1)).toBeLessThanOrEqual(CLOCK.leadFrames / FPS + 1e-9);
    expect(clocks.at(-1)!.t).toBeCloseTo(at(90) + CLOCK.leadFrames / FPS, 9);
  });

  it('follows a master ahead of it no faster than the wall clock', () => {
    const clocks = run(30, (i) => ({ key: 'a', currentTime: 3 + i, position: 3 + i }));
    expect(clocks.at(-1)!.t).toBeCloseTo(2.5, 9);
  });

  it('hands over at a cut without a jump', () => {
    // Clip a is heard until frame 30; clip b, started early, is a frame behind where a was.
    const clocks = run(40, (i) => {
      const t = 2 + (i * frame) / 1000;
      return i <= 30 ? { key: 'a', currentTime: t, position: t } : { key: 'b', currentTime: 10 + t, position: t - 1 / FPS };
    });
    expect(clocks[30]!.t).toBeCloseTo(clocks[29]!.t, 9);
    expect(clocks.at(-1)!.t).toBeGreaterThan(clocks[29]!.t);
  });

  it('never runs backwards nor ahead of the wall time passed, whatever the master does', () => {
    const step = fc.record({
      dt: fc.double({ min: 0, max: 300, noNaN: true }),
      master: fc.option(fc.record({ key: fc.constantFrom('a', 'b', 'c'), currentTime: fc.double({ min: 0, max: 20, noNaN: true }), position: fc.double({ min: -5, max: 20, noNaN: true }) })),
    });
    fc.assert(
      fc.property(fc.double({ min: 0, max: 10, noNaN: true }), fc.array(step, { maxLength: 80 }), (t0, steps) => {
        let c = startClock(t0, 1000);
        let now = 1000;
        for (const s of steps) {
          now += s.dt;
          const next = advanceClock(c, now, s.master, FPS);
          expect(next.t).toBeGreaterThanOrEqual(c.t);
          expect(next.t - c.t).toBeLessThanOrEqual(s.dt / 1000 + 1e-9);
          c = next;
        }
      }),
    );
  });

  it('never waits on a master for longer than the wait, from its last move', () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 1, max: 60, noNaN: true }), { minLength: 1, maxLength: 80 }), (gaps) => {
        // A master that never moves and is always far behind: the clock stands still for at most the wait.
        let c = startClock(5, 0);
        let now = 0;
        for (const g of gaps) {
          now += g;
          c = advanceClock(c, now, { key: 'a', currentTime: 1, position: 1 }, FPS);
        }
        expect(c.t).toBeGreaterThanOrEqual(5 + Math.max(0, now / 1000 - CLOCK.maxWaitSec) - 60 / 1000 - 1e-9);
      }),
    );
  });
});
