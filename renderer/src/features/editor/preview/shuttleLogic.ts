/**
 * J/K/L shuttle, as pro editors have it, within what media elements can do. Pure.
 *
 * L plays, and while playing goes faster a step per press (1× → 2× → 4×); K stops (the next play is at 1× again);
 * J while playing fast slows a step (4× → 2× → 1×). Media elements cannot play backwards smoothly (a negative
 * playbackRate is not supported in Chromium), so J at 1× or at rest keeps its step back of 1 s (which pauses, as
 * every step of the playhead does). Chromium mutes
 * an element above 4×: 4× is the top step.
 */

/** The shuttle's speeds, slowest first. */
export const SHUTTLE_RATES = [1, 2, 4] as const;

export type Shuttle = { playing: boolean; rate: number };

/** What a J, K or L press does: the playback state after it, and whether the playhead steps back a second. */
export type ShuttleMove = Shuttle & { stepBack: boolean };

export function shuttleKey(key: 'j' | 'k' | 'l', cur: Shuttle): ShuttleMove {
  if (key === 'k') return { playing: false, rate: 1, stepBack: false };
  const i = cur.playing ? rateIndex(cur.rate) : -1;
  if (key === 'l') {
    if (i < 0) return { playing: true, rate: 1, stepBack: false };
    return { playing: true, rate: SHUTTLE_RATES[Math.min(i + 1, SHUTTLE_RATES.length - 1)]!, stepBack: false };
  }
  if (i > 0) return { playing: true, rate: SHUTTLE_RATES[i - 1]!, stepBack: false };
  return { playing: false, rate: 1, stepBack: true };
}

/** The step at or just below `rate` (a rate that is not a step counts as the one below it). */
function rateIndex(rate: number): number {
  let i = 0;
  while (i + 1 < SHUTTLE_RATES.length && SHUTTLE_RATES[i + 1]! <= rate) i++;
  return i;
}

/** The label beside the play button: none at 1×. */
export const shuttleLabel = (playing: boolean, rate: number): string | null => (playing && rate !== 1 ? `${rate}×` : null);
