/** Names Windows refuses for a file or folder, whatever the extension. */
const WINDOWS_RESERVED = /^(con|prn|aux|nul|com[0-9]|lpt[0-9])$/;

/**
 * A folder-name slug safe on Windows, macOS and Linux: lower-case ASCII letters, digits and single dashes,
 * accents stripped (é → e, ß → ss), at most `max` characters cut at a word boundary, never empty or reserved.
 * ASCII only on purpose: macOS stores names decomposed and Windows is case-insensitive, so anything wider
 * risks two spellings of one folder.
 */
export function slugify(text: string, max = 60): string {
  const ascii = text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/ß/g, 'ss')
    .replace(/æ/gi, 'ae')
    .replace(/ø/gi, 'o')
    .replace(/œ/gi, 'oe')
    .replace(/ł/gi, 'l')
    .toLowerCase();
  let slug = ascii.replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  if (slug.length > max) {
    const cut = slug.slice(0, max);
    const dash = cut.lastIndexOf('-');
    slug = (dash >= max / 2 ? cut.slice(0, dash) : cut).replace(/-+$/, '');
  }
  if (slug.length === 0) return 'post';
  return WINDOWS_RESERVED.test(slug) ? `${slug}-post` : slug;
}

/** The local calendar date (yyyy-mm-dd) of `instant` in `timeZone`; an unknown zone falls back to UTC. */
export function localDate(instant: Date, timeZone: string): string {
  let zone = timeZone;
  try {
    new Intl.DateTimeFormat('en-CA', { timeZone: zone });
  } catch {
    zone = 'UTC';
  }
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: zone, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(instant);
  const get = (t: string) => parts.find((p) => p.type === t)!.value;
  return `${get('year')}-${get('month')}-${get('day')}`;
}
