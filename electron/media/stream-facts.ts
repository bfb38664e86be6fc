import type { MediaTools } from './ffmpeg';
import { parseRate } from './probe';

/**
 * What stream copy (smart render) needs to know about a source: the exact shape of its streams, which must
 * match between the files joined, and where its keyframes are, since a copy can only start a cut on one.
 */
export type StreamFacts = {
  video: { codec: string; profile: string; pixFmt: string; width: number; height: number; fps: number | null; timeBase: string };
  audio: { codec: string; sampleRate: number; channels: number } | null;
  /** Presentation times (seconds) of the video's keyframes, ascending. */
  keyframes: number[];
};

/** ffprobe `-show_entries packet=pts_time,flags -of csv=p=0` → keyframe times ("1.001000,K__" lines). */
export function parseKeyframePackets(csv: string): number[] {
  const out: number[] = [];
  for (const line of csv.split('\n')) {
    const [pts, flags] = line.trim().split(',');
    if (!flags?.includes('K')) continue;
    const t = Number(pts);
    if (pts !== '' && Number.isFinite(t)) out.push(t);
  }
  return out.sort((a, b) => a - b);
}

/** Reads the stream facts of a video file; null when it has no video stream. Demuxes only (no decoding). */
export async function readStreamFacts(tools: MediaTools, file: string, signal?: AbortSignal): Promise<StreamFacts | null> {
  const data = await tools.probe(file, { signal });
  const v = data.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic);
  if (!v || !v.codec_name || !v.width || !v.height) return null;
  const a = data.streams.find((s) => s.codec_type === 'audio');
  const csv = await tools.probeRaw(['-v', 'error', '-select_streams', `${v.index ?? 'v:0'}`, '-show_entries', 'packet=pts_time,flags', '-of', 'csv=p=0', file], { signal });
  return {
    video: {
      codec: v.codec_name,
      profile: String(v.profile ?? ''),
      pixFmt: v.pix_fmt ?? '',
      width: v.width,
      height: v.height,
      fps: parseRate(v.avg_frame_rate) ?? parseRate(v.r_frame_rate),
      timeBase: v.time_base ?? '',
    },
    audio: a?.codec_name ? { codec: a.codec_name, sampleRate: Number(a.sample_rate ?? 0), channels: a.channels ?? 0 } : null,
    keyframes: parseKeyframePackets(csv),
  };
}
