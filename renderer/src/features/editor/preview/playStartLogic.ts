import type { Asset } from '../../../../../electron/model/asset';
import type { MediaClip, VideoDraft } from '../../../../../electron/model/draft';
import { activeLayersAt, fadeFactor } from '../../../../../electron/model/timeline';

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
 * The media clips on shown tracks that start within `withinSec` after `t` (not at it): the ones the engine
 * pre-rolls (an element paused on their first frame). A hidden track is neither seen nor heard (activeLayersAt),
 * so nothing of it is pre-rolled.
 */
export function clipsStartingSoon(doc: VideoDraft, t: number, withinSec: number): { clip: MediaClip; main: boolean; muted: boolean }[] {
  const out: { clip: MediaClip; main: boolean; muted: boolean }[] = [];
  for (const track of doc.tracks) {
    if (track.hidden) continue;
    for (const c of track.clips) if (c.type === 'media' && c.start > t && c.start - t < withinSec) out.push({ clip: c, main: track.kind === 'main', muted: track.muted });
  }
  return out;
}

/**
 * The ids of the clips with media (video or sound) that play within `windowSec` of `t`: exactly those the engine
 * has an element for, playing (activeLayersAt) or pre-rolled (clipsStartingSoon). A clip it has none for would
 * hold Play its whole second (a hidden track's did).
 */
export function clipsToBuffer(doc: VideoDraft, assets: Record<string, Asset>, t: number): string[] {
  const ids = new Set<string>();
  const playing = activeLayersAt(doc, t, { includeAudio: true }).map((l) => l.clip);
  for (const c of [...playing, ...clipsStartingSoon(doc, t, PLAY_START.windowSec).map((s) => s.clip)]) {
    if (c.type !== 'media') continue;
    const kind = assets[c.assetId]?.kind;
    if (kind === 'video' || kind === 'audio') ids.add(c.id);
  }
  return [...ids];
}

/** Start the clock now: nothing is left to wait for, or Play has waited `waitedSec` long enough. */
export const startsClock = (unready: number, waitedSec: number): boolean => unready === 0 || waitedSec >= PLAY_START.maxWaitSec;

/**
 * The sound a pre-rolled element is given: what its clip will have a frame in. Not silenced until its cut: an
 * element unmuted (or turned up from 0) while it plays loses 30–100 ms of media time over the next 150 ms
 * (measured in Chromium), and the clock, which follows the heard clip, stood still that long at every cut while
 * the other layers ran on (docs/performance.md, "Cuts without a hiccup"). Before its cut it is paused, or just
 * starting (its start-up time), so nothing of it is heard early but what its start-up lead misjudges.
 */
export function preRollSound(c: MediaClip, trackMuted: boolean, fps: number): { muted: boolean; volume: number } {
  return { muted: trackMuted, volume: Math.max(0, Math.min(1, c.volume * fadeFactor(c, c.start + 1 / fps))) };
}
