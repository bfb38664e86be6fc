import { type Span, findPauses } from './speech-chunks';

/**
 * Where someone is speaking, for the caption row (docs/captions.md "Timeline row"): the stretches between the
 * pauses Sync to script cuts at (speech-chunks.ts `findPauses`: ≥ 0.3 s, 12 dB over the room tone), so the edges a
 * creator snaps a cue to are the ones the aligner sees. Pure.
 */

/** Shorter sounds are clicks and breaths, not speech a caption starts or ends on. */
export const SPEECH_MIN_SEC = 0.05;

/** The sounding stretches of a recording: the complement of its pauses within [0, durationSec], levels per 10 ms. */
export function speechSpans(levels: Float32Array): Span[] {
  const durationSec = levels.length / 100;
  const out: Span[] = [];
  let from = 0;
  for (const p of findPauses(levels)) {
    if (p.startSec - from >= SPEECH_MIN_SEC) out.push({ startSec: from, endSec: p.startSec });
    from = p.endSec;
  }
  if (durationSec - from >= SPEECH_MIN_SEC) out.push({ startSec: from, endSec: durationSec });
  return out;
}

/**
 * The spans of a whole file seen through a clip: the part [fromSec, fromSec + durationSec] of the file, placed at
 * `timelineSec` on the draft's timeline; spans cut by the clip's ends are cut there. Times to the millisecond.
 */
export function spansOnTimeline(spans: readonly Span[], fromSec: number, durationSec: number | null, timelineSec: number): Span[] {
  const to = durationSec === null ? Infinity : fromSec + durationSec;
  const ms = (t: number) => Math.round(t * 1000) / 1000;
  const out: Span[] = [];
  for (const s of spans) {
    const a = Math.max(s.startSec, fromSec);
    const b = Math.min(s.endSec, to);
    if (b - a >= SPEECH_MIN_SEC) out.push({ startSec: ms(a - fromSec + timelineSec), endSec: ms(b - fromSec + timelineSec) });
  }
  return out;
}
