import type { DraftChange } from '../../../../electron/model/draft-changes';
import type { DraftRevision } from '../../../../electron/model/draft-record';
import { en } from '../../i18n/en';
import { type MessageKey, t, tn } from '../../i18n';
import { formatClock, formatDateTime, formatWhen } from '../../i18n/format';

/**
 * Version history of a draft (docs/architecture.md "draft_revisions"): what the dialog lists and how its keys move.
 * Pure: no React, no store, no API (versionHistory.test.ts).
 */
export type HistoryRow = {
  revision: number;
  /** "just now", "5 minutes ago", "yesterday"… */
  when: string;
  /** The absolute date and time (shown on hover). */
  whenFull: string;
  name: string;
  /** Length as the Drafts list writes it ("0:04"). */
  length: string;
  current: boolean;
  /** What changed against the version before it ("Added 2 clips · Moved title · Look: Warm"); '' when not known. */
  changes: string;
  /**
   * When this version is a restore, which one it brought back ("Restored the version of 3:41 PM"; `full` with the
   * date, for the tooltip); null for any other save.
   */
  restored: { text: string; full: string } | null;
};

/** At most this many parts are named; more end in "…" (a row has one line for it). */
export const CHANGE_PARTS_MAX = 3;

/** One change in words. */
export function changePhrase(c: DraftChange): string {
  switch (c.kind) {
    case 'canvas':
      return t('history.change.canvas', { from: c.from, to: c.to });
    case 'added':
    case 'removed':
      return tn(`history.change.${c.kind}.${c.what}`, c.count);
    case 'moved':
    case 'edited':
      return tn(`history.change.${c.kind}.${c.what}`, c.count);
    case 'trimmed':
    case 'text':
      return tn(`history.change.${c.kind}`, c.count);
    case 'look': {
      // A shipped look has a name; an imported LUT's id is a library id, not something to show.
      const key = `look.name.${c.lut ?? ''}`;
      if (c.removed) return t('history.change.lookRemoved');
      return c.lut && key in en ? t('history.change.look', { name: t(key as MessageKey) }) : t('history.change.lookAdjusted');
    }
    case 'fps':
      return t('history.change.fps', { from: String(c.from), to: String(c.to) });
    default:
      return t(`history.change.${c.kind}`);
  }
}

/** The changes as one short line: the first CHANGE_PARTS_MAX parts, then "…"; "No changes" for none; '' when unknown. */
export function changeSummary(changes: readonly DraftChange[] | null | undefined): string {
  if (!changes) return '';
  if (changes.length === 0) return t('history.change.none');
  const parts = changes.slice(0, CHANGE_PARTS_MAX).map(changePhrase);
  if (changes.length > CHANGE_PARTS_MAX) parts.push(t('history.change.more'));
  return parts.join(t('history.change.sep'));
}

const UNITS: { unit: Intl.RelativeTimeFormatUnit; sec: number }[] = [
  { unit: 'year', sec: 365 * 86400 },
  { unit: 'month', sec: 30 * 86400 },
  { unit: 'week', sec: 7 * 86400 },
  { unit: 'day', sec: 86400 },
  { unit: 'hour', sec: 3600 },
  { unit: 'minute', sec: 60 },
];

/**
 * How long ago `iso` was, in the largest unit that fits ("3 minutes ago"); under 5 s is "just now". Seconds under a
 * minute: autosave keeps a version every few seconds, and "just now" on all of them told them apart by length only.
 */
export function relativeTime(iso: string, now: number, locale = 'en', justNow = 'just now'): string {
  const at = new Date(iso).getTime();
  if (Number.isNaN(at)) return iso;
  const ago = Math.max(0, (now - at) / 1000);
  if (ago < 5) return justNow;
  const fmt = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  if (ago < 60) return fmt.format(-Math.floor(ago), 'second');
  for (const { unit, sec } of UNITS) {
    if (ago >= sec) return fmt.format(-Math.floor(ago / sec), unit);
  }
  return fmt.format(-Math.max(1, Math.round(ago / 60)), 'minute');
}

/**
 * What a restore says of the version it brought back: that version's saved time when the list still has it (the time
 * the creator saw on that row, as the Jobs drawer writes times: alone today, with the date before), else its number
 * (it has been pruned, walk #78).
 */
export function restoredLine(restoredFrom: number | null, savedAtOf: ReadonlyMap<number, string>, now: number, locale = 'en'): HistoryRow['restored'] {
  if (restoredFrom === null) return null;
  const at = savedAtOf.get(restoredFrom);
  if (at === undefined) {
    const text = t('history.restoredFromGone', { revision: String(restoredFrom) });
    return { text, full: text };
  }
  return {
    text: t('history.restoredFrom', { when: formatWhen(at, new Date(now), locale) }),
    full: t('history.restoredFrom', { when: formatDateTime(at, locale) }),
  };
}

/** The revisions newest first, each with its times, name, length, whether it is the draft's current one and what it restored. */
export function historyRows(revisions: readonly DraftRevision[], current: number, now: number, locale = 'en', justNow?: string): HistoryRow[] {
  const savedAtOf = new Map(revisions.map((r) => [r.revision, r.savedAt]));
  return [...revisions]
    .sort((a, b) => b.revision - a.revision)
    .map((r) => ({
      revision: r.revision,
      when: relativeTime(r.savedAt, now, locale, justNow),
      whenFull: formatDateTime(r.savedAt, locale),
      name: r.name,
      length: formatClock(r.durationSec),
      current: r.revision === current,
      changes: changeSummary(r.changes),
      restored: restoredLine(r.restoredFrom, savedAtOf, now, locale),
    }));
}

/** The row a key moves the selection to (a list of `count` rows), or null when the key is not a list key. */
export function moveSelection(index: number, key: string, count: number): number | null {
  if (count === 0) return null;
  const last = count - 1;
  switch (key) {
    case 'ArrowDown':
      return Math.min(last, index + 1);
    case 'ArrowUp':
      return Math.max(0, index - 1);
    case 'Home':
      return 0;
    case 'End':
      return last;
    case 'PageDown':
      return Math.min(last, index + 5);
    case 'PageUp':
      return Math.max(0, index - 5);
    default:
      return null;
  }
}

/** The row selected when the list opens: the newest version that is not the current one (what one usually goes back to). */
export function firstChoice(rows: readonly HistoryRow[]): number {
  const i = rows.findIndex((r) => !r.current);
  return i === -1 ? 0 : i;
}

/** What the list has to offer: nothing, only the current version, or versions to go back to. */
export function historyState(rows: readonly HistoryRow[]): 'empty' | 'onlyCurrent' | 'choices' {
  if (rows.length === 0) return 'empty';
  return rows.every((r) => r.current) ? 'onlyCurrent' : 'choices';
}
