import { useEffect } from 'react';
import { useEditor, type TextEntry } from '../../store/editorStore';

/**
 * Takes the keyboard for a title waiting for its words (the store's `textEntry`) when it is for this place (and,
 * given `clipId`, this title): calls `take` with the title's id once, then clears the request.
 */
export function useTextEntry(where: TextEntry['where'], clipId: string | null, take: (clipId: string) => void): void {
  const entry = useEditor((s) => (s.textEntry?.where === where && (clipId === null || s.textEntry.clipId === clipId) ? s.textEntry : null));
  useEffect(() => {
    if (!entry) return;
    useEditor.getState().takeTextEntry(entry.seq);
    take(entry.clipId);
    // `take` is the caller's closure of the moment; only a new request runs it.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [entry]);
}
