import type { CaptionCue } from './caption-track';
import type { TimedWord } from './script-align';
import type { ScriptWord } from './script-text';

/**
 * Captions from timed script words: cues broken at sentences, long pauses and (when a cue is getting full)
 * clauses, each at most two lines of 42 characters (the usual broadcast and platform limit), with its words'
 * times, in the caption track's cue shape (caption-track.ts). Pure.
 */

export const MAX_LINE_CHARS = 42;
export const MAX_LINES = 2;
/** A pause this long between words ends a cue even mid-sentence (the speaker stopped). */
export const CUE_PAUSE_SEC = 0.7;

/**
 * Words wrapped into lines of at most `max` characters, balanced: of the two-line splits that fit, the one whose
 * lines are most even (a short last line reads badly). Null when they need more than `maxLines` lines. A single
 * word longer than a line is a line of its own.
 */
export function wrapLines(words: readonly string[], max = MAX_LINE_CHARS, maxLines = MAX_LINES): string[] | null {
  const whole = words.join(' ');
  if (whole.length <= max || words.length === 1) return [whole];
  if (maxLines < 2) return null;
  let best: string[] | null = null;
  let bestDiff = Infinity;
  for (let i = 1; i < words.length; i++) {
    const a = words.slice(0, i).join(' ');
    const b = words.slice(i).join(' ');
    if (a.length > max || b.length > max) continue;
    const diff = Math.abs(a.length - b.length);
    if (diff < bestDiff) {
      best = [a, b];
      bestDiff = diff;
    }
  }
  return best;
}

/**
 * The decoder sometimes hears a sentence's short first word ("The") glued to the end of the sentence before,
 * a long pause ahead of the rest. A first word followed by a pause of CUE_PAUSE_SEC is moved up to the word
 * after it (keeping its length, at most 0.4 s), so the cue starts when the sentence does.
 */
export function pullSentenceStarts(script: readonly ScriptWord[], timed: readonly TimedWord[]): TimedWord[] {
  const out = timed.map((t) => ({ ...t }));
  for (let i = 0; i + 1 < out.length; i++) {
    const starts = i === 0 || script[i - 1]!.breakAfter === 'sentence';
    if (!starts || script[i]!.breakAfter === 'sentence') continue;
    const next = out[i + 1]!;
    if (next.startSec - out[i]!.endSec < CUE_PAUSE_SEC) continue;
    const len = Math.min(0.4, Math.max(0.05, out[i]!.endSec - out[i]!.startSec));
    out[i] = { ...out[i]!, startSec: next.startSec - len, endSec: next.startSec };
  }
  return out;
}

/**
 * Splits words (indices into `script`) that do not fit one cue into as few cues as fit, cut near even lengths,
 * moving each cut to a clause end within ten characters when there is one.
 */
function splitToFit(script: readonly ScriptWord[], group: readonly number[]): number[][] {
  const texts = group.map((k) => script[k]!.text);
  const total = texts.join(' ').length;
  for (let parts = 2; parts <= group.length; parts++) {
    const cuts: number[] = [];
    let at = 0;
    for (let p = 1; p < parts; p++) {
      const target = (total * p) / parts;
      let best = -1;
      let bestScore = Infinity;
      for (let c = at + 1; c < group.length; c++) {
        const len = texts.slice(0, c).join(' ').length;
        const clause = script[group[c - 1]!]!.breakAfter ? 10 : 0;
        const score = Math.abs(len - target) - clause;
        if (score < bestScore) {
          best = c;
          bestScore = score;
        }
      }
      if (best < 0) break;
      cuts.push(best);
      at = best;
    }
    const bounds = [0, ...cuts, group.length];
    const out = bounds.slice(1).map((e, i) => group.slice(bounds[i], e));
    if (out.every((g) => g.length > 0 && wrapLines(g.map((k) => script[k]!.text)) !== null)) return out;
  }
  return group.map((k) => [k]);
}

/**
 * Cues from the script's words (for their breaks) and their times (same order and length): a cue per sentence,
 * also ended by a pause of CUE_PAUSE_SEC, and a sentence too long for two lines split into even parts.
 */
export function buildCues(script: readonly ScriptWord[], heardTimes: readonly TimedWord[], makeId: (index: number) => string): CaptionCue[] {
  if (script.length !== heardTimes.length) throw new RangeError('buildCues: words and times differ in length');
  const timed = pullSentenceStarts(script, heardTimes);
  const segments: number[][] = [];
  let cur: number[] = [];
  for (let i = 0; i < script.length; i++) {
    cur.push(i);
    const next = timed[i + 1];
    if (script[i]!.breakAfter === 'sentence' || (next && next.startSec - timed[i]!.endSec >= CUE_PAUSE_SEC)) {
      segments.push(cur);
      cur = [];
    }
  }
  if (cur.length) segments.push(cur);
  const groups = segments.flatMap((g) => (wrapLines(g.map((k) => script[k]!.text)) ? [g] : splitToFit(script, g)));
  return groups.map((g, index) => {
    const words = g.map((k) => ({ text: script[k]!.text, startSec: round(timed[k]!.startSec), endSec: round(timed[k]!.endSec) }));
    const lines = wrapLines(words.map((w) => w.text)) ?? [words.map((w) => w.text).join(' ')];
    return { id: makeId(index), text: lines.join('\n'), startSec: words[0]!.startSec, endSec: Math.max(words.at(-1)!.endSec, words[0]!.startSec + 0.01), words };
  });
}

/** Milliseconds are all a caption needs (and all SRT keeps). */
function round(s: number): number {
  return Math.round(s * 1000) / 1000;
}
