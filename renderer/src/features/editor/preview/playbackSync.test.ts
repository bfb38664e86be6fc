import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holdTime, type MediaState, nudgedRate, reachableTime, startLagSec, startsNow, SYNC, whileHolding, whilePlaying, whilePreRolled, whileStarting, type PlayingWant, type PreRoll } from './playbackSync';

const playing = (over: Partial<MediaState> = {}): MediaState => ({ paused: false, seeking: false, ended: false, currentTime: 5, duration: Number.NaN, playbackRate: 1, audible: true, ...over });
const want = (over: Partial<PlayingWant> = {}): PlayingWant => ({ target: 5, speed: 1, fps: 30, now: 10_000, lastSeekAt: 0, seekSec: 0.15, min: 0, max: 20, ...over });

describe('while playing', () => {
  it('leaves an element in step alone', () => {
    expect(whilePlaying(playing(), want())).toEqual({ seekTo: null, play: false, pause: false, rate: null });
    // Aimed a quarter frame ahead of the clock, within a quarter frame of that aim counts as in step.
    expect(whilePlaying(playing({ currentTime: 5 + 0.4 / 30 }), want())).toMatchObject({ seekTo: null, rate: null });
  });

  it('pulls up an element that sits half a frame behind the clock (its picture would be a frame and more late)', () => {
    // Where the old half-frame dead band let it rest: its presented picture lagged that again, past the 1.5-frame limit.
    expect(whilePlaying(playing({ currentTime: 5 - 0.5 / 30 }), want()).rate).toBeCloseTo(1.02, 9);
    expect(whilePlaying(playing({ currentTime: 5 - 0.1 / 30 }), want()).rate).toBeCloseTo(1.01, 9);
    // And slows one more than half a frame ahead.
    expect(whilePlaying(playing({ currentTime: 5 + 0.9 / 30 }), want()).rate).toBeCloseTo(0.98, 9);
  });

  it('closes a lag of up to 3 frames by playing faster; seeks one further off, unless the clock follows it', () => {
    const a = whilePlaying(playing({ currentTime: 5 - 0.07 }), want());
    expect(a.seekTo).toBeNull();
    expect(a.rate).toBeGreaterThan(1);
    expect(a.rate).toBeLessThanOrEqual(1 + SYNC.maxNudgeAudible + 1e-9);
    // 120-180 ms (the wait the clock makes for the heard clip at a slow cut): a second of nudging, or one seek.
    for (const lag of [0.12, 0.18]) expect(whilePlaying(playing({ currentTime: 5 - lag }), want()).seekTo).toBeCloseTo(5.15, 9);
    // The heard clip itself: the clock waits for it; it is not seeked below half a second.
    expect(whilePlaying(playing({ currentTime: 5 - 0.18 }), want({ master: true })).seekTo).toBeNull();
    // Music or a voiceover: no picture to be late, and a seek is heard: nudged, seeked only from half a second.
    const music = whilePlaying(playing({ currentTime: 5 - 0.18 }), want({ soundOnly: true }));
    expect(music.seekTo).toBeNull();
    expect(music.rate).toBeGreaterThan(1);
    expect(whilePlaying(playing({ currentTime: 5 - 0.6 }), want({ soundOnly: true })).seekTo).not.toBeNull();
  });

  it('slows an element that runs ahead, and seeks one far ahead', () => {
    const a = whilePlaying(playing({ currentTime: 5.09 }), want());
    expect(a.seekTo).toBeNull();
    expect(a.rate).toBeCloseTo(0.92, 9);
    expect(whilePlaying(playing({ currentTime: 5.2 }), want()).seekTo).toBeCloseTo(5.15, 9);
  });

  it('nudges harder when nobody hears it, and scales with the clip speed', () => {
    expect(nudgedRate(1, 0.2, 30, true)).toBeCloseTo(1.1, 9);
    expect(nudgedRate(1, 0.2, 30, false)).toBeCloseTo(1.2, 9);
    expect(nudgedRate(2, 0.05, 30, true)).toBeCloseTo(2.1, 9);
    expect(nudgedRate(1, 0.001, 30, true)).toBe(1);
  });

  it('does not tell the element the rate it already has', () => {
    expect(whilePlaying(playing({ currentTime: 4.9, playbackRate: 1.1 }), want()).rate).toBeNull();
  });

  it('seeks only when far off, ahead by what its seeks cost, inside the clip, at most once a second', () => {
    const a = whilePlaying(playing({ currentTime: 3 }), want({ seekSec: 0.2 }));
    expect(a.seekTo).toBeCloseTo(5.2, 9);
    expect(whilePlaying(playing({ currentTime: 3 }), want({ seekSec: 5 })).seekTo).toBeCloseTo(5 + SYNC.maxSeekAheadSec, 9);
    expect(whilePlaying(playing({ currentTime: 3 }), want({ target: 19.9, max: 20 })).seekTo).toBe(20);
    // Seeked 400 ms ago: catch up by rate meanwhile.
    const b = whilePlaying(playing({ currentTime: 3 }), want({ lastSeekAt: 9_600 }));
    expect(b.seekTo).toBeNull();
    expect(b.rate).toBeCloseTo(1.1, 9);
  });

  it('does nothing to an element that is seeking but starts it playing', () => {
    expect(whilePlaying(playing({ seeking: true, currentTime: 1 }), want())).toEqual({ seekTo: null, play: false, pause: false, rate: null });
    expect(whilePlaying(playing({ seeking: true, paused: true }), want())).toMatchObject({ seekTo: null, play: true });
  });

  it('starts a pre-rolled element at its cut without seeking it', () => {
    // Paused a hair past the in-point; the clock is a frame past the cut by the time the engine sees it.
    const a = whilePlaying(playing({ paused: true, currentTime: holdTime(2, 30) }), want({ target: 2 + 1 / 30 }));
    expect(a).toMatchObject({ seekTo: null, play: true });
  });

  it('seeks a paused element that is far from the clock, then plays it', () => {
    expect(whilePlaying(playing({ paused: true, currentTime: 0 }), want({ lastSeekAt: 9_900 }))).toMatchObject({ seekTo: 5.15, play: true });
  });

  it('leaves an element that reached the end of its media there', () => {
    expect(whilePlaying(playing({ paused: true, ended: true, currentTime: 10 }), want({ target: 10 }))).toEqual({ seekTo: null, play: false, pause: false, rate: null });
  });
});

