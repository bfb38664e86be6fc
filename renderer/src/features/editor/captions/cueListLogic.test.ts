import { describe, expect, it } from 'vitest';
import { cueClock, cueIndexAt, cueListKey, cueTextKey, findingsByCue, languageChoices, languageFromFileName, normalizedOffset, splitOffsetAtTime, subtitleFileName } from './cueListLogic';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean; shiftKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, ...mods });

describe('cueIndexAt', () => {
  const cues = [
    { startSec: 0, endSec: 1 },
    { startSec: 2, endSec: 6 },
    { startSec: 3, endSec: 4 },
    { startSec: 7, endSec: 8 },
  ];
  it('finds the cue showing, the later one while two overlap, and -1 in gaps', () => {
    expect([0, 0.99, 1, 1.5, 2, 3.5, 4.5, 6, 7.2, 9].map((t) => cueIndexAt(cues, t))).toEqual([0, 0, -1, -1, 1, 2, 1, -1, 3, -1]);
    expect(cueIndexAt([], 1)).toBe(-1);
  });
  it('answers right across 20,000 cues', () => {
    const many = Array.from({ length: 20_000 }, (_, i) => ({ startSec: i * 2, endSec: i * 2 + 1.5 }));
    const got: number[] = [];
    const want: number[] = [];
    for (let k = 0; k < 1000; k++) {
      const t = k * 37.1;
      got.push(cueIndexAt(many, t));
      want.push(t % 2 < 1.5 ? Math.floor(t / 2) : -1);
    }
    expect(got).toEqual(want);
  });
});

describe('formatting and names', () => {
  it('writes cue times to the hundredth', () => {
    expect([0, 3.25, 61.5, 3723.456].map(cueClock)).toEqual(['0:00.00', '0:03.25', '1:01.50', '1:02:03.46']);
  });
  it('names sidecar files like players expect', () => {
    expect(subtitleFileName('My trip: day 1', { language: 'en' }, 'srt')).toBe('My trip day 1.en.srt');
    expect(subtitleFileName('  ', { language: 'fi' }, 'vtt')).toBe('captions.fi.vtt');
    expect(subtitleFileName('..hidden', { language: 'en' }, 'srt')).toBe('hidden.en.srt');
  });
  it('reads a language from a file name', () => {
    const isTag = (s: string) => s !== 'xx';
    expect(languageFromFileName('clip.fi.srt', isTag)).toBe('fi');
    expect(languageFromFileName('clip.pt-BR.vtt', isTag)).toBe('pt-BR');
    expect(languageFromFileName('clip.srt', isTag)).toBeNull();
    expect(languageFromFileName('my.clip.final.srt', isTag)).toBeNull();
    expect(languageFromFileName('clip.xx.srt', isTag)).toBeNull();
  });
  it('offers the track language even when it is not a common one', () => {
    expect(languageChoices('se')[0]).toBe('se');
    expect(languageChoices('fi').filter((l) => l === 'fi')).toHaveLength(1);
  });
  it('groups findings by cue', () => {
    const f = (cueId: string) => ({ cueId, check: 'gap' as const, message: '', value: 0, limit: 0, fix: null });
    const m = findingsByCue([f('a'), f('b'), f('a')]);
    expect(m.get('a')).toHaveLength(2);
    expect(m.get('c')).toBeUndefined();
  });
});

describe('splitOffsetAtTime', () => {
  it('cuts before the first word that starts at or after the playhead', () => {
    const cue = { text: 'one two three', startSec: 0, endSec: 3, words: [{ text: 'one', startSec: 0, endSec: 0.5 }, { text: 'two', startSec: 1, endSec: 1.5 }, { text: 'three', startSec: 2, endSec: 2.5 }] };
    expect(splitOffsetAtTime(cue, 0.8)).toBe(4);
    expect(splitOffsetAtTime(cue, 1.2)).toBe(8);
    expect(splitOffsetAtTime(cue, 2.8)).toBe(8);
    expect(splitOffsetAtTime(cue, 3)).toBeNull();
  });
  it('cuts by characters without word timings', () => {
    expect(splitOffsetAtTime({ text: 'aaaa bbbb cccc', startSec: 0, endSec: 14 }, 9.5)).toBe(10);
    expect(splitOffsetAtTime({ text: 'aaaa bbbb cccc', startSec: 0, endSec: 14 }, 0.5)).toBe(5);
    expect(splitOffsetAtTime({ text: 'single', startSec: 0, endSec: 14 }, 5)).toBeNull();
  });
});

describe('keys', () => {
  it('maps list keys and leaves modified keys to the editor', () => {
    expect(['Enter', 'F2', 'ArrowUp', 'ArrowDown', 's', 'M', 'Delete', 'Backspace', 'n', ' ', 'ArrowLeft'].map((k) => cueListKey(key(k)))).toEqual(['edit', 'edit', 'prev', 'next', 'split', 'merge', 'delete', 'delete', 'add', null, null]);
    expect(cueListKey(key('z', { ctrlKey: true }))).toBeNull();
    expect(cueListKey(key('s', { altKey: true }))).toBeNull();
  });
  it('maps text-editor keys: Enter commits, Shift+Enter is a new line', () => {
    expect(cueTextKey(key('Enter'))).toBe('commit');
    expect(cueTextKey(key('Enter', { shiftKey: true }))).toBeNull();
    expect(cueTextKey(key('Escape'))).toBe('cancel');
    expect(cueTextKey(key('s', { altKey: true }))).toBe('split');
    expect(cueTextKey(key('ß', { altKey: true }))).toBe('split');
    expect(cueTextKey(key('m', { altKey: true }))).toBe('merge');
    expect(cueTextKey({ ...key('Enter'), isComposing: true })).toBeNull();
    expect(cueTextKey(key('s'))).toBeNull();
  });
});

describe('normalizedOffset', () => {
  it('keeps the cursor on the same word after spaces collapse', () => {
    const raw = '  one   two\n\n three';
    const norm = 'one two\nthree';
    expect(normalizedOffset(raw, raw.indexOf('two'), norm)).toBe(4);
    expect(normalizedOffset(raw, raw.indexOf('two') - 1, norm)).toBe(4);
    expect(normalizedOffset(raw, raw.indexOf('three'), norm)).toBe(8);
    expect(normalizedOffset(raw, raw.indexOf('wo'), norm)).toBe(5);
    expect(normalizedOffset(raw, raw.length, norm)).toBe(norm.length);
  });
});
