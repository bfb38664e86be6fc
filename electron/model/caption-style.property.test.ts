import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type CaptionAnimation, captionAnimations, cueStateAt, isEmptyState, segmentAt, trackSegments, wordWindows } from './caption-style';
import { CaptionTrack } from './caption-track';

const word = fc.constantFrom('a', 'I', 'the', 'caption', 'well,', 'stop.', 'näin', '😀');
const cue = fc.record({
  start: fc.double({ min: 0, max: 60, noNaN: true }),
  dur: fc.double({ min: 0.01, max: 6, noNaN: true }),
  words: fc.array(word, { minLength: 1, maxLength: 12 }),
  timed: fc.boolean(),
  seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 24, maxLength: 24 }),
});
const trackArb = fc.array(cue, { minLength: 1, maxLength: 6 }).map((cs) => {
  const cues = cs
    .sort((a, b) => a.start - b.start)
    .map((c, i) => {
      const end = c.start + c.dur;
      const points = c.seed.slice(0, c.words.length * 2).map((p) => c.start + p * c.dur).sort((a, b) => a - b);
      const words = c.timed ? c.words.map((w, k) => ({ text: w, startSec: points[2 * k]!, endSec: points[2 * k + 1]! })) : undefined;
      return { id: `c${i}`, text: c.words.join(' '), startSec: c.start, endSec: end, ...(words ? { words } : {}) };
    });
  return CaptionTrack.parse({ id: 't', language: 'en', name: 'E', styleId: 'karaoke', cues });
});
const animation = fc.constantFrom<CaptionAnimation>(...captionAnimations);

/** Times worth probing: every boundary, just before and after it, and midpoints. */
function probes(track: Pick<CaptionTrack, 'cues'>): number[] {
  const ts = [...new Set(track.cues.flatMap((c) => [c.startSec, c.endSec, ...wordWindows(c).flat()]))].sort((a, b) => a - b);
  return ts.flatMap((t) => [t, t - 1e-4, t + 1e-4]).concat(ts.slice(1).map((t, i) => (t + ts[i]!) / 2));
}

describe('caption states over time', () => {
  it('segments are in order, never overlap, and at any t show at most one cue: the latest started that has not ended', () => {
    fc.assert(
      fc.property(trackArb, animation, (track, anim) => {
        const segs = trackSegments(track, () => anim);
        segs.forEach((s, i) => {
          expect(s.endSec).toBeGreaterThan(s.startSec);
          if (i > 0) expect(s.startSec).toBeGreaterThanOrEqual(segs[i - 1]!.endSec);
        });
        for (const t of probes(track)) {
          const seg = segmentAt(segs, t);
          const covering = segs.filter((s) => s.startSec <= t && t < s.endSec);
          expect(covering.length).toBeLessThanOrEqual(1);
          const started = track.cues.filter((c) => c.startSec <= t);
          const latest = started.at(-1);
          const live = latest && t < latest.endSec ? latest : null;
          if (!live) {
            expect(seg).toBeNull();
            continue;
          }
          const expected = cueStateAt(live, anim, t);
          if (isEmptyState(expected)) expect(seg).toBeNull();
          else {
            expect(seg?.cueId).toBe(live.id);
            expect(seg?.state).toEqual(expected);
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('karaoke: each word is highlighted exactly while it is the one being spoken, and one word at most', () => {
    fc.assert(
      fc.property(trackArb, (track) => {
        for (const c of track.cues) {
          const windows = wordWindows(c);
          for (const t of probes({ cues: [c] }).filter((t) => t >= c.startSec && t < c.endSec)) {
            const s = cueStateAt(c, 'highlight', t);
            const lit = s.words.flatMap((w, i) => (w.highlighted ? [i] : []));
            expect(lit.length).toBeLessThanOrEqual(1);
            expect(s.words.every((w) => w.shown)).toBe(true);
            windows.forEach(([a, b], i) => {
              // Half-open windows; a word whose window is empty (it starts with the next) is never lit on its own.
              expect(lit.includes(i)).toBe(t >= a && t < b);
            });
          }
        }
      }),
      { numRuns: 100 },
    );
  });

  it('one word at a time shows exactly the word being spoken; pop-in shows the words spoken so far, the newest growing', () => {
    fc.assert(
      fc.property(trackArb, (track) => {
        for (const c of track.cues) {
          const windows = wordWindows(c);
          for (const t of probes({ cues: [c] }).filter((t) => t >= c.startSec && t < c.endSec)) {
            const one = cueStateAt(c, 'oneWord', t).words;
            const pop = cueStateAt(c, 'popIn', t).words;
            windows.forEach(([a, b], i) => {
              expect(one[i]!.shown).toBe(t >= a && t < b);
              expect(pop[i]!.shown).toBe(t >= a);
              if (pop[i]!.scale !== 1) expect(t >= a && t < b).toBe(true);
              expect(pop[i]!.scale).toBeGreaterThan(0);
              expect(pop[i]!.scale).toBeLessThanOrEqual(1);
            });
          }
        }
      }),
      { numRuns: 100 },
    );
  });
});
