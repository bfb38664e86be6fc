import { z } from 'zod';
import { AssetKind, Tag } from './asset';
import { hexToLab, parseHex, toHex } from './colour';
import { COLOUR_MIN_SHARE_DEFAULT, COLOUR_TOLERANCE_DEFAULT, ColourFilter } from './colour-search';
import { LabelChoice, Rating, type ColourLabel } from './organise';
import { licenceState, type LicenceState } from './policy';
import type { DominantColour } from './visual-signature';

/**
 * Smart collections: saved rules a library evaluates in SQL (library/smart-rules-sql.ts compiles them), like
 * Finder's smart folders and Eagle's smart folders. The rule union is discriminated by `type`; a new rule (the
 * dominant-colour rule of the colour search) is one more variant here, one more case in the compiler and one in
 * `matchesRule` below, and the compiler's exhaustive switch refuses to build until all three exist.
 *
 * Days are UTC days: "before 2026-03-01" is before 2026-03-01T00:00Z, "after 2026-03-01" is from 2026-03-02T00:00Z.
 */
const Day = z.string().date('Write the date as YYYY-MM-DD');
const NonEmpty = <T extends z.ZodTypeAny>(t: T, what: string) => z.array(t).min(1, `Pick at least one ${what}`).max(50);

export const DateField = z.enum(['imported', 'created']);
export type DateField = z.infer<typeof DateField>;
export const orientations = ['portrait', 'landscape', 'square'] as const;
export const Orientation = z.enum(orientations);
export type Orientation = z.infer<typeof Orientation>;
export const licenceStates = ['none', 'valid', 'soon', 'expired'] as const satisfies readonly LicenceState[];

export const SmartRule = z.discriminatedUnion('type', [
  z.object({ type: z.literal('kind'), kinds: NonEmpty(AssetKind, 'kind') }),
  z.object({ type: z.literal('tags'), mode: z.enum(['any', 'all', 'none']), tags: NonEmpty(Tag, 'tag') }),
  z.object({ type: z.literal('rating'), op: z.enum(['gte', 'eq', 'lte']), value: Rating }),
  z.object({ type: z.literal('label'), labels: NonEmpty(LabelChoice, 'label') }),
  z.object({ type: z.literal('date'), field: DateField, op: z.enum(['before', 'after']), date: Day }),
  z.object({ type: z.literal('recent'), field: DateField, days: z.number().int().min(1).max(36_500) }),
  z.object({ type: z.literal('size'), op: z.enum(['gte', 'lte']), bytes: z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER) }),
  z.object({ type: z.literal('duration'), op: z.enum(['gte', 'lte']), seconds: z.number().nonnegative().max(1e7) }),
  z.object({ type: z.literal('orientation'), is: Orientation }),
  z.object({ type: z.literal('licence'), states: NonEmpty(z.enum(licenceStates), 'licence state') }),
  z.object({ type: z.literal('usedInPost'), used: z.boolean() }),
  /**
   * Has a dominant colour within ΔE `tolerance` of `hex` covering at least 5 % of the picture: the Library's colour
   * search (model/colour-search.ts) as a rule. The hex is stored as `#rrggbb`.
   */
  z.object({
    type: z.literal('colour'),
    hex: ColourFilter.shape.hex.transform((h) => toHex(parseHex(h)!)),
    tolerance: z.number().min(0, 'A tolerance is 0 or more').max(100, 'Keep the tolerance at 100 or less'),
  }),
]);
export type SmartRule = z.infer<typeof SmartRule>;
export type SmartRuleType = SmartRule['type'];

/** `all`: every rule holds; `any`: at least one does. No rules at all: every asset (an empty smart folder in Finder shows everything). */
export const SmartRules = z.object({ match: z.enum(['all', 'any']), rules: z.array(SmartRule).max(30, 'Keep a smart collection under 30 rules') });
export type SmartRules = z.infer<typeof SmartRules>;

export const SmartCollection = z.object({
  id: z.string(),
  name: z.string(),
  rules: SmartRules,
  /** False when a newer Postframe wrote rules this one cannot read: listed (count 0), not evaluated. */
  readable: z.boolean(),
  /** Live assets matching now (counted in SQL when listed). */
  count: z.number().int().nonnegative(),
  createdAt: z.string(),
});
export type SmartCollection = z.infer<typeof SmartCollection>;

/** What a rule looks at in one asset; the in-memory evaluator's input (the SQL reads the same from columns). */
export type RuleSubject = {
  kind: AssetKind;
  tags: readonly string[];
  rating: number;
  label: ColourLabel | null;
  importedAt: string;
  createdAt: string | null;
  sizeBytes: number;
  durationSec: number | null;
  width: number | null;
  height: number | null;
  licenceExpires: string | null;
  usedInPost: boolean;
  /** Dominant colours of the picture (none for audio, or before its signature is computed). */
  colours: readonly DominantColour[];
};

