import type { CallName, CallResult, EventName } from './contract';
import type { MediaVariant } from '../model/asset';

/** Paths of the browser-mode host. Auth is a session cookie obtained by opening `/?token=…` once. */
export const HOST_PATHS = {
  api: '/api',
  upload: '/upload',
  media: '/media',
  text: '/text',
  exports: '/exports',
} as const;

/** Electron: the custom protocol that serves library media (`media://asset/<id>/<variant>`). */
export const MEDIA_SCHEME = 'media';

export function hostMediaPath(assetId: string, variant: MediaVariant): string {
  return `${HOST_PATHS.media}/${encodeURIComponent(assetId)}/${variant}`;
}

export function electronMediaUrl(assetId: string, variant: MediaVariant): string {
  return `${MEDIA_SCHEME}://asset/${encodeURIComponent(assetId)}/${variant}`;
}

/** A rasterised text layer (TextLayerImage.key) from cache/text/. */
export function hostTextLayerPath(key: string): string {
  return `${HOST_PATHS.text}/${encodeURIComponent(key)}.png`;
}
export function electronTextLayerUrl(key: string): string {
  return `${MEDIA_SCHEME}://text/${encodeURIComponent(key)}.png`;
}

/** A finished export (by its job id), for download in browser mode. */
export function hostExportPath(jobId: string): string {
  return `${HOST_PATHS.exports}/${encodeURIComponent(jobId)}`;
}
export function electronExportUrl(jobId: string): string {
  return `${MEDIA_SCHEME}://export/${encodeURIComponent(jobId)}`;
}

/**
 * `Content-Disposition` for a download: an ASCII fallback `filename` (quotes and backslashes replaced) and
 * the exact name as RFC 5987 `filename*`, which every current browser prefers (RFC 6266).
 */
export function attachmentDisposition(fileName: string): string {
  const ascii = fileName.replace(/[^\x20-\x7e]/g, '_').replace(/["\\]/g, '_');
  const utf8 = encodeURIComponent(fileName).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${ascii}"; filename*=UTF-8''${utf8}`;
}

/** Response of `POST /upload?name=<file name>` (raw body, streamed to disk by the host). */
export type UploadResponse = { id: string; name: string; sizeBytes: number };

/** The object the Electron preload exposes as `window.postframe` (contextBridge). */
export interface PreloadBridge {
  call(name: CallName, input: unknown): Promise<CallResult<unknown>>;
  onEvent(listener: (name: EventName, payload: unknown) => void): () => void;
  /** Absolute path of a dropped File (webUtils.getPathForFile); '' when it has none. */
  pathForFile(file: File): string;
  /** Native folder/file picker; null when cancelled. */
  pickPaths(options: { directory: boolean; multiple: boolean }): Promise<string[] | null>;
}

export const BRIDGE_KEY = 'postframe';
export const IPC_CALL_CHANNEL = 'postframe:call';
export const IPC_EVENT_CHANNEL = 'postframe:event';
export const IPC_PICK_CHANNEL = 'postframe:pick';
