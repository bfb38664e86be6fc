import { describe, expect, it } from 'vitest';
import { libraryFamilies } from './fontFamilies';

describe('libraryFamilies (the inspector font picker)', () => {
  it('lists each library family once (case-insensitively), sorted, leaving built-in names to the built-ins', () => {
    expect(libraryFamilies(['Lobster', 'Brand Sans', 'brand sans', 'Lobster', 'dejavu sans'])).toEqual(['Brand Sans', 'Lobster']);
    expect(libraryFamilies([])).toEqual([]);
  });
});
