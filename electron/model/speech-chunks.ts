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

/**
 * A cue start moved back to where the sound begins when a pause ends just before it (within `withinSec`): the
 * recogniser often starts a word after its first consonant's closure ("captions" after the silent k), and a
 * caption should appear as the word is heard.
 */
export function snapToOnset(startSec: number, pauses: readonly Span[], withinSec = 0.3): number {
  let best: number | null = null;
  for (const p of pauses) if (p.endSec <= startSec && startSec - p.endSec <= withinSec && (best === null || p.endSec > best)) best = p.endSec;
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
