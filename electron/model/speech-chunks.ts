/**
 * Where the speech pauses in 16 kHz mono PCM, and how a long recording is cut there into chunks the aligner
 * decodes one at a time (docs/captions.md "Long recordings"). Pure.
 */

export const SAMPLE_RATE = 16_000;
const FRAME = 160; // 10 ms, the recogniser's own frame

export type Span = { startSec: number; endSec: number };

/** Level of each 10 ms frame in dBFS (−120 for digital silence). */
export function frameLevels(pcm: Int16Array): Float32Array {
  const n = Math.floor(pcm.length / FRAME);
  const out = new Float32Array(n);
  for (let f = 0; f < n; f++) {
    let sum = 0;
    for (let i = f * FRAME; i < (f + 1) * FRAME; i++) sum += pcm[i]! * pcm[i]!;
    const rms = Math.sqrt(sum / FRAME) / 32768;
    out[f] = rms > 1e-6 ? 20 * Math.log10(rms) : -120;
  }
  return out;
}

/**
 * Pauses at least `minSec` long. "Quiet" is relative to the recording: 12 dB over its quietest tenth (room tone),
 * but never over −30 dBFS nor under −55 dBFS, so a noisy room and a studio both work.
 */
export function findPauses(levels: Float32Array, minSec = 0.3): Span[] {
  if (levels.length === 0) return [];
  const sorted = Float32Array.from(levels).sort();
  const floor = sorted[Math.floor(sorted.length * 0.1)]!;
  const threshold = Math.min(-30, Math.max(-55, floor + 12));
  const out: Span[] = [];
  let start = -1;
  for (let f = 0; f <= levels.length; f++) {
    const quiet = f < levels.length && levels[f]! < threshold;
    if (quiet && start < 0) start = f;
    if (!quiet && start >= 0) {
      if ((f - start) / 100 >= minSec) out.push({ startSec: start / 100, endSec: f / 100 });
      start = -1;
    }
  }
  return out;
}

/**
 * Chunks of about `targetSec` (never over `maxSec` when a pause allows), cut in the middle of pauses; a stretch
 * with no pause for `maxSec` is cut there (a word may be split: documented). Covers [0, durationSec] exactly.
 */
export function planChunks(durationSec: number, pauses: readonly Span[], targetSec = 15, maxSec = 30): Span[] {
  const out: Span[] = [];
  let from = 0;
  while (durationSec - from > maxSec) {
    const cuts = pauses.map((p) => (p.startSec + p.endSec) / 2).filter((c) => c > from + 1 && c <= from + maxSec);
    // The first cut past the target, else the last one before the limit, else the limit itself.
    const cut = cuts.find((c) => c >= from + targetSec) ?? cuts.at(-1) ?? from + maxSec;
    out.push({ startSec: from, endSec: cut });
    from = cut;
  }
  if (durationSec > from || out.length === 0) out.push({ startSec: from, endSec: durationSec });
  return out;
}

/** Seconds of sound (not pause) in [fromSec, toSec]. */
export function soundWithin(fromSec: number, toSec: number, pauses: readonly Span[]): number {
  if (toSec <= fromSec) return 0;
  let quiet = 0;
  for (const p of pauses) quiet += Math.max(0, Math.min(toSec, p.endSec) - Math.max(fromSec, p.startSec));
  return Math.max(0, toSec - fromSec - quiet);
}

/** Sound the decoder may give to fillers between two words (breaths, clicks, a drawn-out consonant). */
export const LOST_GAP_SOUND_SEC = 1;
/** Sound one word may cover: the longest words take about a second to say. */
export const LOST_WORD_SOUND_SEC = 2;

/**
 * How many of a chunk's heard words (in order, from `fromSec`) to trust. A forced decoder that loses its path
 * does not stop: it gives the speech after that point to silence fillers and strews the remaining words over
 * it, a word where a pause is or one word held for seconds. So words are trusted up to the first that follows
 * more than LOST_GAP_SOUND_SEC of sound no word was given, or that itself covers over LOST_WORD_SOUND_SEC of
 * sound; the caller decodes again from the end of the last trusted word. Pure.
 */
export function trustedPrefix(heard: readonly Span[], fromSec: number, pauses: readonly Span[]): number {
  let end = fromSec;
  for (let i = 0; i < heard.length; i++) {
    const w = heard[i]!;
    if (w.startSec < end - 0.05 || soundWithin(end, w.startSec, pauses) > LOST_GAP_SOUND_SEC || soundWithin(w.startSec, w.endSec, pauses) > LOST_WORD_SOUND_SEC) return i;
    end = Math.max(end, w.endSec);
  }
  return heard.length;
}

/**
 * Heard words kept to the sound: a start inside a pause moves to the pause's end, an end inside a pause to its
 * start. The decoder sometimes stretches a word over the silence before it ("First" from the end of the last
 * sentence, 1.4 s early); no word is said in a pause. Words wholly inside a pause are left as they are. Pure.
 */
export function trimToSound<T extends Span>(words: readonly T[], pauses: readonly Span[]): T[] {
  return words.map((w) => {
    let { startSec, endSec } = w;
    for (const p of pauses) {
      if (p.startSec <= startSec && startSec < p.endSec && p.endSec < endSec) startSec = p.endSec;
      if (p.startSec < endSec && endSec <= p.endSec && p.startSec > startSec) endSec = p.startSec;
    }
    return startSec === w.startSec && endSec === w.endSec ? w : { ...w, startSec, endSec };
  });
}

/** How far back a cue start may move to the end of a pause: a word takes well under a second to get going. */
export const ONSET_WINDOW_SEC = 1;

/**
 * A cue start moved back to where the sound begins: to the end of the last pause before it (within `withinSec`),
 * when no heard word lies between that pause's end and the cue (`prevEndSec`, the end of the word before the cue,
 * is at most the pause's end). The sound there belongs to no other word, so it is this cue's first word the
 * decoder started late: it often gives a soft onset (the f of "first", the silent k of "captions") to a filler,
 * and a word the script spells differently from how it was said ("2024" said "two thousand and twenty four")
 * leaves its first sounds unmatched. A caption should appear as the word is heard. Pure.
 */
export function snapToOnset(startSec: number, pauses: readonly Span[], prevEndSec = -Infinity, withinSec = ONSET_WINDOW_SEC): number {
  let best: number | null = null;
  for (const p of pauses) {
    if (p.endSec > startSec || startSec - p.endSec > withinSec || prevEndSec > p.endSec) continue;
    if (best === null || p.endSec > best) best = p.endSec;
  }
  return best ?? startSec;
}

/** A 44-byte RIFF header for 16 kHz mono s16 PCM of `bytes` bytes. */
export function wavHeader(bytes: number): Uint8Array {
  const h = new Uint8Array(44);
  const v = new DataView(h.buffer);
  const ascii = (at: number, s: string) => [...s].forEach((ch, i) => v.setUint8(at + i, ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  v.setUint32(4, 36 + bytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  v.setUint32(16, 16, true);
  v.setUint16(20, 1, true); // PCM
  v.setUint16(22, 1, true); // mono
  v.setUint32(24, SAMPLE_RATE, true);
  v.setUint32(28, SAMPLE_RATE * 2, true);
  v.setUint16(32, 2, true);
  v.setUint16(34, 16, true);
  ascii(36, 'data');
  v.setUint32(40, bytes, true);
  return h;
}
