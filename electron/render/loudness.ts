import type { MediaTools } from '../media/ffmpeg';
import { AppError } from '../model/errors';
import { type LoudnessMeasure, type LoudnessTarget, measureFilter, normaliseFilter, parseLoudnormJson } from '../model/loudness';
import { AUDIO_KBPS } from '../model/render-variant';
import { AUDIO_RATE } from './compiler';

/**
 * The two loudness passes over a rendered file (I/O; the filters are model/loudness.ts's). The render keeps its
 * sound lossless (ALAC, `withLosslessAudio`) so the only lossy audio encode is the last one; the measure pass
 * decodes the sound alone; the normalise pass copies the picture as it is and encodes the levelled sound.
 */

export type LoudnessPhase = 'measure' | 'normalise';

/** The export's AAC settings swapped for ALAC: the render's sound is an intermediate when a normalise pass follows. */
export function withLosslessAudio(args: readonly string[]): string[] {
  const out: string[] = [];
  let replaced = 0;
  // Every output's (a one-pass export of several variants has one each).
  for (let k = 0; k < args.length; k++) {
    if (args[k] === '-c:a' && args[k + 1] === 'aac') {
      out.push('-c:a', 'alac');
      replaced++;
      // The bitrate means nothing to a lossless codec; dropped where it directly follows the codec.
      k += args[k + 2] === '-b:a' ? 3 : 1;
      continue;
    }
    out.push(args[k]!);
  }
  if (replaced === 0) throw new Error('withLosslessAudio: the export has no "-c:a aac" to replace');
  return out;
}

/** How much of stderr is kept: loudnorm's report is a dozen lines at the very end. */
const TAIL = 16 * 1024;

/** Runs the measure pass over `file`'s first audio stream. */
export async function measureLoudness(
  tools: MediaTools,
  file: string,
  target: LoudnessTarget,
  opts: { signal?: AbortSignal; durationSec: number; onProgress?: (fraction: number) => void },
): Promise<LoudnessMeasure> {
  let tail = '';
  await tools.run(['-hide_banner', '-i', file, '-map', '0:a:0', '-vn', '-af', measureFilter(target), '-f', 'null', '-'], {
    signal: opts.signal,
    onStderr: (text) => {
      tail = (tail + text).slice(-TAIL);
    },
    onProgress: ({ seconds }) => opts.onProgress?.(Math.min(1, seconds / Math.max(opts.durationSec, 0.001))),
  });
  const m = parseLoudnormJson(tail);
  if (!m) throw new AppError('internal', 'Postframe could not measure how loud the export is (ffmpeg gave no loudness report). Export again; if it keeps failing, export without a channel target.');
  return m;
}

/**
 * Measures `src` and writes it levelled to `target` at `dst` (picture copied). Resolves with the measurement
 * and whether `dst` was written: a silent mix or a file without sound is left as it is (false).
 */
export async function normaliseLoudness(
  tools: MediaTools,
  src: string,
  dst: string,
  target: LoudnessTarget,
  opts: { signal?: AbortSignal; durationSec: number; onProgress?: (phase: LoudnessPhase, fraction: number) => void },
): Promise<{ measured: LoudnessMeasure | null; written: boolean }> {
  const facts = await tools.probe(src, { signal: opts.signal });
  if (!facts.streams.some((s) => s.codec_type === 'audio')) return { measured: null, written: false };
  opts.onProgress?.('measure', 0);
  const measured = await measureLoudness(tools, src, target, { ...opts, onProgress: (f) => opts.onProgress?.('measure', f) });
  const filter = normaliseFilter(target, measured);
  if (!filter) return { measured, written: false };
  opts.onProgress?.('normalise', 0);
  await tools.run(
    [
      '-hide_banner', '-i', src,
      '-map', '0:v?', '-map', '0:a:0',
      '-c:v', 'copy',
      // loudnorm works at 192 kHz inside: back to the export's rate.
      '-af', `${filter},aresample=${AUDIO_RATE}`,
      '-c:a', 'aac', '-b:a', `${AUDIO_KBPS}k`, '-ar', String(AUDIO_RATE), '-ac', '2',
      '-movflags', '+faststart',
      dst,
    ],
    { signal: opts.signal, onProgress: ({ seconds }) => opts.onProgress?.('normalise', Math.min(1, seconds / Math.max(opts.durationSec, 0.001))) },
  );
  return { measured, written: true };
}
