import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_DUCK_LEVEL, MIN_DUCK_LEVEL, canDuck, duckBlocker, hasVoiceover, levelDb, setDucking } from './ducking';
import { draft, media, track } from '../render/test-drafts';

const doc = () =>
  draft([
    track('main', 'main', []),
    track('music', 'audio', [media('m', 'song', 0, 0, 10)], { role: 'music', ducking: null }),
    track('vo', 'audio', [media('v', 'voice', 1, 0, 3)], { role: 'voiceover' }),
  ]);

describe('setDucking', () => {
  it('switches a music track on at the default level, then changes the level alone', () => {
    const on = setDucking(doc(), 'music', { enabled: true });
    expect(on.ok && on.draft.tracks[1]!.ducking).toEqual({ enabled: true, level: DEFAULT_DUCK_LEVEL });
    const lower = on.ok ? setDucking(on.draft, 'music', { level: 0.1 }) : on;
    expect(lower.ok && lower.draft.tracks[1]!.ducking).toEqual({ enabled: true, level: 0.1 });
    const off = lower.ok ? setDucking(lower.draft, 'music', { enabled: false }) : lower;
    // Off keeps the level, so switching it on again brings the same level back.
    expect(off.ok && off.draft.tracks[1]!.ducking).toEqual({ enabled: false, level: 0.1 });
  });
  it('refuses voiceover, visual and unknown tracks, and a level that is not a number', () => {
    expect(setDucking(doc(), 'vo', { enabled: true })).toMatchObject({ ok: false, reason: 'wrong_track' });
    expect(setDucking(doc(), 'main', { enabled: true })).toMatchObject({ ok: false, reason: 'wrong_track' });
    expect(setDucking(doc(), 'nope', { enabled: true })).toMatchObject({ ok: false, reason: 'not_found' });
    expect(setDucking(doc(), 'music', { level: NaN })).toMatchObject({ ok: false, reason: 'invalid_value' });
  });
  it('any level lands inside what the schema accepts and leaves other tracks alone', () => {
    fc.assert(
      fc.property(fc.double({ min: -10, max: 10, noNaN: true }), (level) => {
        const r = setDucking(doc(), 'music', { level });
        expect(r.ok).toBe(true);
        if (!r.ok) return;
        const got = r.draft.tracks[1]!.ducking!.level;
        expect(got).toBeGreaterThanOrEqual(MIN_DUCK_LEVEL);
        expect(got).toBeLessThanOrEqual(1);
        expect(r.draft.tracks[0]).toEqual(doc().tracks[0]);
        expect(r.draft.tracks[2]).toEqual(doc().tracks[2]);
      }),
    );
  });
});

describe('ducking helpers', () => {
  it('levels in dB, which tracks duck, whether a voice is there', () => {
    expect(levelDb(0.3)).toBe(-10);
    expect(levelDb(1)).toBe(0);
    expect(levelDb(0)).toBe(-Infinity);
    const d = doc();
    expect(d.tracks.map(canDuck)).toEqual([false, true, false]);
    expect(hasVoiceover(d)).toBe(true);
    expect(hasVoiceover({ ...d, tracks: d.tracks.slice(0, 2) })).toBe(false);
  });
});

describe('duckBlocker', () => {
  it('null with a heard voiceover track, even an empty one (recording fills it)', () => {
    expect(duckBlocker(doc())).toBeNull();
    const d = doc();
    expect(duckBlocker({ ...d, tracks: d.tracks.map((t) => (t.id === 'vo' ? { ...t, clips: [] } : t)) })).toBeNull();
  });
  it('says why a music track can never duck: no voiceover track, or only muted or hidden ones', () => {
    const d = doc();
    expect(duckBlocker({ ...d, tracks: d.tracks.filter((t) => t.id !== 'vo') })).toBe('no_voice_track');
    expect(duckBlocker({ ...d, tracks: d.tracks.map((t) => (t.id === 'vo' ? { ...t, role: null } : t)) })).toBe('no_voice_track');
    expect(duckBlocker({ ...d, tracks: d.tracks.map((t) => (t.id === 'vo' ? { ...t, muted: true } : t)) })).toBe('voice_silent');
    expect(duckBlocker({ ...d, tracks: d.tracks.map((t) => (t.id === 'vo' ? { ...t, hidden: true } : t)) })).toBe('voice_silent');
  });
});
