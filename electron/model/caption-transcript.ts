import type { CaptionCue } from './caption-track';
import type { PostContent } from './post';
import { codePointLength, writtenCaption } from './post-text';

/**
 * A caption track as prose, for a post's caption or description ("Use transcript" in the composer; docs/captions.md
 * "Channels"). Pure.
 *
 * - A line break inside a cue is only where the picture broke the line: it becomes a space.
 * - Cues run on into one paragraph; a new paragraph starts after a cue that ends a sentence when the next one comes
 *   after a pause of PARAGRAPH_PAUSE_SEC or more, or another speaker starts.
 */
export const PARAGRAPH_PAUSE_SEC = 1.5;

const SENTENCE_END = /[.!?…。！？]["'”’)\]]*$/u;

export function transcriptText(cues: readonly Pick<CaptionCue, 'text' | 'startSec' | 'endSec' | 'speaker'>[]): string {
  const paragraphs: string[][] = [];
  let prev: (typeof cues)[number] | null = null;
  for (const cue of cues) {
    const text = cue.text.replace(/\s+/g, ' ').trim();
    if (!text) continue;
    const last = paragraphs.at(-1);
    const continues =
      last !== undefined && !(prev !== null && SENTENCE_END.test(last.at(-1) ?? '') && (cue.startSec - prev.endSec >= PARAGRAPH_PAUSE_SEC || (cue.speaker ?? null) !== (prev.speaker ?? null)));
    if (continues) last.push(text);
    else paragraphs.push([text]);
    prev = cue;
  }
  return paragraphs.map((p) => p.join(' ')).join('\n\n');
}

export type TranscriptFill = {
  caption: string;
  /** True when the transcript was cut to fit `limit` (an ellipsis ends it). */
  cut: boolean;
  /** Words of the transcript that went in, of all its words. */
  words: { kept: number; total: number };
};

/**
 * The caption with the transcript put in: the transcript alone when the caption is empty (spaces only), else after
 * the caption and a blank line, so nothing typed is lost. When `limit` is given, the transcript is cut at a word
 * so that the text the channel gets (writtenCaption: the caption with the hashtags and mentions not typed in it, as
 * the composer's check counts it) stays within `limit`, and ends with "…". null when not even one word fits.
 */
export function fillTranscript(content: Pick<PostContent, 'caption' | 'hashtags' | 'mentions'>, transcript: string, limit: number | null): TranscriptFill | null {
  const prefix = content.caption.trim() === '' ? '' : `${content.caption.trimEnd()}\n\n`;
  // Words with the whitespace before them, so a cut keeps the paragraph breaks of what stays.
  const words = transcript.trim().match(/\s*\S+/g) ?? [];
  const total = words.length;
  if (total === 0) return null;
  // A cut ends with "…" in place of the punctuation or dash it fell after ("here, and" → "here…").
  const build = (n: number) => (n < total ? `${prefix}${words.slice(0, n).join('').replace(/[\s,;:–—-]+$/u, '')}…` : `${prefix}${words.join('')}`);
  const fits = (n: number) => limit === null || codePointLength(writtenCaption({ ...content, caption: build(n) })) <= limit;
  if (fits(total)) return { caption: build(total), cut: false, words: { kept: total, total } };
  // Fewer words never make it longer: the largest n that fits, by bisection.
  let lo = 0;
  let hi = total - 1;
  while (lo < hi) {
    const mid = Math.ceil((lo + hi) / 2);
    if (fits(mid)) lo = mid;
    else hi = mid - 1;
  }
  if (lo === 0) return null;
  return { caption: build(lo), cut: true, words: { kept: lo, total } };
}
