/**
 * Time left of a running job from its progress so far: at the average rate since it started (a long export's
 * passes have different speeds, and the overall progress already weighs them). Pure.
 */

/** Below this much progress, or this soon after the start, an estimate is noise: none is given. */
export const ESTIMATE_FROM = { progress: 0.05, elapsedSec: 3 } as const;

/** Seconds left, or null while too early to say. `elapsedSec` since the job started running; `progress` 0–1. */
export function secondsLeft(elapsedSec: number, progress: number): number | null {
  if (!(elapsedSec >= ESTIMATE_FROM.elapsedSec) || !(progress >= ESTIMATE_FROM.progress) || progress >= 1) return null;
  return (elapsedSec * (1 - progress)) / progress;
}

/** A rounded, stable figure to show: seconds in fives under a minute, else whole minutes (at least 1). */
export function roundedLeft(sec: number): { unit: 'sec' | 'min'; n: number } {
  if (sec < 57.5) return { unit: 'sec', n: Math.max(5, Math.round(sec / 5) * 5) };
  return { unit: 'min', n: Math.max(1, Math.round(sec / 60)) };
}
