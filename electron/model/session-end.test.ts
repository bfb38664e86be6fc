import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeSessionEnd, parseSessionEnd, type SessionEnd } from './session-end';

describe('session end reasons', () => {
  it('round-trips every reason, the library name too', () => {
    const ends: SessionEnd[] = [
      { why: 'signed_out' }, { why: 'everywhere' }, { why: 'password_changed' }, { why: 'password_reset' }, { why: 'disabled' }, { why: 'expired' },
      { why: 'library_opened', library: 'Acme: Spring 2027' },
    ];
    for (const e of ends) expect(parseSessionEnd(encodeSessionEnd(e))).toEqual(e);
  });
  it('reads anything else as no reason', () => {
    for (const r of ['', 'Your session ended (signed out, disabled or password changed). Sign in again.', 'disabled:x', 'hacked', 'expired:']) expect(parseSessionEnd(r)).toBeNull();
    expect(parseSessionEnd('library_opened')).toEqual({ why: 'library_opened', library: '' });
  });
  it('always fits a close frame (123 bytes), cutting a long name at whole characters', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), (library) => {
        const text = encodeSessionEnd({ why: 'library_opened', library });
        expect(new TextEncoder().encode(text).length).toBeLessThanOrEqual(123);
        const back = parseSessionEnd(text);
        expect(back?.why).toBe('library_opened');
        expect(library.startsWith((back as { library: string }).library)).toBe(true);
      }),
    );
  });
});
