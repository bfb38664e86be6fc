import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { daysBetween, minutesOfDay, moveByDrop, shiftWallTime, utcToZoned, zonedToUtc } from './schedule';

const HEL = 'Europe/Helsinki';
const NY = 'America/New_York';
const at = (date: string, time: string, zone: string) => zonedToUtc(date, time, zone).utc;

describe('daysBetween / minutesOfDay', () => {
  it('counts calendar days across months, leap days and years', () => {
    expect(daysBetween('2026-10-20', '2026-10-27')).toBe(7);
    expect(daysBetween('2028-02-28', '2028-03-01')).toBe(2);
    expect(daysBetween('2026-12-31', '2026-01-01')).toBe(-364);
    expect(minutesOfDay('00:00')).toBe(0);
    expect(minutesOfDay('23:45')).toBe(1425);
    expect(() => minutesOfDay('24:00')).toThrow(/HH:mm/);
  });
});

describe('shiftWallTime', () => {
  it('keeps 09:00 Helsinki when moved a week across the October change (the instant moves 7 days and 1 hour)', () => {
    const from = at('2026-10-20', '09:00', HEL);
    const r = shiftWallTime(from, HEL, 7, 0);
    expect(r).toEqual({ utc: '2026-10-27T07:00:00.000Z', adjusted: null });
    expect(Date.parse(r.utc) - Date.parse(from)).toBe((7 * 24 + 1) * 3_600_000);
  });

  it('moves by minutes on the wall clock and carries into the next day', () => {
    expect(utcToZoned(shiftWallTime(at('2026-06-01', '23:30', HEL), HEL, 0, 90).utc, HEL)).toMatchObject({ date: '2026-06-02', time: '01:00' });
    expect(utcToZoned(shiftWallTime(at('2026-06-01', '00:15', HEL), HEL, 0, -30).utc, HEL)).toMatchObject({ date: '2026-05-31', time: '23:45' });
  });

  it('says when the new wall time falls in the spring-forward gap (03:30 Helsinki on 29 March 2026 → 04:00)', () => {
    expect(shiftWallTime(at('2026-03-28', '03:30', HEL), HEL, 1, 0)).toEqual({ utc: '2026-03-29T01:00:00.000Z', adjusted: 'skipped' });
  });

  it('takes the first of the two 03:30s on the October change day and says so', () => {
    expect(shiftWallTime(at('2026-10-24', '03:30', HEL), HEL, 1, 0)).toEqual({ utc: '2026-10-25T00:30:00.000Z', adjusted: 'ambiguous' });
  });

  it('refuses fractions', () => {
    expect(() => shiftWallTime(at('2026-06-01', '09:00', HEL), HEL, 0.5, 0)).toThrow(/whole days/);
  });

  it('property: a move by whole days keeps the wall time, unless it lands in a gap', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 364 }), fc.integer({ min: 0, max: 95 }), fc.integer({ min: -60, max: 60 }), (day, quarter, days) => {
        const date = new Date(Date.UTC(2026, 0, 1 + day)).toISOString().slice(0, 10);
        const time = `${String(Math.floor(quarter / 4)).padStart(2, '0')}:${String((quarter % 4) * 15).padStart(2, '0')}`;
        const start = zonedToUtc(date, time, NY);
        if (start.adjusted === 'skipped') return;
        const moved = shiftWallTime(start.utc, NY, days, 0);
        if (moved.adjusted !== 'skipped') expect(utcToZoned(moved.utc, NY).time).toBe(time);
      }),
    );
  });
});

describe('moveByDrop', () => {
  it('lands where it was dropped when the viewer is in the post’s zone (week view row, across the October change)', () => {
    const from = at('2026-10-23', '09:00', HEL);
    expect(utcToZoned(moveByDrop(from, HEL, HEL, '2026-10-26', '14:15').utc, HEL)).toMatchObject({ date: '2026-10-26', time: '14:15' });
    // Month view: the day only, the time of day kept.
    expect(utcToZoned(moveByDrop(from, HEL, HEL, '2026-10-26').utc, HEL)).toMatchObject({ date: '2026-10-26', time: '09:00' });
  });

  it('keeps a Helsinki post at 09:00 Helsinki when a New York viewer drags it a day across Helsinki’s change (not New York’s)', () => {
    // 24 Oct 09:00 Helsinki is 02:00 in New York; Helsinki changes on 25 Oct, New York on 1 Nov.
    const from = at('2026-10-24', '09:00', HEL);
    expect(utcToZoned(from, NY).time).toBe('02:00');
    const r = moveByDrop(from, HEL, NY, '2026-10-25');
    expect(utcToZoned(r.utc, HEL)).toMatchObject({ date: '2026-10-25', time: '09:00' });
    // The New York viewer now sees it at 03:00: the offset between the zones changed, the post's local time did not.
    expect(utcToZoned(r.utc, NY)).toMatchObject({ date: '2026-10-25', time: '03:00' });
  });

  it('moves by the viewer’s row distance on the post’s own clock', () => {
    const from = at('2026-07-01', '09:00', HEL); // 02:00 in New York
    const r = moveByDrop(from, HEL, NY, '2026-07-02', '04:30');
    expect(utcToZoned(r.utc, HEL)).toMatchObject({ date: '2026-07-02', time: '11:30' });
  });
});
