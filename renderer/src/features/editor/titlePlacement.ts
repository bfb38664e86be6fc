import { formatTimecode, TEXT_DEFAULT_SEC, TEXT_MIN_SEC } from '../../../../electron/model/timeline';
import { titleSlot, type TitleSlot } from '../../../../electron/model/title-slot';
import type { VideoDraft } from '../../../../electron/model/draft';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { useEditor } from '../../store/editorStore';

const ed = () => useEditor.getState();

/** Where a title added now goes on the text track `trackId` (model/title-slot.ts): at the playhead when there is room. */
export function titleSlotAtPlayhead(doc: VideoDraft, trackId: string): TitleSlot {
  return titleSlot(ed().playhead, doc, trackId, TEXT_DEFAULT_SEC, { minSec: TEXT_MIN_SEC });
}

/**
 * Once a title is in: when it could not start at the playhead, the playhead goes to it (so the preview shows it
 * and its words are typed in place) and a toast says where it went and why; when it made the video longer, that too.
 */
export function showPlacedTitle(slot: TitleSlot): void {
  if (slot.atPlayhead) return;
  ed().setPlayhead(slot.start);
  const time = formatTimecode(slot.start, ed().doc?.canvas.fps ?? 30);
  useStore.getState().showToast({ message: t(slot.lengthens ? 'editor.titleAfterEnd' : 'editor.titleMoved', { time }) });
}
