import { z } from 'zod';

/**
 * H.264 encoders an export may use: libx264 (software, always there) and the hardware ones ffmpeg can drive.
 * Pure: which encoder names a `ffmpeg -encoders` listing holds, and the output options each needs for a quality
 * (x264's CRF scale) and an optional bitrate cap. Detection (I/O, a trial encode) is render/hw-encoders.ts.
 */
export const HARDWARE_ENCODERS = ['h264_vaapi', 'h264_nvenc', 'h264_qsv', 'h264_videotoolbox'] as const;
export const SOFTWARE_ENCODER = 'libx264';
export const VideoEncoder = z.enum([SOFTWARE_ENCODER, ...HARDWARE_ENCODERS]);
export type VideoEncoder = z.infer<typeof VideoEncoder>;

/** The Settings → Export choice: `auto` uses a hardware encoder when one works, `off` always libx264. */
export const HardwareEncoding = z.enum(['auto', 'off']);
export type HardwareEncoding = z.infer<typeof HardwareEncoding>;

/** The render node VAAPI opens (the first GPU on Linux). */
export const VAAPI_DEVICE = '/dev/dri/renderD128';

/**
 * Encoder names found in `ffmpeg -hide_banner -encoders` output, in HARDWARE_ENCODERS order (the order they are
 * tried). Lines look like ` V....D h264_nvenc           NVIDIA NVENC H.264 encoder (codec h264)`.
 */
export function listedHardwareEncoders(listing: string): VideoEncoder[] {
  const names = new Set<string>();
  for (const line of listing.split('\n')) {
    const m = /^\s*V[A-Z.]{5}\s+(\S+)/.exec(line);
    if (m) names.add(m[1]!);
  }
  return HARDWARE_ENCODERS.filter((n) => names.has(n));
}

/** Options before the inputs: VAAPI needs its device opened for `hwupload`. */
export function encoderGlobalArgs(encoder: VideoEncoder): string[] {
  return encoder === 'h264_vaapi' ? ['-vaapi_device', VAAPI_DEVICE] : [];
}

/** Filters at the end of each output's picture: VAAPI encodes frames uploaded to the GPU. */
export function encoderFilters(encoder: VideoEncoder): string[] {
  return encoder === 'h264_vaapi' ? ['format=nv12', 'hwupload'] : [];
}

/**
 * `-c:v` and its rate control for x264's CRF `crf` (18 high … 24 small), optionally capped at `maxKbps` with a
 * one-second buffer. Each hardware encoder's constant-quality mode is mapped from the same number: they are close
 * to x264's scale at these values, and the cap is what keeps a file inside a channel's size limit.
 */
export function encoderArgs(encoder: VideoEncoder, crf: number, maxKbps: number | null): string[] {
  const cap = maxKbps != null ? ['-maxrate', `${maxKbps}k`, '-bufsize', `${maxKbps}k`] : [];
  switch (encoder) {
    case 'libx264':
      return ['-c:v', 'libx264', '-preset', 'veryfast', '-crf', String(crf), ...cap];
    case 'h264_nvenc':
      return ['-c:v', 'h264_nvenc', '-preset', 'p4', '-rc', 'vbr', '-cq', String(crf), '-b:v', '0', ...cap];
    case 'h264_qsv':
      return ['-c:v', 'h264_qsv', '-preset', 'faster', '-global_quality', String(crf), ...cap];
    case 'h264_vaapi':
      // CQP takes no cap; with a cap, VBR at the cap (the size limit is what the cap is for).
      return maxKbps != null ? ['-c:v', 'h264_vaapi', '-rc_mode', 'VBR', '-b:v', `${maxKbps}k`, ...cap] : ['-c:v', 'h264_vaapi', '-rc_mode', 'CQP', '-qp', String(crf)];
    case 'h264_videotoolbox':
      // VideoToolbox's quality scale runs 1..100, higher is better: CRF 18 → 64, 24 → 52.
      return ['-c:v', 'h264_videotoolbox', '-q:v', String(Math.max(1, Math.min(100, 100 - 2 * crf))), ...cap];
  }
}

/** Output pixel format: x264 and VideoToolbox take yuv420p; the others are handed frames they accept as they are. */
export function encoderPixFmt(encoder: VideoEncoder): string[] {
  return encoder === 'h264_vaapi' || encoder === 'h264_qsv' ? [] : ['-pix_fmt', 'yuv420p'];
}
