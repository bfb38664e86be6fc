import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Asset } from '../../../../../electron/model/asset';
import { clipEnd } from '../../../../../electron/model/draft';
import { EDGE_TOLERANCE_SEC } from '../../../../../electron/model/timeline-snap';
import { mainTrackDraft } from '../testDrafts';
import { clipsStartingSoon, clipsToBuffer, PLAY_START, preRollSound, startsClock } from './playStartLogic';

const asset = (kind: Asset['kind']) => ({ v: { id: 'v', kind } as Asset });

describe('clipsToBuffer', () => {
  // Six 2 s clips of asset 'v' on the main track: 0–2, 2–4, … 10–12.
  const d = mainTrackDraft(6);
  const clips = d.tracks[0]!.clips;

  it('is the clip under the playhead and those starting within the window', () => {
    expect(clipsToBuffer(d, asset('video'), 0)).toEqual([clips[0]!.id]);
    expect(clipsToBuffer(d, asset('video'), 1.5)).toEqual([clips[0]!.id, clips[1]!.id]);
    expect(clipsToBuffer(d, asset('video'), 2)).toEqual([clips[1]!.id]);
    expect(clipsToBuffer(d, asset('audio'), 11.9)).toEqual([clips[5]!.id]);
  });

  it('leaves out photos, missing media and the past', () => {
    expect(clipsToBuffer(d, asset('image'), 1.5)).toEqual([]);
    expect(clipsToBuffer(d, {}, 1.5)).toEqual([]);
    expect(clipsToBuffer(d, asset('video'), 12)).toEqual([]);
  });

  it('leaves out a hidden track (no element is made for it) and a clip ending at the playhead', () => {
    const hidden = { ...d, tracks: d.tracks.map((tr) => ({ ...tr, hidden: true })) };
    expect(clipsToBuffer(hidden, asset('video'), 1.5)).toEqual([]);
    // At a cut, within the timeline's edge tolerance: only the clip that starts there.
    expect(clipsToBuffer(d, asset('video'), 2 - 1e-7)).toEqual([clips[1]!.id]);
  });

  it('holds exactly the media clips that overlap [t, t + window) at any time', () => {
    fc.assert(
      fc.property(fc.double({ min: -1, max: 13, noNaN: true }), (t) => {
        const want = clips.filter((c) => clipEnd(c) - EDGE_TOLERANCE_SEC > t && c.start < t + PLAY_START.windowSec).map((c) => c.id);
        expect(clipsToBuffer(d, asset('video'), t)).toEqual(want);
      }),
    );
  });
});

describe('startsClock', () => {
  it('starts at once when everything is ready, and after the longest wait when not', () => {
    expect(startsClock(0, 0)).toBe(true);
    expect(startsClock(2, 0)).toBe(false);
    expect(startsClock(2, PLAY_START.maxWaitSec - 0.01)).toBe(false);
    expect(startsClock(2, PLAY_START.maxWaitSec)).toBe(true);
  });

  it('never waits past the longest wait, whatever is unready', () => {
    fc.assert(
      fc.property(fc.nat(20), fc.double({ min: 0, max: 10, noNaN: true }), (unready, waited) => {
        expect(startsClock(unready, waited)).toBe(unready === 0 || waited >= PLAY_START.maxWaitSec);
      }),
    );
  });
});

describe('preRollSound', () => {
  const d = mainTrackDraft(2);
  const next = d.tracks[0]!.clips[1]!;
  if (next.type !== 'media') throw new Error('a media clip');

  it('is the clip\'s own sound from the start (not silenced until its cut), and the track\'s mute', () => {
    const [soon] = clipsStartingSoon(d, 1.5, 2);
    expect(soon).toMatchObject({ clip: { id: next.id }, main: true, muted: false });
    expect(preRollSound(next, false, 30)).toEqual({ muted: false, volume: 1 });
    expect(preRollSound({ ...next, volume: 0.4 }, true, 30)).toEqual({ muted: true, volume: 0.4 });
    const mutedTrack = { ...d, tracks: d.tracks.map((tr) => ({ ...tr, muted: true })) };
    expect(clipsStartingSoon(mutedTrack, 1.5, 2)[0]!.muted).toBe(true);
  });

  it('is a frame into a fade-in: heard (not 0), so the element is never turned up from silence while it plays', () => {
    const fading = { ...next, fadeIn: 1 };
    expect(preRollSound(fading, false, 30).volume).toBeCloseTo(1 / 30, 9);
    fc.assert(
      fc.property(fc.double({ min: 0, max: 2, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.constantFrom(24, 30, 60), (fadeIn, volume, fps) => {
        const v = preRollSound({ ...next, fadeIn, volume }, false, fps).volume;
        expect(v).toBeGreaterThanOrEqual(0);
        expect(v).toBeLessThanOrEqual(1);
        if (volume > 1e-9) expect(v).toBeGreaterThan(0);
      }),
    );
  });
});
