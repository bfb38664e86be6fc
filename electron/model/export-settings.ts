import { z } from 'zod';
import { HardwareEncoding, VideoEncoder } from './video-encoder';

/**
 * Settings → Export (docs/export.md "Hardware encoders"): the library's hardware-encoding choice and what this
 * machine's ffmpeg offers. `detected` is the encoder that passed its one-frame trial (null: none, exports use
 * libx264); `listed` the hardware encoders ffmpeg names, working or not; `used` what an export started now uses.
 */
export const ExportSettingsView = z.object({
  hardwareEncoding: HardwareEncoding,
  detected: VideoEncoder.nullable(),
  listed: z.array(VideoEncoder),
  used: VideoEncoder,
  /** False when ffmpeg could not be started: nothing was detected because nothing could be asked. */
  ffmpeg: z.boolean(),
});
export type ExportSettingsView = z.infer<typeof ExportSettingsView>;

/** What each encoder is called on screen. */
export const encoderLabels: Record<VideoEncoder, string> = {
  libx264: 'Software (libx264)',
  h264_vaapi: 'VAAPI (Intel/AMD graphics on Linux)',
  h264_nvenc: 'NVIDIA NVENC',
  h264_qsv: 'Intel Quick Sync',
  h264_videotoolbox: 'Apple VideoToolbox',
};
