import { describe, expect, it } from 'vitest';
import { changeSummary, firstChoice, historyRows, historyState, moveSelection, relativeTime, restoredLine } from './versionHistory';

const NOW = Date.parse('2026-12-06T12:00:00Z');
const ago = (sec: number) => new Date(NOW - sec * 1000).toISOString();

describe('relativeTime', () => {
  it('says "just now" under 5 s, seconds under a minute, then the largest unit that fits, in the past', () => {
    expect(relativeTime(ago(0), NOW)).toBe('just now');
    expect(relativeTime(ago(4), NOW)).toBe('just now');
    expect(relativeTime(ago(44), NOW)).toBe('44 seconds ago');
    expect(relativeTime(ago(61), NOW)).toBe('1 minute ago');
    expect(relativeTime(ago(5 * 60 + 30), NOW)).toBe('5 minutes ago');
    expect(relativeTime(ago(2 * 3600), NOW)).toBe('2 hours ago');
    expect(relativeTime(ago(86400 + 60), NOW)).toBe('yesterday');
    expect(relativeTime(ago(3 * 86400), NOW)).toBe('3 days ago');
    expect(relativeTime(ago(15 * 86400), NOW)).toBe('2 weeks ago');
    expect(relativeTime(ago(400 * 86400), NOW)).toBe('last year');
  });

  it('a time a little ahead (another clock) is "just now"; a text that is no date stays as it is', () => {
    expect(relativeTime(new Date(NOW + 5000).toISOString(), NOW)).toBe('just now');
    expect(relativeTime('not a date', NOW)).toBe('not a date');
    expect(relativeTime(ago(3), NOW, 'en', 'à l’instant')).toBe('à l’instant');
  });
});

describe('historyRows', () => {
  const revisions = [
    { revision: 2, savedAt: ago(600), name: 'Reel', durationSec: 4, restoredFrom: null },
    { revision: 5, savedAt: ago(10), name: 'Reel', durationSec: 0, restoredFrom: null },
    { revision: 4, savedAt: ago(30), name: 'Reel v2', durationSec: 61.4, restoredFrom: null },
  ];

  it('lists newest first with relative and absolute times, name, length and the current one', () => {
    const rows = historyRows(revisions, 5, NOW);
    expect(rows.map((r) => [r.revision, r.when, r.name, r.length, r.current])).toEqual([
      [5, '10 seconds ago', 'Reel', '0:00', true],
      [4, '30 seconds ago', 'Reel v2', '1:01', false],
      [2, '10 minutes ago', 'Reel', '0:04', false],
    ]);
    expect(rows[2]!.whenFull).toMatch(/2026/);
  });

  it('a restore says which version it brought back: its time when still listed (the date too on another day), else its number (walk #78)', () => {
    // Local times, as the dialog shows them (formatWhen writes the time alone on the day it is).
    const now = new Date(2026, 11, 6, 16, 30).getTime();
    const at = (h: number, m: number, day = 6) => new Date(2026, 11, day, h, m).toISOString();
    const rows = historyRows(
      [
        { revision: 9, savedAt: at(16, 29), name: 'Reel', durationSec: 0, restoredFrom: 2 },
        { revision: 8, savedAt: at(16, 28), name: 'Reel', durationSec: 0, restoredFrom: 7 },
        { revision: 7, savedAt: at(15, 41), name: 'Reel', durationSec: 0, restoredFrom: null },
        { revision: 6, savedAt: at(9, 5, 5), name: 'Reel', durationSec: 0, restoredFrom: null },
        { revision: 5, savedAt: at(16, 27), name: 'Reel', durationSec: 0, restoredFrom: 6 },
      ],
      9,
      now,
    );
    expect(rows.map((r) => r.restored?.text ?? null)).toEqual([
      'Restored version 2 (no longer kept)',
      'Restored the version of 3:41 PM',
      null,
      null,
      'Restored the version of Dec 5, 2026, 9:05 AM',
    ]);
    expect(rows[1]!.restored!.full).toBe('Restored the version of Dec 6, 2026, 3:41 PM');
    expect(restoredLine(null, new Map(), now)).toBeNull();
    // A number is not grouped for the locale: version 1234, not "1,234".
    expect(restoredLine(1234, new Map(), now)!.text).toBe('Restored version 1234 (no longer kept)');
  });

  it('a current revision that is not the newest (a refused save kept above it) is still the one marked', () => {
    const rows = historyRows(revisions, 4, NOW);
    expect(rows.filter((r) => r.current).map((r) => r.revision)).toEqual([4]);
    expect(firstChoice(rows)).toBe(0);
  });
});

