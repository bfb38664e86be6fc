import { balancedBreak, defaultReadingRules } from './caption-checks';
import { type CaptionCue, type CaptionWord, CaptionCue as CueSchema, cueTokens, normalizeCueText } from './caption-track';

/**
 * From a recogniser's tokens to caption cues (docs/captions.md "Auto-captions"). whisper.cpp, asked for one token
 * per segment (max_len 1 with token timestamps), answers pieces like " Hel", "lo", ",", " world": a piece that
 * starts with a space begins a word, the others continue it (sub-words, punctuation). Non-speech marks
 * ("[BLANK_AUDIO]", "[Music]", "(laughs)") are left out. Words are then grouped into cues that read well:
 * at most 2 lines of 42 characters (defaultReadingRules), a new cue after a pause or a sentence end, and none
 * longer than 7 s. Each cue's text is its words joined and broken into lines (balancedBreak), so `words` spell
 * the cue's text token for token, as caption-track.ts requires.
 */

export type RecognizedToken = { text: string; startSec: number; endSec: number };

export type CueShaping = {
  maxCharsPerLine: number;
  maxLines: number;
  /** A silence longer than this between two words starts a new cue. */
  pauseSec: number;
  /** A cue runs at most this long. */
  maxCueSec: number;
  /** A sentence end starts a new cue once the cue holds at least this many characters. */
  sentenceMinChars: number;
};

export const defaultCueShaping: CueShaping = { maxCharsPerLine: defaultReadingRules.maxCharsPerLine, maxLines: defaultReadingRules.maxLines, pauseSec: 0.8, maxCueSec: 7, sentenceMinChars: 12 };

const NON_SPEECH = /^(\[[^\]]*\]|\([^)]*\)|\*[^*]*\*|♪+)$/u;
const round3 = (s: number) => Math.round(s * 1000) / 1000;

/** Tokens → words with times (a word spans its first token's start to its last token's end). */
export function tokensToWords(tokens: readonly RecognizedToken[]): CaptionWord[] {
  const words: CaptionWord[] = [];
  let cur: { text: string; startSec: number; endSec: number } | null = null;
  const flush = () => {
    if (!cur) return;
    const text = cur.text.trim();
    if (text && !NON_SPEECH.test(text)) {
      // A token may carry several words (rare; a long number spelt out): their time is shared by length.
      const parts = cueTokens(text);
      const total = parts.reduce((n, p) => n + p.length, 0);
      let t = cur.startSec;
      for (const p of parts) {
        const end = parts.length === 1 ? cur.endSec : t + ((cur.endSec - cur.startSec) * p.length) / total;
        words.push({ text: p, startSec: round3(t), endSec: round3(Math.max(t, end)) });
        t = end;
      }
    }
    cur = null;
  };
  for (const tok of tokens) {
    // eslint-disable-next-line no-control-regex -- control characters are never caption text
    const text = tok.text.replace(/[\u0000-\u001f\u007f]/g, '');
    if (text.trim() === '') continue;
    const starts = /^\s/.test(text) || cur === null;
    const endSec = Math.max(tok.startSec, tok.endSec);
    if (starts) {
      flush();
      cur = { text: text.trimStart(), startSec: tok.startSec, endSec };
    } else if (cur) {
      cur.text += text;
      cur.endSec = Math.max(cur.endSec, endSec);
    }
  }
  flush();
  // Times in order and not overlapping (whisper's token times can go back by a frame).
  let prevEnd = 0;
  return words.map((w) => {
    const startSec = Math.max(w.startSec, prevEnd);
    const endSec = Math.max(w.endSec, startSec);
    prevEnd = endSec;
    return { ...w, startSec, endSec };
  });
}

/** Words → cues that follow the shaping rules; ids from `makeId`. */
export function wordsToCues(words: readonly CaptionWord[], makeId: (n: number) => string, shaping: CueShaping = defaultCueShaping): CaptionCue[] {
  const groups: CaptionWord[][] = [];
  let group: CaptionWord[] = [];
  const fits = (ws: readonly CaptionWord[]) => balancedBreak(ws.map((w) => w.text).join(' '), shaping.maxCharsPerLine, shaping.maxLines) !== null;
  for (const w of words) {
    const last = group.at(-1);
    if (last) {
      const chars = group.reduce((n, x) => n + x.text.length + 1, -1);
      const pause = w.startSec - last.endSec > shaping.pauseSec;
      const sentence = /[.!?…]["”’)]?$/u.test(last.text) && chars >= shaping.sentenceMinChars;
      const tooLong = w.endSec - group[0]!.startSec > shaping.maxCueSec;
      if (pause || sentence || tooLong || !fits([...group, w])) {
        groups.push(group);
        group = [];
      }
    }
    group.push(w);
  }
  if (group.length) groups.push(group);

  const cues: CaptionCue[] = [];
  for (const g of groups) {
    const joined = g.map((w) => w.text).join(' ');
    // A single word longer than a line stays on one (over-long) line; the reading checks flag it.
    const text = normalizeCueText(balancedBreak(joined, shaping.maxCharsPerLine, shaping.maxLines) ?? joined);
    const startSec = g[0]!.startSec;
    // A cue must last; a word may take no time (recognisers emit those): give the cue at least a frame.
    const endSec = Math.max(g.at(-1)!.endSec, startSec + 0.04);
    const cue = { id: makeId(cues.length + 1), text, startSec, endSec: round3(endSec), words: g.map((w) => ({ ...w })) };
    const parsed = CueSchema.safeParse(cue);
    // A word the caption text cannot hold (over 200 characters, "-->") is dropped with its timings, never the cue.
    cues.push(parsed.success ? parsed.data : { id: cue.id, text: normalizeCueText(joined.replace(/-->/g, '→')).slice(0, 1000), startSec, endSec: cue.endSec });
  }
  return cues;
}
