import type { PostContent } from './post';

/**
 * The text of a post as a channel receives it, and the small text facts validation and policy share.
 *
 * Lengths are counted in Unicode code points (`[...s].length`), not UTF-16 units: an emoji outside the BMP
 * is one character to a reader, and Instagram, TikTok and LinkedIn count that way closely enough. It still
 * differs from what some platforms show: a family emoji built with zero-width joiners is several code
 * points, and X counts "weighted" characters (every URL is 23, CJK and most emoji count 2), so a CJK- or
 * emoji-heavy post can pass here and be too long on X.
 */

export function codePointLength(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

/**
 * Caption, then a blank line, then the hashtags and mentions as they will be written (`#tag`, `@handle`),
 * leaving out those the caption already has typed in (compared without case). This is what connectors write
 * (caption.txt, the webhook's text) and what caption limits are checked on: one function, so the check and the
 * delivery never disagree.
 */
export function writtenCaption(content: Pick<PostContent, 'caption' | 'hashtags' | 'mentions'>): string {
  const typedTags = new Set(inlineHashtags(content.caption).map((s) => s.text.toLowerCase()));
  const typedMentions = new Set(inlineMentions(content.caption).map((s) => s.text.toLowerCase()));
  const tail = [
    ...content.hashtags.filter((h) => !typedTags.has(h.toLowerCase())).map((h) => `#${h}`),
    ...content.mentions.filter((m) => !typedMentions.has(m.toLowerCase())).map((m) => `@${m}`),
  ].join(' ');
  const caption = content.caption.trimEnd();
  if (!tail) return caption;
  return caption ? `${caption}\n\n${tail}` : tail;
}

export type TextSpan = { start: number; end: number; text: string };

/** Hashtags typed inside a text (`#word`), with UTF-16 offsets; a `#` inside a word (`a#b`) or a URL fragment is not one. */
export function inlineHashtags(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_/#&])#([\p{L}\p{N}_]+)/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[1]! });
  }
  return out;
}

/** Mentions typed inside a text (`@handle`); an e-mail address (`a@b.com`) is not one. */
export function inlineMentions(text: string): TextSpan[] {
  const out: TextSpan[] = [];
  for (const m of text.matchAll(/(?<![\p{L}\p{N}_.@])@([\w.]*\w)/gu)) {
    out.push({ start: m.index, end: m.index + m[0].length, text: m[1]! });
  }
  return out;
}

/** Trailing characters that end a sentence rather than a URL ("see https://a.com/x." → without the dot). */
const URL_TRAILING = /[.,;:!?'")\]}>]+$/;

/** Links in a text: `http(s)://…` and bare `www.…`, with UTF-16 offsets and the host (lower case, punycode). */
export function findLinks(text: string): (TextSpan & { host: string | null })[] {
  const out: (TextSpan & { host: string | null })[] = [];
  for (const m of text.matchAll(/\bhttps?:\/\/[^\s<>"]+|(?<![\p{L}\p{N}_.\-/@])www\.[^\s<>"]+/giu)) {
    const raw = m[0].replace(URL_TRAILING, '');
    out.push({ start: m.index, end: m.index + raw.length, text: raw, host: hostOf(raw) });
  }
  return out;
}

/** The host of a URL (`www.x.com/…` is read as https), or null when it does not parse. */
export function hostOf(url: string): string | null {
  try {
    const u = new URL(/^[a-z][a-z0-9+.-]*:\/\//i.test(url) ? url : `https://${url}`);
    return u.hostname.replace(/\.$/, '').toLowerCase() || null;
  } catch {
    return null;
  }
}
