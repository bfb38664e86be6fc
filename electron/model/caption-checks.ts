import { CAPTION_MAX_SEC, type CaptionCue, type CaptionTrack, cueTokens, freeId, sortCues } from './caption-track';

/**
 * Reading checks per cue (docs/captions.md "Reading checks"), with the limits broadcasters and the big
 * platforms publish for adult viewers: 42 characters a line, 2 lines, 17 characters a second, 0.8 s on screen,
 * and two frames (at 24 fps) between cues so they do not flicker. Each finding offers a fix as data; applyFix
 * is the pure transform, and it never breaks the track's invariants (caption-checks.property.test.ts).
 */
export type ReadingRules = {
  maxCharsPerLine: number;
  maxLines: number;
  maxCharsPerSecond: number;
  minDurationSec: number;
  /** A gap shorter than this (and not zero) between two cues makes the picture flicker. */
  minGapSec: number;
};

export const defaultReadingRules: ReadingRules = { maxCharsPerLine: 42, maxLines: 2, maxCharsPerSecond: 17, minDurationSec: 0.8, minGapSec: 2 / 24 };

export type CaptionCheck = 'lineLength' | 'lineCount' | 'readingSpeed' | 'tooShort' | 'gap' | 'overlap';

export type CaptionFix =
  /** Re-wrap the words into at most maxLines lines broken at a balanced point. */
  | { kind: 'rebreak'; cueId: string; text: string }
  /** Move the cue's end (later into the gap, or earlier out of an overlap or a flickering gap). */
  | { kind: 'setEnd'; cueId: string; endSec: number }
  /** Split the cue in two at a word boundary (`atWord`: index of the first word of the second cue). */
  | { kind: 'split'; cueId: string; atWord: number };

export type CaptionFinding = {
  cueId: string;
  check: CaptionCheck;
  /** What is wrong, in numbers a creator can act on (English; `check`, `value` and `limit` let the UI word it). */
  message: string;
  /** The measured number (characters, lines, characters a second, seconds) and the rule's limit. */
  value: number;
  limit: number;
  /** The suggested fix and its label, or null when only an edit of the words helps. */
  fix: { label: string; change: CaptionFix } | null;
};

/** Characters as a reader sees them (code points; emoji count once), line breaks not counted. */
export function charCount(s: string): number {
  return Array.from(s.replace(/\n/g, '')).length;
}

const lineLengths = (text: string) => text.split('\n').map((l) => Array.from(l).length);
const round3 = (s: number) => Math.round(s * 1000) / 1000;

/**
 * The text's words in the fewest lines (up to maxLines) that each hold at most maxChars, broken where the lines
 * are most even (ties: after punctuation); null when a single word is too long or it needs more lines.
 */
export function balancedBreak(text: string, maxChars: number, maxLines: number): string | null {
  const words = cueTokens(text);
  if (words.length === 0) return null;
  const prefix = [0];
  for (const w of words) prefix.push(prefix[prefix.length - 1]! + Array.from(w).length);
  if (prefix[words.length]! + words.length - maxLines > maxChars * maxLines) return null;
  const width = (i: number, j: number) => prefix[j]! - prefix[i]! + (j - i - 1);
  for (let lines = 1; lines <= maxLines; lines++) {
    // best[k][i]: the least (longest line, sum of squares) for the first i words in k lines.
    type Cost = { max: number; sq: number; punct: number; cut: number };
    const best: (Cost | null)[][] = Array.from({ length: lines + 1 }, () => Array<Cost | null>(words.length + 1).fill(null));
    best[0]![0] = { max: 0, sq: 0, punct: 0, cut: -1 };
    for (let k = 1; k <= lines; k++) {
      for (let i = 1; i <= words.length; i++) {
        for (let j = k - 1; j < i; j++) {
          const prev = best[k - 1]![j];
          const w = width(j, i);
          if (!prev || w > maxChars) continue;
          const cost: Cost = { max: Math.max(prev.max, w), sq: prev.sq + w * w, punct: prev.punct + (j > 0 && /[.,!?;:…]$/.test(words[j - 1]!) ? 1 : 0), cut: j };
          const cur = best[k]![i];
          if (!cur || cost.max < cur.max || (cost.max === cur.max && (cost.punct > cur.punct || (cost.punct === cur.punct && cost.sq < cur.sq)))) best[k]![i] = cost;
        }
      }
    }
    if (!best[lines]![words.length]) continue;
    const cuts: number[] = [];
    for (let k = lines, i = words.length; k > 0; k--) {
      const j = best[k]![i]!.cut;
      cuts.unshift(j);
      i = j;
    }
    return cuts.map((from, n) => words.slice(from, cuts[n + 1] ?? words.length).join(' ')).join('\n');
  }
  return null;
}

