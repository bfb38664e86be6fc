/**
 * Time left of a running job from its progress so far: at the average rate since its first progress report (a long
 * export's passes have different speeds, and the overall progress already weighs them; the seconds before the first
 * report, spent probing and starting ffmpeg, are not part of the pace). Pure.
 */

/** Below this much progress, or this soon after the start, an estimate is noise: none is given. */
export const ESTIMATE_FROM = { progress: 0.05, elapsedSec: 3 } as const;

/** Seconds left, or null while too early to say. `elapsedSec` since the job started running; `progress` 0–1. */
export function secondsLeft(elapsedSec: number, progress: number): number | null {
  if (!(elapsedSec >= ESTIMATE_FROM.elapsedSec) || !(progress >= ESTIMATE_FROM.progress) || progress >= 1) return null;
  return (elapsedSec * (1 - progress)) / progress;
}

/**
 * Seconds left at the rate between a first report (`fromProgress` at time 0) and the last (`progress`, `elapsedSec`
 * later), or null until the two are far enough apart, in time and in progress, to be more than noise.
 */
export function secondsLeftSince(elapsedSec: number, fromProgress: number, progress: number): number | null {
  const gained = progress - fromProgress;
  if (!(elapsedSec >= ESTIMATE_FROM.elapsedSec) || !(gained >= ESTIMATE_FROM.progress) || progress >= 1) return null;
  return (elapsedSec * (1 - progress)) / gained;
}

export type LeftUnit = 'sec' | 'min';

/** Under this many seconds a figure is given in seconds; once in seconds, it goes back to minutes only above SECONDS_UNTIL. */
export const MINUTES_FROM = 57.5;
export const SECONDS_UNTIL = 90;

/**
 * The unit to show `sec` in, given the one shown before: an estimate wavering around a minute said "55 s", "1 min",
 * "55 s", "1 min" from one report to the next (walk #82), so a figure that has come down to seconds stays in seconds
 * unless the estimate clearly rises again.
 */
export function steadyUnit(shown: LeftUnit | null, sec: number): LeftUnit {
  if (shown === 'sec') return sec >= SECONDS_UNTIL ? 'min' : 'sec';
  return sec < MINUTES_FROM ? 'sec' : 'min';
}

/** A rounded, stable figure to show: seconds in fives (at least 5), or whole minutes (at least 1). */
export function roundedLeft(sec: number, unit: LeftUnit = steadyUnit(null, sec)): { unit: LeftUnit; n: number } {
  if (unit === 'sec') return { unit, n: Math.max(5, Math.round(sec / 5) * 5) };
  return { unit, n: Math.max(1, Math.round(sec / 60)) };
}

/**
 * What the status line of a running export says: "Preparing…" until its first progress (the seconds it spends
 * probing and starting ffmpeg, or a copy without re-encoding, which reports none, read as a frozen 0 %: walk #82),
 * "Finishing…" once it has reached 100 % (closing the file; "100 % · about 5 s left" said nothing), else its per cent.
 */
export type RunningPhase = { kind: 'preparing' } | { kind: 'finishing' } | { kind: 'running'; pct: number };

export function runningPhase(progress: number | null | undefined): RunningPhase {
  const p = progress ?? 0;
  if (!(p > 0)) return { kind: 'preparing' };
  const pct = Math.round(Math.min(1, p) * 100);
  return pct >= 100 ? { kind: 'finishing' } : { kind: 'running', pct };
}

export type TimedJob = {
  status: string;
  progress?: number | null;
  createdAt: string;
  startedAt?: string | null;
  updatedAt: string;
  firstProgressAt?: string | null;
  firstProgress?: number | null;
};

/**
 * Seconds left of a running job, from its own times (the engine's clock, so a browser on another machine reads the
 * same): at its rate from its first progress report to its last (walk #80). Until those two are far enough apart
 * none is given: pacing from the start instead would count the seconds at 0 % and say "about 2 min" for a 40 s
 * export. A job recorded before first reports were kept is paced from when it began running (a job that waited in
 * the queue is not paced by its wait, walk #71), or one from before that, from its creation.
 */
export function jobSecondsLeft(job: TimedJob | null): number | null {
  if (!job || job.status !== 'running') return null;
  const progress = job.progress ?? 0;
  if (job.firstProgressAt) {
    const sec = (Date.parse(job.updatedAt) - Date.parse(job.firstProgressAt)) / 1000;
    return secondsLeftSince(sec, job.firstProgress ?? 0, progress);
  }
  return secondsLeft((Date.parse(job.updatedAt) - Date.parse(job.startedAt ?? job.createdAt)) / 1000, progress);
}
