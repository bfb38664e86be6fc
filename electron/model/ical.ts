import { AppError } from './errors';
import { utcToZoned } from './schedule';

/**
 * The publish schedule as an iCalendar file (RFC 5545) for Google Calendar, Outlook and Apple Calendar.
 * Times are written in UTC (DTSTART:…Z), which every client reads without a VTIMEZONE block; the zone the
 * user chose is named in the description so the wall time they picked is still visible.
 */

export interface ICalPost {
  id: string;
  title: string;
  /** UTC instant; posts without one are not scheduled and are left out. */
  scheduledAt: string | null;
  timeZone: string;
  /** What to show for each target channel (labels such as "Instagram Reel", or channel ids). */
  channels: readonly string[];
  /** Campaign name, if the post belongs to one. */
  campaign?: string | null;
}

export const ICAL_PRODID = '-//Postframe//Publish schedule//EN';
/** Long enough to show as a block in a day view; a post is an instant, not a meeting. */
export const ICAL_EVENT_DURATION = 'PT15M';
const MAX_LINE_OCTETS = 75;

/** TEXT value escaping (RFC 5545 §3.3.11): backslash, semicolon, comma and line breaks. */
export function escapeText(value: string): string {
  return (
    value
      .replace(/\\/g, '\\\\')
      .replace(/;/g, '\\;')
      .replace(/,/g, '\\,')
      .replace(/\r\n|\r|\n/g, '\\n')
      // Other control characters are not allowed in TEXT (only HTAB is); drop them rather than write an invalid file.
      // eslint-disable-next-line no-control-regex
      .replace(/[\u0000-\u0008\u000b-\u001f\u007f]/g, '')
  );
}

function utf8Length(codePoint: number): number {
  return codePoint < 0x80 ? 1 : codePoint < 0x800 ? 2 : codePoint < 0x10000 ? 3 : 4;
}

/**
 * Folds a content line at 75 octets (RFC 5545 §3.1): continuation lines start with one space, which counts
 * towards their 75. Splits only between code points, so a multibyte character (ä, an emoji) is never cut in
 * half and each physical line stays valid UTF-8.
 */
export function foldLine(line: string): string {
  const out: string[] = [];
  let current = '';
  let octets = 0;
  for (const ch of line) {
    const size = utf8Length(ch.codePointAt(0)!);
    if (octets + size > MAX_LINE_OCTETS) {
      out.push(current);
      current = ' ';
      octets = 1;
    }
    current += ch;
    octets += size;
  }
  out.push(current);
  return out.join('\r\n');
}

/** 2026-12-31T07:15:00.000Z → 20261231T071500Z (DATE-TIME in UTC form, RFC 5545 §3.3.5). */
export function formatUtcDateTime(instant: string | Date): string {
  const date = typeof instant === 'string' ? new Date(instant) : instant;
  if (Number.isNaN(date.getTime())) throw new AppError('invalid_input', `"${String(instant)}" is not a time: expected an ISO-8601 UTC instant.`);
  return date.toISOString().replace(/\.\d{3}Z$/, 'Z').replace(/[-:]/g, '');
}

function eventLines(post: ICalPost & { scheduledAt: string }, stamp: string): string[] {
  const local = utcToZoned(post.scheduledAt, post.timeZone);
  const description = [
    `Channels: ${post.channels.length > 0 ? post.channels.join(', ') : 'none'}`,
    ...(post.campaign ? [`Campaign: ${post.campaign}`] : []),
    `Scheduled: ${local.date} ${local.time} ${post.timeZone}`,
  ].join('\n');
  return [
    'BEGIN:VEVENT',
    `UID:${escapeText(`${post.id}@postframe`)}`,
    `DTSTAMP:${stamp}`,
    `DTSTART:${formatUtcDateTime(post.scheduledAt)}`,
    `DURATION:${ICAL_EVENT_DURATION}`,
    `SUMMARY:${escapeText(post.title)}`,
    `DESCRIPTION:${escapeText(description)}`,
    ...(post.campaign ? [`CATEGORIES:${escapeText(post.campaign)}`] : []),
    'END:VEVENT',
  ];
}

/**
 * One VEVENT per scheduled post, in time order (then by id, so the same schedule always gives the same file).
 * `now` is the DTSTAMP: when this copy of the schedule was made; `name` names the calendar (e.g. the campaign).
 */
export function toICalendar(posts: readonly ICalPost[], now: Date, name?: string): string {
  const stamp = formatUtcDateTime(now);
  const scheduled = posts
    .filter((p): p is ICalPost & { scheduledAt: string } => p.scheduledAt !== null)
    .sort((a, b) => Date.parse(a.scheduledAt) - Date.parse(b.scheduledAt) || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const lines = [
    'BEGIN:VCALENDAR',
    `PRODID:${ICAL_PRODID}`,
    'VERSION:2.0',
    'CALSCALE:GREGORIAN',
    'METHOD:PUBLISH',
    // The name a calendar app gives the subscription (Apple, Google and Outlook read X-WR-CALNAME).
    ...(name ? [`X-WR-CALNAME:${escapeText(name)}`] : []),
    ...scheduled.flatMap((p) => eventLines(p, stamp)),
    'END:VCALENDAR',
  ];
  // Every content line ends in CRLF, the last one included.
  return lines.map(foldLine).join('\r\n') + '\r\n';
}
