import fs from 'node:fs/promises';
import { type MediaTools, summarizeFfmpegError } from '../media/ffmpeg';
import { AppError, errorMessage, isAppError } from '../model/errors';

export type TakeStreams = { hasVideo: boolean; hasAudio: boolean };
/** Where each stream of a take ends (seconds), as its packets say; null for a stream it does not have. */
export type StreamEnds = { video: number | null; audio: number | null };

/**
 * Input options for a take straight from MediaRecorder: its WebM has no duration, no cues and, after a crash,
 * a last cluster cut anywhere. Timestamps are regenerated where missing, corrupt packets are dropped instead of
 * ending the run, and decoding errors are not fatal, so ffmpeg keeps everything up to where the file stops.
 */
export const TAKE_INPUT_OPTIONS = ['-fflags', '+genpts+discardcorrupt', '-err_detect', 'ignore_err'];

/**
 * Output options of a finished take (pure, so the choices are testable without ffmpeg):
 *  - video: H.264 at a constant `fps` (`-fps_mode cfr`: browser recordings are variable frame rate, and a
 *    VFR file drifts out of sync in editors that assume a constant rate), even dimensions, square pixels,
 *    yuv420p for every player, a keyframe every 2 s; AAC 48 kHz audio, resampled to fill gaps so sound stays
 *    on the picture's clock; `+faststart` so it plays while loading;
 *  - audio only (voiceover): AAC in an MP4 audio file (.m4a).
 */
export function finalizeArgs(o: TakeStreams & { fps: number; ends?: StreamEnds }): string[] {
  const pad = padding(o.ends, o.fps);
  const af = ['aresample=async=1:first_pts=0', ...(pad.audioTo ? [`apad=whole_dur=${pad.audioTo.toFixed(3)}`] : [])].join(',');
  const audio = ['-c:a', 'aac', '-b:a', '160k', '-ar', '48000', '-af', af];
  if (!o.hasVideo) return ['-map', '0:a:0', '-vn', '-sn', '-dn', ...audio, '-movflags', '+faststart', '-f', 'mp4'];
  const fps = String(o.fps);
  const vf = ['scale=trunc(iw/2)*2:trunc(ih/2)*2', 'setsar=1', ...(pad.video ? [`tpad=stop_mode=clone:stop_duration=${pad.video.toFixed(3)}`] : [])].join(',');
  return [
    '-map', '0:v:0',
    ...(o.hasAudio ? ['-map', '0:a:0'] : []),
    '-sn', '-dn',
    '-vf', vf,
    '-fps_mode', 'cfr', '-r', fps,
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '20', '-pix_fmt', 'yuv420p',
    '-g', String(o.fps * 2),
    ...(o.hasAudio ? audio : ['-an']),
    '-movflags', '+faststart',
    '-f', 'mp4',
  ];
}

/**
 * Evens out the two streams' lengths. Under load a browser's video encoder falls behind and drops the frames
 * still queued when recording stops, so the picture can end a second or more before the sound. The take's
 * length is the longer stream; the shorter one is held (last frame) or filled (silence) to it, so the file has
 * no stretch where one stream is missing. Nothing to do when they already end within a frame.
 */
export function padding(ends: StreamEnds | undefined, fps: number): { video: number | null; audioTo: number | null } {
  if (!ends || ends.video === null || ends.audio === null) return { video: null, audioTo: null };
  const target = Math.max(ends.video, ends.audio);
  return {
    video: target - ends.video > 1 / fps ? target - ends.video : null,
    audioTo: target - ends.audio > 1 / fps ? target : null,
  };
}

/** Reads ffprobe's packet list (`stream_index,pts_time,duration_time` CSV) into where each stream ends. */
export function parseStreamEnds(csv: string, kinds: ReadonlyMap<number, string>): StreamEnds {
  const ends: StreamEnds = { video: null, audio: null };
  for (const line of csv.split('\n')) {
    const [index, pts, duration] = line.trim().split(',');
    const kind = kinds.get(Number(index));
    const start = Number(pts);
    if ((kind !== 'video' && kind !== 'audio') || pts === undefined || pts === '' || !Number.isFinite(start)) continue;
    const end = start + (Number.isFinite(Number(duration)) ? Number(duration) : 0);
    ends[kind] = Math.max(ends[kind] ?? 0, end);
  }
  return ends;
}

/** The file extension a finished take is stored under. */
export function finishedExtension(s: TakeStreams): 'mp4' | 'm4a' {
  return s.hasVideo ? 'mp4' : 'm4a';
}

/** Which streams a take holds (ffprobe reads a truncated WebM up to where it stops). */
export async function probeTake(tools: MediaTools, file: string, signal?: AbortSignal): Promise<TakeStreams & { ends: StreamEnds }> {
  let data: Awaited<ReturnType<MediaTools['probe']>>;
  try {
    data = await tools.probe(file, { signal });
  } catch (e) {
    throw new AppError('unsupported_media', `This take cannot be read (${summarizeFfmpegError(errorMessage(e), errorMessage(e))}). It may have stopped before any picture or sound was saved; discard it and record again.`);
  }
  const kinds = new Map(data.streams.map((s, i) => [s.index ?? i, s.codec_type ?? '']));
  const types = new Set(kinds.values());
  const streams = { hasVideo: types.has('video'), hasAudio: types.has('audio') };
  if (!streams.hasVideo && !streams.hasAudio) {
    throw new AppError('unsupported_media', 'This take holds no picture or sound yet (it stopped within its first second). Discard it and record again.');
  }
  // Reading the packet list is quick (nothing is decoded) and the only way to know where a live WebM ends.
  const csv = await tools.ffprobeText(['-v', 'error', '-show_entries', 'packet=stream_index,pts_time,duration_time', '-of', 'csv=p=0', file], { signal }).catch(() => '');
  return { ...streams, ends: parseStreamEnds(csv, kinds) };
}

/**
 * Turns a take into its finished file at `out` (MP4 H.264/AAC at a constant frame rate, or AAC audio).
 * `expectedSec` (about how long the take is) turns ffmpeg's time into a progress fraction. On failure or
 * cancel nothing is left at `out`.
 */
export async function finalizeTake(
  tools: MediaTools,
  input: string,
  out: string,
  o: { fps: number; expectedSec: number; signal?: AbortSignal; onProgress?: (fraction: number) => void },
): Promise<TakeStreams & { ext: 'mp4' | 'm4a' }> {
  const { ends, ...streams } = await probeTake(tools, input, o.signal);
  const expectedSec = Math.max(ends.video ?? 0, ends.audio ?? 0) || o.expectedSec;
  try {
    await tools.run([...TAKE_INPUT_OPTIONS, '-i', input, ...finalizeArgs({ ...streams, fps: o.fps, ends }), out], {
      signal: o.signal,
      onProgress: ({ seconds }) => {
        if (expectedSec > 0) o.onProgress?.(Math.min(1, Math.max(0, seconds / expectedSec)));
      },
    });
  } catch (e) {
    await fs.rm(out, { force: true });
    if (isAppError(e)) throw e;
    throw new AppError('unsupported_media', `The take could not be turned into a video (${errorMessage(e)}). Keep it and try again, or discard it.`);
  }
  return { ...streams, ext: finishedExtension(streams) };
}
