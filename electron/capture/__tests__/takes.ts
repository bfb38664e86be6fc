import { execFileSync } from 'node:child_process';

/**
 * Takes like MediaRecorder's, made with ffmpeg: WebM (VP8 + Opus) at a variable frame rate (every fourth frame
 * of a 20 fps source is dropped and the others keep their times, as a browser does under load), written
 * live-style without cues or duration.
 */
export function makeVfrWebm(file: string, o: { seconds: number; audioOnly?: boolean } = { seconds: 3 }): void {
  const ff = process.env.POSTFRAME_FFMPEG ?? 'ffmpeg';
  const audio = ['-f', 'lavfi', '-i', `sine=frequency=440:sample_rate=48000:duration=${o.seconds}`];
  const video = ['-f', 'lavfi', '-i', `testsrc2=size=320x240:rate=20:duration=${o.seconds}`];
  const args = o.audioOnly
    ? ['-v', 'error', '-y', ...audio, '-c:a', 'libopus', '-b:a', '64k', '-live', '1', '-f', 'webm', file]
    : [
        '-v', 'error', '-y', ...video, ...audio,
        '-map', '0:v', '-map', '1:a',
        '-vf', "select='not(eq(mod(n\\,4)\\,1))'", '-fps_mode', 'vfr',
        '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '300k', '-c:a', 'libopus', '-b:a', '64k',
        '-live', '1', '-f', 'webm', file,
      ];
  execFileSync(ff, args, { stdio: ['ignore', 'ignore', 'inherit'] });
}

export type Probe = {
  streams: { codec_type: string; codec_name: string; r_frame_rate: string; avg_frame_rate: string; width?: number; height?: number }[];
  format: { duration: string };
};

export function ffprobeJson(file: string): Probe {
  return JSON.parse(execFileSync(process.env.POSTFRAME_FFPROBE ?? 'ffprobe', ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString()) as Probe;
}

/** Presentation times of the video frames (seconds), for checking that they are evenly spaced. */
export function videoFrameTimes(file: string): number[] {
  const out = execFileSync(process.env.POSTFRAME_FFPROBE ?? 'ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]).toString();
  return out
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => a - b);
}
