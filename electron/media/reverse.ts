import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaFacts } from '../model/asset';
import { AppError, errorMessage, isAppError } from '../model/errors';
import { reverseChunks } from '../model/reverse';
import { type VideoColour, copyMatrix, matrixTags, toneMapFilters } from '../model/video-colour';
import type { MediaTools } from './ffmpeg';
import { proxyPartPath } from './proxy';
import { readVideoColour } from './video-colour';

/**
 * The reversed copy of a video (model/reverse.ts, docs/reverse-freeze.md). ffmpeg's `reverse`/`areverse` keep every
 * frame of their input in memory until it ends, so the source is reversed one short window at a time (each window
 * its own ffmpeg run: at most REVERSE_CHUNK_SEC of raw frames held), each written as high-quality H.264 + PCM
 * (PCM so the joins are seamless), then the windows are joined last-first by stream copy and the sound encoded once.
 * Same size (rotation baked in, as the proxy does), same frame rate, same sound; not a proxy: the export reads it.
 */

/**
 * ffmpeg arguments that reverse one window `[start, end)` of `input` into a Matroska file (pure: testable). The
 * picture is read from half a frame earlier, so no frame's timestamp sits on an edge (in two windows or none);
 * the sound is read exactly. Both are re-timed from 0 at a steady rate, so the joined windows have no gaps.
 * `colour`: the matrix the source is decoded with, written into the copy's tags (model/video-colour.ts).
 */
export function reverseChunkArgs(input: string, win: { start: number; end: number }, facts: { fps: number | null; hasAudio: boolean }, out: string, colour: VideoColour | null = null): string[] {
  const len = (win.end - win.start).toFixed(6);
  const lead = facts.fps && win.start > 0 ? 0.5 / facts.fps : 0;
  const pts = facts.fps ? `setpts=N/(${facts.fps}*TB)` : 'setpts=PTS-STARTPTS';
  return [
    '-ss', (win.start - lead).toFixed(6), '-t', len, '-i', input,
    ...(facts.hasAudio ? ['-ss', win.start.toFixed(6), '-t', len, '-i', input] : []),
    '-map', '0:v:0', ...(facts.hasAudio ? ['-map', '1:a:0'] : []), '-sn', '-dn',
    // HDR footage is tone-mapped once here (the export's own filters): the copy is SDR BT.709, as its proxy and
    // the export then take it.
    '-vf', [...toneMapFilters(colour), 'reverse', pts].join(','),
    ...(facts.hasAudio ? ['-af', 'areverse,asetpts=N/SR/TB', '-c:a', 'pcm_s16le'] : []),
    // CRF 16: visually lossless for footage the export re-encodes once more.
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '16', '-pix_fmt', 'yuv420p',
    '-metadata:s:v:0', 'rotate=0',
    // The copy keeps the source's YUV: tagged with its matrix, Chromium does not guess from the copy's own size
    // (a rotated 960x540 source's upright 540x960 copy would otherwise be shown as BT.709).
    ...(colour ? matrixTags(copyMatrix(colour)) : []),
    '-f', 'matroska', out,
  ];
}

/** The ffconcat list joining the reversed windows last-first (the source's end plays first). */
export function reverseConcatList(chunkFiles: readonly string[]): string {
  const quote = (p: string) => `'${p.replace(/'/g, "'\\''")}'`;
  return ['ffconcat version 1.0', ...[...chunkFiles].reverse().map((f) => `file ${quote(f)}`), ''].join('\n');
}

/**
 * Writes the reversed copy of `input` to `out` (through a hidden part file renamed when complete; the windows in a
 * folder of `workDir` removed at the end). On failure or cancel nothing is left at `out`.
 */
export async function writeReversed(
  tools: MediaTools,
  input: string,
  facts: Pick<MediaFacts, 'durationSec' | 'fps' | 'hasAudio'>,
  out: string,
  workDir: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<void> {
  const duration = facts.durationSec ?? 0;
  const windows = reverseChunks(duration, facts.fps);
  if (windows.length === 0) throw new AppError('unsupported_media', 'This video’s length is unknown, so it cannot be reversed. Convert it to MP4 and import it again.');
  const dir = path.join(workDir, `reverse-${randomUUID()}`);
  const part = proxyPartPath(out);
  await fs.mkdir(dir, { recursive: true });
  await fs.mkdir(path.dirname(out), { recursive: true });
  try {
    const colour = await readVideoColour(tools, input, options.signal);
    const files: string[] = [];
    // The join (encoding the sound, copying the picture) counts as one more step.
    const steps = windows.length + 1;
    for (const [i, win] of windows.entries()) {
      const file = path.join(dir, `${String(i).padStart(6, '0')}.mkv`);
      await tools.run(reverseChunkArgs(input, win, facts, file, colour), { signal: options.signal });
      files.push(file);
      options.onProgress?.((i + 1) / steps);
    }
    const list = path.join(dir, 'chunks.ffconcat');
    await fs.writeFile(list, reverseConcatList(files));
    await tools.run(
      ['-f', 'concat', '-safe', '0', '-i', list, '-map', '0:v:0', ...(facts.hasAudio ? ['-map', '0:a:0', '-c:a', 'aac', '-b:a', '192k'] : []), '-c:v', 'copy', '-movflags', '+faststart', '-f', 'mp4', part],
      { signal: options.signal },
    );
    await fs.rename(part, out);
    options.onProgress?.(1);
  } catch (e) {
    await fs.rm(part, { force: true });
    if (isAppError(e)) throw e;
    throw new AppError('unsupported_media', `The reversed copy could not be made (${errorMessage(e)}). Try again, or convert the video to MP4 and import that.`);
  } finally {
    await fs.rm(dir, { recursive: true, force: true });
  }
}
