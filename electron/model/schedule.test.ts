import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CONFIRM_LATE_MINUTES,
  daysInMonth,
  isOverdue,
  lateness,
  localDateOf,
  monthGrid,
  reschedule,
  utcToZoned,
  weekDays,
  zonedToUtc,
} from './schedule';

const HEL = 'Europe/Helsinki';
const NY = 'America/New_York';
const SYD = 'Australia/Sydney';
const TYO = 'Asia/Tokyo';

describe('zonedToUtc / utcToZoned', () => {
  it('uses winter and summer offsets in Helsinki (EET +2, EEST +3)', () => {
    expect(zonedToUtc('2026-01-15', '09:00', HEL)).toEqual({ utc: '2026-01-15T07:00:00.000Z', adjusted: null });
    expect(zonedToUtc('2026-07-15', '09:00', HEL)).toEqual({ utc: '2026-07-15T06:00:00.000Z', adjusted: null });
    expect(utcToZoned('2026-07-15T06:00:00.000Z', HEL)).toEqual({ date: '2026-07-15', time: '09:00', offsetMinutes: 180 });
    expect(utcToZoned('2026-01-15T07:00:00Z', HEL)).toEqual({ date: '2026-01-15', time: '09:00', offsetMinutes: 120 });
  });

  it('moves a Helsinki time in the spring-forward gap (last Sunday of March, 03:00 → 04:00) to 04:00 and says so', () => {
    expect(zonedToUtc('2026-03-29', '02:59', HEL)).toEqual({ utc: '2026-03-29T00:59:00.000Z', adjusted: null });
    for (const t of ['03:00', '03:30', '03:59']) {
      expect(zonedToUtc('2026-03-29', t, HEL)).toEqual({ utc: '2026-03-29T01:00:00.000Z', adjusted: 'skipped' });
    }
    expect(zonedToUtc('2026-03-29', '04:00', HEL)).toEqual({ utc: '2026-03-29T01:00:00.000Z', adjusted: null });
    expect(utcToZoned('2026-03-29T01:00:00.000Z', HEL)).toEqual({ date: '2026-03-29', time: '04:00', offsetMinutes: 180 });
  });

  it('takes the first of the two Helsinki 03:xx hours on the last Sunday of October and says so', () => {
    expect(zonedToUtc('2026-10-25', '03:30', HEL)).toEqual({ utc: '2026-10-25T00:30:00.000Z', adjusted: 'ambiguous' });
    // The second 03:30 exists too (an hour later, at +2), it is just not the one chosen.
    expect(utcToZoned('2026-10-25T01:30:00.000Z', HEL)).toEqual({ date: '2026-10-25', time: '03:30', offsetMinutes: 120 });
    expect(zonedToUtc('2026-10-25', '02:59', HEL).adjusted).toBeNull();
    expect(zonedToUtc('2026-10-25', '04:00', HEL)).toEqual({ utc: '2026-10-25T02:00:00.000Z', adjusted: null });
  });

  it('handles New York (second Sunday of March 02:00 → 03:00, first Sunday of November 02:00 → 01:00)', () => {
    expect(zonedToUtc('2026-03-08', '02:30', NY)).toEqual({ utc: '2026-03-08T07:00:00.000Z', adjusted: 'skipped' });
    expect(utcToZoned('2026-03-08T07:00:00.000Z', NY)).toEqual({ date: '2026-03-08', time: '03:00', offsetMinutes: -240 });
    expect(zonedToUtc('2026-11-01', '01:30', NY)).toEqual({ utc: '2026-11-01T05:30:00.000Z', adjusted: 'ambiguous' });
    expect(zonedToUtc('2026-11-01', '09:00', NY)).toEqual({ utc: '2026-11-01T14:00:00.000Z', adjusted: null });
  });

  it('handles Sydney, where summer time runs October to April (southern hemisphere)', () => {
    expect(zonedToUtc('2026-01-10', '09:00', SYD)).toEqual({ utc: '2026-01-09T22:00:00.000Z', adjusted: null });
    expect(zonedToUtc('2026-07-10', '09:00', SYD)).toEqual({ utc: '2026-07-09T23:00:00.000Z', adjusted: null });
    // First Sunday of October: 02:00 AEST → 03:00 AEDT.
    expect(zonedToUtc('2026-10-04', '02:30', SYD)).toEqual({ utc: '2026-10-03T16:00:00.000Z', adjusted: 'skipped' });
    // First Sunday of April: 03:00 AEDT → 02:00 AEST.
    expect(zonedToUtc('2026-04-05', '02:30', SYD)).toEqual({ utc: '2026-04-04T15:30:00.000Z', adjusted: 'ambiguous' });
    expect(utcToZoned('2026-04-04T16:30:00.000Z', SYD)).toEqual({ date: '2026-04-05', time: '02:30', offsetMinutes: 600 });
  });

  it('never adjusts in Tokyo (no daylight saving)', () => {
    for (const date of ['2026-03-08', '2026-03-29', '2026-10-25', '2026-11-01']) {
      for (const time of ['00:00', '01:30', '02:30', '03:30', '23:59']) {
        expect(zonedToUtc(date, time, TYO).adjusted).toBeNull();
        expect(utcToZoned(zonedToUtc(date, time, TYO).utc, TYO)).toMatchObject({ date, time, offsetMinutes: 540 });
      }
    }
    expect(zonedToUtc('2027-01-01', '00:00', TYO).utc).toBe('2026-12-31T15:00:00.000Z');
  });

  it('moves over a whole skipped day (Samoa crossed the date line, 2011-12-30 never happened in Apia)', () => {
    expect(zonedToUtc('2011-12-30', '12:00', 'Pacific/Apia')).toEqual({ utc: '2011-12-30T10:00:00.000Z', adjusted: 'skipped' });
    expect(utcToZoned('2011-12-30T10:00:00.000Z', 'Pacific/Apia')).toMatchObject({ date: '2011-12-31', time: '00:00' });
  });

  it('refuses malformed input with a message naming the fix', () => {
    expect(() => zonedToUtc('2026-02-30', '09:00', HEL)).toThrow(/not a day of the calendar.*28 days/);
    expect(() => zonedToUtc('31.12.2026', '09:00', HEL)).toThrow(/YYYY-MM-DD/);
    expect(() => zonedToUtc('2026-12-31', '24:00', HEL)).toThrow(/HH:mm on a 24-hour clock/);
    expect(() => zonedToUtc('2026-12-31', '9:00', HEL)).toThrow(/HH:mm/);
    expect(() => zonedToUtc('2026-12-31', '09:00', 'Europe/Helsinky')).toThrow(/Unknown time zone "Europe\/Helsinky"/);
    expect(() => utcToZoned('yesterday', HEL)).toThrow(/not a UTC instant/);
  });

  it('round-trips every wall time that exists (property, across DST in six zones, biased to change days)', () => {
    const zones = fc.constantFrom(HEL, NY, SYD, TYO, 'Australia/Lord_Howe', 'America/Sao_Paulo');
    const date = fc
      .record({ y: fc.integer({ min: 1971, max: 2099 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
      .map(({ y, m, d }) => `${y}-${String(m).padStart(2, '0')}-${String(Math.min(d, daysInMonth(y, m))).padStart(2, '0')}`);
    const time = fc.record({ h: fc.integer({ min: 0, max: 23 }), min: fc.integer({ min: 0, max: 59 }) }).map(({ h, min }) => `${String(h).padStart(2, '0')}:${String(min).padStart(2, '0')}`);
    // Bias towards change days, where the bugs live.
    const changeDays = fc.constantFrom(['2026-03-29', HEL], ['2026-10-25', HEL], ['2026-03-08', NY], ['2026-11-01', NY], ['2026-10-04', SYD], ['2026-04-05', SYD]);
    const cases = fc.oneof(fc.tuple(date, time, zones), fc.tuple(changeDays, time).map(([[d, z], t]) => [d, t, z] as [string, string, string]));
    fc.assert(
      fc.property(cases, ([d, t, z]) => {
        const r = zonedToUtc(d, t, z);
        const back = utcToZoned(r.utc, z);
        if (r.adjusted === 'skipped') {
          // Not a round trip by definition: the result is the first instant after the gap, on or after the wall time.
          expect(`${back.date}T${back.time}` > `${d}T${t}`).toBe(true);
          // …and the minute before it is still before the jump, so nothing valid was jumped over.
          expect(utcToZoned(new Date(Date.parse(r.utc) - 60_000).toISOString(), z).offsetMinutes).toBeLessThan(back.offsetMinutes);
        } else {
          expect({ date: back.date, time: back.time }).toEqual({ date: d, time: t });
          if (r.adjusted === 'ambiguous') {
            // The earlier occurrence: one change-length earlier is a different wall time.
            const later = utcToZoned(new Date(Date.parse(r.utc) + 3_600_000).toISOString(), z);
            expect(later.offsetMinutes).toBeLessThan(back.offsetMinutes);
          }
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('reschedule', () => {
  it('keeps 9:00 Helsinki when dragged across the October change (UTC moves by a day and an hour)', () => {
    const at = zonedToUtc('2026-10-20', '09:00', HEL).utc;
    expect(at).toBe('2026-10-20T06:00:00.000Z');
    expect(reschedule(at, HEL, '2026-10-27')).toEqual({ utc: '2026-10-27T07:00:00.000Z', adjusted: null });
    expect(utcToZoned(reschedule(at, HEL, '2026-10-27').utc, HEL)).toMatchObject({ date: '2026-10-27', time: '09:00' });
  });

  it('keeps 9:00 New York across the March change, and 9:00 Sydney across the April change', () => {
    expect(reschedule('2026-03-06T14:00:00.000Z', NY, '2026-03-09')).toEqual({ utc: '2026-03-09T13:00:00.000Z', adjusted: null });
    expect(reschedule(zonedToUtc('2026-04-03', '09:00', SYD).utc, SYD, '2026-04-06')).toEqual({ utc: '2026-04-05T23:00:00.000Z', adjusted: null });
  });

  it('says when the kept wall time does not exist on the new day', () => {
    const at = zonedToUtc('2026-03-28', '03:30', HEL).utc;
    expect(reschedule(at, HEL, '2026-03-29')).toEqual({ utc: '2026-03-29T01:00:00.000Z', adjusted: 'skipped' });
  });
});

describe('monthGrid and weekDays', () => {
  it('gives 6 full weeks starting on the chosen weekday, marking days outside the month', () => {
    const grid = monthGrid(2026, 3, HEL, 1);
    expect(grid).toHaveLength(6);
    expect(grid.every((w) => w.length === 7 && w[0]!.weekday === 1)).toBe(true);
    // 1 March 2026 is a Sunday: a Monday-first grid starts on 23 February.
    expect(grid[0]![0]!.date).toBe('2026-02-23');
    expect(grid[0]![6]).toMatchObject({ date: '2026-03-01', inMonth: true, weekday: 0 });
    expect(grid[0]![5]!.inMonth).toBe(false);
    expect(grid[5]![6]).toMatchObject({ date: '2026-04-05', inMonth: false });
    expect(grid.flat().filter((d) => d.inMonth)).toHaveLength(31);
    const sundayFirst = monthGrid(2026, 3, HEL, 0);
    expect(sundayFirst[0]![0]).toMatchObject({ date: '2026-03-01', weekday: 0 });
  });

  it('spans each day in the zone: 23 hours on the spring change, 25 on the autumn one, 24 in Tokyo', () => {
    const hours = (d: { startUtc: string; endUtc: string }) => (Date.parse(d.endUtc) - Date.parse(d.startUtc)) / 3_600_000;
    const march = monthGrid(2026, 3, HEL, 1).flat();
    expect(march.find((d) => d.date === '2026-03-29')).toMatchObject({ startUtc: '2026-03-28T22:00:00.000Z', endUtc: '2026-03-29T21:00:00.000Z' });
    expect(hours(march.find((d) => d.date === '2026-03-29')!)).toBe(23);
    expect(hours(march.find((d) => d.date === '2026-03-28')!)).toBe(24);
    expect(hours(monthGrid(2026, 10, HEL, 1).flat().find((d) => d.date === '2026-10-25')!)).toBe(25);
    expect(monthGrid(2026, 3, TYO, 1).flat().every((d) => hours(d) === 24)).toBe(true);
    // Consecutive days tile time with no gap or overlap.
    for (let i = 1; i < march.length; i++) expect(march[i]!.startUtc).toBe(march[i - 1]!.endUtc);
  });

  it('gives the week holding a date, across a year end', () => {
    const week = weekDays('2027-01-01', SYD, 1);
    expect(week.map((d) => d.date)).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(week[0]!.startUtc).toBe('2026-12-27T13:00:00.000Z');
    expect(weekDays('2026-11-01', NY, 0)[0]).toMatchObject({ date: '2026-11-01', weekday: 0, startUtc: '2026-11-01T04:00:00.000Z', endUtc: '2026-11-02T05:00:00.000Z' });
  });

  it('buckets a post into the day it happens on in the zone, not in UTC', () => {
    expect(localDateOf('2026-12-31T23:30:00.000Z', HEL)).toBe('2027-01-01');
    expect(localDateOf('2026-12-31T23:30:00.000Z', NY)).toBe('2026-12-31');
  });

  it('refuses a bad week start or month', () => {
    expect(() => monthGrid(2026, 13, HEL, 1)).toThrow(/month 1–12/);
    expect(() => weekDays('2026-03-01', HEL, 7)).toThrow(/0 \(Sunday\) to 6/);
  });
});

describe('isOverdue and lateness', () => {
  const at = '2026-12-31T07:15:00.000Z';
  it('is not overdue before or at its time, nor within the grace', () => {
    expect(isOverdue(at, new Date('2026-12-31T07:00:00Z'), 0)).toBe(false);
    expect(isOverdue(at, new Date(at), 0)).toBe(false);
    expect(isOverdue(at, new Date('2026-12-31T07:20:00Z'), 5)).toBe(false);
    expect(isOverdue(at, new Date('2026-12-31T07:20:00.001Z'), 5)).toBe(true);
    expect(isOverdue(at, new Date('2026-12-31T07:15:01Z'), 0)).toBe(true);
    expect(() => isOverdue(at, new Date(), -1)).toThrow(/0 or more/);
  });

  it('counts whole minutes late, 0 while not yet due, and marks the one-hour confirmation line', () => {
    expect(lateness(at, new Date('2026-12-31T07:00:00Z'))).toBe(0);
    expect(lateness(at, new Date('2026-12-31T07:15:59Z'))).toBe(0);
    expect(lateness(at, new Date('2026-12-31T07:16:00Z'))).toBe(1);
    expect(lateness(at, new Date('2026-12-31T09:15:00Z'))).toBe(120);
    expect(lateness(at, new Date('2026-12-31T08:15:00Z'))).toBe(CONFIRM_LATE_MINUTES);
  });
});

describe('errors', () => {
  it('are typed invalid_input AppErrors, so the API router passes their message to the user', () => {
    expect(() => zonedToUtc('2026-12-31', '09:00', 'Nowhere/Land')).toThrow(expect.objectContaining({ code: 'invalid_input' }) as Error);
    expect(() => isOverdue('not a time', new Date(), 0)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/not a UTC instant/) as string }) as Error);
  });
});
