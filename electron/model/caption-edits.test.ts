import { describe, expect, it } from 'vitest';
import { checkTrack } from './caption-checks';
import { addCueAt, addTrack, applyCaptionFix, type CaptionEdit, type CaptionEditResult, deleteCue, gapAt, mergeWithNext, removeTrack, renameTrack, setCueText, setTrackStyle, splitCue, wordIndexAt } from './caption-edits';
import { type CaptionCue, CaptionTracks } from './caption-track';
import { defaultTextStyle, newVideoDraft, type VideoDraft } from './draft';

let n = 0;
const base = newVideoDraft('Test', '9:16', 30, (p) => `${p}-${++n}`);

const cue = (id: string, text: string, startSec: number, endSec: number, words?: CaptionCue['words']): CaptionCue => ({ id, text, startSec, endSec, ...(words ? { words } : {}) });

function withTrack(cues: CaptionCue[]): VideoDraft {
  return { ...base, captions: [{ id: 'en', name: 'English', language: 'en', cues }] };
}

function ok(r: CaptionEditResult): Extract<CaptionEditResult, { ok: true }> {
  if (!r.ok) throw new Error(`refused: ${r.message}`);
  expect(CaptionTracks.safeParse(r.draft.captions).success).toBe(true);
  return r;
}
const cuesOf = (r: CaptionEditResult) => ok(r).draft.captions![0]!.cues;
const run = (doc: VideoDraft, op: CaptionEdit) => op(doc);

describe('caption tracks', () => {
  it('adds a track with a free id, validated cues and an optional style', () => {
    const r = ok(run(base, addTrack({ name: 'English', language: 'en', cues: [cue('b', 'two', 3, 4), cue('a', 'one', 1, 2)], styleId: 'karaoke' })));
    expect(r.trackId).toBe('captions-1');
    expect(r.draft.captions![0]!.cues.map((c) => c.id)).toEqual(['a', 'b']);
    expect(r.draft.captions![0]!.styleId).toBe('karaoke');
    const again = ok(run(r.draft, addTrack({ name: 'Suomi', language: 'fi' })));
    expect(again.trackId).toBe('captions-2');
  });

  it('refuses a bad language, name or style with what to do', () => {
    const bad = run(base, addTrack({ name: 'X', language: 'not a tag' }));
    expect(bad).toMatchObject({ ok: false, reason: 'invalid_value' });
    expect(run(base, addTrack({ name: '  ', language: 'en' }))).toMatchObject({ ok: false, message: expect.stringContaining('name') as string });
    expect(run(base, addTrack({ name: 'E', language: 'en', styleId: 'sparkles' }))).toMatchObject({ ok: false, reason: 'invalid_value' });
  });

  it('renames, restyles (null: file only) and removes', () => {
    const doc = withTrack([cue('a', 'hi', 0, 1)]);
    expect(ok(run(doc, renameTrack('en', '  English (SDH) '))).draft.captions![0]!.name).toBe('English (SDH)');
    expect(run(doc, renameTrack('en', ''))).toMatchObject({ ok: false });
    expect(ok(run(doc, renameTrack('en', 'Suomi', 'fi'))).draft.captions![0]).toMatchObject({ name: 'Suomi', language: 'fi' });
    expect(run(doc, renameTrack('en', 'X', 'no such'))).toMatchObject({ ok: false, reason: 'invalid_value' });
    const styled = ok(run(doc, setTrackStyle('en', 'pop-in'))).draft;
    expect(styled.captions![0]!.styleId).toBe('pop-in');
    expect('styleId' in ok(run(styled, setTrackStyle('en', null))).draft.captions![0]!).toBe(false);
    expect(ok(run(doc, removeTrack('en'))).draft.captions).toEqual([]);
    expect(run(doc, removeTrack('nope'))).toMatchObject({ ok: false, reason: 'not_found' });
  });
});

