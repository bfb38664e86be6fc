import { clipEnd, type VideoDraft } from './draft';
import { type BeatsByAsset, clipBeatTimes } from './timeline-beats';

/**
 * Time on the timeline: the frame grid, time ↔ pixels, timecodes and magnetic snapping. Pure functions shared
 * by the editor (renderer) and the engine; re-exported from timeline.ts, which is what callers import.
 */

/**
 * Half a microsecond: a time this close to a clip's start or end counts as that edge, so a frame time computed as
 * n / fps is inside the clip starting on frame n and outside the one ending there (activeLayersAt, lastFrameStart).
 */
export const EDGE_TOLERANCE_SEC = 5e-7;

/** Length of one canvas frame in seconds. */
export function frame(fps: number): number {
  return 1 / fps;
}

/**
 * The nearest frame boundary. Computed as `n / fps` from the whole frame number, so the same frame always gives
 * the same float (two edits landing on frame 37 produce bit-identical times that compare equal).
 */
export function snapToFrame(t: number, fps: number): number {
  // `+ 0` turns -0 (from rounding a tiny negative) into 0, which JSON and the schema prefer.
  return Math.round(t * fps) / fps + 0;
}

/** Whole frame number nearest to `t`: the unit the edit functions reason in, free of float drift. */
export function toFrames(t: number, fps: number): number {
  return Math.round(t * fps) + 0;
}

export function timeToX(t: number, pxPerSec: number): number {
  return t * pxPerSec;
}

/** Never negative: a drag past the left edge of the timeline means time 0. */
export function xToTime(x: number, pxPerSec: number): number {
  return Math.max(0, x / pxPerSec);
}

/**
 * The frame under a pixel of the ruler or a lane, as that frame's start time. Frame n is drawn from
 * `timeToX(n / fps)` up to `timeToX((n + 1) / fps)`, so anywhere in that span lands on frame n: the ruler's first
 * pixels are frame 0 at every zoom (rounding to the nearest frame would put most of frame 0's span on frame 1
 * when zoomed in). The tiny tolerance keeps a pixel computed from a frame's own start on that frame.
 */
export function frameAtX(x: number, pxPerSec: number, fps: number): number {
  const n = Math.floor((Math.max(0, x) * fps) / pxPerSec + 1e-6);
  return n / fps + 0;
}

const pad2 = (n: number) => String(n).padStart(2, '0');

/** "HH:MM:SS:FF" (frames within the second), as editors show it: 62.5 s at 30 fps → "00:01:02:15". */
export function formatTimecode(t: number, fps: number): string {
  const total = Math.max(0, toFrames(t, fps));
  const ff = total % fps;
  const secs = Math.floor(total / fps);
  return `${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor(secs / 60) % 60)}:${pad2(secs % 60)}:${pad2(ff)}`;
}

/**
 * Times a dragged edge or playhead is drawn to: 0, the playhead, and every clip's start and end on all tracks
 * (hidden ones too: their clips still take time), minus the clips being dragged. With `beats` (found per asset,
 * timeline-beats.ts), each clip's beats too, where they fall on the timeline; a dragged clip's own beats move with
 * it, so they are left out with it. Sorted, without duplicates.
 */
export function snapCandidates(draft: VideoDraft, opts: { excludeClipIds?: Iterable<string>; playhead?: number | null; beats?: BeatsByAsset } = {}): number[] {
  const exclude = new Set(opts.excludeClipIds ?? []);
  const times = [0];
  if (opts.playhead != null && Number.isFinite(opts.playhead)) times.push(opts.playhead);
  for (const track of draft.tracks) {
    for (const c of track.clips) {
      if (exclude.has(c.id)) continue;
      times.push(c.start, clipEnd(c));
      if (opts.beats) times.push(...clipBeatTimes(c, opts.beats));
    }
  }
  times.sort((a, b) => a - b);
  // Ends computed as start + (out - in) / speed can differ from the next start by float noise: merge those.
  const out: number[] = [];
  for (const t of times) if (out.length === 0 || t - out[out.length - 1]! > 1e-9) out.push(t);
  return out;
}

export type SnapResult = { time: number; target: number | null };

/** Float noise in a time made from pixels: 8 px at 80 px/s is 0.1 s, but 4 − 152/80 is 0.1 s and a little from 2. */
const SNAP_EPS = 1e-9;

/**
 * The nearest candidate within `thresholdSec` of `t` (the caller converts its pixel threshold with xToTime), else
 * `t` itself. With `fps`, the distance is judged from the frame the edit will land on (the edits snap to frames),
 * not from the pointer's own time: otherwise an edge let go just beyond the reach landed ON its border, a reach
 * from a candidate and not drawn to it (the music trimmed to 0.1 s past the video's end at 80 px/s: walk #53).
 */
export function snap(t: number, candidates: readonly number[], thresholdSec: number, fps?: number): SnapResult {
  const lands = fps ? snapToFrame(t, fps) : t;
  let best: number | null = null;
  let bestDist = thresholdSec + SNAP_EPS;
  for (const c of candidates) {
    const d = Math.abs(c - lands);
    if (d <= bestDist && (best === null || d < bestDist)) {
      best = c;
      bestDist = d;
    }
  }
  return best === null ? { time: t, target: null } : { time: best, target: best };
}

/**
 * Snapping for a dragged clip: both its edges are drawn to candidates and the closer pull wins. Returns the
 * clip's new start and the time it snapped to (for drawing the guide line).
 */
export function snapSpan(start: number, duration: number, candidates: readonly number[], thresholdSec: number, fps?: number): SnapResult {
  const head = snap(start, candidates, thresholdSec, fps);
  const tail = snap(start + duration, candidates, thresholdSec, fps);
  if (head.target === null && tail.target === null) return { time: start, target: null };
  if (tail.target === null || (head.target !== null && Math.abs(head.target - start) <= Math.abs(tail.target - (start + duration)))) {
    return { time: head.time, target: head.target };
  }
  return { time: Math.max(0, tail.target - duration), target: tail.target };
}

/**
 * Where media dropped from the bin onto a lane starts. `x` is the pointer's pixel in the lane; the clip is
 * `duration` long. Its start is the frame under the pointer, then drawn like a moved clip's: its head or its tail
 * to 0, the playhead or any clip's edge within `thresholdSec` (0 with snapping off), and kept on the frame grid.
 * Without this, a logo dropped a few pixels from the start began a frame in and outlasted the video by a frame.
 */
export function snapDrop(draft: VideoDraft, x: number, pxPerSec: number, duration: number, opts: { playhead?: number | null; thresholdSec: number; beats?: BeatsByAsset }): SnapResult {
  const fps = draft.canvas.fps;
  const at = frameAtX(x, pxPerSec, fps);
  const r = snapSpan(at, duration, snapCandidates(draft, { playhead: opts.playhead, beats: opts.beats }), opts.thresholdSec);
  return { time: snapToFrame(Math.max(0, r.time), fps), target: r.target };
}