/**
 * The word index to split at: halves that each fit the line rules first, then a sentence end (or a comma),
 * then the most even halves by characters.
 */
export function bestSplit(cue: CaptionCue, rules: ReadingRules = defaultReadingRules): number | null {
  const words = cueTokens(cue.text);
  if (words.length < 2) return null;
  const total = charCount(words.join(' '));
  let best: { at: number; score: number } | null = null;
  let left = 0;
  for (let at = 1; at < words.length; at++) {
    left += Array.from(words[at - 1]!).length + (at > 1 ? 1 : 0);
    const uneven = Math.abs(total - left - 1 - left) / total;
    const fits = (part: string[]) => balancedBreak(part.join(' '), rules.maxCharsPerLine, rules.maxLines) !== null;
    const misfit = (fits(words.slice(0, at)) ? 0 : 10) + (fits(words.slice(at)) ? 0 : 10);
    const score = misfit + uneven - (/[.!?…]$/.test(words[at - 1]!) ? 0.6 : /[,;:]$/.test(words[at - 1]!) ? 0.2 : 0);
    if (!best || score < best.score) best = { at, score };
  }
  return best?.at ?? null;
}

/** The time a split at `at` happens: the second part's first word's start, else by characters. */
function splitTime(cue: CaptionCue, at: number): number | null {
  const words = cueTokens(cue.text);
  const t = cue.words?.[at]?.startSec ?? cue.startSec + ((cue.endSec - cue.startSec) * charCount(words.slice(0, at).join(' '))) / charCount(words.join(' '));
  const s = round3(t);
  return s > cue.startSec && s < cue.endSec ? s : null;
}

const fmt = (s: number) => `${Math.round(s * 10) / 10} s`;

/** Every reading problem in the track, cue by cue, in time order. */
export function checkTrack(track: Pick<CaptionTrack, 'cues'>, rules: ReadingRules = defaultReadingRules): CaptionFinding[] {
  const out: CaptionFinding[] = [];
  const cues = track.cues;
  cues.forEach((cue, i) => {
    const next = cues[i + 1];
    // The latest this cue may end without crowding the next one.
    const room = next ? round3(next.startSec - rules.minGapSec) : CAPTION_MAX_SEC;
    const lengths = lineLengths(cue.text);
    const longest = Math.max(...lengths);
    const rebreak = balancedBreak(cue.text, rules.maxCharsPerLine, rules.maxLines);
    const splitAt = bestSplit(cue, rules);
    const splitFix = splitAt !== null && splitTime(cue, splitAt) !== null ? { label: 'Split into two captions', change: { kind: 'split' as const, cueId: cue.id, atWord: splitAt } } : null;
    const layoutFix = rebreak !== null && rebreak !== cue.text ? { label: 'Re-break the lines', change: { kind: 'rebreak' as const, cueId: cue.id, text: rebreak } } : splitFix;
    if (longest > rules.maxCharsPerLine) {
      out.push({ cueId: cue.id, check: 'lineLength', value: longest, limit: rules.maxCharsPerLine, message: `A line has ${longest} characters; at most ${rules.maxCharsPerLine} read comfortably`, fix: layoutFix });
    }
    if (lengths.length > rules.maxLines) {
      out.push({ cueId: cue.id, check: 'lineCount', value: lengths.length, limit: rules.maxLines, message: `${lengths.length} lines; at most ${rules.maxLines} fit without covering the picture`, fix: layoutFix });
    }
    const duration = cue.endSec - cue.startSec;
    const cps = charCount(cue.text) / duration;
    if (cps > rules.maxCharsPerSecond + 1e-9) {
      const needed = round3(cue.startSec + charCount(cue.text) / rules.maxCharsPerSecond);
      const end = Math.min(needed, room);
      out.push({
        cueId: cue.id, check: 'readingSpeed', value: round3(cps), limit: rules.maxCharsPerSecond, message: `${Math.round(cps)} characters a second; at most ${rules.maxCharsPerSecond} can be read in time`,
        fix: end > cue.endSec ? { label: end >= needed ? `Show it until ${fmt(end)}` : `Show it until ${fmt(end)} (as long as the next caption allows)`, change: { kind: 'setEnd', cueId: cue.id, endSec: end } } : null,
      });
    }
    if (duration < rules.minDurationSec - 1e-9) {
      const end = Math.min(round3(cue.startSec + rules.minDurationSec), room);
      out.push({
        cueId: cue.id, check: 'tooShort', value: round3(duration), limit: rules.minDurationSec, message: `On screen for ${fmt(duration)}; at least ${fmt(rules.minDurationSec)} is needed to notice it`,
        fix: end > cue.endSec ? { label: `Show it until ${fmt(end)}`, change: { kind: 'setEnd', cueId: cue.id, endSec: end } } : null,
      });
    }
    if (next && cue.endSec > next.startSec) {
      out.push({
        cueId: cue.id, check: 'overlap', value: round3(cue.endSec - next.startSec), limit: 0, message: `Overlaps the next caption by ${fmt(cue.endSec - next.startSec)}; both would show at once`,
        fix: next.startSec > cue.startSec ? { label: 'End it where the next one starts', change: { kind: 'setEnd', cueId: cue.id, endSec: next.startSec } } : null,
      });
    } else if (next && next.startSec - cue.endSec > 1e-9 && next.startSec - cue.endSec < rules.minGapSec - 1e-9) {
      out.push({
        cueId: cue.id, check: 'gap', value: round3(next.startSec - cue.endSec), limit: rules.minGapSec, message: `Only ${Math.round((next.startSec - cue.endSec) * 1000)} ms before the next caption; the picture flickers`,
        fix: { label: 'Run it on to the next caption', change: { kind: 'setEnd', cueId: cue.id, endSec: next.startSec } },
      });
    }
  });
  return out;
}

