import fs from 'node:fs/promises';
import { AppError } from '../model/errors';
import type { MediaTools } from './ffmpeg';
import type { VisualSignature } from '../model/visual-signature';
import { type VideoColour, posterFilters } from '../model/video-colour';
import { THUMB_SIZE, thumbnailAndSignature } from './images';
import { loadSharp } from './sharp';
import { PeakAccumulator, type Waveform } from './waveform';
import { waveformSvg } from './waveform-image';

/** A frame a little way in: first frames are often black or a fade. */
export function posterTime(durationSec: number | null): number {
  if (!durationSec || durationSec <= 0) return 0;
  return Math.min(3, durationSec * 0.1);
}

/**
 * Poster (JPEG, at most 1280 px) and grid thumbnail (WebP) of a video; ffmpeg applies the rotation. Returns the
 * poster's visual signature (colours and hashes), computed from the thumbnail's pixels as they are decoded.
 */
export async function writeVideoPoster(
  tools: MediaTools,
  input: string,
  durationSec: number | null,
  out: { poster: string; thumb: string },
  signal: AbortSignal | undefined,
  colour: VideoColour | null,
): Promise<VisualSignature> {
  const vf = posterFilters(colour).join(',');
  const args = ['-ss', posterTime(durationSec).toFixed(3), '-i', input, '-frames:v', '1', '-an', '-sn', '-vf', vf, '-q:v', '3', '-f', 'image2', '-update', '1', out.poster];
  await tools.run(args, { signal });
  await fs.access(out.poster).catch(() => {
    throw new AppError('unsupported_media', 'No picture could be decoded from this video; it may be damaged. Re-export it as MP4 (H.264).');
  });
  const sharp = await loadSharp();
  return thumbnailAndSignature(sharp(out.poster).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true }), out.thumb);
}

/** Decodes the audio once, as 8 kHz mono PCM, into peaks for the waveform. */
export async function computeWaveform(tools: MediaTools, input: string, signal?: AbortSignal): Promise<Waveform> {
  const sampleRate = 8000;
  const args = ['-i', input, '-vn', '-ac', '1', '-ar', String(sampleRate), '-acodec', 'pcm_s16le', '-f', 's16le', 'pipe:1'];
  const { output, done } = tools.stream(args, { signal });
  const acc = new PeakAccumulator(sampleRate);
  output.on('data', (chunk: Buffer) => acc.push(chunk));
  await done;
  return acc.finish();
}

/** The grid thumbnail of an audio file: its waveform, drawn once at import. */
export async function writeWaveformThumbnail(wave: Waveform, out: string): Promise<void> {
  const sharp = await loadSharp();
  await sharp(Buffer.from(waveformSvg(wave.peaks))).webp({ quality: 80, effort: 2 }).toFile(out);
}
