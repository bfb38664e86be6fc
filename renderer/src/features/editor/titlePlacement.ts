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

/** The draft with track `trackId` shown: a title added to a hidden Text track is meant to be seen (and typed in place). */
export function withTrackShown(d: VideoDraft, trackId: string): VideoDraft {
  return d.tracks.some((tr) => tr.id === trackId && tr.hidden) ? { ...d, tracks: d.tracks.map((tr) => (tr.id === trackId ? { ...tr, hidden: false } : tr)) } : d;
}

/**
 * Once a title is in: when it could not start at the playhead, the playhead goes to it (so the preview shows it
 * and its words are typed in place) and a toast says where it went and why; when it made the video longer, that
 * too; and when its track was hidden (shown again by the same step: withTrackShown), that.
 */
export function showPlacedTitle(slot: TitleSlot, trackWasHidden: boolean): void {
  const said: string[] = [];
  if (trackWasHidden) said.push(t('editor.textTrackShown'));
  if (slot.place !== 'playhead') {
    ed().setPlayhead(slot.start);
    const time = formatTimecode(slot.start, ed().doc?.canvas.fps ?? 30);
    said.push(t(slot.place === 'after' ? 'editor.titleAfterEnd' : slot.place === 'nearest' ? 'editor.titleMoved' : 'editor.titleFitted', { time }));
  }
  if (said.length > 0) useStore.getState().showToast({ message: said.join(' ') });
}
