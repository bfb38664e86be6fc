import { describe, expect, it } from 'vitest';
import { applyFix, balancedBreak, checkTrack } from './caption-checks';
import { type CaptionCue, CaptionTrack } from './caption-track';

const track = (cues: CaptionCue[]) => CaptionTrack.parse({ id: 't', language: 'en', name: 'English', cues });

describe('reading checks', () => {
  it('breaks lines at the most even point, preferring punctuation, and refuses what cannot fit', () => {
    expect(balancedBreak('The quick brown fox jumps over the lazy dog and keeps running', 42, 2)).toBe('The quick brown fox jumps over\nthe lazy dog and keeps running');
    expect(balancedBreak('Well, I think that we should probably go home now', 30, 2)).toBe('Well, I think that we\nshould probably go home now');
    expect(balancedBreak('short', 42, 2)).toBe('short');
    expect(balancedBreak('a'.repeat(43), 42, 2)).toBeNull();
    expect(balancedBreak(Array(30).fill('word').join(' '), 42, 2)).toBeNull();
  });

  it('finds long lines and too many lines, and fixes them by re-breaking (word timings kept)', () => {
    const text = 'The quick brown fox jumps over the lazy dog and keeps running';
    const words = text.split(' ').map((w, i) => ({ text: w, startSec: 1 + i * 0.3, endSec: 1.2 + i * 0.3 }));
    const t = track([{ id: 'a', text, startSec: 1, endSec: 5, words }, { id: 'b', text: 'one\ntwo\nthree', startSec: 6, endSec: 8 }]);
    const found = checkTrack(t);
    expect(found.map((f) => [f.cueId, f.check])).toEqual([['a', 'lineLength'], ['b', 'lineCount']]);
    expect(found[0]!.message).toBe('A line has 61 characters; at most 42 read comfortably');
    const fixed = applyFix(applyFix(t, found[0]!.fix!.change), found[1]!.fix!.change);
    expect(fixed.cues.map((c) => c.text)).toEqual(['The quick brown fox jumps over\nthe lazy dog and keeps running', 'one two three']);
    expect(fixed.cues[0]!.words).toEqual(words);
    expect(checkTrack(fixed)).toEqual([]);
  });

  it('splits a cue too long for two lines at the best word boundary, at its word time', () => {
    const text = 'This caption has far too many words to fit on two lines of forty-two characters. So it must be split in two';
    const tokens = text.split(' ');
    const words = tokens.map((w, i) => ({ text: w, startSec: i * 0.25, endSec: i * 0.25 + 0.2 }));
    const t = track([{ id: 'a', text, startSec: 0, endSec: 6, words, speaker: 'Ann' }]);
    const f = checkTrack(t).find((x) => x.check === 'lineLength')!;
    expect(f.fix).toMatchObject({ label: 'Split into two captions', change: { kind: 'split', atWord: 15 } });
    const after = applyFix(t, f.fix!.change);
    expect(after.cues).toEqual([
      { id: 'a', text: tokens.slice(0, 15).join(' '), startSec: 0, endSec: 3.75, words: words.slice(0, 15), speaker: 'Ann' },
      { id: 'cue-1', text: tokens.slice(15).join(' '), startSec: 3.75, endSec: 6, words: words.slice(15), speaker: 'Ann' },
    ]);
    expect(CaptionTrack.safeParse(after).success).toBe(true);
  });

  it('reading speed and minimum duration extend the cue into the gap, as far as the next cue allows', () => {
    const t = track([
      { id: 'fast', text: 'Thirty-four characters said quickly', startSec: 0, endSec: 1 },
      { id: 'next', text: 'Hi', startSec: 1.5, endSec: 1.8 },
      { id: 'last', text: 'Ok', startSec: 10, endSec: 12 },
    ]);
    const found = checkTrack(t);
    expect(found.map((f) => [f.cueId, f.check, f.fix?.change])).toEqual([
      ['fast', 'readingSpeed', { kind: 'setEnd', cueId: 'fast', endSec: 1.417 }],
      ['next', 'tooShort', { kind: 'setEnd', cueId: 'next', endSec: 2.3 }],
    ]);
    expect(found[0]!.fix!.label).toBe('Show it until 1.4 s (as long as the next caption allows)');
    expect(checkTrack(applyFix(t, found[1]!.fix!.change))).toHaveLength(1);
  });

  it('overlaps are trimmed to the next start; flickering gaps are closed', () => {
    const t = track([
      { id: 'a', text: 'First caption', startSec: 0, endSec: 2.5 },
      { id: 'b', text: 'Second caption', startSec: 2, endSec: 3.95 },
      { id: 'c', text: 'Third caption', startSec: 4, endSec: 6 },
    ]);
    const found = checkTrack(t);
    expect(found.map((f) => [f.cueId, f.check, f.fix?.change])).toEqual([
      ['a', 'overlap', { kind: 'setEnd', cueId: 'a', endSec: 2 }],
      ['b', 'gap', { kind: 'setEnd', cueId: 'b', endSec: 4 }],
    ]);
    const fixed = found.reduce((acc, f) => applyFix(acc, f.fix!.change), t);
    expect(checkTrack(fixed)).toEqual([]);
  });

  it('leaves the track alone when a fix no longer fits', () => {
    const t = track([{ id: 'a', text: 'Hello there', startSec: 1, endSec: 2 }]);
    expect(applyFix(t, { kind: 'setEnd', cueId: 'gone', endSec: 3 })).toBe(t);
    expect(applyFix(t, { kind: 'setEnd', cueId: 'a', endSec: 0.5 })).toBe(t);
    expect(applyFix(t, { kind: 'rebreak', cueId: 'a', text: 'Hello world' })).toBe(t);
    expect(applyFix(t, { kind: 'split', cueId: 'a', atWord: 2 })).toBe(t);
  });
});
