import { draftDuration, type VideoDraft } from './draft';
import { EDGE_TOLERANCE_SEC, snapToFrame } from './timeline-snap';

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

/** Added at the playhead, a clip that lasts `wantSec` should rather be fitted than stretch the draft with black. */
const MIN_ROOM_SEC = 1;

/**
 * Start and length for something added at the playhead (a title): it starts at the playhead and ends by the
 * draft's end, so adding never makes the draft longer with time where only the new thing shows over black.
 * With less than a second left (the playhead at the end), it takes the draft's last `wantSec` instead. An
 * empty draft has no end to keep: the clip starts at 0 with its full length. Whole frames throughout; never
 * shorter than `minSec` (a title's shortest length).
 */
export function placeAtPlayhead(playhead: number, draft: VideoDraft, wantSec: number, opts: { minSec?: number } = {}): { start: number; duration: number } {
  const fps = draft.canvas.fps;
  const least = Math.max(1, Math.ceil((opts.minSec ?? 0) * fps - 1e-6));
  const want = Math.max(least, Math.round(wantSec * fps));
  const end = Math.round(draftDuration(draft) * fps);
  if (end <= 0) return { start: 0, duration: want / fps };
  const at = Math.min(end, Math.max(0, Math.round(playhead * fps)));
  const room = end - at;
  if (room >= Math.max(least, Math.min(want, MIN_ROOM_SEC * fps))) return { start: at / fps + 0, duration: Math.min(want, room) / fps };
  // A draft shorter than `minSec` still gets a clip of that length (the one case that lengthens it).
  const length = Math.max(least, Math.min(want, end));
  return { start: snapToFrame(Math.max(0, end - length) / fps, fps), duration: length / fps };
}
