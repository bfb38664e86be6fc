import type { Track } from '../../../../../electron/model/draft';

/**
 * The timeline as few Tab stops (walk #64): every track's buttons were a stop each before the clips. Now the
 * track buttons are one roving group (arrows move between them) and the clips another (←/→ the clip before or
 * after on its track, ↑/↓ the nearest clip on the track drawn above or below); each group keeps one element in the
 * Tab order. Pure: Timeline.tsx, ClipBlock.tsx and clipKeyActions.ts apply it.
 */

/**
 * The clip that holds the clips' Tab stop: the one last focused when it is selected (or nothing is), else the first
 * selected (a clip just clicked or added is where Tab lands), else the first clip.
 */
export function clipTabStop(tracks: readonly Track[], selection: readonly string[], lastFocused: string | null): string | null {
  let first: string | null = null;
  let focusedThere = false;
  let selectedThere: string | null = null;
  for (const tr of tracks)
    for (const c of tr.clips) {
      first ??= c.id;
      if (c.id === lastFocused) focusedThere = true;
      if (selectedThere === null && selection.includes(c.id)) selectedThere = c.id;
    }
  if (focusedThere && (selectedThere === null || selection.includes(lastFocused!))) return lastFocused;
  return selectedThere ?? first;
}

/**
 * The clip a plain arrow moves the focus to from `clipId`, or null (no such clip, or not an arrow). ←/→: the one
 * before or after on its own track, by start. ↑/↓: the nearest track drawn above or below that has clips, and on it
 * the clip nearest in time to this one's start (the one under it when there is one).
 */
export function clipNeighbour(tracks: readonly Track[], clipId: string, key: string): string | null {
  const ti = tracks.findIndex((tr) => tr.clips.some((c) => c.id === clipId));
  if (ti < 0) return null;
  const byStart = (tr: Track) => [...tr.clips].sort((a, b) => a.start - b.start);
  const own = byStart(tracks[ti]!);
  const i = own.findIndex((c) => c.id === clipId);
  const here = own[i]!;
  if (key === 'ArrowLeft') return own[i - 1]?.id ?? null;
  if (key === 'ArrowRight') return own[i + 1]?.id ?? null;
  const dir = key === 'ArrowUp' ? -1 : key === 'ArrowDown' ? 1 : 0;
  if (dir === 0) return null;
  for (let j = ti + dir; j >= 0 && j < tracks.length; j += dir) {
    const clips = byStart(tracks[j]!);
    if (clips.length === 0) continue;
    // The last clip starting at or before this one's start (the one under it), else the first.
    return (clips.findLast((c) => c.start <= here.start + 1e-9) ?? clips[0]!).id;
  }
  return null;
}

/** A track button: which track, which switch. */
export type HeadButton = { trackId: string; field: 'muted' | 'hidden' };
export const headKey = (b: HeadButton) => `${b.trackId}:${b.field}`;

/** The track buttons in screen order: each track's mute (not on text tracks), then hide (not on audio tracks). */
export function headButtons(tracks: readonly Track[]): HeadButton[] {
  return tracks.flatMap((tr) => [
    ...(tr.kind !== 'text' ? [{ trackId: tr.id, field: 'muted' as const }] : []),
    ...(tr.kind !== 'audio' ? [{ trackId: tr.id, field: 'hidden' as const }] : []),
  ]);
}

/**
 * The track button holding the group's Tab stop: always the first. Rows interleave track buttons and clips in the
 * page, so a stop that followed the focus to a lower track would come after the clips' stop in the Tab order; on
 * the first track's head it always comes first (toolbar → track buttons → clips).
 */
export function headTabStop(buttons: readonly HeadButton[]): string | null {
  return buttons[0] ? headKey(buttons[0]) : null;
}

/** Where a key moves in the track buttons' group (index of `count`): arrows by one, Home/End to the ends; null for other keys. */
export function headStep(index: number, key: string, count: number): number | null {
  if (count === 0) return null;
  if (key === 'ArrowDown' || key === 'ArrowRight') return Math.min(count - 1, index + 1);
  if (key === 'ArrowUp' || key === 'ArrowLeft') return Math.max(0, index - 1);
  if (key === 'Home') return 0;
  if (key === 'End') return count - 1;
  return null;
}
