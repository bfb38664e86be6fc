import { describe, expect, it } from 'vitest';
import { clause } from './errors';

describe('clause', () => {
  it("makes someone else's words part of our sentence: no closing '.', '!', ':', ';' or '…' of theirs", () => {
    expect(clause('Conversion failed!')).toBe('Conversion failed');
    expect(clause('  Invalid argument. ')).toBe('Invalid argument');
    expect(clause('Error opening output files:')).toBe('Error opening output files');
    expect(clause('Done?!')).toBe('Done?');
    expect(clause('Waiting…')).toBe('Waiting');
    expect(clause('moov atom not found')).toBe('moov atom not found');
    expect(clause('Unknown encoder (libx265)')).toBe('Unknown encoder (libx265)');
    // Full stops inside the words stay.
    expect(clause('v1.2.3 is too old.')).toBe('v1.2.3 is too old');
    expect(clause('')).toBe('');
  });

  it('property-like: joined into a sentence, no two punctuation marks in a row', () => {
    for (const words of ['Conversion failed!', 'Bad.', 'Oops:', 'x;', 'fine', 'a…']) {
      expect(`The export failed: ${clause(words)}. Check the media.`).not.toMatch(/[.!:;…]\s*[.!:;]/u);
    }
  });
});
