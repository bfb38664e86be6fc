import { draftDuration, type VideoDraft } from './draft';
import { clipFrames } from './timeline';
import { toFrames } from './timeline-snap';

/**
 * Where a title added with Add text goes on its track (docs/timeline.md "Titles"). A track holds one clip at a
 * time, and the insert puts a clip that does not fit where it is asked after every clip in its way: a title asked
 * for at a playhead with a short gap or another title under it went to the end and made the video longer, a title
 * over black (a new user's walk). So the slot is found here, among the track's free gaps within the draft:
 * - at the playhead, when its gap has room: up to `wantSec`, ending by the gap's end (the next title or the draft's
 *   end); with less than a second (or `wantSec`) left there, the gap's last `wantSec` instead;
 * - else in the nearest gap that has room, before or after the playhead (after on a tie);
 * - else (the track is full) after its last clip, which lengthens the draft (`lengthens`: the editor says so).
 * Whole frames; never shorter than `minSec`. An empty draft gets the whole `wantSec` from 0.
 */
export type TitleSlot = {
  start: number;
  duration: number;
  /** At the playhead; at the end of the playhead's gap (less than a second left after it); in the nearest gap; after the track's last clip. */
  place: 'playhead' | 'gapEnd' | 'nearest' | 'after';
  /** It ends after the draft's end (the track had no room within it, or the draft is shorter than `minSec`). */
  lengthens: boolean;
};

/** Added at the playhead, a title should rather be fitted than moved elsewhere for want of this much room. */
const MIN_ROOM_SEC = 1;

export function titleSlot(playhead: number, draft: VideoDraft, trackId: string, wantSec: number, opts: { minSec?: number } = {}): TitleSlot {
  const fps = draft.canvas.fps;
  const least = Math.max(1, Math.ceil((opts.minSec ?? 0) * fps - 1e-6));
  const want = Math.max(least, Math.round(wantSec * fps));
  const end = Math.round(draftDuration(draft) * fps);
  const at = Math.min(end, Math.max(0, Math.round(playhead * fps)));
  const slot = (s: number, frames: number, place: TitleSlot['place']): TitleSlot => ({ start: s / fps + 0, duration: frames / fps, place: s === at && place !== 'after' ? 'playhead' : place, lengthens: s + frames > end });
  if (end <= 0) return slot(0, want, 'playhead');
  const busy = (draft.tracks.find((t) => t.id === trackId)?.clips ?? [])
    .map((c) => [toFrames(c.start, fps), toFrames(c.start, fps) + clipFrames(c, fps)] as const)
    .sort((a, b) => a[0] - b[0]);
  const gaps = freeGaps(busy, end);
  const room = Math.max(least, Math.min(want, Math.round(MIN_ROOM_SEC * fps)));
  const roomy = (g: Gap) => g.to - g.from >= room;

  // The playhead at the draft's end counts as inside the gap that ends there.
  const here = gaps.find((g) => g.from <= at && (at < g.to || (at === end && g.to === end)));
  if (here && here.to - at >= room) return slot(at, Math.min(want, here.to - at), 'playhead');
  if (here && roomy(here)) return lastOf(here, 'gapEnd');

  const distance = (g: Gap) => (g.from >= at ? g.from - at : at - g.to);
  const nearest = gaps.filter(roomy).sort((a, b) => distance(a) - distance(b) || b.from - a.from)[0];
  if (nearest) return nearest.from >= at ? slot(nearest.from, Math.min(want, nearest.to - nearest.from), 'nearest') : lastOf(nearest, 'nearest');

  // No room within the draft. An empty track (a draft shorter than `minSec`): from 0, as long as the draft or `minSec`.
  if (busy.length === 0) {
    const frames = Math.max(least, Math.min(want, end));
    return slot(Math.max(0, end - frames), frames, 'gapEnd');
  }
  return slot(Math.max(...busy.map(([, e]) => e)), want, 'after');

  function lastOf(g: Gap, place: TitleSlot['place']): TitleSlot {
    const s = Math.max(g.from, g.to - want);
    return slot(s, g.to - s, place);
  }
}

type Gap = { from: number; to: number };

/** The free spans of a track within [0, end), in frames, from its clips' spans sorted by start. */
function freeGaps(busy: ReadonlyArray<readonly [number, number]>, end: number): Gap[] {
  const gaps: Gap[] = [];
  let s = 0;
  for (const [cs, ce] of busy) {
    if (cs > s) gaps.push({ from: s, to: Math.min(cs, end) });
    s = Math.max(s, ce);
    if (s >= end) return gaps.filter((g) => g.to > g.from);
  }
  if (s < end) gaps.push({ from: s, to: end });
  return gaps.filter((g) => g.to > g.from);
}