describe('starting a pre-rolled element before its cut', () => {
  const held = (over: Partial<MediaState> = {}): MediaState => playing({ paused: true, currentTime: holdTime(2, 30), audible: false, ...over });

  it('starts within its start-up time of the cut, never earlier, and never by more than the cap', () => {
    expect(startsNow(0.05, 0.08)).toBe(true);
    expect(startsNow(0.1, 0.08)).toBe(false);
    expect(startsNow(0.31, 5)).toBe(false);
    expect(startsNow(0.29, 5)).toBe(true);
    expect(startsNow(0, 0)).toBe(true);
  });

  it('plays an element waiting on its first frame at the clip speed, without seeking it', () => {
    expect(whileStarting(held(), holdTime(2, 30), 1, 30)).toEqual({ seekTo: null, play: true, pause: false, rate: null });
    expect(whileStarting(held(), holdTime(2, 30), 2, 30)).toEqual({ seekTo: null, play: true, pause: false, rate: 2 });
    // Already moving: left to play.
    expect(whileStarting(held({ paused: false, currentTime: 2.05 }), holdTime(2, 30), 1, 30)).toEqual({ seekTo: null, play: false, pause: false, rate: null });
  });

  it('holds an element that is not on its first frame yet (loading or seeking) instead of starting it elsewhere', () => {
    expect(whileStarting(held({ currentTime: 0 }), holdTime(2, 30), 1, 30)).toMatchObject({ seekTo: holdTime(2, 30), play: false });
    expect(whileStarting(held({ seeking: true }), holdTime(2, 30), 1, 30)).toMatchObject({ seekTo: null, play: false });
  });

  it('keeps a started element running into its cut when its measured start-up time shrinks meanwhile', () => {
    const hold = holdTime(2, 30);
    const p = (over: Partial<PreRoll> = {}): PreRoll => ({ playing: true, hold, speed: 1, fps: 30, startsIn: 0.08, startSec: 0.1, ...over });
    expect(whilePreRolled(held({ currentTime: hold }), p())).toMatchObject({ play: true, seekTo: null });
    // It moved after 0.02 s: the start-up time is now 0.06, less than the 0.08 s left to the cut. Not sent back.
    expect(whilePreRolled(held({ paused: false, currentTime: hold + 0.02 }), p({ startSec: 0.06 }))).toEqual({ seekTo: null, play: false, pause: false, rate: null });
    // Not started yet and not within its start-up time: held.
    expect(whilePreRolled(held({ currentTime: hold }), p({ startsIn: 0.5 }))).toMatchObject({ play: false, seekTo: null });
    // Moving somewhere else (the playhead jumped): paused and put back on its first frame.
    expect(whilePreRolled(held({ paused: false, currentTime: 4 }), p({ startsIn: 0.5 }))).toMatchObject({ pause: true, seekTo: hold });
    // Stopped: held, whatever the times.
    expect(whilePreRolled(held({ paused: false, currentTime: hold + 0.02 }), p({ playing: false }))).toMatchObject({ pause: true });
  });

  it('never pauses or seeks an element moving within its start-up lead of its first frame while playing', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 10, noNaN: true }),
        fc.double({ min: 0, max: SYNC.maxStartLeadSec, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.constantFrom(0.5, 1, 2),
        (from, moved, startsIn, startSec, speed) => {
          const hold = holdTime(from, 30);
          const a = whilePreRolled(held({ paused: false, currentTime: hold + moved * speed }), { playing: true, hold, speed, fps: 30, startsIn, startSec });
          expect(a.seekTo).toBeNull();
          expect(a.pause).toBe(false);
        },
      ),
    );
  });

  it('measures start-up time as the wall time since play() less what the media advanced', () => {
    expect(startLagSec(0.15, 0.05, 1)).toBeCloseTo(0.1, 9);
    expect(startLagSec(0.15, 0.11, 1.1)).toBeCloseTo(0.05, 9);
    expect(startLagSec(0.02, 0.05, 1)).toBe(0);
  });
});

