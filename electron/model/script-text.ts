/**
 * A script as words (issue 12 §4, docs/captions.md): what the creator wrote, word by word, with the words the
 * recogniser's dictionary knows for each (numbers spelled out, punctuation and case gone). Pure; the dictionary
 * is passed in as a lookup.
 */

export type ScriptWord = {
  /** As written, punctuation included ("world!", "42"): what a cue shows. */
  text: string;
  /** Lower-case dictionary words said for it ("42" → forty two); empty when nothing of it is in the dictionary. */
  pieces: string[];
  /** Ends a sentence (. ! ? …) or a clause (, ; : –): where cues prefer to break. */
  breakAfter: 'sentence' | 'clause' | null;
};

const ONES = ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine', 'ten', 'eleven', 'twelve', 'thirteen', 'fourteen', 'fifteen', 'sixteen', 'seventeen', 'eighteen', 'nineteen'];
const TENS = ['', '', 'twenty', 'thirty', 'forty', 'fifty', 'sixty', 'seventy', 'eighty', 'ninety'];
const SCALES: [number, string][] = [[1e9, 'billion'], [1e6, 'million'], [1e3, 'thousand']];

/** 0 ≤ n < 10¹²: its English words ("1999" → one thousand nine hundred ninety nine). */
export function numberWords(n: number): string[] {
  if (!Number.isInteger(n) || n < 0 || n >= 1e12) throw new RangeError(`numberWords: ${n} is out of range`);
  if (n < 20) return [ONES[n]!];
  if (n < 100) return n % 10 === 0 ? [TENS[n / 10]!] : [TENS[Math.floor(n / 10)]!, ONES[n % 10]!];
  if (n < 1000) return [ONES[Math.floor(n / 100)]!, 'hundred', ...(n % 100 ? numberWords(n % 100) : [])];
  for (const [size, name] of SCALES) {
    if (n >= size) return [...numberWords(Math.floor(n / size)), name, ...(n % size ? numberWords(n % size) : [])];
  }
  return [];
}

/** A year said the usual way: 1999 → nineteen ninety nine, 2024 → twenty twenty four (2000–2009 as a number). */
function yearWords(n: number): string[] {
  if (n >= 2000 && n < 2010) return numberWords(n);
  const hi = Math.floor(n / 100);
  const lo = n % 100;
  return [...numberWords(hi), ...(lo === 0 ? ['hundred'] : lo < 10 ? ['oh', ...numberWords(lo)] : numberWords(lo))];
}

/** One run of digits (commas allowed, "1,200") → words; four digits from 1100 to 2099 read as a year. */
function digitWords(raw: string): string[] {
  const digits = raw.replace(/,/g, '');
  if (digits.length > 12) return digits.split('').flatMap((d) => numberWords(Number(d)));
  const n = Number(digits);
  if (!raw.includes(',') && digits.length === 4 && n >= 1100 && n < 2100) return yearWords(n);
  return numberWords(n);
}

/** Lower-case, accents off, typographic apostrophes straight: the form dictionary words are in. */
function fold(s: string): string {
  return s
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/[\u2018\u2019\u02bc`]/g, "'")
    .toLowerCase();
}

/** The spoken forms of one written token ("3.5%" → three point five percent; "rock-n-roll" → rock n roll). */
export function spokenForms(token: string): string[] {
  const t = fold(token).replace(/&/g, ' and ').replace(/%/g, ' percent ').replace(/\+/g, ' plus ').replace(/@/g, ' at ');
  const out: string[] = [];
  // Numbers with a decimal point: "3.5" → three point five.
  for (const part of t.split(/[^a-z0-9'.,]+/)) {
    for (const m of part.matchAll(/(\d[\d,]*(?:\.\d+)?)|([a-z']+)/g)) {
      if (m[1]) {
        const [whole, frac] = m[1].replace(/,$/, '').split('.');
        out.push(...digitWords(whole!));
        if (frac) out.push('point', ...frac.split('').flatMap((d) => numberWords(Number(d))));
      } else {
        const w = m[2]!.replace(/^'+|'+$/g, '');
        if (w) out.push(w);
      }
    }
  }
  return out;
}

/**
 * A word the dictionary lacks, said as dictionary words where it can be: "creators'" → creators, "emails" with
 * "email" known → email s is not tried (it would be misheard); a compound "wordbyword" → word by word (split
 * into at most three known pieces, longest first). Null when it cannot be: the word is then left out of the
 * grammar and timed between its neighbours (docs/captions.md "Words the dictionary lacks").
 */
export function knownPieces(word: string, known: (w: string) => boolean): string[] | null {
  if (known(word)) return [word];
  if (word.endsWith("'s") && known(word.slice(0, -2))) return [word.slice(0, -2)];
  // A plural the dictionary lacks ("timings"): its singular sounds nearly the same, which is all alignment needs.
  if (word.endsWith('s') && known(word.slice(0, -1))) return [word.slice(0, -1)];
  const split = (w: string, depth: number): string[] | null => {
    if (known(w)) return [w];
    if (depth === 0) return null;
    for (let i = w.length - 2; i >= 2; i--) {
      const head = w.slice(0, i);
      if (!known(head)) continue;
      const rest = split(w.slice(i), depth - 1);
      if (rest) return [head, ...rest];
    }
    return null;
  };
  const pieces = split(word.replace(/'/g, ''), 2);
  // One-letter or two-letter fragments are not pieces ("a" + "tlas" would be nonsense): at least three letters.
  return pieces && pieces.every((p) => p.length >= 3) ? pieces : null;
}

/** The script as words, each with what the recogniser should hear for it. */
export function scriptWords(script: string, known: (w: string) => boolean): ScriptWord[] {
  const out: ScriptWord[] = [];
  for (const text of script.split(/\s+/).filter(Boolean)) {
    const pieces = spokenForms(text).flatMap((w) => knownPieces(w, known) ?? []);
    const end = /[.!?…]["'”’)\]]*$/u.test(text) ? 'sentence' : /[,;:\u2013\u2014]["'”’)\]]*$/u.test(text) ? 'clause' : null;
    // A dash standing alone ("well — then") breaks the clause of the word before it.
    if (/^[\u2013\u2014-]+$/u.test(text)) {
      const prev = out.at(-1);
      if (prev && !prev.breakAfter) prev.breakAfter = 'clause';
      continue;
    }
    out.push({ text, pieces, breakAfter: end });
  }
  return out;
}

/** What may reach a grammar file: dictionary words are lower-case letters and apostrophes, nothing else. */
const GRAMMAR_WORD = /^[a-z][a-z']*$/;

/**
 * A JSGF grammar that forces the words in order, from the first, and may end after any of them: the audio of a
 * chunk ends where it ends, and the next chunk starts at the word after the last one heard. Pauses between
 * words are the decoder's own (silence fillers). Right recursion keeps it linear in the number of words (a
 * grammar that may also skip a word or start anywhere was tried: ten times slower and it swallowed spoken words
 * as noise; docs/captions.md).
 */
export function jsgfGrammar(words: readonly string[]): string {
  if (words.length === 0) throw new RangeError('jsgfGrammar: no words');
  for (const w of words) if (!GRAMMAR_WORD.test(w)) throw new RangeError(`jsgfGrammar: "${w}" is not a dictionary word`);
  const lines = ['#JSGF V1.0;', 'grammar script;', 'public <s> = <w0>;'];
  words.forEach((w, i) => lines.push(i + 1 < words.length ? `<w${i}> = ${w} [<w${i + 1}>];` : `<w${i}> = ${w};`));
  return lines.join('\n') + '\n';
}
