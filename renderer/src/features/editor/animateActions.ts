import { create } from 'zustand';
import { findClip } from '../../../../electron/model/timeline';
import { adjacentKey, moveKeysAt, removeKeysAt, toggleKey } from '../../../../electron/model/keyframe-edit';
import type { KeyframeProp } from '../../../../electron/model/keyframe-track';
import { useStore } from '../../store';
import { useEditor } from '../../store/editorStore';
import { defaultKeyProp, localTime } from './animateLogic';

/**
 * Keyframe commands shared by the Inspector's Animate section, the keyframe lane and the keyboard (D, [ and ]).
 * Each edit is one call through `edit()`: one undo step, autosaved.
 */

/** The property whose diamond or value the creator touched last: what D adds or removes a key for. */
export const useAnimateFocus = create<{ lastProp: KeyframeProp | null; touch: (p: KeyframeProp) => void }>((set) => ({
  lastProp: null,
  touch: (lastProp) => set({ lastProp }),
}));

const ed = () => useEditor.getState();

/** The selected clip and what kind of asset it shows. */
export function selectedClip() {
  const s = ed();
  const id = s.selection[0];
  const found = id && s.doc ? findClip(s.doc, id) : null;
  if (!found || !s.doc) return null;
  const c = found.clip;
  const kind = c.type === 'media' ? s.assets[c.assetId]?.kind : undefined;
  return { clip: c, fps: s.doc.canvas.fps, has: { picture: c.type === 'text' || kind !== 'audio', sound: c.type === 'media' && kind !== 'image' } };
}

/** Adds a key for `prop` at the playhead, or removes the one there. Tells why when the playhead is outside the clip. */
export function toggleKeyAtPlayhead(prop: KeyframeProp, outsideMessage: string): void {
  const sel = selectedClip();
  if (!sel) return;
  const local = localTime(sel.clip, ed().playhead, sel.fps);
  if (local === null) {
    useStore.getState().showToast({ message: outsideMessage, tone: 'error' });
    return;
  }
  useAnimateFocus.getState().touch(prop);
  ed().edit((d) => toggleKey(d, sel.clip.id, prop, local));
}

/** The D key: the last touched property, or the clip's most useful one. */
export function toggleLastKey(outsideMessage: string): void {
  const sel = selectedClip();
  if (!sel) return;
  const prop = useAnimateFocus.getState().lastProp ?? defaultKeyProp(sel.clip, sel.has);
  if (prop) toggleKeyAtPlayhead(prop, outsideMessage);
}

/** Moves the playhead to the selected clip's previous/next key (of `props`, or any). */
export function seekKey(dir: -1 | 1, props?: readonly KeyframeProp[]): void {
  const sel = selectedClip();
  if (!sel) return;
  const at = ed().playhead - sel.clip.start;
  const t = adjacentKey(sel.clip, at, dir, sel.fps, props);
  if (t !== null) ed().setPlayhead(sel.clip.start + t);
}

export const moveDiamond = (clipId: string, from: number, to: number) => ed().edit((d) => moveKeysAt(d, clipId, from, to), { key: `kf-move:${clipId}`, sticky: true });
export const removeDiamond = (clipId: string, at: number) => ed().edit((d) => removeKeysAt(d, clipId, at));
