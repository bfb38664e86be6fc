import { en, type Dictionary } from './en';

export type MessageKey = keyof Dictionary;
export type Params = Record<string, string | number>;

/** Keys that exist as `<base>_one` / `<base>_other` pairs, for `tn()`. */
export type PluralKey = {
  [K in MessageKey]: K extends `${infer Base}_other` ? (`${Base}_one` extends MessageKey ? Base : never) : never;
}[MessageKey];

let dictionary: Dictionary = en;
let locale = 'en';
let numberFormat = new Intl.NumberFormat(locale);

/** Swap the active dictionary (Finnish later). Components re-read strings on their next render. */
export function setDictionary(next: Dictionary, nextLocale: string): void {
  dictionary = next;
  locale = nextLocale;
  numberFormat = new Intl.NumberFormat(locale);
}

export function getLocale(): string {
  return locale;
}

/** Formats a count for display with the locale's grouping ("20,000"). */
export function formatCount(n: number): string {
  return numberFormat.format(n);
}

/**
 * Looks up a message and fills `{name}` placeholders. Numbers are formatted for the locale.
 * A missing placeholder is left visible so it is noticed in review instead of silently vanishing.
 */
export function t(key: MessageKey, params?: Params): string {
  const template = dictionary[key] ?? en[key] ?? key;
  if (!params) return template;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => {
    const v = params[name];
    if (v === undefined) return whole;
    return typeof v === 'number' ? formatCount(v) : v;
  });
}

/** Plural-aware lookup: `tn('imported', 3)` reads `imported_one` or `imported_other`, with `{count}` filled. */
export function tn(key: PluralKey, count: number, params?: Params): string {
  const form = new Intl.PluralRules(locale).select(count) === 'one' ? 'one' : 'other';
  return t(`${key}_${form}` as MessageKey, { count, ...params });
}
