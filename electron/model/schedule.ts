import { AppError } from './errors';

/**
 * Time maths for the publish calendar. Posts store a UTC instant plus the IANA zone the user chose the time in
 * (see post.ts); everything here converts between the two using only the platform's Intl time-zone data, so
 * the model needs no tz library and agrees with what the renderer's Intl shows.
 *
 * Wall times are 'YYYY-MM-DD' and 'HH:mm' strings (what date and time inputs give), UTC instants are ISO-8601
 * strings ending in Z (what `Date.prototype.toISOString` gives, and what the Post schema stores).
 */

const MINUTE = 60_000;
const DAY = 86_400_000;

export type LocalDate = string;
export type LocalTime = string;

/** How a wall time was moved to make it a real instant: a spring-forward gap, or an autumn repeat. */
export type Adjustment = null | 'skipped' | 'ambiguous';

export interface ZonedToUtcResult {
  utc: string;
  /**
   * 'skipped': the wall time does not exist (clocks jumped over it); utc is the first instant after the jump.
   * 'ambiguous': the wall time happens twice (clocks went back); utc is the first (earlier) occurrence.
   */
  adjusted: Adjustment;
}

export interface ZonedWallTime {
  date: LocalDate;
  time: LocalTime;
  /** Minutes east of UTC at that instant (Helsinki in summer: 180; New York in winter: -300). */
  offsetMinutes: number;
}

/** One formatter per zone: constructing Intl.DateTimeFormat is far slower than formatting with one. */
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        calendar: 'gregory',
        numberingSystem: 'latn',
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        era: 'short',
      });
    } catch {
      throw new AppError('invalid_input', `Unknown time zone "${zone}": use an IANA zone name such as "Europe/Helsinki" or "America/New_York".`);
    }
    formatters.set(zone, f);
  }
  return f;
}

/** Throws an invalid_input AppError naming the fix when `zone` is not a time zone this platform knows. */
export function assertTimeZone(zone: string): void {
  formatterFor(zone);
}

/** The zone's wall clock at `ms` as if it were a UTC timestamp (so `wall - ms` is the offset). */
function wallClockMs(ms: number, zone: string): number {
  const parts = formatterFor(zone).formatToParts(new Date(ms));
  const get = (type: Intl.DateTimeFormatPartTypes): number => Number(parts.find((p) => p.type === type)?.value);
  let year = get('year');
  if (parts.find((p) => p.type === 'era')?.value === 'BC') year = 1 - year;
  const wall = new Date(0);
  wall.setUTCFullYear(year, get('month') - 1, get('day'));
  wall.setUTCHours(get('hour'), get('minute'), get('second'), 0);
  return wall.getTime();
}

/** Offset from UTC in milliseconds at instant `ms` (whole seconds: the formatter has no milliseconds). */
function offsetMs(ms: number, zone: string): number {
  const whole = Math.floor(ms / 1000) * 1000;
  return wallClockMs(whole, zone) - whole;
}

function parseLocalDate(date: LocalDate): { y: number; m: number; d: number } {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) throw new AppError('invalid_input', `"${date}" is not a date: write it as YYYY-MM-DD, for example 2026-12-31.`);
  const [y, m, d] = [Number(match[1]), Number(match[2]), Number(match[3])];
  if (m < 1 || m > 12 || d < 1 || d > daysInMonth(y, m)) {
    throw new AppError('invalid_input', `"${date}" is not a day of the calendar: check the month (01–12) and the day (this month has ${m >= 1 && m <= 12 ? daysInMonth(y, m) : 'at most 31'} days).`);
  }
  return { y, m, d };
}

function parseLocalTime(time: LocalTime): { h: number; min: number } {
  const match = /^(\d{2}):(\d{2})$/.exec(time);
  const h = Number(match?.[1]);
  const min = Number(match?.[2]);
  if (!match || h > 23 || min > 59) throw new AppError('invalid_input', `"${time}" is not a time: write it as HH:mm on a 24-hour clock, for example 09:15.`);
  return { h, min };
}

export function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** The wall time as if it were UTC: the arithmetic base every conversion starts from. */
function wallMsOf(date: LocalDate, time: LocalTime): number {
  const { y, m, d } = parseLocalDate(date);
  const { h, min } = parseLocalTime(time);
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, d);
  wall.setUTCHours(h, min, 0, 0);
  return wall.getTime();
}

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function formatDateOfWall(wall: Date): LocalDate {
  return `${pad(wall.getUTCFullYear(), 4)}-${pad(wall.getUTCMonth() + 1)}-${pad(wall.getUTCDate())}`;
}

/**
 * The UTC instant of a wall time in `zone`. A time that the clocks skip (spring forward) becomes the first
 * valid instant after the jump (02:30 in New York on the March change becomes 03:00 EDT); a time that happens
 * twice (autumn) becomes its first occurrence. Either case says so in `adjusted`, so the UI can tell the user.
 */
