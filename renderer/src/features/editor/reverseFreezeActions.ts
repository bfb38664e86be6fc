import { clipEnd, type MediaClip } from '../../../../electron/model/draft';
import { freezeFrame, frameSourceTime } from '../../../../electron/model/freeze-frame';
import { setReversed } from '../../../../electron/model/reverse';
import { findClip, mainTrack } from '../../../../electron/model/timeline';
import { call, errorText } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { idFor, useEditor } from '../../store/editorStore';
import { create } from 'zustand';

/**
 * Reverse and freeze frame (docs/reverse-freeze.md): each edit is one pure model function through `edit()`, so it
 * is one undo step; the media work (the reversed copy, the still) is a host call that changes no draft.
 */
const ed = () => useEditor.getState();
const toastError = (message: string) => useStore.getState().showToast({ message, tone: 'error' });

/**
 * The reversed copy's job per asset, for the Inspector's progress line: kept by asset, not in the Inspector, so
 * selecting another clip and coming back still shows the job, and another clip never shows this one's.
 */
export const useReverseJobs = create<{ byAsset: Record<string, string> }>(() => ({ byAsset: {} }));

/**
 * Turns Reverse on or off for a clip. On: the reversed copy is asked for (a job, unless it exists); returns that
 * job's id (null: none needed, or the edit was refused).
 */
export async function toggleReverse(clipId: string, on: boolean): Promise<string | null> {
  const result = ed().edit((d) => setReversed(d, clipId, on, (id) => ed().assets[id]?.kind ?? null));
  if (!result?.ok || !on) return null;
  const doc = ed().doc;
  const found = doc ? findClip(doc, clipId) : null;
  if (found?.clip.type !== 'media') return null;
  try {
    const { assetId } = found.clip;
    const { jobId } = await call('reverse.start', { assetId });
    // No job: the copy is already there, so an old job's outcome (a failure, a cancel) no longer applies.
    useReverseJobs.setState((s) => {
      const { [assetId]: _old, ...rest } = s.byAsset;
      return { byAsset: jobId ? { ...rest, [assetId]: jobId } : rest };
    });
    return jobId;
  } catch (e) {
    toastError(errorText(e));
    return null;
  }
}

/** The video clip to freeze: the selected one when the playhead is over it, else the main-track clip there. */
function freezeTarget(): MediaClip | null {
  const { doc, playhead, selection, assets } = ed();
  if (!doc) return null;
  const isVideoAt = (c: { type: string; start: number } & object): c is MediaClip =>
    c.type === 'media' && assets[(c as MediaClip).assetId]?.kind === 'video' && c.start <= playhead && playhead < clipEnd(c as MediaClip);
  const sel = selection[0] ? findClip(doc, selection[0])?.clip : undefined;
  if (sel && isVideoAt(sel)) return sel;
  return mainTrack(doc)?.clips.find(isVideoAt) ?? null;
}

/** F: the frame at the playhead held for 3 s (the still is imported first, then placed in one edit). */
export async function freezeFrameAtPlayhead(): Promise<void> {
  const clip = freezeTarget();
  if (!clip) {
    toastError(t('editor.freezeNoClip'));
    return;
  }
  const at = ed().playhead;
  const asset = ed().assets[clip.assetId];
  const moment = frameSourceTime(clip, at, asset?.facts.fps ?? null);
  useStore.getState().showToast({ message: t('editor.freezeFraming'), tone: 'info' });
  try {
    const still = await call('freezeFrame.make', { assetId: clip.assetId, seek: moment.seek, at: moment.at });
    ed().addAsset(await call('assets.get', { id: still.assetId }));
    const result = ed().edit((d) => freezeFrame(d, clip.id, at, still.assetId, ed().sourceInfo, idFor));
    if (result?.ok && result.clipId) ed().select([result.clipId]);
    else if (result && !result.ok) toastError(result.message);
  } catch (e) {
    toastError(errorText(e));
  }
}
