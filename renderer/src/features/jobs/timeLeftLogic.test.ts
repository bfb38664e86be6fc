import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESTIMATE_FROM, jobSecondsLeft, roundedLeft, secondsLeft } from './timeLeftLogic';

describe('secondsLeft', () => {
  it('is the time so far scaled by what is left, once past the first few seconds and per cent', () => {
    expect(secondsLeft(20, 0.5)).toBeCloseTo(20, 9);
    expect(secondsLeft(30, 0.75)).toBeCloseTo(10, 9);
    expect(secondsLeft(2, 0.5)).toBeNull();
    expect(secondsLeft(10, 0.01)).toBeNull();
    expect(secondsLeft(10, 1)).toBeNull();
    expect(secondsLeft(Number.NaN, 0.5)).toBeNull();
  });

  it('never goes below 0, and shrinks as progress grows at the same elapsed time', () => {
    fc.assert(
      fc.property(fc.double({ min: ESTIMATE_FROM.elapsedSec, max: 1e5, noNaN: true }), fc.double({ min: ESTIMATE_FROM.progress, max: 0.999, noNaN: true }), fc.double({ min: 0, max: 0.5, noNaN: true }), (el, p, dp) => {
        const a = secondsLeft(el, p)!;
        expect(a).toBeGreaterThanOrEqual(0);
        const b = secondsLeft(el, Math.min(0.999, p + dp))!;
        expect(b).toBeLessThanOrEqual(a + 1e-9);
      }),
    );
  });
});

describe('roundedLeft', () => {
  it('is seconds in fives under a minute, else whole minutes', () => {
    expect(roundedLeft(1)).toEqual({ unit: 'sec', n: 5 });
    expect(roundedLeft(42)).toEqual({ unit: 'sec', n: 40 });
    expect(roundedLeft(58)).toEqual({ unit: 'min', n: 1 });
    expect(roundedLeft(150)).toEqual({ unit: 'min', n: 3 });
  });
});

describe('jobSecondsLeft', () => {
  const at = (sec: number) => new Date(Date.UTC(2026, 0, 1, 10, 0, sec)).toISOString();

  it('paces a job from when it began running, not from when it was queued (walk #71)', () => {
    // Queued 60 s behind another export, then running 10 s and half done: about 10 s left, not 70.
    const job = { status: 'running', progress: 0.5, createdAt: at(0), startedAt: at(60), updatedAt: at(70) };
    expect(jobSecondsLeft(job)).toBeCloseTo(10, 9);
  });

  it('counts from the creation for a job recorded before starts were kept; none unless running', () => {
    expect(jobSecondsLeft({ status: 'running', progress: 0.5, createdAt: at(0), startedAt: null, updatedAt: at(20) })).toBeCloseTo(20, 9);
    expect(jobSecondsLeft({ status: 'queued', progress: 0, createdAt: at(0), startedAt: null, updatedAt: at(20) })).toBeNull();
    expect(jobSecondsLeft(null)).toBeNull();
  });
});