describe('while holding still', () => {
  it('pauses, and seeks only to show another frame', () => {
    expect(whileHolding(playing(), 5, 30)).toEqual({ seekTo: null, play: false, pause: true, rate: null });
    expect(whileHolding(playing({ paused: true }), 5.2, 30)).toEqual({ seekTo: 5.2, play: false, pause: false, rate: null });
    expect(whileHolding(playing({ paused: true, seeking: true }), 5.2, 30).seekTo).toBeNull();
  });

  it('holds the last picture of a clip that runs to or past its media\'s end, without seeking again and again', () => {
    // A clip's last frame held at its media's end, or past it (a proxy or a video stream a frame shorter).
    const wanted = holdTime(1.5, 30);
    const first = whileHolding(playing({ paused: true, currentTime: 0.4, duration: 1.5 }), wanted, 30);
    expect(first.seekTo).toBeGreaterThan(1.5 - 1 / 30);
    expect(first.seekTo).toBeLessThan(1.5);
    // The browser leaves it there (or at the end itself): it shows the last picture, so it is not seeked again.
    expect(whileHolding(playing({ paused: true, currentTime: first.seekTo!, duration: 1.5 }), wanted, 30).seekTo).toBeNull();
    expect(whileHolding(playing({ paused: true, currentTime: 1.5, duration: 1.5 }), wanted, 30).seekTo).toBeNull();
    // Before its media's end, and while its length is unknown, the wanted time itself.
    expect(whileHolding(playing({ paused: true, currentTime: 0.4, duration: 1.5 }), 1.2, 30).seekTo).toBe(1.2);
    expect(whileHolding(playing({ paused: true, currentTime: 0.4 }), wanted, 30).seekTo).toBe(wanted);
  });
});

describe('reachableTime', () => {
  it('is the wanted time within the media, and just before its end at or past it', () => {
    expect(reachableTime(1.2, 1.5)).toBe(1.2);
    expect(reachableTime(1.5, 1.5)).toBeCloseTo(1.499, 9);
    expect(reachableTime(9, 1.5)).toBeCloseTo(1.499, 9);
    expect(reachableTime(9, Number.NaN)).toBe(9);
    expect(reachableTime(9, Number.POSITIVE_INFINITY)).toBe(9);
  });
  it('a playing element that is far off is never seeked past its media\'s end', () => {
    const a = whilePlaying(playing({ currentTime: 0.2, duration: 1.5 }), want({ target: 1.45, max: 2, seekSec: 0.3 }));
    expect(a.seekTo).toBeCloseTo(1.499, 9);
  });
});

describe('the element the clock follows', () => {
  const master = (over: Partial<MediaState>, w: Partial<PlayingWant> = {}) =>
    whilePlaying({ paused: false, seeking: false, ended: false, currentTime: 5, duration: 20, playbackRate: 1, audible: true, ...over }, { target: 5, speed: 1, fps: 30, now: 10_000, lastSeekAt: 0, seekSec: 0.1, min: 0, max: 20, master: true, ...w });

  it('plays at the clip speed when behind (the clock waits for it), slows when ahead, and is seeked when far off', () => {
    expect(master({ currentTime: 5 - 3 / 30, playbackRate: 1.05 }).rate).toBe(1);
    expect(master({ currentTime: 5 - 3 / 30 }).rate).toBeNull();
    expect(master({ currentTime: 5 + 3 / 30 }).rate).toBeCloseTo(0.9, 9);
    expect(master({ currentTime: 4 }).seekTo).toBeCloseTo(5.1, 9);
  });
});
