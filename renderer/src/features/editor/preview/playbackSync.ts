/**
 * How the preview keeps its hidden media elements on the timeline's clock. Pure: the engine reads an element's
 * state, asks here what to do, and applies the answer.
 *
 * Seeking a playing element is what makes a preview stutter: the element drops its picture while it seeks
 * (readyState falls below HAVE_CURRENT_DATA), and a seek on a busy machine takes longer than the drift it was
 * meant to fix, so it lands behind again. So while playing, small drift is closed by nudging the element's
 * playbackRate (a proportional controller, bounded so sound barely changes), and an element is only seeked
 * when it is far off (a stall, a slow start) — then to where the clock will be when the seek finishes.
 *
 * Two lags the preview measured (docs/performance.md, "Which layer is late"): an element told to play() starts
 * moving ~0.1 s later, so each clip began ~3 frames behind the clock and took a second of nudging to catch up;
 * and an element left alone within its dead band settled at its slow edge, half a frame behind, with its
 * presented picture a little behind that again. So a pre-rolled element is started its own start-up time
 * before its cut (silent until the cut), and the rate aims a quarter frame ahead of the clock.
 *
 * The clock follows the heard main-track element (playbackClock.ts, the `master`): that one is never hurried,
 * only slowed when ahead. The other video elements follow the clock and are seeked from 3 frames off (held
 * frames cover the seek: the layer shows its previous picture for ~0.1 s instead of a late one for a second of
 * nudging); music and voiceover have no picture to be late, so they are nudged and seeked only from 0.5 s off.
 */
export type MediaState = {
  paused: boolean;
  seeking: boolean;
  ended: boolean;
  currentTime: number;
  /** Length of the element's media in seconds (NaN until its metadata is loaded). */
  duration: number;
  playbackRate: number;
  /** Whether it is heard: a bigger rate nudge would be audible as a tempo change. */
  audible: boolean;
};

export type SyncAction = { seekTo: number | null; play: boolean; pause: boolean; rate: number | null };

export const SYNC = {
  /** Drift (timeline seconds) beyond which a playing element is seeked rather than nudged. */
  seekDriftSec: 0.5,
  /**
   * Drift (frames) beyond which an element that follows the clock is seeked. The clock waits for the heard
   * element (playbackClock.ts), so the others are left ahead or behind by that wait; closing 4 frames at the
   * ±10 % an audible element may be nudged takes over a second of late pictures, a seek ~0.1 s of its held one.
   */
  followerSeekFrames: 3,
  /** At most one corrective seek per element this often while playing. */
  reseekMs: 1000,
  /** Share of the drift the rate closes per second (time constant of one second). */
  gainPerSec: 1,
  /** Largest rate change for an element that is heard, and for one that is not. */
  maxNudgeAudible: 0.1,
  maxNudgeSilent: 0.3,
  /** Rates are set in steps of this much, so the element is not told a new rate on every frame. */
  rateStep: 0.01,
  /** The longest seek time we plan ahead for. */
  maxSeekAheadSec: 0.5,
  /** Where the rate aims the element: this many frames ahead of the clock (its picture lags its currentTime). */
  aimFrames: 0.25,
  /** Within this many frames of its aim an element plays at the clip's speed. */
  deadbandFrames: 0.25,
  /** The longest start-up time a pre-rolled element is started ahead of its cut by. */
  maxStartLeadSec: 0.3,
} as const;

const NONE: SyncAction = { seekTo: null, play: false, pause: false, rate: null };
const clamp = (v: number, lo: number, hi: number) => Math.min(hi, Math.max(lo, v));

export type PlayingWant = {
  /** Source time the clock wants now. */
  target: number;
  /** The clip's speed (source seconds per timeline second), times the shuttle's (L: 2×, 4×) while it plays fast. */
  speed: number;
  fps: number;
  now: number;
  /** performance.now() of this element's last seek by the engine (0: never). */
  lastSeekAt: number;
  /** How long this element's seeks have been taking, in seconds. */
  seekSec: number;
  /** The clip's source range: a seek never lands outside it. */
  min: number;
  max: number;
  /**
   * Whether the clock follows this element (playbackClock.ts): then it is not hurried when behind (the clock
   * waits for it; hurried, it would pull the clock along faster), only slowed when ahead, and seeked when far off.
   */
  master?: boolean;
  /**
   * An element with no picture (music, a voiceover): nothing is drawn late, so it is seeked only from
   * `seekDriftSec` like the master (a seek is an audible jump); small drift is closed by its rate.
   */
  soundOnly?: boolean;
};

/** Timeline seconds the element is behind the clock (negative: ahead). */
export function driftOf(el: Pick<MediaState, 'currentTime'>, target: number, speed: number): number {
  return (target - el.currentTime) / speed;
}

/** The rate that closes `drift` (timeline seconds behind the aim, positive = behind) smoothly. */
export function nudgedRate(speed: number, drift: number, fps: number, audible: boolean): number {
  if (Math.abs(drift) <= SYNC.deadbandFrames / fps + 1e-9) return speed;
  const max = audible ? SYNC.maxNudgeAudible : SYNC.maxNudgeSilent;
  const factor = 1 + clamp(drift * SYNC.gainPerSec, -max, max);
  return Math.round((speed * factor) / SYNC.rateStep) * SYNC.rateStep;
}

