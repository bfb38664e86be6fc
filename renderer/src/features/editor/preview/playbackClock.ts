/**
 * The preview's clock while playing. Pure: the engine gives it the wall time and, when there is one, where the
 * element that is heard (the master) is; it answers the timeline time to show.
 *
 * Why not the wall clock alone (docs/performance.md, "The clock follows what is heard"): an element told to
 * play() moves ~0.1 s later, and under load every element stalls at once for a few frames. A wall clock runs on
 * through both, so every layer is behind it and is pulled back at the audible +10 % rate cap over seconds: 0–1.5 s
 * of every play, and ~2 s after every stall, showed late pictures. So, as players do, the clock follows the
 * master: it never runs ahead of where the heard clip is (plus a hair), never faster than the wall clock, and
 * never backwards. The master is the main-track clip that is heard; gaps, photos, titles and a silent main track
 * run on the wall clock, and so does a master that has not moved for `maxWaitSec` (not started, seeking, at its
 * media's end): the clock never waits on media for long.
 */
export const CLOCK = {
  /** The longest the clock waits for a master that does not move (at Play, after a seek, a stalled decoder). */
  maxWaitSec: 0.3,
  /** How far (frames) the clock may run ahead of the master's position (its picture trails its time ~0.4 frame). */
  leadFrames: 0,
} as const;

export type Clock = {
  /** Timeline seconds shown. */
  t: number;
  /** performance.now() of the last advance. */
  wall: number;
  /** The master last seen: its clip, its element's currentTime, and when that last changed. */
  master: { key: string; currentTime: number; movedAt: number } | null;
};

/** Where the master is: its clip (a cut hands over to another) and its element's time, as a timeline position. */
export type Master = {
  key: string;
  currentTime: number;
  /** Timeline seconds the master's element is at now. */
  position: number;
};

/** The clock at Play, at timeline time `t`. */
export const startClock = (t: number, now: number): Clock => ({ t, wall: now, master: null });

/**
 * The clock at wall time `now`. `master` is null where nothing is heard (or while a voiceover records: the take
 * is placed by wall time, so the timeline must run on it too). `rate`: the shuttle's speed (L: 2×, 4×), timeline
 * seconds per wall second; the master's element then plays that much faster too, so the bound holds as at 1×.
 */
export function advanceClock(c: Clock, now: number, master: Master | null, fps: number, rate = 1): Clock {
  const free = c.t + (rate * Math.max(0, now - c.wall)) / 1000;
  if (!master) return { t: free, wall: now, master: null };
  // A new master (Play, a cut) gets the whole wait to show it moves; so does one whose element was moved.
  const same = c.master?.key === master.key;
  const moved = !same || Math.abs(master.currentTime - c.master!.currentTime) > 1e-6;
  const seen = { key: master.key, currentTime: master.currentTime, movedAt: moved ? (same ? now : c.wall) : c.master!.movedAt };
  const waited = (now - seen.movedAt) / 1000 > CLOCK.maxWaitSec;
  const bound = waited ? free : Math.min(free, master.position + CLOCK.leadFrames / fps);
  return { t: Math.max(c.t, bound), wall: now, master: seen };
}
