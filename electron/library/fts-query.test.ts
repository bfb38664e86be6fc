import { describe, expect, it } from 'vitest';
import { toFtsQuery } from './fts-query';

describe('toFtsQuery', () => {
  it('prefix-matches every word', () => {
    expect(toFtsQuery('beach sun')).toBe('"beach"* "sun"*');
  });
  it('splits on punctuation like file names do', () => {
    expect(toFtsQuery('IMG_0042.jpg')).toBe('"IMG"* "0042"* "jpg"*');
  });
  it('neutralises FTS syntax', () => {
    expect(toFtsQuery('a AND "b" OR c:d NEAR(')).toBe('"a"* "AND"* "b"* "OR"* "c"* "d"* "NEAR"*');
  });
  it('keeps letters of every script', () => {
    expect(toFtsQuery('kesä päivä')).toBe('"kesä"* "päivä"*');
  });
  it('returns null when nothing searchable is left', () => {
    expect(toFtsQuery('  ')).toBeNull();
    expect(toFtsQuery('!!')).toBeNull();
  });
});
