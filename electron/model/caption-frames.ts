import { z } from 'zod';
import { segmentAt } from './caption-style';

/**
 * The pictures of a burned-in caption track on the frame grid (docs/captions.md "Styles and burn-in"): the export
 * burns them as an image sequence whose changes land on whole frames (render/caption-sequence.ts), and the preview
 * draws the picture of the frame it shows, so both show the same caption on every frame.
 */

/** One picture of a track as the engine answers `captions.render`: a PNG in the text cache, placed on the canvas, shown over [startSec, endSec). */
export const CaptionPicture = z.object({
  key: z.string(),
  left: z.number().int(),
  top: z.number().int(),
  width: z.number().int(),
  height: z.number().int(),
  startSec: z.number(),
  endSec: z.number(),
});
export type CaptionPicture = z.infer<typeof CaptionPicture>;

/** First frame index at or after t: a state that starts at t is first seen on that frame. */
export function frameIndex(t: number, fps: number): number {
  return Math.ceil(t * fps - 1e-6);
}

/** The frame showing at t (frame n shows over [n/fps, (n+1)/fps)); a playhead snapped to n/fps is frame n. */
export function frameShownAt(t: number, fps: number): number {
  return Math.floor(t * fps + 1e-6);
}

/**
 * The picture the export shows on the frame that shows at t: frame n shows the picture whose whole-frame span
 * [frameIndex(start), frameIndex(end)) holds n, which is `segmentAt` just after n/fps.
 */
export function captionFrameAt<T extends { startSec: number; endSec: number }>(frames: readonly T[], t: number, fps: number): T | null {
  return segmentAt(frames, (frameShownAt(t, fps) + 1e-6) / fps);
}
