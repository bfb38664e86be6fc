import type { Track, VideoDraft } from './draft';
import { clipFrames, toFrames } from './timeline';

/**
 * Where a kit command puts a new overlay clip (the logo, the watermark) so a creator sees it land where they
 * look: on an existing overlay lane when the clip's span is free there, else on a new overlay track placed
 * right after the last overlay track (with the overlays, under the text tracks), never appended after the
 * audio tracks at the bottom of the timeline. Pure: the editor calls it inside one `edit()` (one undo step).
 */

export const MAX_TRACKS = 32;

export type OverlaySlot =
  | { ok: true; draft: VideoDraft; trackId: string; newTrack: boolean }
  | { ok: false; reason: 'track_busy'; message: string };

/** Whether frames [startF, startF + frames) are free on `track` (touching ends do not overlap). */
export function spanFree(track: Track, startF: number, frames: number, fps: number): boolean {
  const endF = startF + frames;
  return track.clips.every((c) => {
    const cs = toFrames(c.start, fps);
    const ce = cs + clipFrames(c, fps);
    return ce <= startF || cs >= endF;
  });
}

/** Where a new overlay track goes: after the last overlay track, else after the main track, else first. */
export function overlayInsertIndex(tracks: readonly Track[]): number {
  let last = -1;
  tracks.forEach((t, i) => {
    if (t.kind === 'overlay') last = i;
  });
  if (last >= 0) return last + 1;
  const main = tracks.findIndex((t) => t.kind === 'main');
  return main + 1;
}

/**
 * The overlay track for a clip spanning `[start, start + duration)` seconds: `prefer` first (e.g. the track a
 * watermark was already on), then the overlay tracks in stacking order; when none is free there, the draft
 * gains an overlay track named `newName` (refused at the 32-track limit).
 */
export function overlaySlot(
  draft: VideoDraft,
  start: number,
  duration: number,
  newName: string,
  idFor: (prefix: string) => string,
  prefer: string | null = null,
): OverlaySlot {
  const fps = draft.canvas.fps;
  const startF = toFrames(Math.max(0, start), fps);
  const frames = Math.max(1, toFrames(duration, fps));
  const overlays = draft.tracks.filter((t) => t.kind === 'overlay');
  const ordered = [...overlays.filter((t) => t.id === prefer), ...overlays.filter((t) => t.id !== prefer)];
  const free = ordered.find((t) => spanFree(t, startF, frames, fps));
  if (free) return { ok: true, draft, trackId: free.id, newTrack: false };
  if (draft.tracks.length >= MAX_TRACKS) {
    return { ok: false, reason: 'track_busy', message: `The overlay tracks are busy there and this draft has the most tracks a draft can have (${MAX_TRACKS}). Remove an empty track or move an overlay, then try again.` };
  }
  const track: Track = { id: idFor('track'), kind: 'overlay', name: newName, muted: false, hidden: false, role: null, ducking: null, clips: [] };
  const at = overlayInsertIndex(draft.tracks);
  const tracks = [...draft.tracks.slice(0, at), track, ...draft.tracks.slice(at)];
  return { ok: true, draft: { ...draft, tracks }, trackId: track.id, newTrack: true };
}
