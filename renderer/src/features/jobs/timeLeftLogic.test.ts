import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ESTIMATE_FROM, jobSecondsLeft, MINUTES_FROM, roundedLeft, runningPhase, SECONDS_UNTIL, secondsLeft, secondsLeftSince, steadyUnit, type LeftUnit } from './timeLeftLogic';

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

describe('secondsLeftSince', () => {
  it('is what is left at the rate since the first report, once it is far enough behind in time and progress', () => {
    expect(secondsLeftSince(10, 0.1, 0.5)).toBeCloseTo(12.5, 9); // 0.4 in 10 s: 0.5 more in 12.5 s
    expect(secondsLeftSince(2, 0.1, 0.5)).toBeNull();
    expect(secondsLeftSince(10, 0.1, 0.12)).toBeNull();
    expect(secondsLeftSince(10, 0.1, 1)).toBeNull();
    expect(secondsLeftSince(Number.NaN, 0.1, 0.5)).toBeNull();
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

  it('paces an export from its first progress report, not from the seconds it spent at 0 % (walk #80)', () => {
    // Probing and starting ffmpeg take 10 s at 0 %, then it runs steadily from 1 % to done at 40 s.
    const startedAt = at(0), firstAt = 10, end = 40, firstProgress = 0.01;
    const progressAt = (t: number) => firstProgress + ((1 - firstProgress) * (t - firstAt)) / (end - firstAt);
    const job = (t: number) => ({
      status: 'running', progress: progressAt(t), createdAt: at(0), startedAt, updatedAt: new Date(Date.parse(at(0)) + t * 1000).toISOString(),
      firstProgressAt: at(firstAt), firstProgress,
    });
    // Too soon after the first report to tell a rate: nothing, rather than "about 2 min" for a 40 s job.
    expect(jobSecondsLeft(job(11))).toBeNull();
    // From 3 s after it on, within 20 % of the truth at every report.
    for (let t = firstAt + ESTIMATE_FROM.elapsedSec; t < end; t += 0.5) {
      const left = jobSecondsLeft(job(t));
      expect(left).not.toBeNull();
      expect(Math.abs(left! - (end - t))).toBeLessThanOrEqual(0.2 * (end - t) + 1e-9);
    }
  });

  it('paces a job recorded before first reports were kept from when it began running', () => {
    expect(jobSecondsLeft({ status: 'running', progress: 0.5, createdAt: at(0), startedAt: at(10), updatedAt: at(20), firstProgressAt: null, firstProgress: null })).toBeCloseTo(10, 9);
  });
});

describe('steadyUnit (walk #82)', () => {
  it('an estimate wavering around a minute stays in seconds once it has come down to them', () => {
    // The walk's figures: 62, 56, 61, 55, 59 s left from one report to the next said 1 min, 55 s, 1 min, 55 s, 1 min.
    let shown: LeftUnit | null = null;
    const said = [62, 56, 61, 55, 59, 50, 45].map((sec) => {
      shown = steadyUnit(shown, sec);
      const l = roundedLeft(sec, shown);
      return `${l.n} ${l.unit}`;
    });
    expect(said).toEqual(['1 min', '55 sec', '60 sec', '55 sec', '60 sec', '50 sec', '45 sec']);
  });

  it('goes back to minutes when the estimate clearly rises, and starts in whichever fits', () => {
    expect(steadyUnit('sec', SECONDS_UNTIL)).toBe('min');
    expect(steadyUnit('sec', SECONDS_UNTIL - 1)).toBe('sec');
    expect(steadyUnit(null, MINUTES_FROM - 0.1)).toBe('sec');
    expect(steadyUnit(null, MINUTES_FROM)).toBe('min');
    expect(steadyUnit('min', 30)).toBe('sec');
  });
});

describe('runningPhase (walk #82)', () => {
  it('is preparing until the first progress, finishing at 100 %, else its per cent', () => {
    expect(runningPhase(undefined)).toEqual({ kind: 'preparing' });
    expect(runningPhase(null)).toEqual({ kind: 'preparing' });
    expect(runningPhase(0)).toEqual({ kind: 'preparing' });
    expect(runningPhase(0.004)).toEqual({ kind: 'running', pct: 0 });
    expect(runningPhase(0.62)).toEqual({ kind: 'running', pct: 62 });
    expect(runningPhase(0.996)).toEqual({ kind: 'finishing' });
    expect(runningPhase(1)).toEqual({ kind: 'finishing' });
  });
});
