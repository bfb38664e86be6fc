import { describe, expect, it } from 'vitest';
import { formatBytes, formatClock, formatDateTime, formatDimensions, formatDuration, formatFps, formatWhen } from './format';

describe('formatBytes', () => {
  it('shows bytes below one kilobyte as whole bytes', () => {
    expect(formatBytes(0)).toBe('0 B');
    expect(formatBytes(999)).toBe('999 B');
  });
  it('uses decimal units with precision that shrinks as numbers grow', () => {
    expect(formatBytes(1000)).toBe('1 KB');
    expect(formatBytes(1234)).toBe('1.23 KB');
    expect(formatBytes(12_345_678)).toBe('12.3 MB');
    expect(formatBytes(123_456_789)).toBe('123 MB');
    expect(formatBytes(4_700_000_000)).toBe('4.7 GB');
  });
  it('carries into the next unit instead of showing 1000 of the smaller one', () => {
    expect(formatBytes(999_960)).toBe('1 MB');
  });
  it('refuses nonsense', () => {
    expect(formatBytes(-1)).toBe('—');
    expect(formatBytes(Number.NaN)).toBe('—');
  });
});

describe('formatDuration', () => {
  it('formats mm:ss.s', () => {
    expect(formatDuration(0)).toBe('00:00.0');
    expect(formatDuration(3)).toBe('00:03.0');
    expect(formatDuration(75.25)).toBe('01:15.3');
  });
  it('rounds to tenths without producing 60 seconds', () => {
    expect(formatDuration(59.96)).toBe('01:00.0');
  });
  it('adds hours when needed', () => {
    expect(formatDuration(3723.4)).toBe('1:02:03.4');
  });
  it('refuses nonsense', () => {
    expect(formatDuration(-2)).toBe('—');
  });
});

describe('formatClock', () => {
  it('is compact for badges', () => {
    expect(formatClock(3.2)).toBe('0:03');
    expect(formatClock(760)).toBe('12:40');
    expect(formatClock(3723)).toBe('1:02:03');
  });
});

describe('small facts', () => {
  it('formats frame rates and dimensions', () => {
    expect(formatFps(30)).toBe('30');
    expect(formatFps(30000 / 1001)).toBe('29.97');
    expect(formatDimensions(1920, 1080)).toBe('1920×1080');
    expect(formatDimensions(1080, 1920)).toBe('1080×1920');
    expect(formatDimensions(4096, 2160)).toBe('4096×2160');
  });
  it('keeps unparseable dates readable', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
    expect(formatDateTime('2024-05-01T10:00:00Z')).toMatch(/2024/);
  });
});

describe('formatWhen', () => {
  it('is the time alone on the same day, else the date and time; the raw text when not a date', () => {
    const now = new Date(2026, 11, 6, 16, 30);
    expect(formatWhen(new Date(2026, 11, 6, 16, 22).toISOString(), now)).toBe('4:22 PM');
    expect(formatWhen(new Date(2026, 11, 5, 9, 5).toISOString(), now)).toBe('Dec 5, 2026, 9:05 AM');
    expect(formatWhen('soon', now)).toBe('soon');
  });
});
