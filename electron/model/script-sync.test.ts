import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildCues, pullSentenceStarts, wrapLines } from './caption-cues';
import { alignSequences, parsePocketsphinx, timeWords } from './script-align';
import { jsgfGrammar, knownPieces, numberWords, scriptWords, spokenForms } from './script-text';
import { ONSET_WINDOW_SEC, findPauses, planChunks, snapToOnset, soundWithin, trimToSound, trustedPrefix } from './speech-chunks';

/** Captured from `pocketsphinx_continuous -infile x.wav -time yes -jsgf g.jsgf` (Debian 0.8+5prealpha). */
const CAPTURED = `the quick brown fox jumps over
the 0.000 0.140 1.000000
quick 0.150 0.530 1.000000
<sil> 1.220 1.670 1.000000
without(2) 7.010 7.470 1.000000
[NOISE] 7.5 7.6 0.9
(NULL) 11.670 11.670 1.000000
<sil> 11.680 12.350 1.000000
`;

const DICT = new Set('the quick brown fox word by in twenty twenty four we made twelve videos a week timing hello world teleprompter email'.split(' '));
const known = (w: string) => DICT.has(w);

describe('parsePocketsphinx', () => {
  it('keeps word lines, drops fillers, the hypothesis line and pronunciation variants, and adds the offset', () => {
    expect(parsePocketsphinx(CAPTURED, 10)).toEqual([
      { word: 'the', startSec: 10, endSec: 10.14 },
      { word: 'quick', startSec: 10.15, endSec: 10.53 },
      { word: 'without', startSec: 17.01, endSec: 17.47 },
    ]);
    expect(parsePocketsphinx('')).toEqual([]);
  });
});

describe('script text', () => {
  it('spells numbers and years, folds case, accents and apostrophes', () => {
    expect(numberWords(0)).toEqual(['zero']);
    expect(numberWords(1_204_017)).toEqual(['one', 'million', 'two', 'hundred', 'four', 'thousand', 'seventeen']);
    expect(spokenForms('2024')).toEqual(['twenty', 'twenty', 'four']);
    expect(spokenForms('1,200')).toEqual(['one', 'thousand', 'two', 'hundred']);
    expect(spokenForms('3.5%')).toEqual(['three', 'point', 'five', 'percent']);
    expect(spokenForms('Café’s,')).toEqual(["cafe's"]);
    expect(spokenForms('word-by-word')).toEqual(['word', 'by', 'word']);
  });

  it('finds known pieces for words the dictionary lacks, or none', () => {
    expect(knownPieces('fox', known)).toEqual(['fox']);
    expect(knownPieces("fox's", known)).toEqual(['fox']);
    expect(knownPieces('timings', known)).toEqual(['timing']);
    expect(knownPieces('emailteleprompter', known)).toEqual(['email', 'teleprompter']);
    expect(knownPieces('zzyzx', known)).toBeNull();
  });

  it('keeps what was written, with pieces and breaks', () => {
    const w = scriptWords('Hello, world! In 2024 — zzyzx.', known);
    expect(w.map((x) => [x.text, x.pieces.join(' '), x.breakAfter])).toEqual([
      ['Hello,', 'hello', 'clause'],
      ['world!', 'world', 'sentence'],
      ['In', 'in', null],
      ['2024', 'twenty twenty four', 'clause'],
      ['zzyzx.', '', 'sentence'],
    ]);
  });

  it('builds a linear grammar and refuses anything but dictionary words (nothing else reaches the file)', () => {
    expect(jsgfGrammar(['the', "fox's"])).toBe("#JSGF V1.0;\ngrammar script;\npublic <s> = <w0>;\n<w0> = the [<w1>];\n<w1> = fox's;\n");
    for (const bad of ['a;b', '<w0>', 'x y', '', 'A', '(a)', '|', 'a\n#']) {
      expect(() => jsgfGrammar(['the', bad])).toThrow(RangeError);
    }
    expect(() => jsgfGrammar([])).toThrow(RangeError);
  });
});

