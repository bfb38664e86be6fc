import { z } from 'zod';
import { Id } from './draft-parts';

/**
 * Caption tracks of a video draft (docs/draft-format.md "Captions"). A draft holds a list of them, not one: a
 * video is often captioned in several languages (YouTube and Facebook take one sidecar per language), and a
 * burned-in track and a plain sidecar of the same language are different things. Each track is one language.
 *
 * Invariants the schema holds (so every importer, editor and exporter can rely on them):
 * - cue times: 0 ≤ startSec < endSec ≤ 24 h; cues sorted by startSec within a track (overlaps are allowed but
 *   reported by caption-checks.ts); cue ids unique within the track, track ids unique within the draft;
 * - cue text is normalised (normalizeCueText): lines joined by "\n", no blank lines, no runs of spaces, no "-->"
 *   (SRT and WebVTT cannot carry a blank line or "-->" inside a cue);
 * - words, when present, are the cue's text word for word (its whitespace-separated tokens, in order) with
 *   times inside the cue, in order and not overlapping (a word may last zero seconds: recognisers emit those).
 */

/** Longest time a caption may reach: the same 24 hours a clip may (docs/draft-format.md). */
export const CAPTION_MAX_SEC = 24 * 3600;
export const CAPTION_TEXT_MAX = 1000;
export const CAPTION_CUES_MAX = 20_000;
export const CAPTION_TRACKS_MAX = 16;

const CaptionTime = z.number().finite().min(0).max(CAPTION_MAX_SEC);

/** Collapses spaces, trims each line, drops blank lines and turns CR/CRLF into "\n": what SRT/VTT can hold. */
export function normalizeCueText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .split('\n')
    .map((line) => line.replace(/[\t\f\v \u00a0]+/g, ' ').trim())
    .filter((line) => line !== '')
    .join('\n');
}

/** The whitespace-separated tokens of a cue's text: what `words` must spell, one word per token. */
export function cueTokens(text: string): string[] {
  return text.split(/\s+/).filter((t) => t !== '');
}

export const CaptionText = z
  .string()
  .transform(normalizeCueText)
  .pipe(
    z
      .string()
      .min(1, 'A caption needs some text')
      .max(CAPTION_TEXT_MAX, `A caption holds at most ${CAPTION_TEXT_MAX} characters: split it`)
      .refine((s) => !s.includes('-->'), 'A caption cannot contain "-->" (subtitle files use it to mark times)')
      // eslint-disable-next-line no-control-regex -- refusing control characters is the point
      .refine((s) => !/[\u0000-\u0009\u000b-\u001f\u007f]/.test(s), 'A caption cannot contain control characters'),
  );

export const CaptionWord = z
  .object({
    /** One token of the cue's text, exactly as it is spelt there (punctuation included). */
    text: z.string().min(1).max(200).refine((s) => !/\s/.test(s), 'A word cannot contain spaces'),
    startSec: CaptionTime,
    endSec: CaptionTime,
  })
  .refine((w) => w.endSec >= w.startSec, { message: 'A word must end at or after its start', path: ['endSec'] });
export type CaptionWord = z.infer<typeof CaptionWord>;

/** A speaker's name as a WebVTT <v> tag carries it: one line. */
export const SpeakerName = z
  .string()
  .transform((s) => s.replace(/\s+/g, ' ').trim())
  .pipe(z.string().min(1).max(80));

export const CaptionCue = z
  .object({
    id: Id,
    text: CaptionText,
    startSec: CaptionTime,
    endSec: CaptionTime,
    /** Word timings (karaoke, word-by-word styles); absent when only the cue's times are known. */
    words: z.array(CaptionWord).max(500).optional(),
    speaker: SpeakerName.optional(),
    /** This cue's style, overriding the track's (e.g. one emphasised cue); absent = the track's style. */
    styleId: Id.optional(),
  })
  .superRefine((c, ctx) => {
    if (!(c.endSec > c.startSec)) ctx.addIssue({ code: 'custom', message: 'A caption must end after it starts', path: ['endSec'] });
    const problem = c.words ? wordsProblem(c.text, c.startSec, c.endSec, c.words) : null;
    if (problem) ctx.addIssue({ code: 'custom', message: problem, path: ['words'] });
  });