export function zonedToUtc(date: LocalDate, time: LocalTime, zone: string): ZonedToUtcResult {
  const wall = wallMsOf(date, time);
  // Offsets in force around this wall time: zone changes are never closer together than a day, so the offsets a
  // day either side cover both sides of any change that could touch it.
  const offsets = new Set([offsetMs(wall - DAY, zone), offsetMs(wall, zone), offsetMs(wall + DAY, zone)]);
  const valid = [...offsets].map((o) => wall - o).filter((utc) => offsetMs(utc, zone) === wall - utc);
  const unique = [...new Set(valid)].sort((a, b) => a - b);
  if (unique.length > 0) {
    return { utc: new Date(unique[0]!).toISOString(), adjusted: unique.length > 1 ? 'ambiguous' : null };
  }
  // In a gap: with the offset from after the jump the instant falls before the change, with the one from before
  // it falls after; the change itself (the first instant that exists again) lies between. Changes happen on
  // whole minutes, so search minutes.
  const sorted = [...offsets].sort((a, b) => b - a);
  let lo = Math.floor((wall - sorted[0]!) / MINUTE);
  let hi = Math.ceil((wall - sorted[sorted.length - 1]!) / MINUTE);
  const before = offsetMs(lo * MINUTE, zone);
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (offsetMs(mid * MINUTE, zone) === before) lo = mid;
    else hi = mid;
  }
  return { utc: new Date(hi * MINUTE).toISOString(), adjusted: 'skipped' };
}

function parseUtc(utc: string): number {
  const ms = Date.parse(utc);
  if (!/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/.test(utc) || Number.isNaN(ms)) {
    throw new AppError('invalid_input', `"${utc}" is not a UTC instant: expected ISO-8601 such as 2026-12-31T07:15:00.000Z.`);
  }
  return ms;
}

/** The wall date and time (to the minute) of a UTC instant in `zone`, with the offset in force then. */
export function utcToZoned(utc: string, zone: string): ZonedWallTime {
  const ms = parseUtc(utc);
  const wall = new Date(wallClockMs(Math.floor(ms / 1000) * 1000, zone));
  return {
    date: formatDateOfWall(wall),
    time: `${pad(wall.getUTCHours())}:${pad(wall.getUTCMinutes())}`,
    offsetMinutes: Math.round(offsetMs(ms, zone) / MINUTE),
  };
}

/**
 * Moves a post to another day keeping its wall time in its zone: 9:00 in Helsinki stays 9:00 in Helsinki when
 * dragged across the October change (the UTC instant moves by a day and an hour). If the wall time does not
 * exist on the new day, `adjusted` says so (see zonedToUtc).
 */
export function reschedule(scheduledAt: string, timeZone: string, newLocalDate: LocalDate): ZonedToUtcResult {
  const { time } = utcToZoned(scheduledAt, timeZone);
  return zonedToUtc(newLocalDate, time, timeZone);
}

/** Minutes since midnight of a wall time ("09:30" → 570). */
export function minutesOfDay(time: LocalTime): number {
  const { h, min } = parseLocalTime(time);
  return h * 60 + min;
}

/** Calendar days from `from` to `to` (negative when `to` is earlier), whatever the zone's clock changes. */
export function daysBetween(from: LocalDate, to: LocalDate): number {
  return Math.round((wallMsOf(to, '00:00') - wallMsOf(from, '00:00')) / DAY);
}

/**
 * Moves a post by whole days and minutes on the wall clock of its own zone: 09:00 in Helsinki moved by one day
 * is 09:00 in Helsinki the next day even when the clocks change in between (the instant then moves by 23 or
 * 25 hours), and moved by +90 minutes it is 10:30. A wall time the move lands in that does not exist or exists
 * twice is resolved as zonedToUtc does, and `adjusted` says so.
 */
export function shiftWallTime(scheduledAt: string, timeZone: string, days: number, minutes: number): ZonedToUtcResult {
  if (!Number.isInteger(days) || !Number.isInteger(minutes)) throw new AppError('invalid_input', `Move by whole days and minutes (got ${days} days, ${minutes} minutes).`);
  const w = utcToZoned(scheduledAt, timeZone);
  const moved = new Date(wallMsOf(w.date, w.time) + days * DAY + minutes * MINUTE);
  return zonedToUtc(formatDateOfWall(moved), `${pad(moved.getUTCHours())}:${pad(moved.getUTCMinutes())}`, timeZone);
}

/**
 * A post dropped on a calendar that shows `viewZone`: on the day `date` (month view) or at the time-of-day row
 * `time` of that day (week view). The distance of the drag as the viewer saw it (days, and minutes when a time
 * is given) is applied on the wall clock of the POST's zone (shiftWallTime), and the post keeps its zone. So
 * a drag never turns a Helsinki post into a New York one, and a drag by whole days keeps its local time across
 * any daylight-saving change in either zone. When both zones are the same (the usual case) the post lands
 * exactly where it was dropped.
 */
export function moveByDrop(scheduledAt: string, timeZone: string, viewZone: string, date: LocalDate, time?: LocalTime): ZonedToUtcResult {
  const seen = utcToZoned(scheduledAt, viewZone);
  const minutes = time === undefined ? 0 : minutesOfDay(time) - minutesOfDay(seen.time);
  return shiftWallTime(scheduledAt, timeZone, daysBetween(seen.date, date), minutes);
}

