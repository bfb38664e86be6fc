import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitName, memoByKey } from './nameFit';

// Every code point 10 px wide, the ellipsis too.
const measure = (text: string) => Array.from(text).length * 10;
const char = () => 10;

describe('fitName', () => {
  it('keeps a name that fits, to the pixel', () => {
    expect(fitName('clip.mp4', 80, measure, char)).toBe('clip.mp4');
  });

  it('cuts a long name to the longest start that fits with the ellipsis', () => {
    expect(fitName('golden hour coast.jpg', 80, measure, char)).toBe(`golden ${ELLIPSIS}`);
    expect(measure(fitName('golden hour coast.jpg', 85, measure, char))).toBeLessThanOrEqual(85);
  });

  it('steps back when the whole string measures wider than its characters add up to (kerning, shaping)', () => {
    const wider = (text: string) => measure(text) + 6;
    expect(fitName('abcdefghij', 60, wider, char)).toBe(`abcd${ELLIPSIS}`);
  });

  it('never splits a character made of two UTF-16 units', () => {
    expect(fitName('😀😀😀😀😀', 35, measure, char)).toBe(`😀😀${ELLIPSIS}`);
  });

  it('shows the ellipsis alone when not even one character fits beside it', () => {
    expect(fitName('abc', 15, measure, char)).toBe(ELLIPSIS);
  });
});

describe('memoByKey', () => {
  it('makes each key once and starts over when full', () => {
    const made: string[] = [];
    const get = memoByKey((k) => {
      made.push(k);
      return k.toUpperCase();
    }, 2);
    expect([get('a'), get('a'), get('b')]).toEqual(['A', 'A', 'B']);
    expect(made).toEqual(['a', 'b']);
    get('c'); // full: cleared, then holds c
    get('a');
    expect(made).toEqual(['a', 'b', 'c', 'a']);
  });
});
