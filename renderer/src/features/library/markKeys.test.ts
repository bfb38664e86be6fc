import { describe, expect, it } from 'vitest';
import { markForKey } from './markKeys';

const key = (k: string, mods: Partial<{ ctrlKey: boolean; metaKey: boolean; altKey: boolean }> = {}) => ({ key: k, ctrlKey: false, metaKey: false, altKey: false, ...mods });

describe('rating and label keys', () => {
  it('0–5 rate, 6–9 label red, yellow, green, blue', () => {
    expect(markForKey(key('0'), [])).toEqual({ kind: 'rating', rating: 0 });
    expect(markForKey(key('5'), [])).toEqual({ kind: 'rating', rating: 5 });
    expect(['6', '7', '8', '9'].map((k) => markForKey(key(k), [null]))).toEqual(['red', 'yellow', 'green', 'blue'].map((label) => ({ kind: 'label', label })));
  });

  it('a label key on a selection that all wears that label takes it off; a mixed selection gets it', () => {
    expect(markForKey(key('6'), ['red', 'red'])).toEqual({ kind: 'label', label: null });
    expect(markForKey(key('6'), ['red', 'blue'])).toEqual({ kind: 'label', label: 'red' });
  });

  it('leaves modified keys and other keys alone', () => {
    expect(markForKey(key('1', { ctrlKey: true }), [])).toBeNull();
    expect(markForKey(key('5', { altKey: true }), [])).toBeNull();
    expect(markForKey(key('a'), [])).toBeNull();
    expect(markForKey(key('F5'), [])).toBeNull();
  });
});