/** What to do with an element that should be playing at `w.target`. */
export function whilePlaying(el: MediaState, w: PlayingWant): SyncAction {
  if (el.seeking) return { ...NONE, play: el.paused, rate: el.playbackRate === w.speed ? null : w.speed };
  const drift = driftOf(el, w.target, w.speed);
  // An element at the end of its media stays there (play() would start it again from the beginning).
  if (el.ended && drift > -1 / w.fps) return NONE;
  const far = Math.abs(drift) > (w.master || w.soundOnly ? SYNC.seekDriftSec : Math.min(SYNC.seekDriftSec, SYNC.followerSeekFrames / w.fps));
  if (far && (el.paused || w.now - w.lastSeekAt >= SYNC.reseekMs)) {
    // Land where the clock will be once the seek is done.
    const ahead = clamp(w.seekSec, 0, SYNC.maxSeekAheadSec) * w.speed;
    return { seekTo: clamp(w.target + ahead, w.min, reachableTime(w.max, el.duration)), play: el.paused, pause: false, rate: w.speed };
  }
  const rate = w.master ? Math.min(w.speed, nudgedRate(w.speed, drift, w.fps, el.audible)) : nudgedRate(w.speed, drift + SYNC.aimFrames / w.fps, w.fps, el.audible);
  return { seekTo: null, play: el.paused, pause: false, rate: Math.abs(rate - el.playbackRate) < 1e-9 ? null : rate };
}

/**
 * What to do with an element that should hold still at source time `want` (paused, scrubbing, or waiting for
 * its clip to start): pause, and seek only when it shows another frame (half a frame of slack).
 */
export function whileHolding(el: MediaState, want: number, fps: number): SyncAction {
  const at = reachableTime(want, el.duration);
  const off = Math.abs(el.currentTime - at) > 0.5 / fps;
  return { seekTo: off && !el.seeking ? at : null, play: false, pause: !el.paused, rate: null };
}

/**
 * A pre-rolled element (paused on its clip's first frame at `hold`) whose clip starts in less than its start-up
 * time: play it now, at the clip's speed, so it is moving at the in-point when the cut comes. One not yet on
 * that frame (still loading or seeking) is held there instead, as before.
 */
export function whileStarting(el: MediaState, hold: number, speed: number, fps: number): SyncAction {
  if (el.seeking || (el.paused && Math.abs(el.currentTime - reachableTime(hold, el.duration)) > 0.5 / fps)) return whileHolding(el, hold, fps);
  return { seekTo: null, play: el.paused, pause: false, rate: el.playbackRate === speed ? null : speed };
}

/** Whether a pre-rolled clip starting in `startsIn` seconds should start playing now, given its element's start-up time. */
export const startsNow = (startsIn: number, startSec: number): boolean => startsIn <= clamp(startSec, 0, SYNC.maxStartLeadSec);

export type PreRoll = {
  /** Whether the preview plays. */
  playing: boolean;
  /** Where the element waits: its clip's first frame (holdTime). */
  hold: number;
  /** The clip's speed at its start (times the shuttle's). */
  speed: number;
  fps: number;
  /** Seconds until the clip starts (timeline seconds over the shuttle's speed: wall seconds, as the start-up time is). */
  startsIn: number;
  /** The element's start-up time as measured so far. */
  startSec: number;
};

/**
 * What to do with the element of a clip that starts soon: held on its first frame, started within its start-up
 * time of the cut (whileStarting), and once started left to run into the cut. The start-up time is measured as
 * the element first moves, so it can shrink after the element was started by it: asked again with the new one,
 * an element started 0.1 s ahead was paused and sent back to its first frame 0.08 s before its cut, came in
 * still seeking, and stayed 3–4 frames behind for over a second (docs/performance.md, "Frames at a cut"). One moving anywhere but between its
 * first frame and where a start-up lead can take it is held (and so seeked) again.
 */
export function whilePreRolled(el: MediaState, p: PreRoll): SyncAction {
  const at = reachableTime(p.hold, el.duration);
  const onItsWay = !el.paused && !el.seeking && el.currentTime >= at - 0.5 / p.fps && el.currentTime <= at + (SYNC.maxStartLeadSec + 1 / p.fps) * p.speed;
  if (p.playing && (onItsWay || startsNow(p.startsIn, p.startSec))) return whileStarting(el, p.hold, p.speed, p.fps);
  return whileHolding(el, p.hold, p.fps);
}

/**
 * An element's start-up time, measured once it moves: the wall time since play() (`elapsedSec`) less what its
 * media advanced meanwhile at `rate` (the rest of that time it was still starting).
 */
export const startLagSec = (elapsedSec: number, advancedSec: number, rate: number): number => Math.max(0, elapsedSec - advancedSec / rate);

/** How far before its media's end an element is held to show its last picture. */
const END_HAIR_SEC = 1e-3;

/**
 * The source time an element can show for `want`. A clip can run to or past its element's end (its last frame
 * sits at the end exactly; a proxy or a video stream may end a frame before the file): the element holds its last
 * picture there, just before the end, since a seek to or past the end leaves currentTime at the end, never at
 * `want`, and the element would be seeked again on every frame (and the layer never counted as shown).
 */
export function reachableTime(want: number, duration: number): number {
  if (!Number.isFinite(duration) || duration <= 0 || want <= duration - END_HAIR_SEC) return want;
  return Math.max(0, duration - END_HAIR_SEC);
}

/** Where a paused element waits for the frame at `sourceTime`: a hair past its start, so the decoder picks it. */
export const holdTime = (sourceTime: number, fps: number): number => sourceTime + 0.25 / fps;
