import type { Clip, VideoDraft } from './draft';
import { keyIndexAt, setKey, trackOf } from './keyframe-edit';
import type { KeyframeProp } from './keyframe-track';
import { clipStateAt, staticState } from './keyframes';
import { findClip, updateClip, type ClipPatch, type EditResult } from './timeline';

/**
 * The Inspector's X / Y / Scale / Rotation / Opacity / Volume fields (docs/timeline.md "Animate"): a property
 * with keys follows them, so the field shows the value at the playhead and a change writes a key there (as in
 * CapCut and After Effects); without keys it shows and changes the clip's still value. Pure, so the rule is
 * tested without React.
 */

export type Field = 'x' | 'y' | 'scale' | 'rotation' | 'opacity' | 'volume';

/** The keyframe property a field belongs to: X and Y are the two halves of Position. */
export const fieldProp = (f: Field): KeyframeProp => (f === 'x' || f === 'y' ? 'position' : f);

export const isKeyed = (clip: Clip, f: Field): boolean => !!trackOf(clip, fieldProp(f));

/** What the field shows at clip-local `local`: the animated value when keyed, else the still value. */
export function fieldValue(clip: Clip, f: Field, local: number): number {
  return (isKeyed(clip, f) ? clipStateAt(clip, clip.start + local) : staticState(clip))[f];
}

/** Whether the playhead (clip-local `local`, null outside the clip) is on a key of the field's property. */
export function fieldOnKey(clip: Clip, f: Field, local: number | null, fps: number): boolean {
  return local !== null && keyIndexAt(trackOf(clip, fieldProp(f)), local, fps) >= 0;
}

/** The still-value patch of a field; text has no still scale, opacity or volume (only keys give it those). */
function stillPatch(clip: Clip, f: Field, v: number): ClipPatch | null {
  if (clip.type === 'text') return f === 'x' || f === 'y' || f === 'rotation' ? { [f]: v } : null;
  return f === 'volume' ? { volume: v } : { transform: { [f]: v } };
}

/**
 * Sets field `f` of clip `clipId` to `v`. Keyed: a key at clip-local `local` (added, or the one on that frame
 * changed; X or Y keeps the other half where the animation has it), refused when the playhead is outside the
 * clip (`local` null) since no key can go there. Not keyed: the still value.
 */
export function setFieldAt(draft: VideoDraft, clipId: string, f: Field, v: number, local: number | null): EditResult {
  const found = findClip(draft, clipId);
  if (!found) return { ok: false, reason: 'not_found', message: 'That clip is no longer in this draft. Select a clip and try again.' };
  const clip = found.clip;
  if (isKeyed(clip, f)) {
    if (local === null) return { ok: false, reason: 'invalid_value', message: 'This value is animated: move the playhead onto the clip to change it there.' };
    const prop = fieldProp(f);
    if (prop !== 'position') return setKey(draft, clipId, prop, local, v);
    const now = clipStateAt(clip, clip.start + local);
    return setKey(draft, clipId, prop, local, f === 'x' ? { x: v, y: now.y } : { x: now.x, y: v });
  }
  const patch = stillPatch(clip, f, v);
  if (!patch) return { ok: false, reason: 'invalid_value', message: 'Text has no still size or opacity: add a keyframe in Animate to change it.' };
  return updateClip(draft, clipId, patch);
}
