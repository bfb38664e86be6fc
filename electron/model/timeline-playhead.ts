import { draftDuration, type VideoDraft } from './draft';
import { EDGE_TOLERANCE_SEC } from './timeline-snap';

/**
 * Where the playhead may be and what "at the playhead" means for something added there. Pure; re-exported from
 * timeline.ts. The playhead rests on a frame that has a picture: frame n shows what is on at n / fps, and a clip
 * is on over [start, end), so the draft's length itself is one frame past its last picture (black). Whoever moves
 * the playhead (playback, scrubbing, the ruler, keys, Home/End) keeps it within [0, lastFrameStart].
 */

/**
 * The start of the draft's last frame at the canvas fps: the last time with something to show. 0 for an empty
 * draft. An end off the frame grid (a clip ending mid-frame) still shows the frame that begins before it.
 */
export function lastFrameStart(draft: VideoDraft | null): number {
  if (!draft) return 0;
  const fps = draft.canvas.fps;
  // Frame n has a picture when n / fps is before the end by more than the edge tolerance (as activeLayersAt
  // decides), so float noise just past a frame boundary does not count as one more frame.
  const frames = Math.ceil((draftDuration(draft) - EDGE_TOLERANCE_SEC) * fps);
  return Math.max(0, frames - 1) / fps + 0;
}

export function clampPlayhead(t: number, draft: VideoDraft | null): number {
  if (!Number.isFinite(t) || t <= 0) return 0;
  const last = lastFrameStart(draft);
  return t > last ? last : t;
}
