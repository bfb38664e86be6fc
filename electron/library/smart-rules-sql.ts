import { COLOUR_MIN_SHARE_DEFAULT, filterLab } from '../model/colour-search';
import { LICENCE_SOON_DAYS } from '../model/policy';
import type { DateField, SmartRule, SmartRules } from '../model/smart-rules';
import { colourMatchSql } from './colour-sql';

/**
 * Smart collection rules → one SQL condition over `assets a`, with every value a `?` parameter (nothing a person
 * typed is ever spliced into the text). Pure: the caller passes `now` for the relative rules (recent days, licence
 * states). The meaning is model/smart-rules.ts `matchesRule`; a property test holds the two together.
 */
export type SqlCondition = { sql: string; params: unknown[] };

const DAY_MS = 86_400_000;
const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const marks = (n: number) => Array.from({ length: n }, () => '?').join(', ');

function dateColumn(field: DateField): string {
  // The capture date where a file has one, else when it came in (the same fallback as the "Date taken" sort).
  return field === 'created' ? 'coalesce(a.created_at, a.imported_at)' : 'a.imported_at';
}

/**
 * Licence end dates are calendar days that end at midnight UTC after them (model/policy.ts `licenceEndsAt`), so each
 * state is a range of day strings: ended when the day is at most yesterday-as-of-now, ending soon up to
 * LICENCE_SOON_DAYS − 1 days ahead, valid after that.
 */
export function licenceBounds(now: Date): { lastExpired: string; lastSoon: string } {
  return { lastExpired: day(now.getTime() - DAY_MS), lastSoon: day(now.getTime() + (LICENCE_SOON_DAYS - 1) * DAY_MS) };
}

export function compileRule(rule: SmartRule, now: Date): SqlCondition {
  switch (rule.type) {
    case 'kind':
      return { sql: `a.kind IN (${marks(rule.kinds.length)})`, params: [...rule.kinds] };
    case 'tags': {
      const tags = [...new Set(rule.tags)];
      const inTags = `SELECT t.asset_rowid FROM asset_tags t WHERE t.tag IN (${marks(tags.length)})`;
      if (rule.mode === 'any') return { sql: `a.rowid IN (${inTags})`, params: tags };
      if (rule.mode === 'none') return { sql: `a.rowid NOT IN (${inTags})`, params: tags };
      return { sql: `(SELECT count(*) FROM asset_tags t WHERE t.asset_rowid = a.rowid AND t.tag IN (${marks(tags.length)})) = ?`, params: [...tags, tags.length] };
    }
    case 'rating':
      return { sql: `a.rating ${rule.op === 'gte' ? '>=' : rule.op === 'lte' ? '<=' : '='} ?`, params: [rule.value] };
    case 'label': {
      const named = rule.labels.filter((l) => l !== 'none');
      const parts = [...(rule.labels.includes('none') ? ['a.label IS NULL'] : []), ...(named.length ? [`a.label IN (${marks(named.length)})`] : [])];
      return { sql: parts.join(' OR '), params: named };
    }
    case 'date': {
      // ISO instants in UTC compare as text; a bare day sorts before every instant of that day.
      if (rule.op === 'before') return { sql: `${dateColumn(rule.field)} < ?`, params: [rule.date] };
      return { sql: `${dateColumn(rule.field)} >= ?`, params: [day(Date.parse(`${rule.date}T00:00:00.000Z`) + DAY_MS)] };
    }
    case 'recent':
      return { sql: `${dateColumn(rule.field)} >= ?`, params: [new Date(now.getTime() - rule.days * DAY_MS).toISOString()] };
    case 'size':
      return { sql: `a.size_bytes ${rule.op === 'gte' ? '>=' : '<='} ?`, params: [rule.bytes] };
    case 'duration':
      return { sql: `a.duration_sec ${rule.op === 'gte' ? '>=' : '<='} ?`, params: [rule.seconds] };
    case 'orientation':
      return { sql: rule.is === 'portrait' ? 'a.height > a.width' : rule.is === 'landscape' ? 'a.width > a.height' : 'a.width = a.height', params: [] };
    case 'licence': {
      const { lastExpired, lastSoon } = licenceBounds(now);
      const parts: SqlCondition[] = [...new Set(rule.states)].map((s) => {
        switch (s) {
          case 'none':
            return { sql: 'a.licence_expires IS NULL', params: [] };
          case 'expired':
            return { sql: 'a.licence_expires <= ?', params: [lastExpired] };
          case 'soon':
            return { sql: '(a.licence_expires > ? AND a.licence_expires <= ?)', params: [lastExpired, lastSoon] };
          case 'valid':
            return { sql: 'a.licence_expires > ?', params: [lastSoon] };
        }
      });
      return { sql: parts.map((p) => p.sql).join(' OR '), params: parts.flatMap((p) => p.params) };
    }
    case 'usedInPost': {
      // A post carries a draft; the draft's current assets are in draft_assets, rewritten on every save.
      const used = 'EXISTS (SELECT 1 FROM draft_assets da JOIN drafts d ON d.rowid = da.draft_rowid JOIN posts p ON p.draft_id = d.id WHERE da.asset_id = a.id)';
      return { sql: rule.used ? used : `NOT ${used}`, params: [] };
    }
    case 'colour': {
      // The colour search's own query (R*Tree box, then the exact sphere), as a membership test.
      const m = colourMatchSql(filterLab(rule), rule.tolerance, COLOUR_MIN_SHARE_DEFAULT);
      return { sql: `a.rowid IN (SELECT asset_rowid FROM (${m.sql}))`, params: m.params };
    }
    default:
      return unreachable(rule);
  }
}

function unreachable(rule: never): never {
  throw new Error(`No SQL for smart rule ${JSON.stringify(rule)}`);
}

export function compileRules(rules: SmartRules, now: Date): SqlCondition {
  if (rules.rules.length === 0) return { sql: '1', params: [] };
  const parts = rules.rules.map((r) => compileRule(r, now));
  return { sql: parts.map((p) => `(${p.sql})`).join(rules.match === 'all' ? ' AND ' : ' OR '), params: parts.flatMap((p) => p.params) };
}
