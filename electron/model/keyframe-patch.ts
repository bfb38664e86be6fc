import type { Clip, VideoDraft } from './draft';
import { setKey } from './keyframe-edit';
import { clipStateAt, staticState } from './keyframes';
import { updateClip, type ClipPatch, type EditResult } from './timeline';

/**
 * Direct manipulation of an animated clip (docs/timeline.md "Animate"): the preview's handles sit where the
 * picture is at the playhead, and a move, resize or turn of a property that has keys writes a key at the playhead
 * instead of the still value (which the keys override, so changing it would do nothing visible).
 */

/** The clip as it stands at clip-local `local`: its animated position, size, turn and opacity as still values. */
export function clipAt(clip: Clip, local: number): Clip {
  if (!clip.keyframes) return clip;
  const s = clipStateAt(clip, clip.start + local);
  if (clip.type === 'text') return { ...clip, x: s.x, y: s.y, rotation: s.rotation };
  return { ...clip, transform: { ...clip.transform, x: s.x, y: s.y, scale: s.scale, rotation: s.rotation, opacity: s.opacity } };
}

/** The scale a text clip's keys give it at `local` (text has no still scale: 1). */
export function textScaleAt(clip: Clip, local: number): number {
  return clip.type === 'text' && clip.keyframes?.scale ? clipStateAt(clip, clip.start + local).scale : 1;
}

/**
 * Applies a preview change `patch`, computed against `base` as shown at clip-local `local` (clipAt: a move or
 * resize is the still value plus what the pointer moved; a turn is the angle wanted on screen), to clip `clipId`.
 * Keyed position and size get a key at `local` moved or scaled by the same amount from where `base` stood there;
 * keyed rotation gets the wanted angle; everything else is patched as usual. `base` is the clip as the gesture
 * began, so every step of a drag is measured from the same start and the keys written on the way do not add up.
 */
export function patchAt(draft: VideoDraft, clipId: string, base: Clip, patch: ClipPatch, local: number): EditResult {
  const keys = base.keyframes;
  if (!keys) return updateClip(draft, clipId, patch);
  const still = staticState(base);
  const now = clipStateAt(base, base.start + local);
  const rest: ClipPatch = { ...patch };
  const isText = base.type === 'text';
  const tr = isText ? undefined : { ...patch.transform };
  const px = isText ? patch.x : tr?.x;
  const py = isText ? patch.y : tr?.y;
  const rot = isText ? patch.rotation : tr?.rotation;
  const scale = tr?.scale;
  const set: [prop: 'position' | 'scale' | 'rotation', value: number | { x: number; y: number }][] = [];

  if (keys.position && (px !== undefined || py !== undefined)) {
    set.push(['position', { x: now.x + (px ?? still.x) - still.x, y: now.y + (py ?? still.y) - still.y }]);
    if (isText) {
      delete rest.x;
      delete rest.y;
    } else {
      delete tr!.x;
      delete tr!.y;
    }
  }
  if (keys.scale && scale !== undefined && still.scale > 0) {
    set.push(['scale', now.scale * (scale / still.scale)]);
    delete tr!.scale;
  }
  if (keys.rotation && rot !== undefined) {
    set.push(['rotation', rot]);
    if (isText) delete rest.rotation;
    else delete tr!.rotation;
  }
  if (tr) {
    if (Object.keys(tr).length > 0) rest.transform = tr;
    else delete rest.transform;
  }

  let result = Object.keys(rest).length > 0 ? updateClip(draft, clipId, rest) : ({ ok: true, draft, clipId } as EditResult);
  for (const [prop, value] of set) {
    if (!result.ok) return result;
    result = setKey(result.draft, clipId, prop, local, value);
  }
  return result.ok ? { ...result, clipId } : result;
}
