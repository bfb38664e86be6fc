/**
 * The timeline ruler's ticks: where they go and what they say. Pure, so the label format at every zoom is tested
 * without a browser.
 *
 * Ticks are counted in frames, not seconds: at the highest zoom a step of 0.1 or 0.25 s fell between frames at
 * some rates (0.25 s is 7.5 frames at 30 fps), and the labels, the timecode cut to "MM:SS:FF", read like hours,
 * minutes and seconds ("00:01:07").
 */

/** Labels stay at least this far apart, so the longest ("1:02:05", ~45 px in the ruler's 10 px mono) never touch. */
export const RULER_LABEL_GAP_PX = 80;

/** Whole-second steps, in seconds, once a tick per second would crowd. */
const SECOND_STEPS = [1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600];

/** The frame counts below a second a tick may step by: those that divide the second, so every second gets a tick. */
function subSecondSteps(fps: number): number[] {
  const out: number[] = [];
  for (let d = 1; d < fps; d++) if (fps % d === 0) out.push(d);
  return out;
}

/** The step between ticks, in frames: the smallest that keeps labels RULER_LABEL_GAP_PX apart at `pxPerSec`. */
export function rulerStepFrames(pxPerSec: number, fps: number): number {
  const pxPerFrame = pxPerSec / fps;
  for (const d of subSecondSteps(fps)) if (d * pxPerFrame >= RULER_LABEL_GAP_PX) return d;
  for (const s of SECOND_STEPS) if (s * pxPerSec >= RULER_LABEL_GAP_PX) return s * fps;
  return SECOND_STEPS.at(-1)! * fps;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/**
 * A tick's label: "m:ss" (or "h:mm:ss") on a whole second, and between seconds only the frame within the second,
 * "15f" (1.5 s at 30 fps): the second is the label before it. "0:01:15f" read as 1 minute 15 (a walk).
 */
export function rulerLabel(frame: number, fps: number): string {
  const ff = frame % fps;
  const secs = Math.floor(frame / fps);
  const h = Math.floor(secs / 3600);
  const m = Math.floor(secs / 60) % 60;
  const clock = h > 0 ? `${h}:${pad2(m)}:${pad2(secs % 60)}` : `${m}:${pad2(secs % 60)}`;
  return ff === 0 ? clock : `${ff}f`;
}

export interface RulerTick {
  /** Seconds from the draft's start (a whole frame). */
  t: number;
  label: string;
}

/** The ticks over `seconds` of timeline at `pxPerSec`, from 0, one step apart (rulerStepFrames). */
export function rulerTicks(pxPerSec: number, fps: number, seconds: number): RulerTick[] {
  const step = rulerStepFrames(pxPerSec, fps);
  const last = Math.ceil(Math.round(seconds * fps) / step);
  return Array.from({ length: last + 1 }, (_, i) => ({ t: (i * step) / fps, label: rulerLabel(i * step, fps) }));
}