describe('alignSequences', () => {
  it('maps matches through insertions, deletions and substitutions', () => {
    expect(alignSequences(['a', 'b', 'c', 'd'], ['a', 'b', 'c', 'd'])).toEqual([0, 1, 2, 3]);
    // inserted "x", deleted "c"
    expect(alignSequences(['a', 'b', 'c', 'd'], ['a', 'x', 'b', 'd'])).toEqual([0, 2, null, 3]);
    // substitution: b heard as y
    expect(alignSequences(['a', 'b', 'c'], ['a', 'y', 'c'])).toEqual([0, null, 2]);
    expect(alignSequences(['a'], [])).toEqual([null]);
  });

  it('is monotone and only maps equal words (property)', () => {
    const word = fc.constantFrom('a', 'b', 'c', 'd');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 30 }), fc.array(word, { maxLength: 30 }), (e, h) => {
        const m = alignSequences(e, h);
        let last = -1;
        m.forEach((j, i) => {
          if (j === null) return;
          expect(h[j]).toBe(e[i]);
          expect(j).toBeGreaterThan(last);
          last = j;
        });
        // Identical sequences map one to one.
        expect(alignSequences(e, e)).toEqual(e.map((_, i) => i));
      }),
    );
  });
});

describe('timeWords', () => {
  it('times heard words by their pieces and shares gaps among the unheard, by length', () => {
    const t = timeWords(
      ['In', '2024', 'zzyzx', 'we'],
      [['in'], ['twenty', 'twenty', 'four'], [], ['we']],
      [
        { word: 'in', startSec: 1, endSec: 1.2 },
        { word: 'twenty', startSec: 1.2, endSec: 1.5 },
        { word: 'twenty', startSec: 1.5, endSec: 1.8 },
        { word: 'four', startSec: 1.8, endSec: 2 },
        { word: 'we', startSec: 3, endSec: 3.2 },
      ],
      5,
    );
    expect(t.map((w) => [w.text, w.startSec, w.endSec, w.heard])).toEqual([
      ['In', 1, 1.2, true],
      ['2024', 1.2, 2, true],
      ['zzyzx', 2, 3, false],
      ['we', 3, 3.2, true],
    ]);
    // Nothing heard: spread over the whole recording, in order.
    const none = timeWords(['a', 'bb'], [['a'], ['bb']], [], 3);
    expect(none.map((w) => [w.startSec, w.endSec])).toEqual([[0, 1], [1, 3]]);
  });
});

describe('cues', () => {
  it('wraps into at most two balanced lines of 42 characters', () => {
    expect(wrapLines(['short'])).toEqual(['short']);
    const words = 'A creator who recorded with the teleprompter gets captions timed'.split(' ');
    const lines = wrapLines(words)!;
    expect(lines).toHaveLength(2);
    for (const l of lines) expect(l.length).toBeLessThanOrEqual(42);
    expect(wrapLines('one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen'.split(' '))).toBeNull();
  });

  it('breaks at sentences and pauses, splits long sentences evenly, keeps word times', () => {
    const text = 'Hello world. This sentence is long enough that it will never fit on two lines of forty two characters each, so it splits. Bye';
    const script = scriptWords(text, () => true);
    let t = 0;
    const timed = script.map((w, i) => {
      const s = t;
      t += 0.3 + (i === script.length - 2 ? 1 : 0); // a long pause before "Bye"
      return { text: w.text, startSec: s, endSec: s + 0.25, heard: true };
    });
    const cues = buildCues(script, timed, (i) => `c${i}`);
    expect(cues[0]).toMatchObject({ id: 'c0', text: 'Hello world.', startSec: 0, endSec: 0.55 });
    expect(cues.at(-1)!.text).toBe('Bye');
    for (const c of cues) {
      const lines = c.text.split('\n');
      expect(lines.length).toBeLessThanOrEqual(2);
      for (const l of lines) expect(l.length).toBeLessThanOrEqual(42);
      expect(c.words![0]!.startSec).toBe(c.startSec);
    }
    expect(cues.map((c) => c.words!.map((w) => w.text).join(' ')).join(' ')).toBe(text);
    expect(cues.length).toBe(4);
  });

  it('moves a sentence-start word heard before a pause up to its sentence', () => {
    const script = scriptWords('Done. The words light', () => true);
    const timed = [
      { text: 'Done.', startSec: 0, endSec: 0.5, heard: true },
      { text: 'The', startSec: 0.5, endSec: 0.6, heard: true },
      { text: 'words', startSec: 2, endSec: 2.4, heard: true },
      { text: 'light', startSec: 2.4, endSec: 2.8, heard: true },
    ];
    expect(pullSentenceStarts(script, timed)[1]).toMatchObject({ startSec: 1.9, endSec: 2 });
    expect(buildCues(script, timed, String).map((c) => [c.text, c.startSec])).toEqual([['Done.', 0], ['The words light', 1.9]]);
  });
});

