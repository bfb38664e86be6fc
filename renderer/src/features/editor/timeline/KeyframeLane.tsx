import type { KeyboardEvent, PointerEvent as ReactPointerEvent } from 'react';
import type { VideoDraft } from '../../../../../electron/model/draft';
import { moveKeysAt, removeKeysAt } from '../../../../../electron/model/keyframe-edit';
import { findClip, xToTime } from '../../../../../electron/model/timeline';
import { t, type MessageKey } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { GESTURE_HOST, startGesture } from '../../../ui/gesture';
import { formatTimecode } from '../../../../../electron/model/timeline';
import { laneDiamonds } from '../animateLogic';

let dragSeq = 0;

/**
 * The selected clip's keys, as diamonds under its track (one per frame with keys; docs/timeline.md "Animate").
 * Click or Enter seeks the playhead to the key; drag (or ←/→ on a focused diamond, Shift: a second) moves every
 * key on that frame, one undo step per gesture; Delete removes them.
 */
export function KeyframeLane({ trackId, headerWidth }: { trackId: string; headerWidth: number }) {
  const clip = useEditor((s) => {
    const id = s.selection[0];
    const found = id && s.doc ? findClip(s.doc, id) : null;
    return found && found.track.id === trackId && found.clip.keyframes ? found.clip : null;
  });
  const pps = useEditor((s) => s.pxPerSec);
  const playhead = useEditor((s) => s.playhead);
  const fps = useEditor((s) => s.doc?.canvas.fps ?? 30);
  if (!clip) return null;
  const diamonds = laneDiamonds(clip, fps, pps, playhead);
  const startDrag = (e: ReactPointerEvent<HTMLButtonElement>, from: number) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const st = useEditor.getState();
    const startDoc: VideoDraft | null = st.doc;
    if (!startDoc) return;
    const key = `kf-lane:${clip.id}:${++dragSeq}`;
    const target = e.currentTarget;
    target.focus();
    startGesture(e.nativeEvent, {
      slop: 3,
      captureOn: target.closest(`[${GESTURE_HOST}]`),
      onMove: (dx) => {
        const to = from + xToTime(Math.abs(dx), useEditor.getState().pxPerSec) * Math.sign(dx);
        // From the document as the drag began: the sticky key makes the whole drag one undo step.
        useEditor.getState().edit(() => moveKeysAt(startDoc, clip.id, from, to), { key, quiet: true, sticky: true });
      },
      onEnd: (_reason, moved) => {
        if (!moved) useEditor.getState().setPlayhead(clip.start + from);
      },
    });
  };
  const onKey = (e: KeyboardEvent<HTMLButtonElement>, at: number) => {
    const st = useEditor.getState();
    const step = e.shiftKey ? 1 : 1 / fps;
    if (e.key === 'Delete' || e.key === 'Backspace') st.edit((d) => removeKeysAt(d, clip.id, at));
    else if (e.key === 'Enter' || e.key === ' ') st.setPlayhead(clip.start + at);
    else if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') st.edit((d) => moveKeysAt(d, clip.id, at, at + (e.key === 'ArrowLeft' ? -step : step)), { key: `kf-nudge:${clip.id}` });
    else return;
    // The editor's own Delete/arrows (delete the clip, move the playhead) must not act as well.
    e.preventDefault();
    e.stopPropagation();
  };
  return (
    <div className="track track--keys" data-testid="keyframe-lane">
      <div className="track__head" style={{ width: headerWidth }}>
        <span className="track__name">{t('animate.lane')}</span>
      </div>
      <div className="track__lane kf-lane" role="group" aria-label={t('animate.laneLabel')}>
        {diamonds.map((d) => {
          const names = d.props.map((p) => t(`animate.prop.${p}` as MessageKey)).join(', ');
          const label = t('animate.diamond', { time: formatTimecode(clip.start + d.t, fps), names });
          return (
            <button
              key={d.t}
              type="button"
              className={`kf-lane__key${d.current ? ' kf-lane__key--current' : ''}`}
              // A key on the clip's first frame at 0 s would sit half under the sticky track heads.
              style={{ left: Math.max(d.x, 10) }}
              aria-label={label}
              title={label}
              onPointerDown={(e) => startDrag(e, d.t)}
              onKeyDown={(e) => onKey(e, d.t)}
              data-testid="kf-diamond"
              data-t={d.t.toFixed(3)}
            >
              <span aria-hidden="true">◆</span>
            </button>
          );
        })}
      </div>
    </div>
  );
}
