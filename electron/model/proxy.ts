import { z } from 'zod';
import type { MediaFacts } from './asset';
import { type VideoColour, copyMatrix, needsToneMap } from './video-colour';

/**
 * Proxies: lower-resolution H.264 copies the editor preview plays instead of heavy originals. The export
 * always reads the originals; a proxy only has to look like its original, scaled down.
 */

/** Longest side of a proxy: enough for a preview pane, light enough to scrub on a laptop. */
export const PROXY_LONG_SIDE = 960;
/**
 * Longest side above which the original is too heavy to decode in real time next to other clips. 1080p phone
 * footage (1080x1920) is above it: the preview of a 3-layer edit of it decodes two or three such streams at once
 * in software, and the 960 px proxy is a quarter of the pixels (docs/performance.md). 720p plays as it is.
 */
export const PROXY_TRIGGER_LONG_SIDE = 1280;
/** Frame rates above this are decoded at twice the work for frames the preview never shows. */
export const PROXY_MAX_FPS = 60;

/** Video codecs Chromium decodes in every build (proprietary codecs included in Electron and Chrome). */
const BROWSER_VIDEO_CODECS = new Set(['h264', 'vp8', 'vp9', 'av1']);

/** True when the preview should play a proxy of this video rather than the original. */
export function needsProxy(facts: MediaFacts): boolean {
  // No video stream (audio, or cover art only) or unknown size: nothing to make a proxy of.
  if (!facts.videoCodec || !facts.width || !facts.height) return false;
  if (!BROWSER_VIDEO_CODECS.has(facts.videoCodec.toLowerCase())) return true;
  // HDR: the preview plays a copy tone-mapped by the export's own filters (model/video-colour.ts toneMapFilters).
  if (facts.dynamicRange === 'hlg' || facts.dynamicRange === 'pq') return true;
  if (Math.max(facts.width, facts.height) > PROXY_TRIGGER_LONG_SIDE) return true;
  return facts.fps !== null && facts.fps > PROXY_MAX_FPS;
}

export type ProxyPlan = { width: number; height: number; fps: number | null };

/**
 * Size and rate of the proxy of a video whose DISPLAY size (rotation applied, as MediaFacts give it) is
 * width×height: longest side PROXY_LONG_SIDE (never enlarged), even dimensions for yuv420p, aspect kept to
 * the nearest even pixel. `fps` is null when the original's rate is kept as it is.
 */
export function proxyPlan(facts: Pick<MediaFacts, 'width' | 'height' | 'fps'>): ProxyPlan {
  const w = facts.width ?? PROXY_LONG_SIDE;
  const h = facts.height ?? PROXY_LONG_SIDE;
  const scale = Math.min(1, PROXY_LONG_SIDE / Math.max(w, h));
  const even = (n: number) => Math.max(2, 2 * Math.round((n * scale) / 2));
  return { width: even(w), height: even(h), fps: facts.fps !== null && facts.fps > PROXY_MAX_FPS ? PROXY_MAX_FPS : null };
}

/** Keyframe interval for a proxy: two keyframes a second, so a seek decodes at most half a second. */
export function proxyGop(fps: number | null): number {
  return Math.max(1, Math.round(Math.min(fps ?? 30, PROXY_MAX_FPS) / 2));
}

/** Input of a 'proxy' job: the assets to make proxies for (ones that no longer need one are skipped). */
export const ProxyJobInput = z.object({ assetIds: z.array(z.string()).min(1) });
export type ProxyJobInput = z.infer<typeof ProxyJobInput>;

/**
 * True when a proxy made earlier is not shown as the export makes its original: made before proxies were tagged
 * with their original's matrix (an untagged 960x540 proxy of HD footage is decoded as BT.601) or before HDR was
 * tone-mapped (the proxy still carries BT.2020 or an HDR curve). `proxy`: the proxy's colour as Chromium decodes it
 * (its tags, else its size: model/video-colour.ts videoColour).
 */
export function proxyIsStale(original: VideoColour, proxy: VideoColour): boolean {
  return needsToneMap(proxy) || proxy.matrix !== copyMatrix(original);
}
