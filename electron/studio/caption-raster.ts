import { type RasterizedCaptionTrack, rasterizeCaptionTrack } from '../render/caption';
import type { CaptionTrack } from '../model/caption-track';
import type { CanvasSize } from '../render/text-draw';
import type { Rooms } from './context';

/**
 * A draft's caption track rasterised with this library: the draft's brand kit (none when it is gone), the text
 * cache and the library's fonts. The export (media-jobs.ts) and the preview (`captions.render`) both call this,
 * so they draw the same pictures from the same files.
 */
export function rasterizeDraftCaptions(rooms: Rooms, draft: { kitId: string | null; canvas: CanvasSize }, track: CaptionTrack, signal?: AbortSignal): Promise<RasterizedCaptionTrack | null> {
  const kit = draft.kitId ? rooms.kits.get(draft.kitId) : null;
  return rasterizeCaptionTrack(track, { kit, canvas: draft.canvas, cacheDir: rooms.folder.textCacheDir, fonts: rooms.textFonts, signal });
}
