import type { Canvas, MediaClip, VideoDraft } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import type { VariantPlan } from '../model/render-variant';
import type { StreamFacts } from '../media/stream-facts';
import type { SourceFacts } from './compiler';
import { isIdentityLook } from '../model/look';

/**
 * Smart render (DESIGN: "when nothing needs re-encoding, export by stream copy"). Pure: decides whether a
 * draft is only cuts of compatible clips, and if so writes the ffconcat list that joins them without
 * decoding a frame: no generation loss, and seconds instead of minutes. Anything the copy could not show
 * exactly (a transform, a fade, text, a second track, a cut between keyframes…) means a normal render;
 * the reason is kept for the log.
 */

export type CopyRefusal = { ok: false; reason: string };
export type CopyCandidate = { ok: true; clips: MediaClip[] };
export type CopyPlan = { ok: true; concat: string; durationSec: number };

/** What every channel takes (8-bit 4:2:0 H.264 with AAC): anything else is re-encoded to it. */
const COPY_VIDEO_CODECS = new Set(['h264']);
const COPY_PIXEL_FORMATS = new Set(['yuv420p', 'yuvj420p']);
const COPY_AUDIO_CODECS = new Set(['aac']);
const EPS = 1e-6;

const refuse = (reason: string): CopyRefusal => ({ ok: false, reason });

function isIdentityTransform(c: MediaClip): boolean {
  const t = c.transform;
  const { left, top, right, bottom } = t.crop;
  return t.scale === 1 && t.x === 0.5 && t.y === 0.5 && t.opacity === 1 && left === 0 && top === 0 && right === 0 && bottom === 0;
}

/**
 * The cheap first look, before any probing: one main track of video clips laid end to end from 0, each
 * shown exactly as recorded, at the canvas's size and rate, and a preset that keeps both.
 */
export function copyCandidate(draft: VideoDraft, sources: Map<string, SourceFacts>, preset: ExportPreset, variant: VariantPlan | null = null): CopyCandidate | CopyRefusal {
  const { canvas } = draft;
  // A channel's variant may be copied only when it keeps the draft as it is (a source's own bitrate could break
  // the channel's size limit, so a bitrate cap means a render).
  if (variant) {
    if (variant.width !== canvas.width || variant.height !== canvas.height) return refuse('the channel needs another size');
    if (Math.abs(variant.fps - canvas.fps) > 0.01) return refuse('the channel needs another frame rate');
    if (variant.maxDurationSec !== null) return refuse('the channel caps the duration');
    if (variant.videoBitrateKbps !== null) return refuse('the channel caps the bitrate to fit its size limit');
  }
  if (preset.height !== 'canvas' && preset.height !== canvas.height) return refuse('the preset changes the size');
  if (preset.fps !== 'canvas' && preset.fps !== canvas.fps) return refuse('the preset changes the frame rate');
  if (preset.quality === 'small') return refuse('the preset asks for a smaller file');
  if (draft.captions?.some((t) => t.styleId && t.cues.length > 0)) return refuse('captions are burned into the picture');
  const main = draft.tracks.filter((t) => t.kind === 'main');
  if (main.length !== 1) return refuse('no single main track');
  const track = main[0]!;
  if (track.hidden || track.muted) return refuse('the main track is hidden or muted');
  // Another track counts unless it can neither be seen nor heard.
  if (draft.tracks.some((t) => t !== track && t.clips.length > 0 && !(t.hidden && t.muted))) return refuse('other tracks have clips');
  const clips = [...track.clips].sort((a, b) => a.start - b.start);
  if (clips.length === 0) return refuse('the main track is empty');
  let at = 0;
  const media: MediaClip[] = [];
  for (const c of clips) {
    if (c.type !== 'media') return refuse('a text clip on the main track');
    if (Math.abs(c.start - at) > EPS) return refuse('a gap or overlap on the main track');
    if (c.speed !== 1 || c.speedRamp || c.volume !== 1 || c.fadeIn > 0 || c.fadeOut > 0 || c.transitionIn) return refuse('speed, volume, fades or transitions');
    if (!isIdentityTransform(c)) return refuse('a clip is moved, scaled, cropped or translucent');
    if (!isIdentityLook(c.look)) return refuse('a clip has a look');
    if (c.chromaKey) return refuse('a clip has a chroma key');
    if (c.reversed) return refuse('a clip plays reversed');
    const s = sources.get(c.assetId);
    if (!s || s.kind !== 'video') return refuse('a clip is not a video');
    if (!s.hasAudio) return refuse('a clip has no sound (the export always carries an audio track)');
    if (s.rotation !== 0) return refuse('a clip is rotated');
    if (s.width !== canvas.width || s.height !== canvas.height) return refuse('a clip is not the canvas size');
    if (s.fps === null || Math.abs(s.fps - canvas.fps) > 0.01) return refuse('a clip is not at the canvas frame rate');
    at += c.out - c.in;
    media.push(c);
  }
  return { ok: true, clips: media };
}

