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

/**
 * Seconds left of a running job, from its own times (the engine's clock, so a browser on another machine reads the
 * same): from when it began running to its last progress, at the progress it had then. A job that waited in the
 * queue behind another is not paced by its wait (walk #71); one recorded before starts were kept counts from its
 * creation.
 */
export function jobSecondsLeft(job: { status: string; progress?: number | null; createdAt: string; startedAt?: string | null; updatedAt: string } | null): number | null {
  if (!job || job.status !== 'running') return null;
  return secondsLeft((Date.parse(job.updatedAt) - Date.parse(job.startedAt ?? job.createdAt)) / 1000, job.progress ?? 0);
}