describe('the list by keyboard and its states', () => {
  it('arrows, Home/End and PageUp/PageDown move within the list; other keys are not the list’s', () => {
    expect(moveSelection(0, 'ArrowDown', 3)).toBe(1);
    expect(moveSelection(2, 'ArrowDown', 3)).toBe(2);
    expect(moveSelection(0, 'ArrowUp', 3)).toBe(0);
    expect(moveSelection(2, 'ArrowUp', 3)).toBe(1);
    expect(moveSelection(1, 'Home', 3)).toBe(0);
    expect(moveSelection(0, 'End', 3)).toBe(2);
    expect(moveSelection(0, 'PageDown', 12)).toBe(5);
    expect(moveSelection(3, 'PageUp', 12)).toBe(0);
    expect(moveSelection(0, 'a', 3)).toBeNull();
    expect(moveSelection(0, 'ArrowDown', 0)).toBeNull();
  });

  it('opens on the newest version that is not the current one; says when there is nothing to go back to', () => {
    const rows = historyRows(
      [
        { revision: 3, savedAt: ago(1), name: 'a', durationSec: 0, restoredFrom: null },
        { revision: 2, savedAt: ago(2), name: 'a', durationSec: 4, restoredFrom: null },
      ],
      3,
      NOW,
    );
    expect(firstChoice(rows)).toBe(1);
    expect(historyState(rows)).toBe('choices');
    expect(historyState(rows.slice(0, 1))).toBe('onlyCurrent');
    expect(firstChoice(rows.slice(0, 1))).toBe(0);
    expect(historyState([])).toBe('empty');
  });
});

describe('what changed, in words', () => {
  it('names each kind of change, counted, with the look by name', () => {
    expect(changeSummary([{ kind: 'added', what: 'clip', count: 2 }, { kind: 'moved', what: 'title', count: 1 }, { kind: 'look', lut: 'warm' }])).toBe('Added 2 clips · Moved title · Look: Warm');
    expect(changeSummary([{ kind: 'trimmed', count: 1 }])).toBe('Trimmed 1 clip');
    expect(changeSummary([{ kind: 'renamed', to: 'X' }])).toBe('Renamed');
    expect(changeSummary([{ kind: 'canvas', from: '9:16', to: '1:1' }])).toBe('Canvas 9:16 → 1:1');
    expect(changeSummary([{ kind: 'look', lut: 'lut-imported-123' }, { kind: 'fps', from: 30, to: 60 }])).toBe('Adjusted colour · 30 → 60 fps');
    expect(changeSummary([{ kind: 'look', lut: null, removed: true }])).toBe('Look: None');
    expect(changeSummary([{ kind: 'removed', what: 'layer', count: 3 }, { kind: 'text', count: 1 }, { kind: 'other' }])).toBe('Removed 3 layers · Edited text · Edited');
  });

  it('names at most three parts, then …; says "No changes" for none and nothing when not known', () => {
    const four = [{ kind: 'added', what: 'page', count: 1 }, { kind: 'background' }, { kind: 'kit' }, { kind: 'renamed', to: 'Y' }] as const;
    expect(changeSummary([...four])).toBe('Added 1 page · Background · Brand kit · …');
    expect(changeSummary([])).toBe('No changes');
    expect(changeSummary(null)).toBe('');
    expect(changeSummary(undefined)).toBe('');
  });

  it('each row carries its summary', () => {
    const rows = historyRows([{ revision: 2, savedAt: ago(5), name: 'a', durationSec: 0, changes: [{ kind: 'captions' }], restoredFrom: null }, { revision: 1, savedAt: ago(9), name: 'a', durationSec: 0, changes: null, restoredFrom: null }], 2, NOW);
    expect(rows.map((r) => r.changes)).toEqual(['Captions', '']);
  });
});
