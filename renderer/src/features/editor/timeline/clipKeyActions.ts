import type { KeyboardEvent as ReactKeyboardEvent } from 'react';
import type { TrackKind } from '../../../../../electron/model/draft';
import { findClip, moveClip } from '../../../../../electron/model/timeline';
import { t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { useStore } from '../../../store';
import { deleteSelection } from '../actions';
import { useRovingFocus } from './rovingFocusStore';
import { clipNeighbour } from './timelineRovingLogic';
import { adjacentTrackFor, clipNudgeSeconds, clipTrackStep, focusAfterDelete, mainTrackSwapAt, nudgedStart, pickToggle, stillPicking } from './clipKeysLogic';

/**
 * What the keys do on a focused clip block (walk findings #22, #24, #29, #30); the decisions are in
 * clipKeysLogic.ts, this file applies them to the editor and keeps the focus on a block that React re-created.
 */

/** The ids Shift+Space last set as the selection; stale once anything else selects (see `stillPicking`). */
let picks: string[] | null = null;

/** A clip's block once React has drawn the edit (a block moved between lanes is a new element). */
function focusClipSoon(clipId: string): void {
  requestAnimationFrame(() => {
    const node = document.querySelector<HTMLElement>(`[data-testid="clip"][data-clip-id="${CSS.escape(clipId)}"]`);
    if (node && document.activeElement !== node) node.focus({ preventScroll: false });
  });
}

/**
 * Focuses (and so selects) the clip an arrow key leads to from `clipId` (timelineRovingLogic.ts `clipNeighbour`):
 * from a focused clip, and from the editor's keys for the clip a click selected (a click does not focus a block).
 */
export function focusClipBeside(clipId: string, key: string): void {
  const doc = useEditor.getState().doc;
  const to = doc ? clipNeighbour(doc.tracks, clipId, key) : null;
  if (to === null) return;
  useRovingFocus.setState({ clip: to });
  focusClipSoon(to);
}

/** After a delete that took the track's last clip: its head's last button, the stop just before its clips. */
function focusTrackHeadSoon(trackId: string): void {
  requestAnimationFrame(() => {
    const lane = document.querySelector<HTMLElement>(`[data-track-id="${CSS.escape(trackId)}"]`);
    const buttons = lane?.parentElement?.querySelectorAll<HTMLElement>('.track__head button');
    buttons?.[buttons.length - 1]?.focus();
  });
}

/** Handles a key on the block of `clipId` on `trackId`; leaves every other key to the editor's shortcuts. */
export function onClipKey(e: ReactKeyboardEvent<HTMLElement>, clipId: string, trackId: string, trackKind: TrackKind): void {
  const s = useEditor.getState();
  const doc = s.doc;
  const found = doc ? findClip(doc, clipId) : null;
  if (!doc || !found) return;
  const plain = !e.altKey && !e.ctrlKey && !e.metaKey;

  if (plain && e.shiftKey && e.key === ' ') {
    e.preventDefault();
    picks = pickToggle(s.selection, clipId, stillPicking(picks, s.selection));
    s.select(picks);
    return;
  }

  if (plain && !e.shiftKey && (e.key === 'Delete' || e.key === 'Backspace')) {
    e.preventDefault();
    const gone = s.selection;
    const next = gone.includes(clipId) ? focusAfterDelete(found.track.clips, gone, clipId) : clipId;
    deleteSelection();
    if (useEditor.getState().doc === doc) return;
    if (next) focusClipSoon(next);
    else focusTrackHeadSoon(trackId);
    return;
  }

  // Ctrl+arrows (Cmd on a Mac) move the focus between clips (the clips are one Tab stop, walk #64). Plain ←/→ keep
  // stepping the playhead a frame on a focused clip, as they do everywhere in the editor.
  if ((e.ctrlKey || e.metaKey) && !e.altKey && !e.shiftKey && e.key.startsWith('Arrow')) {
    e.preventDefault();
    focusClipBeside(clipId, e.key);
    return;
  }

  const dir = clipTrackStep(e);
  if (dir !== null) {
    e.preventDefault();
    s.setPlaying(false);
    const to = adjacentTrackFor(doc.tracks, found.clip, trackId, dir, s.sourceInfo);
    if (to === null) {
      const name = e.currentTarget.getAttribute('aria-label') ?? '';
      useStore.getState().showToast({ message: t(dir < 0 ? 'timeline.noTrackAbove' : 'timeline.noTrackBelow', { name }), tone: 'info' });
      return;
    }
    // The same edit as a pointer drag onto that lane, at the clip's own time (the target's rules may shift it).
    const r = s.edit((d) => moveClip(d, clipId, to, found.clip.start, s.sourceInfo));
    if (r?.ok) focusClipSoon(clipId);
    return;
  }

  const by = clipNudgeSeconds(e, doc.canvas.fps);
  if (by === null) return;
  e.preventDefault();
  s.setPlaying(false);
  // The magnetic main track packs a nudged clip back, so there it swaps places with its neighbour instead (#24).
  const at = trackKind === 'main' ? mainTrackSwapAt(found.track.clips, clipId, by < 0 ? -1 : 1) : nudgedStart(found.clip.start, by, doc.canvas.fps);
  if (at === null) return;
  s.edit((d) => moveClip(d, clipId, trackId, at, s.sourceInfo), { key: `nudge:${clipId}` });
  // A swap makes React move this block's element, which takes the focus from it: give it back.
  focusClipSoon(clipId);
}

/** Focus selects the clip it lands on, except while a Shift+Space pick is the selection (#30). */
export function onClipFocus(clipId: string): void {
  useRovingFocus.setState({ clip: clipId });
  const s = useEditor.getState();
  if (stillPicking(picks, s.selection) || s.selection.includes(clipId)) return;
  s.select([clipId]);
}
