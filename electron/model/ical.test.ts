import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { escapeText, foldLine, formatUtcDateTime, toICalendar, type ICalPost } from './ical';

const now = new Date('2026-11-26T10:00:00.000Z');
const octets = (s: string) => new TextEncoder().encode(s).length;
/** RFC 5545 unfolding: a CRLF followed by one space or tab is removed. */
const unfold = (s: string) => s.replace(/\r\n[ \t]/g, '');

describe('toICalendar', () => {
  it('writes the exact calendar for a small schedule (time order, unscheduled posts left out)', () => {
    const posts: ICalPost[] = [
      { id: 'p2', title: 'Launch teaser', scheduledAt: '2026-12-31T07:15:00.000Z', timeZone: 'Europe/Helsinki', channels: ['TikTok', 'Instagram Reel'], campaign: 'Winter' },
      { id: 'p3', title: 'Not yet', scheduledAt: null, timeZone: 'Europe/Helsinki', channels: ['X'] },
      { id: 'p1', title: 'Behind the scenes', scheduledAt: '2026-12-01T14:00:00Z', timeZone: 'America/New_York', channels: ['YouTube Shorts'] },
    ];
    expect(toICalendar(posts, now)).toBe(
      [
        'BEGIN:VCALENDAR',
        'PRODID:-//Postframe//Publish schedule//EN',
        'VERSION:2.0',
        'CALSCALE:GREGORIAN',
        'METHOD:PUBLISH',
        'BEGIN:VEVENT',
        'UID:p1@postframe',
        'DTSTAMP:20261126T100000Z',
        'DTSTART:20261201T140000Z',
        'DURATION:PT15M',
        'SUMMARY:Behind the scenes',
        'DESCRIPTION:Channels: YouTube Shorts\\nScheduled: 2026-12-01 09:00 America/N',
        ' ew_York',
        'END:VEVENT',
        'BEGIN:VEVENT',
        'UID:p2@postframe',
        'DTSTAMP:20261126T100000Z',
        'DTSTART:20261231T071500Z',
        'DURATION:PT15M',
        'SUMMARY:Launch teaser',
        'DESCRIPTION:Channels: TikTok\\, Instagram Reel\\nCampaign: Winter\\nScheduled:',
        '  2026-12-31 09:15 Europe/Helsinki',
        'CATEGORIES:Winter',
        'END:VEVENT',
        'END:VCALENDAR',
        '',
      ].join('\r\n'),
    );
  });

  it('writes an empty calendar when nothing is scheduled', () => {
    expect(toICalendar([], now)).toBe('BEGIN:VCALENDAR\r\nPRODID:-//Postframe//Publish schedule//EN\r\nVERSION:2.0\r\nCALSCALE:GREGORIAN\r\nMETHOD:PUBLISH\r\nEND:VCALENDAR\r\n');
  });

  it('escapes text in summary, categories and uid, and uses CRLF only', () => {
    const ics = toICalendar(
      [{ id: 'a;b', title: 'Sale; 50% off, today\\only\nline 2', scheduledAt: '2027-01-02T08:00:00Z', timeZone: 'Asia/Tokyo', channels: [], campaign: 'Q1, "New" year' }],
      now,
    );
    const lines = unfold(ics).split('\r\n');
    expect(lines).toContain('UID:a\\;b@postframe');
    expect(lines).toContain('SUMMARY:Sale\\; 50% off\\, today\\\\only\\nline 2');
    expect(lines).toContain('CATEGORIES:Q1\\, "New" year');
    expect(lines).toContain('DESCRIPTION:Channels: none\\nCampaign: Q1\\, "New" year\\nScheduled: 2027-01-02 17:00 Asia/Tokyo');
    expect(ics.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
  });

  it('folds long Finnish and emoji titles without breaking a character, and unfolds back to the title', () => {
    const title = 'Äänitysstudion kulissien takana: näin syntyy kesän iloisin kappale 🎶🎉 — jäätelöä ja yöttömän yön tunnelmaa 🇫🇮';
    const ics = toICalendar([{ id: 'fi', title, scheduledAt: '2027-06-21T09:00:00Z', timeZone: 'Europe/Helsinki', channels: ['Instagram Reel'] }], now);
    const physical = ics.split('\r\n');
    expect(physical.every((l) => octets(l) <= 75)).toBe(true);
    expect(physical.filter((l) => l.startsWith(' ')).length).toBeGreaterThan(1);
    // No physical line holds a lone surrogate, i.e. no emoji was cut between its UTF-16 halves.
    expect(physical.every((l) => !/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/.test(l))).toBe(true);
    expect(unfold(ics).split('\r\n')).toContain(`SUMMARY:${title}`);
  });
});

describe('foldLine', () => {
  it('leaves a 75-octet line alone and folds a 76-octet one', () => {
    expect(foldLine('x'.repeat(75))).toBe('x'.repeat(75));
    expect(foldLine('x'.repeat(76))).toBe(`${'x'.repeat(75)}\r\n x`);
    // Continuation lines carry 74 octets after their leading space.
    expect(foldLine('x'.repeat(75 + 74 + 1))).toBe(`${'x'.repeat(75)}\r\n ${'x'.repeat(74)}\r\n x`);
  });

  it('moves a 2-byte ä or a 4-byte emoji that would straddle octet 75 to the next line whole', () => {
    expect(foldLine(`${'x'.repeat(74)}ä`)).toBe(`${'x'.repeat(74)}\r\n ä`);
    expect(foldLine(`${'x'.repeat(73)}ä`)).toBe(`${'x'.repeat(73)}ä`);
    expect(foldLine(`${'x'.repeat(72)}😀y`)).toBe(`${'x'.repeat(72)}\r\n 😀y`);
    expect(foldLine(`${'x'.repeat(71)}😀y`)).toBe(`${'x'.repeat(71)}😀\r\n y`);
  });

  it('always gives lines of at most 75 octets of valid UTF-8 that unfold to the input (property)', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 300 }), (s) => {
        const folded = foldLine(s);
        const lines = folded.split('\r\n');
        for (const l of lines) {
          expect(octets(l)).toBeLessThanOrEqual(75);
          // A lone surrogate (half an emoji) would encode as U+FFFD and not decode back to the same line.
          expect(new TextDecoder('utf-8', { fatal: true }).decode(new TextEncoder().encode(l))).toBe(l);
        }
        expect(unfold(folded)).toBe(s);
      }),
      { numRuns: 500 },
    );
  });
});

describe('escapeText and formatUtcDateTime', () => {
  it('escapes backslash first so escapes are not doubled, and maps every line break to \\n', () => {
    expect(escapeText('a\\,b')).toBe('a\\\\\\,b');
    expect(escapeText('1\r\n2\r3\n4')).toBe('1\\n2\\n3\\n4');
    expect(escapeText('tab\tok\u0007bell')).toBe('tab\tokbell');
  });

  it('formats UTC date-times and refuses a non-time', () => {
    expect(formatUtcDateTime('2026-03-29T01:00:00.000Z')).toBe('20260329T010000Z');
    expect(formatUtcDateTime(new Date('2026-03-29T04:00:00+03:00'))).toBe('20260329T010000Z');
    expect(() => formatUtcDateTime('soon')).toThrow(/not a time/);
  });
});
