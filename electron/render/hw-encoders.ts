import type { MediaTools } from '../media/ffmpeg';
import { errorMessage } from '../model/errors';
import {
  type HardwareEncoding,
  type VideoEncoder,
  SOFTWARE_ENCODER,
  encoderArgs,
  encoderFilters,
  encoderGlobalArgs,
  encoderPixFmt,
  listedHardwareEncoders,
} from '../model/video-encoder';

/**
 * Hardware H.264 encoder detection (I/O). A listed encoder is not a working one (a VAAPI build without a GPU, an
 * NVENC build without the driver), so each listed candidate gets a one-frame trial encode with the very options an
 * export would use (model/video-encoder.ts); the first that works is the one. Done once per ffmpeg binary and
 * cached: exports ask `encoderFor(setting)` and get libx264 when the setting is off or nothing works.
 */

/** What was found: the working encoder (null: none) and, per listed candidate, why it was not taken. */
export type HardwareDetection = { encoder: VideoEncoder | null; listed: VideoEncoder[]; refused: { encoder: VideoEncoder; reason: string }[] };

/** A trial should take well under a second; a driver that hangs must not hold up the first export. */
const TRIAL_TIMEOUT_MS = 15_000;

/** The trial: one 256x256 frame of a test picture through the encoder, written nowhere. */
export function trialArgs(encoder: VideoEncoder): string[] {
  const filters = ['format=yuv420p', ...encoderFilters(encoder)].join(',');
  return [
    '-hide_banner', '-v', 'error', '-nostdin', ...encoderGlobalArgs(encoder),
    '-f', 'lavfi', '-i', 'testsrc2=size=256x256:rate=30', '-frames:v', '1', '-vf', filters,
    ...encoderArgs(encoder, 20, null), ...encoderPixFmt(encoder), '-f', 'null', '-',
  ];
}

export async function detectHardwareEncoders(tools: MediaTools, log?: (message: string) => void): Promise<HardwareDetection> {
  let listing = '';
  try {
    listing = await tools.runProgram('ffmpeg', tools.binaries.ffmpeg, ['-hide_banner', '-encoders'], { timeoutMs: TRIAL_TIMEOUT_MS });
  } catch (e) {
    log?.(`hardware encoders: ffmpeg -encoders failed (${errorMessage(e)}); exporting with ${SOFTWARE_ENCODER}`);
    return { encoder: null, listed: [], refused: [] };
  }
  const listed = listedHardwareEncoders(listing);
  const refused: HardwareDetection['refused'] = [];
  for (const encoder of listed) {
    try {
      await tools.runProgram('ffmpeg', tools.binaries.ffmpeg, trialArgs(encoder), { timeoutMs: TRIAL_TIMEOUT_MS });
      log?.(`hardware encoders: using ${encoder}`);
      return { encoder, listed, refused };
    } catch (e) {
      refused.push({ encoder, reason: errorMessage(e) });
    }
  }
  log?.(`hardware encoders: ${listed.length ? `none works (${refused.map((r) => `${r.encoder}: ${r.reason}`).join('; ')})` : 'none listed'}; exporting with ${SOFTWARE_ENCODER}`);
  return { encoder: null, listed, refused };
}

const detections = new Map<string, Promise<HardwareDetection>>();

/** The detection for this ffmpeg binary, run once (started at launch, so the first export does not wait for it). */
export function hardwareDetection(tools: MediaTools, log?: (message: string) => void): Promise<HardwareDetection> {
  const key = tools.binaries.ffmpeg;
  let d = detections.get(key);
  if (!d) {
    d = detectHardwareEncoders(tools, log);
    detections.set(key, d);
  }
  return d;
}

/** The encoder an export uses under the setting: the detected hardware one with `auto`, else libx264. */
export async function encoderFor(tools: MediaTools, setting: HardwareEncoding, log?: (message: string) => void): Promise<VideoEncoder> {
  if (setting === 'off') return SOFTWARE_ENCODER;
  return (await hardwareDetection(tools, log)).encoder ?? SOFTWARE_ENCODER;
}
