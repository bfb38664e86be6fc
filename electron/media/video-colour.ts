import { type VideoColour, parseProbedColour, videoColour } from '../model/video-colour';
import type { MediaTools } from './ffmpeg';

/**
 * The matrix, range and transfer a video file's first video stream is decoded with (model/video-colour.ts), read from
 * its header (no decoding). Read at export, as the photos' facts are: the library keeps no colour, and assets
 * imported before need no re-import.
 */
export async function readVideoColour(tools: MediaTools, file: string, signal?: AbortSignal): Promise<VideoColour> {
  const text = await tools.probeRaw(['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=height,color_space,color_range,color_transfer,color_primaries', '-of', 'default=nw=1', file], { signal });
  return videoColour(parseProbedColour(text));
}