describe('cue text', () => {
  it('keeps word timings when the number of words stays', () => {
    const doc = withTrack([cue('a', 'helo world', 0, 2, [{ text: 'helo', startSec: 0, endSec: 0.5 }, { text: 'world', startSec: 0.6, endSec: 1 }])]);
    const c = cuesOf(run(doc, setCueText('en', 'a', 'hello world')))[0]!;
    expect(c.text).toBe('hello world');
    expect(c.words?.map((w) => [w.text, w.startSec])).toEqual([['hello', 0], ['world', 0.6]]);
    expect(cuesOf(run(doc, setCueText('en', 'a', 'hello big world')))[0]!.words).toBeUndefined();
  });

  it('normalises, refuses empty text and "-->", and an unchanged text is no edit', () => {
    const doc = withTrack([cue('a', 'hi', 0, 1)]);
    expect(cuesOf(run(doc, setCueText('en', 'a', '  one  two \n\n three ')))[0]!.text).toBe('one two\nthree');
    expect(run(doc, setCueText('en', 'a', '   '))).toMatchObject({ ok: false, message: expect.stringContaining('delete') as string });
    expect(run(doc, setCueText('en', 'a', 'a --> b'))).toMatchObject({ ok: false });
    expect(ok(run(doc, setCueText('en', 'a', ' hi '))).draft).toBe(doc);
    expect(run(doc, setCueText('en', 'gone', 'x'))).toMatchObject({ ok: false, reason: 'not_found' });
  });
});

describe('split', () => {
  it('finds the word boundary under the cursor', () => {
    expect(wordIndexAt('one two three', 3)).toBe(1);
    expect(wordIndexAt('one two three', 4)).toBe(1);
    expect(wordIndexAt('one two\nthree', 8)).toBe(2);
    expect(wordIndexAt('one two three', 2)).toBeNull();
    expect(wordIndexAt('one two three', 0)).toBeNull();
    expect(wordIndexAt('one two three', 13)).toBeNull();
  });

  it('splits at the word own start with word timings', () => {
    const doc = withTrack([cue('a', 'one two three', 1, 4, [{ text: 'one', startSec: 1, endSec: 1.4 }, { text: 'two', startSec: 2.5, endSec: 2.9 }, { text: 'three', startSec: 3, endSec: 3.5 }])]);
    const r = ok(run(doc, splitCue('en', 'a', 4)));
    const [a, b] = r.draft.captions![0]!.cues;
    expect([a!.text, a!.endSec, b!.text, b!.startSec, b!.endSec]).toEqual(['one', 2.5, 'two three', 2.5, 4]);
    expect(r.cueId).toBe(b!.id);
    expect(b!.words?.map((w) => w.text)).toEqual(['two', 'three']);
  });

  it('splits by characters without word timings, and refuses inside a word', () => {
    const doc = withTrack([cue('a', 'aaaa bbbb', 0, 9)]);
    const [a, b] = cuesOf(run(doc, splitCue('en', 'a', 5)));
    expect(a!.endSec).toBe(4);
    expect(b!.startSec).toBe(4);
    const mid = run(doc, splitCue('en', 'a', 2));
    expect(mid).toMatchObject({ ok: false, reason: 'invalid_value', message: expect.stringContaining('between two words') as string });
    expect(run(withTrack([cue('a', 'one', 0, 1)]), splitCue('en', 'a', 1))).toMatchObject({ ok: false });
  });
});

describe('merge and delete', () => {
  it('merges with the next cue, rebreaking the text and keeping word timings that run in order', () => {
    const doc = withTrack([
      cue('a', 'Hello there', 0, 1, [{ text: 'Hello', startSec: 0, endSec: 0.4 }, { text: 'there', startSec: 0.5, endSec: 0.9 }]),
      cue('b', 'friend', 1.2, 2, [{ text: 'friend', startSec: 1.2, endSec: 1.8 }]),
      cue('c', 'last', 3, 4),
    ]);
    const cues = cuesOf(run(doc, mergeWithNext('en', 'a')));
    expect(cues.map((c) => c.id)).toEqual(['a', 'c']);
    expect(cues[0]).toMatchObject({ text: 'Hello there friend', startSec: 0, endSec: 2 });
    expect(cues[0]!.words).toHaveLength(3);
    expect(cuesOf(run(doc, mergeWithNext('en', 'b')))[1]!.words).toBeUndefined();
    expect(run(doc, mergeWithNext('en', 'c'))).toMatchObject({ ok: false, message: expect.stringContaining('last caption') as string });
  });

  it('puts two long cues on two lines', () => {
    const long = 'this line is quite long on its own';
    const doc = withTrack([cue('a', long, 0, 3), cue('b', long, 3, 6)]);
    expect(cuesOf(run(doc, mergeWithNext('en', 'a')))[0]!.text).toBe(`${long}\n${long}`);
  });

  it('deletes one cue', () => {
    const doc = withTrack([cue('a', 'x', 0, 1), cue('b', 'y', 1, 2)]);
    expect(cuesOf(run(doc, deleteCue('en', 'a'))).map((c) => c.id)).toEqual(['b']);
  });
});

