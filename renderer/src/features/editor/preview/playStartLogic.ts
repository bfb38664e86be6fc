import type { Asset } from '../../../../../electron/model/asset';
import { clipEnd, type VideoDraft } from '../../../../../electron/model/draft';
import { EDGE_TOLERANCE_SEC } from '../../../../../electron/model/timeline-snap';

/**
 * Whether Play may start the clock yet. Pure: the engine says which elements are ready, this says which must be.
 *
 * Why wait at all (docs/performance.md, "Play waits for its media"): a draft opened and played at once has
 * elements still loading or seeking to their first frame. Started anyway, a picture-in-picture that begins half a
 * second in was still seeking at its cut, landed 3 frames behind and was nudged back for a second and a half: 15–40
 * late pictures, in one play of four. Players and editors buffer before they start; so does the preview, briefly:
 * the clips playing or starting in the next `windowSec` must have their picture (or, for sound, their data), and
 * the wait is never longer than `maxWaitSec` (a file that will not load plays late rather than never).
 */
export const PLAY_START = {
  /** Clips starting this soon after the playhead must be ready too. */
  windowSec: 1,
  /** The longest Play waits for media. */
  maxWaitSec: 1,
} as const;

/**
 * The ids of the clips with media (video or sound) that play within `windowSec` of `t`: those the engine gets an
 * element for. Not a hidden track's (neither seen nor heard: no element is made, and Play waited its whole second
 * for one), and not a clip ending at `t` within the timeline's edge tolerance (activeLayersAt's rule).
 */
export function clipsToBuffer(doc: VideoDraft, assets: Record<string, Asset>, t: number): string[] {
  const ids: string[] = [];
  for (const track of doc.tracks) {
    if (track.hidden) continue;
    for (const c of track.clips) {
      if (c.type !== 'media') continue;
      const kind = assets[c.assetId]?.kind;
      if (kind !== 'video' && kind !== 'audio') continue;
      if (clipEnd(c) - EDGE_TOLERANCE_SEC > t && c.start < t + PLAY_START.windowSec) ids.push(c.id);
    }
  }
  return ids;
}

/** Start the clock now: nothing is left to wait for, or Play has waited `waitedSec` long enough. */
export const startsClock = (unready: number, waitedSec: number): boolean => unready === 0 || waitedSec >= PLAY_START.maxWaitSec;