/**
 * Whether a colour is within ΔE `tolerance` of `target`. Compared squared, exactly as library/colour-sql.ts does
 * in SQL (same operations in the same order), so the two agree on the boundary too.
 */
function withinColour(c: DominantColour, target: { l: number; a: number; b: number }, tolerance: number): boolean {
  return c.share >= COLOUR_MIN_SHARE_DEFAULT && (c.l - target.l) * (c.l - target.l) + (c.a - target.a) * (c.a - target.a) + (c.b - target.b) * (c.b - target.b) <= tolerance * tolerance;
}

const DAY_MS = 86_400_000;

function dateOf(s: RuleSubject, field: DateField): number {
  return Date.parse(field === 'created' ? (s.createdAt ?? s.importedAt) : s.importedAt);
}

/**
 * Whether one rule holds for an asset, in plain JS. The library never uses this to filter (that is SQL's job); it
 * is the meaning the SQL compiler is tested against, and the rule editor's preview sentence can rely on it.
 */
export function matchesRule(rule: SmartRule, s: RuleSubject, now: Date): boolean {
  switch (rule.type) {
    case 'kind':
      return rule.kinds.includes(s.kind);
    case 'tags': {
      const has = (t: string) => s.tags.includes(t);
      if (rule.mode === 'any') return rule.tags.some(has);
      if (rule.mode === 'all') return rule.tags.every(has);
      return !rule.tags.some(has);
    }
    case 'rating':
      return rule.op === 'gte' ? s.rating >= rule.value : rule.op === 'lte' ? s.rating <= rule.value : s.rating === rule.value;
    case 'label':
      return rule.labels.includes(s.label ?? 'none');
    case 'date': {
      const start = Date.parse(`${rule.date}T00:00:00.000Z`);
      const t = dateOf(s, rule.field);
      return rule.op === 'before' ? t < start : t >= start + DAY_MS;
    }
    case 'recent':
      return dateOf(s, rule.field) >= now.getTime() - rule.days * DAY_MS;
    case 'size':
      return rule.op === 'gte' ? s.sizeBytes >= rule.bytes : s.sizeBytes <= rule.bytes;
    case 'duration':
      if (s.durationSec === null) return false;
      return rule.op === 'gte' ? s.durationSec >= rule.seconds : s.durationSec <= rule.seconds;
    case 'orientation':
      if (s.width === null || s.height === null) return false;
      return rule.is === 'portrait' ? s.height > s.width : rule.is === 'landscape' ? s.width > s.height : s.width === s.height;
    case 'licence':
      return (rule.states as readonly LicenceState[]).includes(licenceState(s.licenceExpires, now));
    case 'usedInPost':
      return s.usedInPost === rule.used;
    case 'colour': {
      const target = hexToLab(rule.hex);
      return target !== null && s.colours.some((c) => withinColour(c, target, rule.tolerance));
    }
  }
}

export function matchesRules(rules: SmartRules, s: RuleSubject, now: Date): boolean {
  if (rules.rules.length === 0) return true;
  return rules.match === 'all' ? rules.rules.every((r) => matchesRule(r, s, now)) : rules.rules.some((r) => matchesRule(r, s, now));
}

/** A new rule of a type with sensible starting values (the rule editor's "Add rule" and type switch). */
export function defaultRule(type: SmartRuleType): SmartRule {
  switch (type) {
    case 'kind':
      return { type, kinds: ['image'] };
    case 'tags':
      return { type, mode: 'any', tags: [] };
    case 'rating':
      return { type, op: 'gte', value: 4 };
    case 'label':
      return { type, labels: ['red'] };
    case 'date':
      return { type, field: 'imported', op: 'after', date: new Date().toISOString().slice(0, 10) };
    case 'recent':
      return { type, field: 'imported', days: 30 };
    case 'size':
      return { type, op: 'gte', bytes: 10 * 1024 * 1024 };
    case 'duration':
      return { type, op: 'lte', seconds: 60 };
    case 'orientation':
      return { type, is: 'portrait' };
    case 'licence':
      return { type, states: ['soon', 'expired'] };
    case 'usedInPost':
      return { type, used: true };
    case 'colour':
      return { type, hex: '#e4002b', tolerance: COLOUR_TOLERANCE_DEFAULT };
  }
}

export const smartRuleTypes: readonly SmartRuleType[] = ['kind', 'tags', 'rating', 'label', 'date', 'recent', 'size', 'duration', 'orientation', 'licence', 'usedInPost', 'colour'];
