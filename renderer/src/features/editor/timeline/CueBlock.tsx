import { memo, type PointerEvent as ReactPointerEvent } from 'react';
import { cueSnapCandidates, moveCue, shiftAll, type Span, trimCueEnd, trimCueStart } from '../../../../../electron/model/caption-timing';
import type { CaptionCue } from '../../../../../electron/model/caption-track';
import { snap, snapSpan, snapToFrame, timeToX, xToTime } from '../../../../../electron/model/timeline';
import { t } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { cx } from '../../../ui/Button';
import { GESTURE_HOST, startGesture } from '../../../ui/gesture';
import { SNAP_PX } from './ClipBlock';

let gestureSeq = 0;

/** The DOM id of a cue's block: the caption lane names the focused one with aria-activedescendant. */
export const cueDomId = (trackId: string, cueId: string) => `cue-${trackId}-${cueId}`;

type Props = { cue: CaptionCue; trackId: string; speech: readonly Span[]; compact: boolean };

/**
 * One caption on its timeline row: click to choose it (cueFocus) and seek to it; drag to move, drag an edge to
 * trim, Shift+drag to move every caption of the track; snaps to the playhead, clip edges, other captions and
 * speech edges (Alt: not), with the guide line. A drag is one undo step (sticky history key), as for clips.
 */
export const CueBlock = memo(function CueBlock({ cue, trackId, speech, compact }: Props) {
  const pps = useEditor((s) => s.pxPerSec);
  const fps = useEditor((s) => s.doc!.canvas.fps);
  const focused = useEditor((s) => s.cueFocus?.trackId === trackId && s.cueFocus.cueId === cue.id);
  const left = timeToX(cue.startSec, pps);
  const width = Math.max(3, timeToX(cue.endSec - cue.startSec, pps));

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>, mode: 'move' | 'start' | 'end') => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    const s = useEditor.getState();
    const startDoc = s.doc;
    const draftId = s.draftId;
    if (!startDoc) return;
    // The row takes the keyboard (arrows nudge the chosen caption); preventDefault above kept it from focusing.
    e.currentTarget.closest<HTMLElement>('[data-caption-lane]')?.focus({ preventScroll: true });
    s.focusCue({ trackId, cueId: cue.id });
    // Clip keys (Delete, I, O) must not act on a clip the creator has left for a caption.
    s.select([]);
    s.setPlaying(false);
    const all = mode === 'move' && e.shiftKey;
    const key = `cue-${all ? 'shift' : mode}:${cue.id}:${++gestureSeq}`;
    const candidates = cueSnapCandidates(startDoc, { trackId, excludeCueId: cue.id, playhead: s.playhead, speech, ownCues: !all });
    const duration = cue.endSec - cue.startSec;
    // How far the whole track may move earlier: its first caption reaches 0.
    const firstStart = Math.min(...(startDoc.captions?.find((tr) => tr.id === trackId)?.cues.map((c) => c.startSec) ?? [0]));

    startGesture(e.nativeEvent, {
      slop: mode === 'move' ? 3 : 0,
      captureOn: e.currentTarget.closest(`[${GESTURE_HOST}]`),
      onMove: (dx, _dy, ev) => {
        const st = useEditor.getState();
        if (!st.doc || st.draftId !== draftId) return;
        const threshold = st.snapping && !ev.altKey ? xToTime(SNAP_PX, st.pxPerSec) : 0;
        const offset = xToTime(Math.abs(dx), st.pxPerSec) * Math.sign(dx);
        // Unsnapped times land on the frame grid, as clips do.
        const at = (r: { time: number; target: number | null }) => (r.target === null ? snapToFrame(r.time, fps) : r.time);
        // Each step from the document as the drag began; the sticky key keeps one undo step for the gesture.
        if (mode === 'move') {
          const r = snapSpan(Math.max(0, cue.startSec + offset), duration, candidates, threshold);
          st.setSnapLine(r.target);
          const delta = at(r) - cue.startSec;
          st.edit(() => (all ? shiftAll(startDoc, trackId, Math.max(delta, -firstStart)) : moveCue(startDoc, trackId, cue.id, delta)), { key, quiet: true, sticky: true });
        } else {
          const r = snap(Math.max(0, (mode === 'start' ? cue.startSec : cue.endSec) + offset), candidates, threshold);
          st.setSnapLine(r.target);
          st.edit(() => (mode === 'start' ? trimCueStart : trimCueEnd)(startDoc, trackId, cue.id, at(r)), { key, quiet: true, sticky: true });
        }
      },
      onEnd: (_reason, moved) => {
        const st = useEditor.getState();
        st.setSnapLine(null);
        // A click (no drag) seeks to the caption, so the preview shows it.
        if (!moved && mode === 'move') st.setPlayhead(cue.startSec);
      },
    });
  };

  const text = cue.text.replace(/\n/g, ' ');
  return (
    <div
      id={cueDomId(trackId, cue.id)}
      className={cx('cue-block', focused && 'cue-block--focused', compact && 'cue-block--compact')}
      style={{ left, width }}
      onPointerDown={(e) => onPointerDown(e, 'move')}
      data-testid="cue"
      data-cue-id={cue.id}
      data-start={cue.startSec.toFixed(3)}
      data-end={cue.endSec.toFixed(3)}
      role="option"
      aria-selected={focused}
      aria-label={t('captionRow.cue', { start: cue.startSec.toFixed(2), text })}
      title={text}
    >
      {!compact && <span className="cue-block__text">{text}</span>}
      <div className="cue-block__edge cue-block__edge--start" onPointerDown={(e) => onPointerDown(e, 'start')} data-testid="cue-trim-start" aria-hidden="true" />
      <div className="cue-block__edge cue-block__edge--end" onPointerDown={(e) => onPointerDown(e, 'end')} data-testid="cue-trim-end" aria-hidden="true" />
    </div>
  );
});