const sameShape = (a: StreamFacts, b: StreamFacts) =>
  a.video.codec === b.video.codec &&
  a.video.profile === b.video.profile &&
  a.video.pixFmt === b.video.pixFmt &&
  a.video.width === b.video.width &&
  a.video.height === b.video.height &&
  a.video.timeBase === b.video.timeBase &&
  a.audio?.codec === b.audio?.codec &&
  a.audio?.sampleRate === b.audio?.sampleRate &&
  a.audio?.channels === b.audio?.channels;

/** ffconcat quotes a path in single quotes; a quote inside is closed, escaped and reopened. */
export function concatQuote(p: string): string {
  return `'${p.replace(/'/g, `'\\''`)}'`;
}

/**
 * The ffconcat list for candidate clips whose sources have these facts, or why not: streams that differ
 * between files cannot be joined, and a cut that does not start on a keyframe would show garbage (or
 * nothing) until the next one. A start within half a frame of a keyframe snaps to it.
 */
export function planStreamCopy(clips: MediaClip[], canvas: Canvas, paths: Map<string, string>, facts: Map<string, StreamFacts>): CopyPlan | CopyRefusal {
  const lines = ['ffconcat version 1.0'];
  let first: StreamFacts | null = null;
  let durationSec = 0;
  for (const c of clips) {
    const f = facts.get(c.assetId);
    const file = paths.get(c.assetId);
    if (!f || !file) return refuse('a source could not be probed');
    if (!COPY_VIDEO_CODECS.has(f.video.codec) || !COPY_PIXEL_FORMATS.has(f.video.pixFmt) || !f.audio || !COPY_AUDIO_CODECS.has(f.audio.codec)) {
      return refuse(`${f.video.codec} ${f.video.pixFmt} with ${f.audio?.codec ?? 'no audio'} is re-encoded to H.264/AAC`);
    }
    if (first && !sameShape(first, f)) return refuse('the clips were recorded with different settings');
    first ??= f;
    const tolerance = 0.5 / canvas.fps;
    const key = f.keyframes.find((k) => Math.abs(k - c.in) <= tolerance);
    if (key === undefined) return refuse('a cut does not start on a keyframe');
    lines.push(`file ${concatQuote(file)}`, `inpoint ${key.toFixed(6)}`, `outpoint ${c.out.toFixed(6)}`);
    durationSec += c.out - key;
  }
  return { ok: true, concat: `${lines.join('\n')}\n`, durationSec };
}

/** One ffmpeg run joining the list by stream copy into an MP4 that starts playing before it is all downloaded. */
export function streamCopyCommand(listPath: string, outputPath: string): { input: string; inputOptions: string[]; outputOptions: string[]; output: string } {
  return {
    // The list holds absolute paths, which the concat demuxer calls unsafe unless told otherwise.
    input: listPath,
    inputOptions: ['-f', 'concat', '-safe', '0'],
    outputOptions: ['-map', '0:v:0', '-map', '0:a:0', '-c', 'copy', '-avoid_negative_ts', 'make_zero', '-movflags', '+faststart', '-f', 'mp4'],
    output: outputPath,
  };
}
