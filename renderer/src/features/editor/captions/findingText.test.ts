import { describe, expect, it } from 'vitest';
import { pastLimit } from './findingText';

describe('pastLimit', () => {
  it('never rounds a value onto the allowed side of its limit', () => {
    expect(pastLimit(17.05, 17, true)).toBe(17.1);
    expect(pastLimit(17.004, 17, true)).toBe(17.004);
    expect(pastLimit(21.4, 17, true)).toBe(21);
    expect(pastLimit(0.79, 0.8, false, 1)).toBe(0.79);
    expect(pastLimit(0.5, 0.8, false, 1)).toBe(0.5);
  });
});
