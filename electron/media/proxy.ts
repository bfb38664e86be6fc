import fs from 'node:fs/promises';
import path from 'node:path';
import type { MediaFacts } from '../model/asset';
import { AppError, errorMessage, isAppError } from '../model/errors';
import { proxyGop, proxyPlan } from '../model/proxy';
import { type VideoColour, copyMatrix, matrixTags, toneMapFilters } from '../model/video-colour';
import type { MediaTools } from './ffmpeg';
import { readVideoColour } from './video-colour';

const PART_SUFFIX = '.part.mp4';

/** `…/ab/<sha>.mp4` → `…/ab/.<sha>.part.mp4`: hidden, renamed when complete, swept after a crash. */
export function proxyPartPath(out: string): string {
  return path.join(path.dirname(out), `.${path.basename(out, path.extname(out))}${PART_SUFFIX}`);
}

/**
 * The ffmpeg output arguments of a proxy (pure, so the choices are testable without running ffmpeg). `colour`:
 * the matrix the original is decoded with (model/video-colour.ts), written into the proxy's tags.
 */
export function proxyArgs(facts: Pick<MediaFacts, 'width' | 'height' | 'fps' | 'hasAudio'>, colour: VideoColour | null = null): string[] {
  const plan = proxyPlan(facts);
  // ffmpeg autorotates before the filter graph, so the plan's display size is what the scaler must make. HDR
  // footage is tone-mapped by the export's own filters (after fps, so dropped frames are never mapped).
  const vf = [...(plan.fps ? [`fps=${plan.fps}`] : []), ...toneMapFilters(colour), `scale=${plan.width}:${plan.height}`, 'setsar=1'].join(',');
  const gop = String(proxyGop(plan.fps ?? facts.fps));
  return [
    '-map', '0:v:0',
    ...(facts.hasAudio ? ['-map', '0:a:0'] : []),
    '-sn', '-dn',
    '-vf', vf,
    // CRF 18: the preview is held to the export by SSIM, and 1080p footage now plays from its proxy. At CRF 28
    // textured footage lost so much (SSIM 0.94 against its original at the preview's size, 0.99 at 18) that a
    // dissolve previewed below 0.90 (docs/performance.md).
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '18', '-pix_fmt', 'yuv420p',
    // Short GOP: a seek decodes at most half a second, so scrubbing the proxy stays quick.
    '-g', gop, '-keyint_min', gop,
    // The rotation is baked into the pixels; no display matrix must turn the picture a second time.
    '-metadata:s:v:0', 'rotate=0',
    // The proxy keeps the original's YUV, so it must be decoded with the original's matrix. Untagged, Chromium
    // would guess from the proxy's smaller size: a 1920x1080 original (BT.709) became a 960x540 proxy shown as
    // BT.601, its colours off the export's. A tone-mapped proxy is BT.709.
    ...(colour ? matrixTags(copyMatrix(colour)) : []),
    ...(facts.hasAudio ? ['-c:a', 'aac', '-b:a', '96k'] : []),
    '-movflags', '+faststart',
    '-f', 'mp4',
  ];
}

/**
 * Writes the preview proxy of a video to `out` (through a hidden part file renamed when complete). On
 * failure or cancel (ffmpeg is killed) the part file is removed and nothing is left at `out`.
 */
export async function writeProxy(
  tools: MediaTools,
  input: string,
  facts: MediaFacts,
  out: string,
  options: { signal?: AbortSignal; onProgress?: (fraction: number) => void } = {},
): Promise<void> {
  const part = proxyPartPath(out);
  await fs.mkdir(path.dirname(out), { recursive: true });
  try {
    const duration = facts.durationSec;
    const colour = await readVideoColour(tools, input, options.signal);
    await tools.run(['-i', input, ...proxyArgs(facts, colour), part], {
      signal: options.signal,
      onProgress: ({ seconds }) => {
        if (duration && duration > 0) options.onProgress?.(Math.min(1, Math.max(0, seconds / duration)));
      },
    });
    await fs.rename(part, out);
  } catch (e) {
    await fs.rm(part, { force: true });
    if (isAppError(e)) throw e;
    throw new AppError('unsupported_media', `No preview proxy could be made (${errorMessage(e)}). The original still plays where the browser can decode it.`);
  }
}

/** Removes part files a crash left under the proxies folder (`<dir>/ab/.<sha>.part.mp4`); returns how many. */
export async function sweepProxyParts(dir: string, inUse: (file: string) => boolean = () => false): Promise<number> {
  let n = 0;
  for (const sub of await fs.readdir(dir).catch(() => [] as string[])) {
    for (const name of await fs.readdir(path.join(dir, sub)).catch(() => [] as string[])) {
      if (!name.startsWith('.') || !name.endsWith(PART_SUFFIX) || inUse(path.join(dir, sub, name))) continue;
      await fs.rm(path.join(dir, sub, name), { force: true });
      n++;
    }
  }
  return n;
}
