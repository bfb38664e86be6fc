import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillTranscript, transcriptText } from './caption-transcript';
import { codePointLength, writtenCaption } from './post-text';

const cue = (text: string, startSec: number, endSec: number, speaker?: string) => ({ text, startSec, endSec, ...(speaker ? { speaker } : {}) });

describe('transcriptText', () => {
  it('joins cues into sentences, line breaks inside a cue becoming spaces', () => {
    expect(transcriptText([cue('Spring is here,\nand so', 0, 2), cue('is the new menu.', 2, 4), cue('Come by!', 4.2, 5)])).toBe('Spring is here, and so is the new menu. Come by!');
  });
  it('starts a paragraph after a sentence end followed by a pause or a new speaker', () => {
    const cues = [cue('One.', 0, 1), cue('Two', 3, 4), cue('three.', 6, 7), cue('Four.', 7.1, 8, 'Ann'), cue('Five.', 8, 9, 'Ann')];
    // "Two" after a 2 s pause starts one; "three." does not (the paragraph's sentence is unfinished); Ann starts one.
    expect(transcriptText(cues)).toBe('One.\n\nTwo three.\n\nFour. Five.');
  });
  it('is empty for no cues', () => {
    expect(transcriptText([])).toBe('');
  });
});

describe('fillTranscript', () => {
  const content = { caption: '', hashtags: [], mentions: [] };
  it('fills an empty caption and appends to a typed one after a blank line', () => {
    expect(fillTranscript({ ...content, caption: '  ' }, 'Hello there.', 100)).toEqual({ caption: 'Hello there.', cut: false, words: { kept: 2, total: 2 } });
    expect(fillTranscript({ ...content, caption: 'Watch this:\n' }, 'Hello there.', null)?.caption).toBe('Watch this:\n\nHello there.');
  });
  it('cuts at a word to the limit, hashtags included, and ends with an ellipsis', () => {
    const r = fillTranscript({ ...content, hashtags: ['menu'] }, 'Spring is here, and so is the new menu.', 22)!;
    // "Spring is here…" + "\n\n#menu" = 15 + 7 = 22.
    expect(r).toEqual({ caption: 'Spring is here…', cut: true, words: { kept: 3, total: 9 } });
  });
  it('keeps paragraph breaks of what stays', () => {
    expect(fillTranscript(content, 'One.\n\nTwo three.', 10)!.caption).toBe('One.\n\nTwo…');
  });
  it('gives null when not a word fits, or there is no transcript', () => {
    expect(fillTranscript({ ...content, caption: 'x'.repeat(20) }, 'Hello', 20)).toBeNull();
    expect(fillTranscript(content, '  ', 20)).toBeNull();
  });
  it('never passes the limit and never loses typed text (property)', () => {
    const word = fc.constantFrom('a', 'spring', 'menu,', 'näin', '😀', 'end.', '#menu', '\n\nPara');
    fc.assert(
      fc.property(fc.string({ maxLength: 40 }), fc.array(word, { maxLength: 60 }), fc.integer({ min: 1, max: 200 }), fc.array(fc.constantFrom('menu', 'spring')), (typed, words, limit, hashtags) => {
        const c = { caption: typed, hashtags, mentions: [] };
        const r = fillTranscript(c, words.join(' '), limit);
        if (!r) return;
        if (typed.trim() !== '') expect(r.caption.startsWith(typed.trimEnd())).toBe(true);
        if (r.cut) expect(codePointLength(writtenCaption({ ...c, caption: r.caption }))).toBeLessThanOrEqual(limit);
        expect(r.cut).toBe(r.words.kept < r.words.total);
      }),
    );
  });
});
