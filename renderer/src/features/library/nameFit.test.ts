import { describe, expect, it } from 'vitest';
import { ELLIPSIS, fitName, memoByKey } from './nameFit';

// Every code point 10 px wide, the ellipsis too.
const char = () => 10;
const measure = (text: string) => Array.from(text).length * 10;

describe('fitName', () => {
  it('keeps a name that fits, to the pixel', () => {
    expect(fitName('clip.mp4', 80, char)).toBe('clip.mp4');
  });

  it('cuts a long name to the longest start that fits with the ellipsis', () => {
    expect(fitName('golden hour coast.jpg', 80, char)).toBe(`golden ${ELLIPSIS}`);
    expect(measure(fitName('golden hour coast.jpg', 85, char))).toBeLessThanOrEqual(85);
  });

  it('adds up the width of each character', () => {
    const wide = (c: string) => (c === 'W' ? 20 : 10);
    expect(fitName('WWWWaaaa', 100, wide)).toBe(`WWWWa${ELLIPSIS}`);
    expect(fitName('aaaaWWWW', 100, wide)).toBe(`aaaaWW${ELLIPSIS}`);
  });

  it('never splits a character made of two UTF-16 units', () => {
    expect(fitName('😀😀😀😀😀', 35, char)).toBe(`😀😀${ELLIPSIS}`);
  });

  it('shows the ellipsis alone when not even one character fits beside it', () => {
    expect(fitName('abc', 15, char)).toBe(ELLIPSIS);
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
