import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { BEAT_RATE, type BeatAnalysis, fluxFrameCount, onsetsOf, pcmFromF32le, spectralFluxInto } from '../model/beats';
import { AppError } from '../model/errors';
import type { MediaTools } from './ffmpeg';

/**
 * Beats of a media file (I/O around the pure model/beats.ts): ffmpeg decodes the first audio stream to mono f32le at
 * 22.05 kHz on a pipe, then the spectral flux is computed in slices with a turn of the event loop between them, so
 * a long song neither blocks the engine's other calls nor ignores Cancel. Progress: decoding is the first half
 * (bytes read of those the duration promises), analysis the second.
 */

/** Flux frames per slice: ~3 s of sound, a few milliseconds of work. */
const SLICE = 256;

export type BeatTrackOptions = { signal?: AbortSignal; onProgress?: (fraction: number, detail: string) => void };

export async function findBeats(tools: MediaTools, file: string, durationSec: number | null, opts: BeatTrackOptions = {}): Promise<BeatAnalysis> {
  const expected = durationSec && durationSec > 0 ? durationSec * BEAT_RATE * 4 : null;
  const { output, done } = tools.stream(['-hide_banner', '-loglevel', 'error', '-i', file, '-map', '0:a:0', '-vn', '-ac', '1', '-ar', String(BEAT_RATE), '-f', 'f32le', 'pipe:1'], { signal: opts.signal });
  const parts: Buffer[] = [];
  let got = 0;
  // Progress events in 2% steps: a chunk arrives every few milliseconds.
  let shown = -1;
  const report = (f: number, detail: string) => {
    const step = Math.floor(f * 50);
    if (step === shown) return;
    shown = step;
    opts.onProgress?.(f, detail);
  };
  const reading = (async () => {
    for await (const chunk of output) {
      const b = chunk as Buffer;
      parts.push(b);
      got += b.length;
      report(expected ? Math.min(1, got / expected) * 0.5 : 0, 'Reading the sound');
    }
  })();
  try {
    await Promise.all([done, reading]);
  } catch (e) {
    if (e instanceof AppError) throw e;
    throw new AppError('unsupported_media', `Could not read the sound: ${e instanceof Error ? e.message : String(e)}. Check that the file plays.`);
  }
  const samples = pcmFromF32le(Buffer.concat(parts));
  if (samples.length < BEAT_RATE / 2) throw new AppError('unsupported_media', 'There is less than half a second of sound here: no beats to find. Choose a longer music clip.');
  const flux = new Float64Array(fluxFrameCount(samples.length));
  for (let from = 0; from < flux.length; from += SLICE) {
    if (opts.signal?.aborted) throw new AppError('cancelled', 'Cancelled. No beats were saved.');
    spectralFluxInto(samples, flux, from, Math.min(flux.length, from + SLICE));
    report(0.5 + 0.5 * (Math.min(flux.length, from + SLICE) / flux.length), 'Finding beats');
    await yieldToLoop();
  }
  return onsetsOf(flux, BEAT_RATE);
}
