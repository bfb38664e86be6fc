import { describe, expect, it } from 'vitest';
import { signedOutText } from './openLibraryLogic';

describe('signedOutText', () => {
  it('names one, a few, or two and how many more', () => {
    expect(signedOutText(['Cleo'])).toBe('Cleo is signed in and will be signed out.');
    expect(signedOutText(['Ana', 'Ben', 'Cleo'])).toBe('Ana, Ben and Cleo are signed in and will be signed out.');
    expect(signedOutText(['Ana', 'Ben', 'Cleo', 'Dee'])).toBe('Ana, Ben and 2 other people are signed in and will be signed out.');
  });
});
