import { z } from 'zod';
import { channelLimits, mediaLimits, type MediaLimits, type Range } from './channels';
import { Reframe } from './draft';
import { LoudnessTarget } from './loudness';
import type { ChannelId } from './post';

/**
 * A render variant: how one post target is exported so the channel takes it. Pure: draft canvas + duration +
 * channel → output size, reframe, duration cap, fps and a bitrate cap. The export engine turns the plan into
 * its filter graph (the reframe is the same fill/fit/blur the editor uses for clips).
 */
export const VariantPlan = z.object({
  width: z.number().int().min(2).max(8192).multipleOf(2),
  height: z.number().int().min(2).max(8192).multipleOf(2),
  reframe: Reframe,
  /** Cut the export here (seconds); null = no cap. */
  maxDurationSec: z.number().positive().nullable(),
  /** Video bitrate ceiling so the file fits the channel's size limit; null = the channel has none. */
  videoBitrateKbps: z.number().int().positive().nullable(),
  fps: z.number().positive().max(240),
  /** The channel's loudness target (two-pass loudnorm after the render); absent/null = the sound as mixed. */
  loudness: LoudnessTarget.nullable().optional(),
});
export type VariantPlan = z.infer<typeof VariantPlan>;

/** A stable key for a plan: targets whose plans have the same key share one export. */
export function variantKey(p: VariantPlan): string {
  const loud = p.loudness ? `${p.loudness.integratedLufs}/${p.loudness.truePeakDbtp}` : '-';
  return [p.width, p.height, p.reframe, p.maxDurationSec ?? '-', p.videoBitrateKbps ?? '-', p.fps, loud].join(':');
}

/** The audio track every export carries (AAC), counted against the size limit. */
export const AUDIO_KBPS = 128;
/** Share of the size limit left unused: muxing overhead and encoder overshoot of the target. */
export const SIZE_HEADROOM = 0.1;
/**
 * A cap above this never binds (x264 at CRF 18 stays well under it even for 4K at 60 fps), so none is set:
 * a cap switches x264 into VBV rate control, which changes its decisions even when the cap is never reached.
 */
export const UNBINDING_KBPS = 50_000;
/**
 * The encoder's rate buffer (the compiler sets `-bufsize` to one second at the cap). It may start full, so a
 * capped encode can spend up to one buffer more than cap × duration: the cap is planned for one second more.
 */
export const VBV_BUFFER_SEC = 1;
/** Below this a video is no longer watchable: validation reports such a target as too long for the size limit. */
export const MIN_VIDEO_KBPS = 300;
/**
 * A reframe that loses at most this share of the picture crops (fill); more than that and the whole picture is
 * kept on a blurred backdrop (blur), so a 9:16 draft going 4:5 never loses a third of its frame silently.
 */
export const FILL_MAX_LOSS = 0.1;

/** Video kb/s that keeps `durationSec` of video + 128 kb/s audio under `maxBytes` with 10% headroom. */
export function bitrateCapKbps(maxBytes: number, durationSec: number): number {
  const totalKbps = (maxBytes * 8 * (1 - SIZE_HEADROOM)) / Math.max(durationSec, 0.001) / 1000;
  return Math.max(1, Math.floor(totalKbps - AUDIO_KBPS));
}

/** The longest video that still gets `videoKbps` (+ audio) within `maxBytes` with the headroom: the inverse of bitrateCapKbps. */
export function maxSecondsAt(maxBytes: number, videoKbps: number): number {
  return Math.floor((maxBytes * 8 * (1 - SIZE_HEADROOM)) / 1000 / (videoKbps + AUDIO_KBPS));
}

const clamp = (v: number, r: Range | null) => Math.min(r?.max ?? Infinity, Math.max(r?.min ?? -Infinity, v));
const even = (n: number) => Math.max(2, Math.round(n / 2) * 2);

/** The aspect to export at: the draft's when the channel takes it, else the nearest it takes (or the one it recommends). */
export function targetAspect(draftAspect: number, m: MediaLimits): number {
  if (m.aspect) return clamp(draftAspect, m.aspect);
  // No range given but one format the app shows (9:16 on TikTok/Reels): aim for it.
  if (m.recommendedAspect != null) return m.recommendedAspect;
  return draftAspect;
}

/**
 * Output size at `aspect`: keeps the draft's shorter side (no upscaling a 1080-wide draft to 1440), then
 * scales down into the channel's maximums and up to its minimums, keeping the aspect, in even pixels.
 */
export function variantSize(draft: { width: number; height: number }, aspect: number, m: MediaLimits): { width: number; height: number } {
  const short = Math.min(draft.width, draft.height);
  let w = aspect <= 1 ? short : short * aspect;
  let h = aspect <= 1 ? short / aspect : short;
  const maxW = Math.min(m.width?.max ?? Infinity, m.side?.max ?? Infinity);
  const maxH = Math.min(m.height?.max ?? Infinity, m.side?.max ?? Infinity);
  const down = Math.min(1, maxW / w, maxH / h);
  w *= down;
  h *= down;
  const minW = Math.max(m.width?.min ?? 0, m.side?.min ?? 0);
  const minH = Math.max(m.height?.min ?? 0, m.side?.min ?? 0);
  const up = Math.max(1, minW / w, minH / h);
  w *= up;
  h *= up;
  return { width: even(w), height: even(h) };
}

export function planVariant(
  draftCanvas: { width: number; height: number; fps: number },
  /** The draft's duration; null for an image draft. */
  durationSec: number | null,
  channel: ChannelId,
): VariantPlan {
  const kind = durationSec == null ? 'image' : 'video';
  const m = mediaLimits(channel, kind);
  if (!m) {
    const c = channelLimits[channel];
    throw new Error(`${c.label} does not take ${kind === 'video' ? 'videos' : 'images'}: remove this target or post a ${kind === 'video' ? 'still image' : 'video'} to it.`);
  }
  const draftAspect = draftCanvas.width / draftCanvas.height;
  const aspect = targetAspect(draftAspect, m);
  const { width, height } = variantSize(draftCanvas, aspect, m);
  const loss = 1 - Math.min(aspect, draftAspect) / Math.max(aspect, draftAspect);
  const reframe: Reframe = loss <= FILL_MAX_LOSS ? 'fill' : 'blur';
  const maxDurationSec = kind === 'video' ? (m.durationSec?.max ?? null) : null;
  const exported = durationSec == null ? null : Math.min(durationSec, maxDurationSec ?? Infinity);
  const cap = exported != null && m.maxBytes != null ? bitrateCapKbps(m.maxBytes, exported + VBV_BUFFER_SEC) : null;
  const videoBitrateKbps = cap != null && cap < UNBINDING_KBPS ? cap : null;
  const loudness = kind === 'video' ? (channelLimits[channel].loudness?.target ?? null) : null;
  return { width, height, reframe, maxDurationSec, videoBitrateKbps, fps: clamp(draftCanvas.fps, m.fps), loudness };
}
