import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyFix, checkTrack, defaultReadingRules } from './caption-checks';
import { CaptionTrack, cueTokens } from './caption-track';

const word = fc.constantFrom('a', 'I', 'the', 'caption', 'extraordinarily', 'well,', 'stop.', 'näin', '😀', 'x'.repeat(45));
const cue = fc.record({
  start: fc.double({ min: 0, max: 600, noNaN: true }),
  dur: fc.double({ min: 0.001, max: 8, noNaN: true }),
  words: fc.array(word, { minLength: 1, maxLength: 40 }),
  breaks: fc.array(fc.boolean(), { minLength: 40, maxLength: 40 }),
  timed: fc.boolean(),
  seed: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { minLength: 80, maxLength: 80 }),
});
const trackArb = fc.array(cue, { minLength: 1, maxLength: 8 }).map((cs) => {
  const cues = cs
    .sort((a, b) => a.start - b.start)
    .map((c, i) => {
      const text = c.words.map((w, k) => (k === 0 ? w : (c.breaks[k] ? '\n' : ' ') + w)).join('');
      const end = c.start + c.dur;
      const points = c.seed.slice(0, c.words.length * 2).map((p) => c.start + p * c.dur).sort((a, b) => a - b);
      const words = c.timed ? c.words.map((w, k) => ({ text: w, startSec: points[2 * k]!, endSec: points[2 * k + 1]! })) : undefined;
      return { id: `c${i}`, text, startSec: c.start, endSec: end, ...(words ? { words } : {}) };
    });
  return CaptionTrack.parse({ id: 't', language: 'en', name: 'E', cues });
});

describe('reading-check fixes', () => {
  it('never break the track invariants, and do what they say', () => {
    fc.assert(
      fc.property(trackArb, (track) => {
        for (const f of checkTrack(track)) {
          if (!f.fix) continue;
          const after = applyFix(track, f.fix.change);
          const parsed = CaptionTrack.safeParse(after);
          expect(parsed.success, `${f.check} ${JSON.stringify(f.fix.change)}: ${parsed.error?.issues[0]?.message}`).toBe(true);
          // No words are lost or invented.
          expect(after.cues.flatMap((c) => cueTokens(c.text)).sort()).toEqual(track.cues.flatMap((c) => cueTokens(c.text)).sort());
          const c = after.cues.find((x) => x.id === f.cueId)!;
          if (f.fix.change.kind === 'rebreak') {
            const lines = c.text.split('\n');
            expect(lines.length).toBeLessThanOrEqual(defaultReadingRules.maxLines);
            for (const l of lines) expect(Array.from(l).length).toBeLessThanOrEqual(defaultReadingRules.maxCharsPerLine);
          }
          if (f.fix.change.kind === 'setEnd') expect(c.endSec).toBe(f.fix.change.endSec);
          if (f.fix.change.kind === 'split') expect(after.cues).toHaveLength(track.cues.length + 1);
        }
      }),
      { numRuns: 300 },
    );
  });
});
