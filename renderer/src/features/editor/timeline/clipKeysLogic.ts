import { clipDuration, type Clip, type Track } from '../../../../../electron/model/draft';
import { trackRefusal, type SourceInfo } from '../../../../../electron/model/timeline';

/**
 * Keys on a focused clip block in the timeline (walk finding #22: clips could not be reached or moved without a
 * pointer). Alt+←/→ moves the clip one frame earlier or later, Alt+Shift+←/→ one second; plain arrows stay the
 * playhead's (useEditorKeys.ts), so Tab onto a clip never changes what ← and → do elsewhere. Alt+↑/↓ moves it to
 * another track, Shift+Space picks several clips, Delete hands the focus to a neighbour (walk #24, #29, #30).
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

/** Alt+↑/↓ (no other modifier): -1 for the track drawn above (earlier in the draft's list), 1 below; else null. */
export function clipTrackStep(e: ClipKey): -1 | 1 | null {
  if (!e.altKey || e.shiftKey || e.ctrlKey || e.metaKey) return null;
  return e.key === 'ArrowUp' ? -1 : e.key === 'ArrowDown' ? 1 : null;
}

/**
 * The nearest track above (dir -1) or below (1) the clip's own that takes it, by the rule a drop there follows
 * (the model's `trackRefusal`: pictures on main and overlays, audio on audio, text on text), or null when none does.
 */
export function adjacentTrackFor(tracks: readonly Track[], clip: Clip, fromTrackId: string, dir: -1 | 1, info: SourceInfo): string | null {
  const from = tracks.findIndex((tr) => tr.id === fromTrackId);
  if (from < 0) return null;
  for (let i = from + dir; i >= 0 && i < tracks.length; i += dir) {
    if (!trackRefusal(tracks[i]!.kind, clip, info)) return tracks[i]!.id;
  }
  return null;
}

/**
 * The clip of the same track to focus once `gone` is deleted with the focus on `focusedId` (#29): the next one
 * left after it, else the nearest one left before it, else null (the caller falls back to the track's head).
 */
export function focusAfterDelete(clips: readonly Clip[], gone: readonly string[], focusedId: string): string | null {
  const i = clips.findIndex((c) => c.id === focusedId);
  if (i < 0) return null;
  const left = (c: Clip) => !gone.includes(c.id);
  return clips.slice(i + 1).find(left)?.id ?? clips.slice(0, i).findLast(left)?.id ?? null;
}

/**
 * Shift+Space on a focused clip (#30). Focus selects the clip it lands on, so a plain first press keeps that clip
 * and starts a pick (`picking` false → the selection with the clip in it); while picking, presses add or remove the
 * focused clip and focus moving along no longer replaces the selection (`keepsSelectionOnFocus`).
 */
export function pickToggle(selection: readonly string[], clipId: string, picking: boolean): string[] {
  if (!picking) return selection.includes(clipId) ? [...selection] : [...selection, clipId];
  return selection.includes(clipId) ? selection.filter((id) => id !== clipId) : [...selection, clipId];
}

/** Whether a pick (the ids Shift+Space last set) is still the selection: nothing else has replaced it since. */
export function stillPicking(picks: readonly string[] | null, selection: readonly string[]): boolean {
  return picks !== null && picks.length === selection.length && picks.every((id) => selection.includes(id));
}