export type CaptionCue = z.infer<typeof CaptionCue>;

/** Why `words` do not fit a cue, or null when they do (the invariants above). */
export function wordsProblem(text: string, startSec: number, endSec: number, words: readonly CaptionWord[]): string | null {
  const tokens = cueTokens(text);
  if (words.length !== tokens.length || words.some((w, i) => w.text !== tokens[i])) return "The word timings do not match the caption's words";
  let prevEnd = startSec;
  for (const w of words) {
    if (w.startSec < prevEnd || w.endSec > endSec) return 'Word timings must lie inside their caption, in order and not overlapping';
    prevEnd = w.endSec;
  }
  return null;
}

/** A BCP 47 language tag ("en", "fi", "pt-BR", "und" when unknown), checked by the platform's own parser. */
export const LanguageTag = z
  .string()
  .min(2)
  .max(35)
  .refine((s) => {
    try {
      return Intl.getCanonicalLocales(s).length === 1;
    } catch {
      return false;
    }
  }, 'Use a language tag like "en", "fi" or "pt-BR"');

export const CaptionTrack = z
  .object({
    id: Id,
    /** BCP 47; "und" when unknown. One language per track. */
    language: LanguageTag,
    /** Shown in the editor and used for sidecar file names ("English", "Suomi (SDH)"). */
    name: z.string().trim().min(1).max(80),
    /**
     * The caption style the track is burned in with (the styles part defines the ids). Absent: the track is not
     * burned into the picture; it still exports as SRT/VTT and travels as a sidecar.
     */
    styleId: Id.optional(),
    cues: z.array(CaptionCue).max(CAPTION_CUES_MAX),
  })
  .superRefine((t, ctx) => {
    const seen = new Set<string>();
    t.cues.forEach((c, i) => {
      if (seen.has(c.id)) ctx.addIssue({ code: 'custom', message: `Two captions share the id "${c.id}"`, path: ['cues', i, 'id'] });
      seen.add(c.id);
      if (i > 0 && c.startSec < t.cues[i - 1]!.startSec) ctx.addIssue({ code: 'custom', message: 'Captions must be in order of their start times', path: ['cues', i, 'startSec'] });
    });
  });
export type CaptionTrack = z.infer<typeof CaptionTrack>;

export const CaptionTracks = z
  .array(CaptionTrack)
  .max(CAPTION_TRACKS_MAX)
  .superRefine((tracks, ctx) => {
    const seen = new Set<string>();
    tracks.forEach((t, i) => {
      if (seen.has(t.id)) ctx.addIssue({ code: 'custom', message: `Two caption tracks share the id "${t.id}"`, path: [i, 'id'] });
      seen.add(t.id);
    });
  });

// ── helpers ─────────────────────────────────────────────────────────────────

/** Cues in start order (stable, so cues that start together keep their order). */
export function sortCues<T extends { startSec: number }>(cues: readonly T[]): T[] {
  return cues
    .map((c, i) => [c, i] as const)
    .sort((a, b) => a[0].startSec - b[0].startSec || a[1] - b[1])
    .map(([c]) => c);
}

/**
 * A cue with new text: word timings survive when the text still has the same number of words (a typo fixed),
 * taking the new spellings; otherwise they are dropped (sync again to get them back).
 */
export function withCueText(cue: CaptionCue, text: string): CaptionCue {
  const normal = normalizeCueText(text);
  const { words, ...rest } = cue;
  if (!words) return { ...rest, text: normal };
  const tokens = cueTokens(normal);
  if (tokens.length !== words.length) return { ...rest, text: normal };
  return { ...rest, text: normal, words: words.map((w, i) => ({ ...w, text: tokens[i]! })) };
}

/** An id not among `taken`: `prefix-1`, `prefix-2`, … */
export function freeId(prefix: string, taken: ReadonlySet<string>): string {
  for (let n = 1; ; n++) {
    const id = `${prefix}-${n}`;
    if (!taken.has(id)) return id;
  }
}

/** The language's name in English for a track name ("English", "Finnish"); the tag itself when unknown. */
export function languageName(tag: string): string {
  try {
    return new Intl.DisplayNames(['en'], { type: 'language' }).of(tag) ?? tag;
  } catch {
    return tag;
  }
}