/** 0 = Sunday … 6 = Saturday, as Date.getUTCDay counts. */
export type Weekday = 0 | 1 | 2 | 3 | 4 | 5 | 6;

export interface CalendarDay {
  date: LocalDate;
  /** 0 = Sunday … 6 = Saturday. */
  weekday: Weekday;
  /** False for the leading and trailing days of neighbouring months in a month grid. */
  inMonth: boolean;
  /**
   * The day's span as UTC instants, start inclusive and end exclusive: 23 or 25 hours on a change day, so posts
   * are bucketed by the day they happen on in the zone, not in UTC.
   */
  startUtc: string;
  endUtc: string;
}

function addDays(date: LocalDate, days: number): LocalDate {
  const { y, m, d } = parseLocalDate(date);
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, d + days);
  return formatDateOfWall(wall);
}

function weekdayOf(date: LocalDate): Weekday {
  const { y, m, d } = parseLocalDate(date);
  const wall = new Date(0);
  wall.setUTCFullYear(y, m - 1, d);
  return wall.getUTCDay() as Weekday;
}

function assertWeekStart(weekStartsOn: number): asserts weekStartsOn is Weekday {
  if (!Number.isInteger(weekStartsOn) || weekStartsOn < 0 || weekStartsOn > 6) {
    throw new AppError('invalid_input', `weekStartsOn is ${weekStartsOn}: use 0 (Sunday) to 6 (Saturday); 1 is Monday.`);
  }
}

function calendarDay(date: LocalDate, zone: string, inMonth: boolean): CalendarDay {
  // Midnight can itself fall in a gap in a few zones; zonedToUtc then gives the first instant of the day.
  return {
    date,
    weekday: weekdayOf(date),
    inMonth,
    startUtc: zonedToUtc(date, '00:00', zone).utc,
    endUtc: zonedToUtc(addDays(date, 1), '00:00', zone).utc,
  };
}

function startOfWeek(date: LocalDate, weekStartsOn: Weekday): LocalDate {
  return addDays(date, -((weekdayOf(date) - weekStartsOn + 7) % 7));
}

/**
 * The month view: always 6 weeks of 7 days (the grid keeps its height from month to month, so nothing jumps
 * when the user pages through months), starting on `weekStartsOn`. `month` is 1–12.
 */
export function monthGrid(year: number, month: number, zone: string, weekStartsOn: number): CalendarDay[][] {
  assertTimeZone(zone);
  assertWeekStart(weekStartsOn);
  if (!Number.isInteger(year) || !Number.isInteger(month) || month < 1 || month > 12 || year < 1 || year > 9999) {
    throw new AppError('invalid_input', `${year}-${month} is not a month: the year is 1–9999 and the month 1–12.`);
  }
  const first = `${pad(year, 4)}-${pad(month)}-01`;
  const start = startOfWeek(first, weekStartsOn);
  const weeks: CalendarDay[][] = [];
  for (let w = 0; w < 6; w++) {
    const week: CalendarDay[] = [];
    for (let i = 0; i < 7; i++) {
      const date = addDays(start, w * 7 + i);
      week.push(calendarDay(date, zone, parseLocalDate(date).m === month));
    }
    weeks.push(week);
  }
  return weeks;
}

/** The week view: the 7 days of the week holding `date`, starting on `weekStartsOn`. */
export function weekDays(date: LocalDate, zone: string, weekStartsOn: number): CalendarDay[] {
  assertTimeZone(zone);
  assertWeekStart(weekStartsOn);
  const start = startOfWeek(date, weekStartsOn);
  return Array.from({ length: 7 }, (_, i) => calendarDay(addDays(start, i), zone, true));
}

/** The wall date a UTC instant falls on in `zone`: the key for putting a post in a calendar cell. */
export function localDateOf(utc: string, zone: string): LocalDate {
  return utcToZoned(utc, zone).date;
}

/** The scheduler asks before delivering a post later than this (see issue 4: "more than an hour late"). */
export const CONFIRM_LATE_MINUTES = 60;

/**
 * Whole minutes `now` is past `scheduledAt` (0 while the post is not yet due): how late a delivery would be.
 * Rounded down, so a post one second late is 0 minutes late, not 1.
 */
export function lateness(scheduledAt: string, now: Date): number {
  return Math.max(0, Math.floor((now.getTime() - parseUtc(scheduledAt)) / MINUTE));
}

/**
 * True when a post is more than `graceMinutes` past its time. The grace lets the scheduler's own tick deliver
 * a post that came due a moment ago without calling it overdue (a post due exactly now is never overdue).
 */
export function isOverdue(scheduledAt: string, now: Date, graceMinutes: number): boolean {
  if (!(graceMinutes >= 0)) throw new AppError('invalid_input', `graceMinutes is ${graceMinutes}: use 0 or more minutes.`);
  return now.getTime() - parseUtc(scheduledAt) > graceMinutes * MINUTE;
}
