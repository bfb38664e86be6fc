import { clipDuration, type Clip } from '../../../../../electron/model/draft';

/**
 * Keys on a focused clip block in the timeline (walk finding #22: clips could not be reached or moved without a
 * pointer). Alt+←/→ moves the clip one frame earlier or later, Alt+Shift+←/→ one second; plain arrows stay the
 * playhead's (useEditorKeys.ts), so Tab onto a clip never changes what ← and → do elsewhere.
 */

export type ClipKey = { key: string; altKey: boolean; shiftKey: boolean; ctrlKey: boolean; metaKey: boolean };

/** Seconds a key moves a focused clip by (negative: earlier), or null when the key is not a clip move. */
export function clipNudgeSeconds(e: ClipKey, fps: number): number | null {
  if (!e.altKey || e.ctrlKey || e.metaKey) return null;
  const dir = e.key === 'ArrowLeft' ? -1 : e.key === 'ArrowRight' ? 1 : 0;
  if (dir === 0) return null;
  return dir * (e.shiftKey ? 1 : 1 / fps);
}

/** The clip's new start after a nudge: on the frame grid, never before 0. */
export function nudgedStart(start: number, seconds: number, fps: number): number {
  return Math.max(0, Math.round((start + seconds) * fps)) / fps;
}

/**
 * On the magnetic main track a clip cannot sit a frame later (the track packs it back), so Alt+←/→ swaps it with
 * its neighbour instead (walk finding #24): the time to move it to, or null at the track's end. Earlier: the
 * previous clip's start, which stays put when this clip is taken out. Later: after the next clip, which then starts
 * where this one did.
 */
export function mainTrackSwapAt(clips: readonly Clip[], clipId: string, dir: -1 | 1): number | null {
  const i = clips.findIndex((c) => c.id === clipId);
  if (i < 0) return null;
  if (dir < 0) return i > 0 ? clips[i - 1]!.start : null;
  return i < clips.length - 1 ? clips[i]!.start + clipDuration(clips[i + 1]!) : null;
}
