/**
 * From what the recogniser heard back to the script (docs/captions.md): its output parsed, the two word
 * sequences aligned, and every script word given a time (heard ones their own, the others between their
 * neighbours). Pure.
 */

export type HeardWord = { word: string; startSec: number; endSec: number };
export type TimedWord = { text: string; startSec: number; endSec: number; heard: boolean };

/** Fillers and markers pocketsphinx prints that are no words of the script. */
const NOT_WORDS = /^(<sil>|<s>|<\/s>|\[[a-z_]+\]|\+\+[a-z_]+\+\+|\(null\))$/i;

/**
 * `pocketsphinx_continuous -time yes` output: per utterance a hypothesis line, then one line per word
 * "word start end confidence" (seconds from the start of the file; alternative pronunciations carry "(2)").
 * Silences, noises and "(NULL)" are dropped; lines that are not word lines (the hypothesis) are skipped.
 */
export function parsePocketsphinx(stdout: string, offsetSec = 0): HeardWord[] {
  const out: HeardWord[] = [];
  for (const line of stdout.split(/\r?\n/)) {
    const m = /^(\S+) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?) (-?\d+(?:\.\d+)?(?:e[-+]?\d+)?)$/i.exec(line.trim());
    if (!m) continue;
    const word = m[1]!.replace(/\(\d+\)$/, '');
    if (NOT_WORDS.test(word)) continue;
    const ms = (x: number) => Math.round(x * 1000) / 1000; // pocketsphinx prints 10 ms frames
    const startSec = ms(Number(m[2]) + offsetSec);
    const endSec = Math.max(startSec, ms(Number(m[3]) + offsetSec));
    out.push({ word: word.toLowerCase(), startSec, endSec });
  }
  return out;
}

/**
 * For each expected word, the index of the heard word it is (or null): a least-edits alignment (insertions,
 * deletions, substitutions cost 1, a match 0), ties broken toward matches. O(n·m) time and memory; callers
 * align per chunk-sized windows or whole scripts of a few thousand words.
 */
export function alignSequences(expected: readonly string[], heard: readonly string[]): (number | null)[] {
  const n = expected.length;
  const m = heard.length;
  const w = m + 1;
  const cost = new Uint32Array((n + 1) * w);
  for (let i = 0; i <= n; i++) cost[i * w] = i;
  for (let j = 0; j <= m; j++) cost[j] = j;
  for (let i = 1; i <= n; i++) {
    for (let j = 1; j <= m; j++) {
      const same = expected[i - 1] === heard[j - 1] ? 0 : 1;
      cost[i * w + j] = Math.min(cost[(i - 1) * w + j - 1]! + same, cost[(i - 1) * w + j]! + 1, cost[i * w + j - 1]! + 1);
    }
  }
  const out: (number | null)[] = new Array<number | null>(n).fill(null);
  let i = n;
  let j = m;
  while (i > 0 && j > 0) {
    const here = cost[i * w + j]!;
    if (expected[i - 1] === heard[j - 1] && here === cost[(i - 1) * w + j - 1]) {
      out[i - 1] = j - 1;
      i--;
      j--;
    } else if (here === cost[(i - 1) * w + j]! + 1) i--;
    else if (here === cost[i * w + j - 1]! + 1) j--;
    else {
      i--; // a substitution: the expected word was not heard as itself; it is timed from its neighbours
      j--;
    }
  }
  return out;
}

/**
 * Times for script words whose pieces are `pieces[k]` (several per written word, or none), from what was heard:
 * a word gets the span of its heard pieces; a word with none heard (a substitution, a word the dictionary lacks,
 * audio the decoder could not match) is placed between the words around it, sharing the gap by length.
 * `durationSec` bounds words after the last one heard.
 */
export function timeWords(texts: readonly string[], pieces: readonly (readonly string[])[], heard: readonly HeardWord[], durationSec: number): TimedWord[] {
  const flat: string[] = [];
  const owner: number[] = [];
  pieces.forEach((ps, k) => ps.forEach((p) => (flat.push(p), owner.push(k))));
  const match = alignSequences(flat, heard.map((h) => h.word));
  const spans: ({ startSec: number; endSec: number } | null)[] = texts.map(() => null);
  match.forEach((h, f) => {
    if (h === null) return;
    const k = owner[f]!;
    const hw = heard[h]!;
    const s = spans[k];
    spans[k] = s ? { startSec: Math.min(s.startSec, hw.startSec), endSec: Math.max(s.endSec, hw.endSec) } : { startSec: hw.startSec, endSec: hw.endSec };
  });
  const out: TimedWord[] = [];
  for (let k = 0; k < texts.length; ) {
    const s = spans[k];
    if (s) {
      out.push({ text: texts[k]!, ...s, heard: true });
      k++;
      continue;
    }
    // A run of unheard words [k, e): shares the gap between the heard words around it, by letters.
    let e = k;
    while (e < texts.length && !spans[e]) e++;
    const from = out.at(-1)?.endSec ?? 0;
    const to = e < texts.length ? spans[e]!.startSec : Math.max(from, durationSec);
    const weights = texts.slice(k, e).map((t) => Math.max(1, t.length));
    const total = weights.reduce((a, b) => a + b, 0);
    let at = from;
    for (let x = k; x < e; x++) {
      const len = ((to - from) * weights[x - k]!) / total;
      out.push({ text: texts[x]!, startSec: at, endSec: at + len, heard: false });
      at += len;
    }
    k = e;
  }
  return out;
}
