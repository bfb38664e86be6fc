import { useEffect } from 'react';
import { redo, undo, useEditor } from '../../store/editorStore';
import { isTextTarget } from '../library/LibraryScreen';
import { t } from '../../i18n';
import { deleteSelection, splitAtPlayhead, trimSelectionTo } from './actions';
import { freezeFrameAtPlayhead } from './reverseFreezeActions';
import { focusNextRegion } from './regionFocus';
import { seekKey, toggleLastKey } from './animateActions';
import { adjacentBeatFrame, draftBeatTimes } from '../../../../electron/model/timeline-beats';
import { currentBeats } from './timeline/beatsStore';
import { focusClipBeside } from './timeline/clipKeyActions';
import { goToEnd, goToSelectedClip, goToStart, stepFrames, stepSeconds, togglePlay } from './preview/PreviewPane';
import { shuttleKey } from './preview/shuttleLogic';
import { useVoiceover } from './voiceover';

/**
 * Keys a focused control uses itself: arrows, Home and End move a slider (an inspector level), Space ticks a
 * checkbox; neither moves the playhead nor plays.
 */
function controlOwnsKey(e: KeyboardEvent): boolean {
  if (!(e.target instanceof HTMLInputElement)) return false;
  if (e.target.type === 'range') return /^(Arrow(Left|Right|Up|Down)|Home|End|PageUp|PageDown)$/.test(e.key);
  return e.target.type === 'checkbox' && e.key === ' ';
}

/** Editor shortcuts (see ShortcutSheet). Ignored while typing and while a dialog is open. */
export function useEditorKeys(active: boolean): void {
  useEffect(() => {
    if (!active) return;
    const onKey = (e: KeyboardEvent) => {
      // F6 leaves a text field too (it types nothing), as it does in the apps that have it.
      if (e.key === 'F6' && !e.defaultPrevented && !(e.ctrlKey || e.metaKey || e.altKey) && !document.querySelector('dialog[open]')) {
        e.preventDefault();
        focusNextRegion(e.shiftKey ? -1 : 1);
        return;
      }
      if (e.defaultPrevented || isTextTarget(e.target) || controlOwnsKey(e)) return;
      const s = useEditor.getState();
      if (e.key === '?') {
        e.preventDefault();
        s.setShortcutsOpen(true);
        return;
      }
      if (document.querySelector('dialog[open]')) return;
      const mod = e.ctrlKey || e.metaKey;
      const key = e.key.length === 1 ? e.key.toLowerCase() : e.key;
      let handled = true;
      if (mod && key === 'z') (e.shiftKey ? redo : undo)();
      else if (mod && key === 'y') redo();
      // Ctrl+arrows from the clip a click selected (a click selects a block without focusing it; walk #64).
      else if (mod && !e.shiftKey && !e.altKey && key.startsWith('Arrow') && s.selection.length > 0) focusClipBeside(s.selection.at(-1)!, key);
      else if (mod || e.altKey) handled = false;
      else if (key === ' ') togglePlay();
      else if (key === 'j' || key === 'k' || key === 'l') shuttle(key);
      else if (key === 'ArrowLeft') stepBy(e.shiftKey, -1);
      else if (key === 'ArrowRight') stepBy(e.shiftKey, 1);
      else if (key === 'Home') goToStart();
      else if (key === 'End') goToEnd();
      else if (key === 'g') goToSelectedClip();
      else if (key === 'i') trimSelectionTo('start');
      else if (key === 'o') trimSelectionTo('end');
      else if (key === 's') splitAtPlayhead();
      else if (key === 'f') void freezeFrameAtPlayhead();
      else if (key === 'd') toggleLastKey(t('animate.outside'));
      else if (key === '[') seekKey(-1);
      else if (key === ']') seekKey(1);
      else if (key === 'b') jumpToBeat(e.shiftKey ? -1 : 1);
      else if (key === 'Delete' || key === 'Backspace') deleteSelection();
      else if (key === '+' || key === '=') s.setZoom(s.pxPerSec * 1.4);
      else if (key === '-' || key === '_') s.setZoom(s.pxPerSec / 1.4);
      else if (key === 'Escape') s.select([]);
      else if (key === '\\') compareSelected(e.repeat);
      else handled = false;
      if (handled) e.preventDefault();
    };
    // \ is held: let go, the look is back (also when the window loses the keyboard mid-hold).
    const onKeyUp = (e: KeyboardEvent) => {
      if (e.key === '\\') useEditor.getState().setComparing(null);
    };
    const onBlur = () => useEditor.getState().setComparing(null);
    window.addEventListener('keydown', onKey);
    window.addEventListener('keyup', onKeyUp);
    window.addEventListener('blur', onBlur);
    return () => {
      window.removeEventListener('keydown', onKey);
      window.removeEventListener('keyup', onKeyUp);
      window.removeEventListener('blur', onBlur);
    };
  }, [active]);
}

/** B / Shift+B: the playhead to the next / previous beat of the draft's music (docs/timeline.md "Beats"). */
function jumpToBeat(dir: 1 | -1): void {
  const s = useEditor.getState();
  if (!s.doc) return;
  const at = adjacentBeatFrame(draftBeatTimes(s.doc, currentBeats()), s.playhead, s.doc.canvas.fps, dir);
  if (at !== null) {
    s.setPlaying(false);
    s.setPlayhead(at);
  }
}

/**
 * J/K/L (shuttleLogic.ts): L plays, and faster a step per press; K stops; J slows a fast play, else steps back 1 s
 * (media elements do not play backwards). While a voiceover records the timeline runs on the wall clock: L and J
 * leave its speed alone.
 */
function shuttle(key: 'j' | 'k' | 'l'): void {
  const s = useEditor.getState();
  const move = shuttleKey(key, { playing: s.playing, rate: s.shuttleRate });
  if (move.stepBack) stepSeconds(-1);
  else if (move.playing !== s.playing) s.setPlaying(move.playing);
  else if (move.rate !== s.shuttleRate && useVoiceover.getState().phase !== 'recording') s.setShuttleRate(move.rate);
}

function stepBy(seconds: boolean, dir: 1 | -1): void {
  if (seconds) stepSeconds(dir);
  else stepFrames(dir);
}

/** \ held: the selected clip without its look (the Look section's Compare), when it has one. */
function compareSelected(repeat: boolean): void {
  if (repeat) return;
  const s = useEditor.getState();
  const id = s.selection.length === 1 ? s.selection[0]! : null;
  const clip = id ? s.doc?.tracks.flatMap((t) => t.clips).find((c) => c.id === id) : undefined;
  if (clip?.type === 'media' && clip.look) s.setComparing(clip.id);
}