/**
 * The track with one fix applied (pure). A fix that no longer fits the cue (the cue changed, or is gone) leaves
 * the track as it is; the result always keeps the track's invariants.
 */
export function applyFix<T extends Pick<CaptionTrack, 'cues'>>(track: T, fix: CaptionFix): T {
  const i = track.cues.findIndex((c) => c.id === fix.cueId);
  const cue = track.cues[i];
  if (!cue) return track;
  const replace = (cues: CaptionCue[]): T => ({ ...track, cues: sortCues([...track.cues.slice(0, i), ...cues, ...track.cues.slice(i + 1)]) });
  switch (fix.kind) {
    case 'rebreak': {
      // Only the whitespace may change: the words (and so their timings) stay the same.
      if (cueTokens(fix.text).join(' ') !== cueTokens(cue.text).join(' ')) return track;
      return replace([{ ...cue, text: fix.text }]);
    }
    case 'setEnd': {
      const end = fix.endSec;
      if (!(end > cue.startSec) || !(end <= CAPTION_MAX_SEC)) return track;
      const words = cue.words?.map((w) => (w.endSec <= end ? w : { ...w, startSec: Math.min(w.startSec, end), endSec: end }));
      return replace([{ ...cue, endSec: end, ...(words ? { words } : {}) }]);
    }
    case 'split': {
      const tokens = cueTokens(cue.text);
      const at = fix.atWord;
      const t = at > 0 && at < tokens.length ? splitTime(cue, at) : null;
      if (t === null) return track;
      const taken = new Set(track.cues.map((c) => c.id));
      const lines = splitText(cue.text, at);
      const left: CaptionCue = { ...cue, text: lines[0], endSec: t, ...(cue.words ? { words: cue.words.slice(0, at).map((w) => ({ ...w, endSec: Math.min(w.endSec, t), startSec: Math.min(w.startSec, t) })) } : {}) };
      const right: CaptionCue = { ...cue, id: freeId('cue', taken), text: lines[1], startSec: t, ...(cue.words ? { words: cue.words.slice(at).map((w) => ({ ...w, startSec: Math.max(w.startSec, t), endSec: Math.max(w.endSec, t) })) } : {}) };
      return replace([left, right]);
    }
  }
}

/** The text before and after word `at`, each keeping its own line breaks. */
function splitText(text: string, at: number): [string, string] {
  let n = 0;
  let cut = text.length;
  for (const m of text.matchAll(/\S+/g)) {
    if (n === at) {
      cut = m.index;
      break;
    }
    n++;
  }
  return [text.slice(0, cut).trim(), text.slice(cut).trim()];
}