describe('speech chunks', () => {
  it('finds pauses relative to the room tone and cuts chunks in them', () => {
    const levels = new Float32Array(1000).fill(-20);
    levels.fill(-70, 300, 350); // 0.5 s pause at 3.0 s
    levels.fill(-70, 700, 720); // 0.2 s: too short
    expect(findPauses(levels)).toEqual([{ startSec: 3, endSec: 3.5 }]);
    expect(planChunks(10, [{ startSec: 3, endSec: 3.5 }], 2, 5)).toEqual([
      { startSec: 0, endSec: 3.25 },
      { startSec: 3.25, endSec: 8.25 },
      { startSec: 8.25, endSec: 10 },
    ]);
    expect(planChunks(4, [], 15, 30)).toEqual([{ startSec: 0, endSec: 4 }]);
  });

  it('snaps a cue start back to the end of the pause before it when no heard word lies in between', () => {
    const pauses = [
      { startSec: 3, endSec: 4.84 },
      { startSec: 6, endSec: 6.5 },
    ];
    expect(snapToOnset(4.99, pauses)).toBe(4.84);
    // "In 2024" said "two thousand and…": the decoder started the cue 0.74 s after the sound did.
    expect(snapToOnset(5.58, pauses, 3.01)).toBe(4.84);
    // Further than a word takes to begin: left alone.
    expect(snapToOnset(5.9, pauses, 3.01)).toBe(5.9);
    expect(snapToOnset(5.5, pauses, 3.01, 0.3)).toBe(5.5);
    // A heard word (the previous cue's last) ends after the pause: the sound before the cue is that word's.
    expect(snapToOnset(5.2, pauses, 5)).toBe(5.2);
    // The latest pause that qualifies; a pause that ends after the start is no onset for it.
    expect(snapToOnset(6.6, pauses, 3)).toBe(6.5);
    expect(snapToOnset(6.3, pauses, 3)).toBe(6.3);
  });

  it('counts the sound in a stretch, and trusts heard words up to where the decoder lost its path', () => {
    const pauses = [
      { startSec: 2, endSec: 3 },
      { startSec: 10, endSec: 11 },
    ];
    expect(soundWithin(0, 4, pauses)).toBeCloseTo(3);
    expect(soundWithin(2.2, 2.8, pauses)).toBe(0);
    expect(soundWithin(5, 4, pauses)).toBe(0);
    const w = (startSec: number, endSec: number) => ({ startSec, endSec });
    // Words through a pause: all trusted.
    expect(trustedPrefix([w(0.1, 0.5), w(0.5, 1.9), w(3, 3.4), w(3.4, 4)], 0, pauses)).toBe(4);
    // "its" then "time" 10 s later over speech: lost after "its".
    expect(trustedPrefix([w(0.1, 0.5), w(0.5, 0.8), w(12.9, 13.2)], 0, pauses)).toBe(2);
    // One word held over 20 s of sound.
    expect(trustedPrefix([w(0.1, 0.5), w(0.5, 21)], 0, pauses)).toBe(1);
    // A gap that is mostly pause is no loss; sound from the decode's start before the first word is.
    expect(trustedPrefix([w(1.5, 1.9), w(3.2, 3.5)], 1.4, pauses)).toBe(2);
    expect(trustedPrefix([w(5.5, 6)], 3, pauses)).toBe(0);
    expect(trustedPrefix([], 0, pauses)).toBe(0);
  });

  it('keeps heard words to the sound: no word starts or ends inside a pause', () => {
    const pauses = [{ startSec: 8.35, endSec: 9.74 }];
    const heard = [
      { word: 'basil', startSec: 8.03, endSec: 8.6 },
      { word: 'first', startSec: 8.6, endSec: 10.29 },
      { word: 'bring', startSec: 10.5, endSec: 10.79 },
      { word: 'a', startSec: 9, endSec: 9.1 },
    ];
    expect(trimToSound(heard, pauses)).toEqual([
      { word: 'basil', startSec: 8.03, endSec: 8.35 },
      { word: 'first', startSec: 9.74, endSec: 10.29 },
      heard[2],
      heard[3], // wholly inside: left for the alignment to judge
    ]);
  });

  it('trimmed words stay inside their heard span and never start or end strictly inside a pause they cross (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0.01, max: 8, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true })), { maxLength: 10 }),
        fc.array(fc.tuple(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0.01, max: 3, noNaN: true })), { maxLength: 20 }),
        (rawPauses, rawWords) => {
          // Pauses as findPauses gives them: in order, apart.
          let at = 0;
          const pauses = rawPauses.map(([gap, len]) => ({ startSec: (at += gap), endSec: (at += len) }));
          const words = rawWords.map(([s, len]) => ({ startSec: s, endSec: s + len }));
          trimToSound(words, pauses).forEach((t, i) => {
            expect(t.startSec).toBeGreaterThanOrEqual(words[i]!.startSec);
            expect(t.endSec).toBeLessThanOrEqual(words[i]!.endSec);
            expect(t.endSec).toBeGreaterThan(t.startSec);
          });
        },
      ),
    );
  });

  it('a snapped start never moves later, nor earlier than the window or the previous word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.double({ min: 0, max: 60, noNaN: true }), fc.double({ min: 0.3, max: 3, noNaN: true })), { maxLength: 20 }),
        fc.double({ min: 0, max: 70, noNaN: true }),
        fc.double({ min: 0, max: 70, noNaN: true }),
        (raw, start, prevEnd) => {
          const pauses = raw.map(([s, len]) => ({ startSec: s, endSec: s + len })).sort((a, b) => a.startSec - b.startSec);
          const got = snapToOnset(start, pauses, prevEnd);
          expect(got).toBeLessThanOrEqual(start);
          expect(start - got).toBeLessThanOrEqual(ONSET_WINDOW_SEC);
          if (got !== start) {
            expect(got).toBeGreaterThanOrEqual(prevEnd);
            expect(pauses.some((p) => p.endSec === got)).toBe(true);
          }
        },
      ),
    );
  });

  it('chunks cover the recording exactly, none over the limit (property)', () => {
    fc.assert(
      fc.property(fc.double({ min: 0.5, max: 600, noNaN: true }), fc.array(fc.double({ min: 0, max: 600, noNaN: true }), { maxLength: 40 }), (dur, starts) => {
        const pauses = [...starts].sort((a, b) => a - b).map((s) => ({ startSec: s, endSec: s + 0.4 }));
        const chunks = planChunks(dur, pauses, 15, 30);
        expect(chunks[0]!.startSec).toBe(0);
        expect(chunks.at(-1)!.endSec).toBe(dur);
        chunks.forEach((c, i) => {
          expect(c.endSec - c.startSec).toBeLessThanOrEqual(30 + 1e-9);
          expect(c.endSec).toBeGreaterThan(c.startSec);
          if (i) expect(c.startSec).toBe(chunks[i - 1]!.endSec);
        });
      }),
    );
  });
});
