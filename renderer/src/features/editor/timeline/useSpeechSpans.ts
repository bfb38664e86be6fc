import { useEffect, useState } from 'react';
import type { Span } from '../../../../../electron/model/caption-timing';
import { call, errorText } from '../../../api/client';
import { useEditor } from '../../../store/editorStore';

export type SpeechState = { spans: readonly Span[]; status: 'loading' | 'ready' | 'none'; reason: string | null };

const EMPTY: SpeechState = { spans: [], status: 'none', reason: null };
const LOADING: SpeechState = { spans: [], status: 'loading', reason: null };

/**
 * Where someone speaks in the open draft's recording (captions.speech), for the caption rows. Asked again after
 * each save (the engine reads the saved draft, so a moved or trimmed voiceover clip shows its new place); the
 * engine decodes a recording once, so the repeat calls are cheap. Only drafts with captions ask at all.
 */
export function useSpeechSpans(): SpeechState {
  const draftId = useEditor((s) => s.draftId);
  const revision = useEditor((s) => s.revision);
  const hasCaptions = useEditor((s) => (s.doc?.captions?.length ?? 0) > 0);
  // Tagged with its draft: another draft's answer is never shown, and a draft not answered yet is loading.
  const [state, setState] = useState<SpeechState & { draftId: string | null }>({ ...EMPTY, draftId: null });
  useEffect(() => {
    if (!draftId || !hasCaptions) return;
    let live = true;
    call('captions.speech', { draftId }).then(
      (r) => live && setState({ spans: r.spans, status: 'ready', reason: null, draftId }),
      (e: unknown) => live && setState({ spans: [], status: 'none', reason: errorText(e), draftId }),
    );
    return () => {
      live = false;
    };
  }, [draftId, revision, hasCaptions]);
  if (!hasCaptions) return EMPTY;
  return state.draftId === draftId ? state : LOADING;
}
