import type { VideoDraft } from '../../../../electron/model/draft';
import { activeLayersAt, clampPlayhead } from '../../../../electron/model/timeline';

/**
 * Where a title just added (Add text) takes its words, so that typing goes into it at once (as in CapCut or Canva)
 * and never runs the editor's shortcuts: in place on the preview when the preview shows it at the playhead, else
 * (its track hidden, the playhead elsewhere) in the Inspector's Words box.
 */
export function textEntryPlace(doc: VideoDraft, clipId: string, playhead: number): 'preview' | 'inspector' {
  const shown = activeLayersAt(doc, clampPlayhead(playhead, doc)).some((l) => l.clip.id === clipId && l.clip.type === 'text');
  return shown ? 'preview' : 'inspector';
}
