import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FLUNG_SCREENS_PER_SEC, nextScrollPace, PACE_WINDOW_MS, REST_MS, RESTING, type ScrollPace } from './scrollPace';

const VIEW = 800;

/** Feeds a scroll of `pxPerFrame` at 60 Hz for `frames` frames; the pace after each. */
function scroll(pxPerFrame: number, frames: number, from: ScrollPace = RESTING, start = { offset: 0, at: 1000 }): ScrollPace[] {
  const out: ScrollPace[] = [];
  let pace = from;
  for (let i = 1; i <= frames; i++) {
    pace = nextScrollPace(pace, start.offset + i * pxPerFrame, start.at + (i * 1000) / 60, VIEW);
    out.push(pace);
  }
  return out;
}

describe('scroll pace', () => {
  it('a wheel turned briskly (a notch of 100 px every 100 ms) never holds pictures back', () => {
    let pace = RESTING;
    for (let i = 1; i <= 30; i++) {
      pace = nextScrollPace(pace, i * 100, 1000 + i * 100, VIEW);
      expect(pace.flung).toBe(false);
    }
  });

  it('a fling (100 px a frame: 7.5 screens a second) holds them back once a span has been measured, not before', () => {
    const paces = scroll(100, 60);
    const firstFlung = paces.findIndex((p) => p.flung);
    expect(firstFlung).toBeGreaterThan(0);
    expect(firstFlung).toBeLessThanOrEqual(Math.ceil((2 * PACE_WINDOW_MS * 60) / 1000));
    expect(paces.slice(firstFlung).every((p) => p.flung)).toBe(true);
  });

  it('coming to rest (frames that see the same position for a while) lets them load, wherever the scroll ended', () => {
    let pace = scroll(100, 30).at(-1)!; // at 3,000 px, 1,500 ms
    expect(pace.flung).toBe(true);
    let frame = 0;
    while (pace.flung && frame < 100) pace = nextScrollPace(pace, 3000, 1500 + ++frame * (1000 / 60), VIEW);
    expect(pace.flung).toBe(false);
    // Not at the first still frame (the compositor may not have moved it that frame), and no later than the rest time.
    expect(frame).toBeGreaterThan(3);
    expect(frame * (1000 / 60)).toBeLessThanOrEqual(REST_MS + 1000 / 60);
  });

  it('a page too busy to draw for a while is not at rest if the grid moved meanwhile', () => {
    const flung = scroll(100, 30).at(-1)!;
    // 300 ms without a frame, then a frame that sees the grid 1,800 px further.
    expect(nextScrollPace(flung, 4800, 1800, VIEW).flung).toBe(true);
  });

  it('a jump after a pause (End, a click on the scrollbar) is not a fling', () => {
    expect(nextScrollPace(RESTING, 60_000, 5000, VIEW).flung).toBe(false);
  });

  it('slowing down below half the limit lets pictures load again; between the two it keeps what it decided', () => {
    const flung = scroll(100, 30).at(-1)!;
    const limit = (FLUNG_SCREENS_PER_SEC * VIEW) / 60; // px a frame at the limit
    const between = scroll(limit * 0.75, 30, flung, { offset: 3000, at: 1500 });
    expect(between.every((p) => p.flung)).toBe(true);
    const slow = scroll(limit * 0.4, 30, flung, { offset: 3000, at: 1500 });
    expect(slow.at(-1)!.flung).toBe(false);
  });

  it('any sequence of positions gives a defined pace; a position held for the rest time always ends a fling', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ offset: fc.double({ min: 0, max: 1e6, noNaN: true }), dt: fc.double({ min: 0, max: 2000, noNaN: true }) }), { maxLength: 60 }),
        fc.integer({ min: 0, max: 4000 }),
        (steps, view) => {
          let pace = RESTING;
          let at = 0;
          for (const s of steps) {
            at += s.dt;
            pace = nextScrollPace(pace, s.offset, at, view);
            expect(typeof pace.flung).toBe('boolean');
          }
          // A millisecond past the rest time: the times are sums of floats (at + REST_MS − movedAt fell 2e-13 short).
          pace = nextScrollPace(pace, pace.lastOffset, at + REST_MS + 1, view);
          expect(pace.flung).toBe(false);
        },
      ),
    );
  });
});
