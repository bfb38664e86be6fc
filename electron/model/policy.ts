import { z } from 'zod';
import { channelLimits } from './channels';
import { ChannelId, channelIds, type PostContent } from './post';
import { findLinks, hostOf, inlineHashtags } from './post-text';

/**
 * The brand's compliance policy (edited by admins) and the pure check run when a post is submitted and again
 * at approval. Every violation carries spans, offsets into the ORIGINAL text the user typed, so the composer
 * can underline the offending words and show the reason there.
 *
 * Matching of banned phrases is whole-word, case-insensitive and accent-insensitive: both sides are folded
 * per code point (lower case → NFKD → combining marks removed → lower case again), so "Café" ≈ "cafe",
 * "ＦＲＥＥ" (full-width) ≈ "free", and "İ" (Turkish dotted capital) ≈ "i". Deliberate consequences:
 * - Finnish ä/ö fold to a/o: banning "saa" also flags "sää" (weather). Accent-insensitive is what the brief
 *   asks for and it catches "cafe" typed for "café"; a Finnish team that needs the distinction lists the
 *   accented word instead of the bare one (there is no accent-sensitive mode yet).
 * - Turkish dotless "ı" is its own letter, not an "i" with an accent removed: "ı" does NOT fold to "i"
 *   (locale-free lower-casing keeps it), so a phrase written with "i" does not match a word with "ı".
 * - German "ß" stays "ß" (no full case folding to "ss").
 */

