import { describe, expect, it } from 'vitest';
import { licenceState } from './policy';

describe('licenceState', () => {
  const now = new Date('2026-11-30T12:00:00Z');
  it('has no state without a date, and counts a bare date to the end of that day (UTC)', () => {
    expect(licenceState(null, now)).toBe('none');
    expect(licenceState('', now)).toBe('none');
    expect(licenceState('2026-11-30', now)).toBe('soon');
    expect(licenceState('2026-11-29', now)).toBe('expired');
    expect(licenceState('2026-11-30', new Date('2026-12-01T00:00:00Z'))).toBe('expired');
  });
  it('says "soon" within 30 days and "valid" after, and treats an unreadable date as expired (the policy blocks it)', () => {
    expect(licenceState('2026-12-29', now)).toBe('soon');
    expect(licenceState('2027-01-15', now)).toBe('valid');
    expect(licenceState('someday', now)).toBe('expired');
  });
});
