import { create } from 'zustand';
import { useEditor } from '../../../store/editorStore';
import { clipTabStop, headButtons, headTabStop } from './timelineRovingLogic';

/**
 * The clips' roving Tab stop remembers the clip last focused (timelineRovingLogic.ts). Not document state, so not
 * in the editor's history.
 */
export const useRovingFocus = create<{ clip: string | null }>(() => ({ clip: null }));

/** The id of the clip that is in the Tab order. */
export function useClipTabStop(): string | null {
  const last = useRovingFocus((s) => s.clip);
  return useEditor((s) => (s.doc ? clipTabStop(s.doc.tracks, s.selection, last) : null));
}

/** The key of the track button that is in the Tab order. */
export function useHeadTabStop(): string | null {
  return useEditor((s) => (s.doc ? headTabStop(headButtons(s.doc.tracks)) : null));
}
