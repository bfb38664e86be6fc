import type { Clip } from '../../../../../electron/model/draft';

/**
 * Whether two versions of a clip draw the same block. Edits rebuild the clips they pass through (a move on the
 * magnetic main track takes the clip out, packs the track, puts it back and packs again), so a clip that ends
 * where it was is a new object with the same fields. Compared field by field (nested values such as the
 * transform by identity: edits keep them when unchanged), a drag re-renders only the clips that really moved.
 * `ignore`: a field left out of the comparison (a ripple's shifted clips differ only in `start`).
 */
export function sameClip(a: Clip, b: Clip, ignore?: keyof Clip): boolean {
  if (a === b) return true;
  const ka = Object.keys(a) as (keyof Clip)[];
  if (ka.length !== Object.keys(b).length) return false;
  return ka.every((k) => k === ignore || Object.is(a[k], b[k]));
}
