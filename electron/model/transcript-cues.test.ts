import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CaptionCue, cueTokens } from './caption-track';
import { type RecognizedToken, tokensToWords, wordsToCues } from './transcript-cues';

const tok = (text: string, startSec: number, endSec: number): RecognizedToken => ({ text, startSec, endSec });

describe('tokensToWords', () => {
  it('joins sub-word pieces and punctuation to their word, and leaves out non-speech marks', () => {
    const words = tokensToWords([tok(' Hyv', 0.1, 0.2), tok('ää', 0.2, 0.35), tok(' huomenta', 0.4, 0.9), tok('!', 0.9, 0.92), tok(' [BLANK_AUDIO]', 1, 3), tok(' Good', 3.1, 3.3), tok(' morning', 3.3, 3.7), tok('.', 3.7, 3.71)]);
    expect(words).toEqual([
      { text: 'Hyvää', startSec: 0.1, endSec: 0.35 },
      { text: 'huomenta!', startSec: 0.4, endSec: 0.92 },
      { text: 'Good', startSec: 3.1, endSec: 3.3 },
      { text: 'morning.', startSec: 3.3, endSec: 3.71 },
    ]);
  });

  it('keeps times in order when tokens step back', () => {
    const words = tokensToWords([tok(' a', 1, 1.5), tok(' b', 1.4, 1.45), tok(' c', 2, 2.2)]);
    expect(words.map((w) => [w.startSec, w.endSec])).toEqual([
      [1, 1.5],
      [1.5, 1.5],
      [2, 2.2],
    ]);
  });
});

describe('wordsToCues', () => {
  const ids = (n: number) => `auto-${n}`;

  it('starts a new cue after a pause and after a sentence, and breaks long cues into two even lines', () => {
    const text = 'This is the first sentence of the talk. And here comes a second one that runs on for quite a while longer than one line';
    const words = text.split(' ').map((w, i) => ({ text: w, startSec: i * 0.3 + (i >= 12 ? 2 : 0), endSec: i * 0.3 + 0.25 + (i >= 12 ? 2 : 0) }));
    const cues = wordsToCues(words, ids);
    expect(cues[0]!.text.replace('\n', ' ')).toBe('This is the first sentence of the talk.');
    for (const c of cues) {
      const lines = c.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(42);
      expect(() => CaptionCue.parse(c)).not.toThrow();
    }
    expect(cues.flatMap((c) => c.words!.map((w) => w.text))).toEqual(text.split(' '));
    expect(cues.map((c) => c.id)).toEqual(cues.map((_, i) => `auto-${i + 1}`));
  });

  it('always yields valid cues whose words spell their text, losing no word (property)', () => {
    const word = fc.stringMatching(/^[A-Za-zäöÅ0-9,.!?'-]{1,14}$/);
    fc.assert(
      fc.property(fc.array(fc.tuple(word, fc.float({ min: 0, max: 3, noNaN: true }), fc.float({ min: 0, max: 1, noNaN: true })), { maxLength: 80 }), (spec) => {
        let t = 0;
        const tokens = spec.map(([w, gap, len]) => {
          const start = t + gap;
          t = start + len;
          return tok(` ${w}`, start, t);
        });
        const words = tokensToWords(tokens);
        const cues = wordsToCues(words, ids);
        for (const c of cues) {
          CaptionCue.parse(c);
          expect(c.words?.map((w) => w.text)).toEqual(cueTokens(c.text));
          expect(c.endSec - c.startSec).toBeLessThanOrEqual(7 + 1);
        }
        expect(cues.flatMap((c) => cueTokens(c.text))).toEqual(spec.map(([w]) => w));
      }),
      { numRuns: 200 },
    );
  });
});
