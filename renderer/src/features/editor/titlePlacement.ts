import { formatTimecode, insertClip, TEXT_DEFAULT_SEC, TEXT_MIN_SEC } from '../../../../electron/model/timeline';
import { titleSlot, type TitleSlot } from '../../../../electron/model/title-slot';
import type { TextClip, VideoDraft } from '../../../../electron/model/draft';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { useEditor } from '../../store/editorStore';

const ed = () => useEditor.getState();

/**
 * Adds a title to the Text track in one step (Add text, a kit's text style): `make` builds it for its slot
 * (model/title-slot.ts: at the playhead when there is room, else the nearest room) in the draft with that track
 * shown. It is selected, and showPlacedTitle says where it went. Its id, or null when it was not added.
 */
export function insertTitle(make: (d: VideoDraft, slot: TitleSlot) => TextClip): string | null {
  const doc = ed().doc;
  const track = doc?.tracks.find((tr) => tr.kind === 'text');
  if (!doc || !track) return null;
  const slot = titleSlot(ed().playhead, doc, track.id, TEXT_DEFAULT_SEC, { minSec: TEXT_MIN_SEC });
  const r = ed().edit((d) => {
    const shown = withTrackShown(d, track.id);
    return insertClip(shown, track.id, make(shown, slot), slot.start, ed().sourceInfo);
  });
  if (!r?.ok || !r.clipId) return null;
  ed().select([r.clipId]);
  showPlacedTitle(slot, track.hidden);
  return r.clipId;
}

/** The draft with track `trackId` shown: a title added to a hidden Text track is meant to be seen (and typed in place). */
function withTrackShown(d: VideoDraft, trackId: string): VideoDraft {
  return d.tracks.some((tr) => tr.id === trackId && tr.hidden) ? { ...d, tracks: d.tracks.map((tr) => (tr.id === trackId ? { ...tr, hidden: false } : tr)) } : d;
}

/**
 * Once a title is in: when it could not start at the playhead, the playhead goes to it (so the preview shows it
 * and its words are typed in place) and a toast says where it went and why; when it made the video longer, that
 * too; and when its track was hidden (shown again by the same step: withTrackShown), that.
 */
function showPlacedTitle(slot: TitleSlot, trackWasHidden: boolean): void {
  const said: string[] = [];
  if (trackWasHidden) said.push(t('editor.textTrackShown'));
  if (slot.place !== 'playhead') {
    ed().setPlayhead(slot.start);
    const time = formatTimecode(slot.start, ed().doc?.canvas.fps ?? 30);
    said.push(t(slot.place === 'after' ? 'editor.titleAfterEnd' : slot.place === 'nearest' ? 'editor.titleMoved' : 'editor.titleFitted', { time }));
  }
  if (said.length > 0) useStore.getState().showToast({ message: said.join(' ') });
}
