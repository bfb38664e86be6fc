import { electronMediaUrl, hostMediaPath } from '../../../electron/api/transport';
import type { MediaVariant } from '../../../electron/model/asset';
import { shell } from './client';

/**
 * URL of an asset's bytes. Electron: the `media://` protocol; browser mode: a same-origin path on the host
 * (the session cookie authorises it; Range requests make seeking work).
 */
export function mediaUrl(assetId: string, variant: MediaVariant): string {
  return shell === 'electron' ? electronMediaUrl(assetId, variant) : hostMediaPath(assetId, variant);
}
