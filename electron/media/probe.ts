import type { AssetKind, MediaFacts } from '../model/asset';
import { type VideoColour, videoColour } from '../model/video-colour';

/** The subset of ffprobe's output we read (`-show_streams -show_format`, as parseFfprobeOutput reads it). */
export type ProbeStream = {
  index?: number;
  codec_type?: string;
  codec_name?: string;
  profile?: string | number;
  width?: number;
  height?: number;
  pix_fmt?: string;
  time_base?: string;
  sample_rate?: number | string;
  channels?: number;
  avg_frame_rate?: string;
  r_frame_rate?: string;
  duration?: number | string;
  rotation?: number | string;
  tags?: Record<string, string | number | undefined>;
  disposition?: Record<string, number | undefined>;
  [key: string]: unknown;
};
export type ProbeData = {
  streams: ProbeStream[];
  format: { format_name?: string; duration?: number | string; tags?: Record<string, string | number | undefined>; [key: string]: unknown };
};

/**
 * ffprobe's default output of `-show_streams -show_format` (`[STREAM]`…`[/STREAM]` blocks of key=value lines)
 * → ProbeData. Plain decimals become numbers (except tags); `TAG:x` and `DISPOSITION:x` keys go under `tags`
 * and `disposition`; keys of nested blocks (`[SIDE_DATA]`, e.g. `rotation`) belong to their stream.
 */
export function parseFfprobeOutput(text: string): ProbeData {
  const data: ProbeData = { streams: [], format: {} };
  let block: Record<string, unknown> | null = null;
  let blockName = '';
  for (const raw of text.split(/\r\n|\r|\n/)) {
    const line = raw.trim();
    if (!line) continue;
    const head = /^\[(\/?)([A-Z_]+)\]$/i.exec(line);
    if (head) {
      const name = head[2]!.toUpperCase();
      if (!block && !head[1] && (name === 'STREAM' || name === 'FORMAT')) {
        block = {};
        blockName = name;
      } else if (block && head[1] && name === blockName) {
        if (blockName === 'STREAM') data.streams.push(block);
        else data.format = block;
        block = null;
      }
      continue;
    }
    const eq = line.indexOf('=');
    if (!block || eq <= 0) continue;
    const key = line.slice(0, eq);
    const value = line.slice(eq + 1);
    const tag = /^TAG:(.+)$/i.exec(key);
    const disposition = /^DISPOSITION:(.+)$/i.exec(key);
    if (tag) ((block.tags ??= {}) as Record<string, string>)[tag[1]!] = value;
    else if (disposition) ((block.disposition ??= {}) as Record<string, number | string>)[disposition[1]!] = /^\d+$/.test(value) ? Number(value) : value;
    else block[key] = /^[0-9]+(\.[0-9]+)?$/.test(value) ? Number(value) : value;
  }
  return data;
}

const num = (v: unknown): number | null => {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' && v !== 'N/A' ? Number(v) : NaN;
  return Number.isFinite(n) ? n : null;
};

/** "30000/1001" → 29.97; "0/0" → null. */
export function parseRate(rate: string | undefined): number | null {
  if (!rate) return null;
  const [a, b] = rate.split('/').map(Number);
  if (a === undefined || !Number.isFinite(a) || a <= 0) return null;
  const fps = b === undefined ? a : b > 0 ? a / b : NaN;
  return Number.isFinite(fps) && fps > 0 && fps < 1000 ? Math.round(fps * 1000) / 1000 : null;
}

function tag(tags: Record<string, unknown> | undefined, key: string): unknown {
  if (!tags) return undefined;
  const k = Object.keys(tags).find((t) => t.toLowerCase() === key);
  return k === undefined ? undefined : tags[k];
}

/** Tags are under `tags` (parseFfprobeOutput), or flat `TAG:key` entries in data built elsewhere. */
function streamTag(s: ProbeStream, key: string): unknown {
  return tag(s.tags, key) ?? tag(s, `tag:${key}`);
}

/** Clockwise rotation a player applies, normalised to 0/90/180/270. */
export function normalizeRotation(s: ProbeStream): number {
  // The display matrix (side data) is counter-clockwise; the legacy `rotate` tag is clockwise.
  const side = num(s.rotation);
  const legacy = num(streamTag(s, 'rotate'));
  const cw = side !== null ? -side : legacy ?? 0;
  return (((Math.round(cw / 90) * 90) % 360) + 360) % 360;
}

function isoDate(v: unknown): string | null {
  if (typeof v !== 'string' || !v) return null;
  const d = new Date(v);
  // Cameras with no clock write 1904/1970 epochs; those are not capture times.
  return Number.isNaN(d.getTime()) || d.getUTCFullYear() < 1980 ? null : d.toISOString();
}

/** A probed stream's colour tag (`color_space`, …): null when absent or unknown. */
function colourTag(s: ProbeStream, key: string): string | null {
  const v = s[key];
  return typeof v === 'string' && v !== '' && v !== 'unknown' ? v : null;
}

/** The colour a video stream is decoded with (model/video-colour.ts), from the import's own probe. */
export function streamColour(s: ProbeStream): VideoColour {
  return videoColour({
    colorSpace: colourTag(s, 'color_space'),
    colorRange: colourTag(s, 'color_range'),
    colorTransfer: colourTag(s, 'color_transfer'),
    colorPrimaries: colourTag(s, 'color_primaries'),
    codedHeight: num(s.height),
  });
}

/**
 * Reads an ffprobe result into the facts we keep, and says whether the file is a video, an audio file, or
 * neither (null). Cover art in audio files is an attached picture, not video. `colour`: the video's (null without
 * a video stream), which the poster is made with.
 */
export function parseProbe(data: ProbeData): { kind: Extract<AssetKind, 'video' | 'audio'> | null; facts: MediaFacts; colour: VideoColour | null } {
  const video = data.streams.find((s) => s.codec_type === 'video' && !s.disposition?.attached_pic && (num(s.width) ?? 0) > 0);
  const audio = data.streams.find((s) => s.codec_type === 'audio');
  const rotation = video ? normalizeRotation(video) : 0;
  const rawW = video ? num(video.width) : null;
  const rawH = video ? num(video.height) : null;
  const swap = rotation === 90 || rotation === 270;
  const duration = num(data.format.duration) ?? num(video?.duration) ?? num(audio?.duration);
  const created = isoDate(tag(data.format.tags, 'creation_time')) ?? (video ? isoDate(streamTag(video, 'creation_time')) : null);
  const facts: MediaFacts = {
    durationSec: duration !== null && duration >= 0 ? duration : null,
    width: (swap ? rawH : rawW) ?? null,
    height: (swap ? rawW : rawH) ?? null,
    rotation,
    fps: video ? parseRate(video.avg_frame_rate) ?? parseRate(video.r_frame_rate) : null,
    videoCodec: video?.codec_name ?? null,
    audioCodec: audio?.codec_name ?? null,
    hasAudio: audio !== undefined,
    createdAt: created,
    format: data.format.format_name ?? null,
  };
  const colour = video ? streamColour(video) : null;
  if (colour) facts.dynamicRange = colour.dynamicRange ?? 'sdr';
  return { kind: video ? 'video' : audio ? 'audio' : null, facts, colour };
}

/** When the file's first packet is presented (0 for most files; 1.4 s for MPEG-TS; a hair below 0 with Opus). */
export function probeStartSec(data: ProbeData): number {
  return num(data.format.start_time) ?? 0;
}