describe('add at the playhead', () => {
  const doc = withTrack([cue('a', 'x', 1, 2), cue('b', 'y', 5, 6), cue('c', 'z', 6.5, 7)]);

  it('finds the gap', () => {
    expect(gapAt(doc.captions![0]!, 3)).toEqual({ from: 2, to: 5 });
    expect(gapAt(doc.captions![0]!, 1.5)).toBeNull();
    expect(gapAt(doc.captions![0]!, 0)).toEqual({ from: 0, to: 1 });
  });

  it('adds 2 s at the playhead, fitted into the gap', () => {
    const r = ok(run(doc, addCueAt('en', 2.5, 'New')));
    const added = r.draft.captions![0]!.cues.find((c) => c.id === r.cueId)!;
    expect([added.startSec, added.endSec]).toEqual([2.5, 4.5]);
    const late = cuesOf(run(doc, addCueAt('en', 4.2, 'New'))).find((c) => c.text === 'New')!;
    expect([late.startSec, late.endSec]).toEqual([3, 5]);
    const small = cuesOf(run(doc, addCueAt('en', 0.1, 'New'))).find((c) => c.text === 'New')!;
    expect([small.startSec, small.endSec]).toEqual([0, 1]);
  });

  it('ends a new caption with the video: at the last frame it takes the last 2 s', () => {
    const text = { id: 't', type: 'text' as const, start: 0, duration: 8, text: 'Title', style: defaultTextStyle, x: 0.5, y: 0.5, maxWidth: 0.9, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null };
    const eight: VideoDraft = { ...withTrack([]), tracks: base.tracks.map((t) => (t.kind === 'text' ? { ...t, clips: [text] } : t)) };
    const end = cuesOf(run(eight, addCueAt('en', 7.5, 'New')))[0]!;
    expect([end.startSec, end.endSec]).toEqual([6, 8]);
    // Past the end there is still room before it; a draft with nothing in it has no end to keep to.
    expect(cuesOf(run(withTrack([]), addCueAt('en', 7.5, 'New')))[0]!.endSec).toBe(9.5);
  });

  it('refuses on a cue or in a gap shorter than the minimum, saying what to do', () => {
    expect(run(doc, addCueAt('en', 1.5, 'New'))).toMatchObject({ ok: false, reason: 'track_busy', message: expect.stringContaining('Move the playhead') as string });
    expect(run(doc, addCueAt('en', 6.2, 'New'))).toMatchObject({ ok: false, reason: 'track_busy', message: expect.stringContaining('0.5 s free') as string });
  });
});

describe('reading-check fixes', () => {
  it('applies an offered fix as an edit and refuses a stale one', () => {
    const doc = withTrack([cue('a', 'This caption has far too many words to read in this time', 0, 1), cue('b', 'next', 5, 6)]);
    const finding = checkTrack(doc.captions![0]!).find((f) => f.check === 'readingSpeed')!;
    const after = cuesOf(run(doc, applyCaptionFix('en', finding.fix!.change)));
    expect(after[0]!.endSec).toBeGreaterThan(1);
    const stale = run(withTrack([cue('b', 'next', 5, 6)]), applyCaptionFix('en', finding.fix!.change));
    expect(stale).toMatchObject({ ok: false, message: expect.stringContaining('no longer fits') as string });
  });
});