const Tag = z.string().trim().regex(/^#?[\p{L}\p{N}_]+$/u, 'A disclosure tag is letters, digits and _ (like ad or #ad)');
const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .regex(/^(\*\.)?[\p{L}\p{N}-]+(\.[\p{L}\p{N}-]+)+\.?$/u, 'A domain looks like example.com (subdomains are allowed with it)');

export const Policy = z.object({
  bannedPhrases: z.array(z.string().trim().min(1, 'A banned phrase cannot be empty').max(200)).max(2000),
  requireDisclosure: z
    .object({ enabled: z.boolean(), tags: z.array(Tag).max(20) })
    .refine((d) => !d.enabled || d.tags.length > 0, 'Name at least one disclosure tag (like ad) or turn the requirement off'),
  /** At most this many hashtags (the list plus those typed in the caption); null = no cap. */
  hashtagCap: z.number().int().min(0).max(100).nullable(),
  /** Links may only go to these domains and their subdomains; empty = any. */
  allowedLinkDomains: z.array(Domain).max(500),
  blockExpiredLicences: z.boolean(),
  /**
   * Posts to these channels must carry the brand watermark over their whole video (kit-apply.ts
   * watermarkCoverage). Policies saved before brand kits have none: the default asks for no watermark.
   */
  requireWatermark: z.array(ChannelId).max(channelIds.length).default([]),
});
export type Policy = z.infer<typeof Policy>;

export const defaultPolicy: Policy = {
  bannedPhrases: [],
  requireDisclosure: { enabled: true, tags: ['ad', 'sponsored'] },
  hashtagCap: null,
  allowedLinkDomains: [],
  blockExpiredLicences: true,
  requireWatermark: [],
};

export type PolicyRule = 'bannedPhrase' | 'disclosure' | 'hashtagCap' | 'linkDomain' | 'expiredLicence' | 'watermark';

/**
 * `start`/`end` are UTF-16 offsets (String.prototype.slice) into the field's original text. For `hashtags`
 * (a list) they are indices into the list: [i, i + 1) is the i-th hashtag. For `link` they cover the link field.
 */
export type Span = { field: 'caption' | 'firstComment' | 'hashtags' | 'link'; start: number; end: number };

export type Violation = { rule: PolicyRule; message: string; fix: string; spans: Span[] };

export type PolicyContext = {
  sponsored: boolean;
  assetLicences: { assetId: string; name: string; expiresAt: string | null }[];
  now: Date;
  /** The channel the content is checked for; without one, channel rules (the watermark) are not checked. */
  channel?: ChannelId;
  /**
   * How the post's draft carries the brand watermark (kit-apply.ts watermarkCoverage): over the whole video,
   * over part of it, not at all, or `noDraft` when the post has no draft yet.
   */
  watermark?: 'spans' | 'partial' | 'none' | 'noDraft';
};

// ── Folding with a map back to the original ───────────────────────────────────────────────────────────

const foldChar = (ch: string) => ch.toLowerCase().normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/** Folded text plus, for each UTF-16 unit of it, the original code point's [start, end). */
type Folded = { text: string; starts: number[]; ends: number[] };

export function fold(s: string): string {
  let out = '';
  for (const ch of s) out += foldChar(ch);
  return out;
}

function foldMapped(s: string): Folded {
  let text = '';
  const starts: number[] = [];
  const ends: number[] = [];
  let i = 0;
  for (const ch of s) {
    const f = foldChar(ch);
    for (let k = 0; k < f.length; k++) {
      starts.push(i);
      ends.push(i + ch.length);
    }
    text += f;
    i += ch.length;
  }
  return { text, starts, ends };
}

// Only syntax characters: with the `u` flag any other escape ("\-") is a syntax error.
const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
const WORD = /[\p{L}\p{N}_]/u;

/** The regex for a banned phrase over folded text: its words in order, any whitespace between, whole words. */
export function phraseRegex(phrase: string): RegExp | null {
  const words = fold(phrase).trim().split(/\s+/u).filter(Boolean);
  if (words.length === 0) return null;
  const body = words.map(escape).join('\\s+');
  // Boundaries only where the phrase itself starts/ends with a word character ("#ad" may follow anything).
  const before = WORD.test(words[0]![0]!) ? '(?<![\\p{L}\\p{N}_])' : '';
  const lastWord = words[words.length - 1]!;
  const after = WORD.test(lastWord[lastWord.length - 1]!) ? '(?![\\p{L}\\p{N}_])' : '';
  return new RegExp(`${before}${body}${after}`, 'gu');
}

/** Where `phrase` occurs in `text`, as original offsets. */
export function findPhrase(text: string, phrase: string, folded: Folded = foldMapped(text)): { start: number; end: number }[] {
  const re = phraseRegex(phrase);
  if (!re) return [];
  const f = folded;
  const out: { start: number; end: number }[] = [];
  let m: RegExpExecArray | null;
  while ((m = re.exec(f.text)) !== null) {
    const a = m.index;
    const b = a + m[0].length;
    // A match must begin and end on whole original characters ("ﬃ" folds to "ffi": a match of "fi" inside
    // it cannot be underlined on its own). Else retry one unit further on.
    const alignedStart = a === 0 || f.starts[a - 1] !== f.starts[a];
    const alignedEnd = b === f.text.length || f.starts[b] !== f.starts[b - 1];
    if (m[0].length === 0 || !alignedStart || !alignedEnd) {
      re.lastIndex = a + 1;
      continue;
    }
    let end = f.ends[b - 1]!;
    // Take trailing combining marks ("cafe\u0301") with the word: they fold to nothing.
    for (const ch of text.slice(end)) {
      if (foldChar(ch) !== '') break;
      end += ch.length;
    }
    out.push({ start: f.starts[a]!, end });
  }
  return out;
}

/** A hashtag names the phrase when, folded, it is the phrase's words run together or joined by _ ("#FreeMoney", "#free_money"). */
function tagMatches(tag: string, phrase: string): boolean {
  const words = fold(phrase).trim().split(/\s+/u).filter(Boolean);
  const t = fold(tag.replace(/^#/, ''));
  return words.length > 0 && (t === words.join('') || t === words.join('_') || findPhrase(t.replace(/_/g, ' '), phrase).length > 0);
}

// ── Rules ──────────────────────────────────────────────────────────────────────────────────────────────

const quote = (s: string) => `“${s}”`;
const overlaps = (a: Span, b: Span) => a.field === b.field && a.start < b.end && b.start < a.end;

function bannedPhrases(policy: Policy, c: PostContent): Violation[] {
  const out: Violation[] = [];
  // Fold each text once, not once per phrase: a policy may hold hundreds of phrases.
  const folded = { caption: foldMapped(c.caption), firstComment: foldMapped(c.firstComment) };
  for (const phrase of policy.bannedPhrases) {
    const spans: Span[] = [];
    for (const field of ['caption', 'firstComment'] as const) {
      for (const s of findPhrase(c[field], phrase, folded[field])) spans.push({ field, ...s });
      for (const h of inlineHashtags(c[field])) {
        const span: Span = { field, start: h.start, end: h.end };
        if (tagMatches(h.text, phrase) && !spans.some((s) => overlaps(s, span))) spans.push(span);
      }
    }
    c.hashtags.forEach((h, i) => {
      if (tagMatches(h, phrase)) spans.push({ field: 'hashtags', start: i, end: i + 1 });
    });
    if (spans.length === 0) continue;
    spans.sort((a, b) => (a.field === b.field ? a.start - b.start : a.field < b.field ? -1 : 1));
    out.push({
      rule: 'bannedPhrase',
      message: `${quote(phrase)} is on the brand's banned list${spans.length > 1 ? ` (${spans.length} places)` : ''}`,
      fix: `Rephrase or remove ${quote(phrase)}, or ask an admin to override`,
      spans,
    });
  }
  return out;
}

function disclosure(policy: Policy, c: PostContent, ctx: PolicyContext): Violation[] {
  const d = policy.requireDisclosure;
  if (!ctx.sponsored || !d.enabled || d.tags.length === 0) return [];
  const wanted = new Set(d.tags.map((t) => fold(t.replace(/^#/, ''))));
  const has = (tags: string[]) => tags.some((t) => wanted.has(fold(t)));
  if (has(c.hashtags) || has(inlineHashtags(c.caption).map((h) => h.text))) return [];
  const names = d.tags.map((t) => `#${t.replace(/^#/, '')}`);
  // A disclosure only in the first comment is hidden until someone opens the comments: point at it.
  const inComment = inlineHashtags(c.firstComment).filter((h) => wanted.has(fold(h.text)));
  return [
    {
      rule: 'disclosure',
      message: inComment.length
        ? `A sponsored post must disclose it in the caption: ${names.join(' or ')} in the first comment is hidden until opened`
        : `A sponsored post must disclose it: the caption has no ${names.join(' or ')}`,
      fix: `Add ${names[0]} to the caption or the hashtags`,
      spans: inComment.map((h) => ({ field: 'firstComment' as const, start: h.start, end: h.end })),
    },
  ];
}

function hashtagCap(policy: Policy, c: PostContent): Violation[] {
  const cap = policy.hashtagCap;
  if (cap == null) return [];
  // Written order: the caption's own hashtags first, then the list appended after it.
  const inline = inlineHashtags(c.caption);
  const total = inline.length + c.hashtags.length;
  if (total <= cap) return [];
  const spans: Span[] = [
    ...inline.slice(cap).map((h) => ({ field: 'caption' as const, start: h.start, end: h.end })),
    ...c.hashtags.map((_, i) => ({ field: 'hashtags' as const, start: i, end: i + 1 })).slice(Math.max(0, cap - inline.length)),
  ];
  return [
    {
      rule: 'hashtagCap',
      message: `${total} hashtags is over the brand's cap of ${cap}`,
      fix: `Remove ${total - cap} hashtag${total - cap === 1 ? '' : 's'} (those typed in the caption count too)`,
      spans,
    },
  ];
}

/** "*.example.com", "example.com." and "https://example.com/x" all mean example.com. */
function normaliseDomain(d: string): string | null {
  return hostOf(d.trim().replace(/^\*\./, '').replace(/\.$/, ''));
}

function linkDomains(policy: Policy, c: PostContent): Violation[] {
  if (policy.allowedLinkDomains.length === 0) return [];
  const allowed = policy.allowedLinkDomains.map(normaliseDomain).filter((d): d is string => d != null);
  const ok = (host: string | null) => host != null && allowed.some((d) => host === d || host.endsWith(`.${d}`));
  const links: { field: Span['field']; start: number; end: number; text: string; host: string | null }[] = [
    ...findLinks(c.caption).map((l) => ({ field: 'caption' as const, ...l })),
    ...findLinks(c.firstComment).map((l) => ({ field: 'firstComment' as const, ...l })),
    ...(c.link ? [{ field: 'link' as const, start: 0, end: c.link.length, text: c.link, host: hostOf(c.link) }] : []),
  ];
  // Messages name domains as people wrote them ("pää.fi"), not in the punycode the check compares.
  const shown = policy.allowedLinkDomains.map((d) => d.replace(/^\*\./, ''));
  const list = shown.join(', ');
  return links
    .filter((l) => !ok(l.host))
    .map((l) => {
      const host = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/:?#]+)/i.exec(l.text)?.[1]?.toLowerCase() ?? l.host;
      return {
        rule: 'linkDomain' as const,
        message: l.host ? `${host} is not an allowed link domain (${list})` : `${quote(l.text)} is not a link that can be checked against the allowed domains (${list})`,
        fix: l.host ? `Link to ${shown.length === 1 ? shown[0] : `one of ${list}`}, or ask an admin to allow ${host}` : 'Write the link out in full (https://…) or remove it',
        spans: [{ field: l.field, start: l.start, end: l.end }],
      };
    });
}

/**
 * When a licence stops being valid: an instant as given, or for a bare date (2026-11-30) the END of that day in
 * UTC, since "licensed until 30 November" includes the 30th. Null when the text is not a date.
 */
export function licenceEndsAt(expiresAt: string): number | null {
  const day = /^(\d{4})-(\d{2})-(\d{2})$/.exec(expiresAt.trim());
  if (day) return Date.UTC(Number(day[1]), Number(day[2]) - 1, Number(day[3]) + 1);
  const t = Date.parse(expiresAt);
  return Number.isNaN(t) ? null : t;
}

/** Licences ending within this many days are flagged as ending soon (a prompt to renew before posts are blocked). */
export const LICENCE_SOON_DAYS = 30;

export type LicenceState = 'none' | 'valid' | 'soon' | 'expired';

/** How a licence stands at `now`: no end known, valid, ending within LICENCE_SOON_DAYS, or ended (the policy blocks it). */
export function licenceState(expiresAt: string | null, now: Date): LicenceState {
  if (expiresAt == null || expiresAt.trim() === '') return 'none';
  const ends = licenceEndsAt(expiresAt);
  if (ends == null || ends <= now.getTime()) return 'expired';
  return ends - now.getTime() <= LICENCE_SOON_DAYS * 86_400_000 ? 'soon' : 'valid';
}

function expiredLicences(policy: Policy, ctx: PolicyContext): Violation[] {
  if (!policy.blockExpiredLicences) return [];
  const out: Violation[] = [];
  for (const a of ctx.assetLicences) {
    if (a.expiresAt == null) continue;
    const ends = licenceEndsAt(a.expiresAt);
    if (ends == null) {
      out.push({ rule: 'expiredLicence', message: `The licence date of ${quote(a.name)} (${quote(a.expiresAt)}) cannot be read, so it may have expired`, fix: `Fix the licence date of ${quote(a.name)} in the library (YYYY-MM-DD)`, spans: [] });
    } else if (ends <= ctx.now.getTime()) {
      out.push({ rule: 'expiredLicence', message: `The licence for ${quote(a.name)} expired on ${a.expiresAt.slice(0, 10)}`, fix: `Replace ${quote(a.name)} in the draft, or renew its licence and update the date`, spans: [] });
    }
  }
  return out;
}

function watermark(policy: Policy, ctx: PolicyContext): Violation[] {
  const ch = ctx.channel;
  if (ch === undefined || !policy.requireWatermark.includes(ch) || ctx.watermark === undefined || ctx.watermark === 'spans') return [];
  const name = channelLimits[ch].label;
  if (ctx.watermark === 'noDraft') {
    return [{ rule: 'watermark', message: `${name} posts must carry the brand watermark, and this post has no draft yet`, fix: 'Pick a draft for the post, then Add watermark in the editor', spans: [] }];
  }
  return [
    {
      rule: 'watermark',
      message: ctx.watermark === 'partial' ? `${name} posts must carry the brand watermark for the whole video; this draft’s watermark ends early or starts late` : `${name} posts must carry the brand watermark; this draft has none`,
      fix: ctx.watermark === 'partial' ? 'Add watermark in the editor again to stretch it over the whole draft' : 'Add watermark in the editor (it uses the draft’s brand kit)',
      spans: [],
    },
  ];
}

export function checkPolicy(policy: Policy, content: PostContent, ctx: PolicyContext): Violation[] {
  return [
    ...bannedPhrases(policy, content),
    ...disclosure(policy, content, ctx),
    ...hashtagCap(policy, content),
    ...linkDomains(policy, content),
    ...expiredLicences(policy, ctx),
    ...watermark(policy, ctx),
  ];
}
