import type { Clip } from '../../../../../electron/model/draft';
import { sameClip } from './clipBlockLogic';

/**
 * During a trim gesture on a track, the clips after the trimmed one that the ripple only shifted: `from` is the
 * first of them (an index into both the gesture's first clips and the live ones), `shiftSec` how far they all
 * moved. The lane draws them from the gesture's first clips (the same objects on every move, so React skips
 * them) inside one box translated by the shift: a ripple move is one style write instead of a re-render and a
 * new transform per block (docs/performance.md).
 */
export type RippleGroup = { readonly from: number; readonly shiftSec: number };

/** Shifts of the same ripple differ only by float noise (times are frames, `n / fps`). */
const SHIFT_EPS_SEC = 1e-9;

/**
 * The ripple group of `live` (the track now) against `base` (the track when the gesture began on clip
 * `anchorId`): the longest run of clips at the track's end, after the anchor, each equal to its base clip but for
 * a start moved by one common shift. A clip the edit changed otherwise (a transition the trim shrank) ends the
 * run, and the clips before it are drawn as usual. Null when there is no such clip, or when the track no longer
 * holds the same clips in the same order (an undo, a load).
 */
export function rippleGroup(base: readonly Clip[], live: readonly Clip[], anchorId: string): RippleGroup | null {
  if (base.length !== live.length) return null;
  const anchor = base.findIndex((c) => c.id === anchorId);
  if (anchor < 0 || live[anchor]?.id !== anchorId) return null;
  const last = base.length - 1;
  if (last <= anchor) return null;
  const shiftSec = live[last]!.start - base[last]!.start;
  let from = base.length;
  for (let i = last; i > anchor; i--) {
    const b = base[i]!;
    const l = live[i]!;
    if (b.id !== l.id || Math.abs(l.start - b.start - shiftSec) > SHIFT_EPS_SEC || !sameClip(l, b, 'start')) break;
    from = i;
  }
  if (from === base.length) return null;
  // A clip before the run that is not the same one (a delete, an insert) means this is no longer the gesture's track.
  for (let i = 0; i < from; i++) if (base[i]!.id !== live[i]!.id) return null;
  return { from, shiftSec };
}
