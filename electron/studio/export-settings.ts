import type { MediaTools } from '../media/ffmpeg';
import { HardwareEncoding, type VideoEncoder } from '../model/video-encoder';
import { encoderFor } from '../render/hw-encoders';

/**
 * Settings → Export, kept in the library's `settings` table: whether exports may use a hardware H.264 encoder
 * (`auto`, the default: when one is detected and passes its trial) or always libx264 (`off`). docs/export.md.
 */
export const HARDWARE_ENCODING_KEY = 'export.hardwareEncoding';

type SettingsStore = { setting(key: string): unknown; setSetting(key: string, value: unknown): void };

/** The stored choice; anything unreadable counts as the default, `auto`. */
export function readHardwareEncoding(store: Pick<SettingsStore, 'setting'>): HardwareEncoding {
  const r = HardwareEncoding.safeParse(store.setting(HARDWARE_ENCODING_KEY));
  return r.success ? r.data : 'auto';
}

export function writeHardwareEncoding(store: Pick<SettingsStore, 'setSetting'>, value: HardwareEncoding): void {
  store.setSetting(HARDWARE_ENCODING_KEY, value);
}

/** The encoder an export started now uses: the detected hardware one when the setting is `auto`, else libx264. */
export function exportEncoder(tools: MediaTools, store: Pick<SettingsStore, 'setting'>, log?: (message: string) => void): Promise<VideoEncoder> {
  return encoderFor(tools, readHardwareEncoding(store), log);
}
