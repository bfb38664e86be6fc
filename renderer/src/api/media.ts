import { electronExportUrl, electronFontUrl, electronMediaUrl, electronTextLayerUrl, hostExportPath, hostFontPath, hostImageExportPath, hostKitFilePath, hostMediaPath, hostTextLayerPath, withMediaKey } from '../../../electron/api/transport';
import type { MediaVariant } from '../../../electron/model/asset';
import { getBridge, hostKeys, shell } from './client';

/**
 * URL of an asset's bytes. Electron: the `media://` protocol; browser mode: a same-origin path on the host
 * carrying the page's media key (the session cookie alone is not enough; Range requests make seeking work).
 */
export function mediaUrl(assetId: string, variant: MediaVariant, rev = 0): string {
  // A file made again over an older one (AssetSummary.mediaRev) is asked for at a new address: media is immutable.
  const url = shell === 'electron' ? electronMediaUrl(assetId, variant) : withMediaKey(hostMediaPath(assetId, variant), hostKeys().media);
  return rev > 0 ? `${url}${url.includes('?') ? '&' : '?'}rev=${rev}` : url;
}

/** URL of a rasterised text layer (TextLayerImage.key from 'text.render'): the same PNG the export overlays. */
export function textLayerUrl(key: string): string {
  return shell === 'electron' ? electronTextLayerUrl(key) : withMediaKey(hostTextLayerPath(key), hostKeys().media);
}

/** URL of a library font's file (FontRecord.id): the same bytes the text rasteriser draws with. */
export function fontUrl(fontId: string): string {
  return shell === 'electron' ? electronFontUrl(fontId) : withMediaKey(hostFontPath(fontId), hostKeys().media);
}

/** Browser mode: the address that downloads a kit file `kits.export` wrote (the app saves to a path instead). */
export function kitFileUrl(fileName: string): string {
  return withMediaKey(hostKitFilePath(fileName), hostKeys().media);
}

/** URL that downloads a finished export (by its job id; `output`: one file of a one-pass export) under its file name. */
export function exportUrl(jobId: string, output?: number): string {
  return shell === 'electron' ? electronExportUrl(jobId, output) : withMediaKey(hostExportPath(jobId, output), hostKeys().media);
}

/** Browser mode: the address that downloads one file of a finished image export (a page's number, 1-based, or `pdf`). */
export function imageExportUrl(jobId: string, part: number | 'pdf'): string {
  return withMediaKey(hostImageExportPath(jobId, part), hostKeys().media);
}

/** The desktop app: shows a finished export in the file manager. False when the file is gone (or in browser mode). */
export async function revealExport(jobId: string): Promise<boolean> {
  const bridge = getBridge();
  return bridge ? bridge.revealExport(jobId) : false;
}
