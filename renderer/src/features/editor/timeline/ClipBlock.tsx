import { memo, useEffect, useRef, useState, type CSSProperties, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent } from 'react';
import { clipDuration, type Clip, type TrackKind } from '../../../../../electron/model/draft';
import { moveClip, snap, snapCandidates, snapSpan, timeToX, trimClip, xToTime } from '../../../../../electron/model/timeline';
import { mediaUrl } from '../../../api/media';
import { t } from '../../../i18n';
import { cx } from '../../../ui/Button';
import { useEditor } from '../../../store/editorStore';
import { GESTURE_HOST, startGesture } from '../../../ui/gesture';
import { BeatTicks } from './BeatTicks';
import { currentBeats, useBeats } from './beatsStore';
import { sameClip } from './clipBlockLogic';
import { onClipFocus, onClipKey } from './clipKeyActions';
import { useRippleGesture } from './useRippleGesture';
import { loadWaveform, type WaveformData } from './waveformData';

/** How far (pixels) an edge, a moved clip or a drop from the bin is drawn to 0, the playhead and clip edges. */
export const SNAP_PX = 8;
let gestureSeq = 0;

/** `tabbable`: this block holds the clips' one Tab stop (timelineRovingLogic.ts); the others are reached by arrows. */
type Props = { clip: Clip; trackId: string; trackKind: TrackKind; tabbable: boolean };

/** One clip on the timeline: drag the body to move (across tracks too), drag an edge to trim; snaps with a guide line. */
export const ClipBlock = memo(function ClipBlock({ clip, trackId, trackKind, tabbable }: Props) {
  const pps = useEditor((s) => s.pxPerSec);
  const selected = useEditor((s) => s.selection.includes(clip.id));
  const revealSeq = useEditor((s) => (s.reveal?.clipId === clip.id ? s.reveal.seq : 0));
  const el = useRef<HTMLDivElement>(null);
  // A command placed this clip (Add logo, Add watermark): bring it into view, lane and time, without a jump
  // when it is already visible. `scroll-margin-left` on .clip keeps it clear of the sticky track heads.
  useEffect(() => {
    if (revealSeq > 0) el.current?.scrollIntoView({ block: 'nearest', inline: 'nearest' });
  }, [revealSeq]);
  const asset = useEditor((s) => (clip.type === 'media' ? s.assets[clip.assetId] : undefined));
  const beats = useBeats((s) => (clip.type === 'media' ? s.byAsset.get(clip.assetId) : undefined));
  const left = timeToX(clip.start, pps);
  const width = Math.max(2, timeToX(clipDuration(clip), pps));

  const onPointerDown = (e: ReactPointerEvent<HTMLDivElement>, mode: 'move' | 'start' | 'end') => {
    if (e.button !== 0) return;
    e.stopPropagation();
    e.preventDefault();
    const s = useEditor.getState();
    const startDoc = s.doc;
    const draftId = s.draftId;
    if (!startDoc) return;
    s.select(e.shiftKey || e.metaKey || e.ctrlKey ? [...new Set([...s.selection, clip.id])] : [clip.id]);
    s.setPlaying(false);
    const key = `${mode === 'move' ? 'move' : `trim:${mode}`}:${clip.id}:${++gestureSeq}`;
    const candidates = snapCandidates(startDoc, { excludeClipIds: [clip.id], playhead: s.playhead, beats: currentBeats() });
    const duration = clipDuration(clip);
    const edgeTime = mode === 'end' ? clip.start + duration : clip.start;
    // A trim on the magnetic main track ripples every later clip: the lane draws those as one shifted group
    // while the gesture lasts (rippleGroupLogic.ts). Set here, before any move, so the blocks join the group now
    // rather than in the first move's frame.
    const base = trackKind === 'main' && mode !== 'move' ? startDoc.tracks.find((tr) => tr.id === trackId)?.clips : undefined;
    const ripple = base ? { trackId, anchorId: clip.id, base } : null;
    if (ripple) useRippleGesture.setState({ gesture: ripple });

    // The gesture listens on the window and holds capture on the timeline, never on this element: React moves
    // this element when the clip changes place in its track, which would end a capture held here.
    startGesture(e.nativeEvent, {
      slop: mode === 'move' ? 3 : 0,
      captureOn: e.currentTarget.closest(`[${GESTURE_HOST}]`),
      onMove: (dx, _dy, ev) => {
        const st = useEditor.getState();
        if (!st.doc || st.draftId !== draftId) return;
        const px = st.pxPerSec;
        const threshold = st.snapping && !ev.altKey ? xToTime(SNAP_PX, px) : 0;
        const info = st.sourceInfo;
        const offset = xToTime(Math.abs(dx), px) * Math.sign(dx);
        // Every step is computed from the document as it was when the drag began; the sticky history key
        // keeps that state as the one undo step for the whole gesture.
        if (mode === 'move') {
          const lane = document.elementFromPoint(ev.clientX, ev.clientY)?.closest<HTMLElement>('[data-track-id]');
          const toTrack = lane?.dataset.trackId ?? trackId;
          const r = snapSpan(Math.max(0, clip.start + offset), duration, candidates, threshold, startDoc.canvas.fps);
          st.setSnapLine(r.target);
          st.edit(() => moveClip(startDoc, clip.id, toTrack, r.time, info), { key, quiet: true, sticky: true });
        } else {
          // Judged from the frame the edge lands on (the trim snaps to frames).
          const r = snap(Math.max(0, edgeTime + offset), candidates, threshold, startDoc.canvas.fps);
          st.setSnapLine(r.target);
          st.edit(() => trimClip(startDoc, clip.id, mode, r.time, info), { key, quiet: true, sticky: true });
        }
      },
      onEnd: () => {
        useEditor.getState().setSnapLine(null);
        // Only our own: a gesture that replaces this one has set its own already.
        if (ripple && useRippleGesture.getState().gesture === ripple) useRippleGesture.setState({ gesture: null });
      },
    });
  };

  // By keyboard (walk findings #22, #24, #29, #30): Tab reaches the clip and selects it; its keys are in clipKeyActions.ts.
  const onKeyDown = (e: ReactKeyboardEvent<HTMLDivElement>) => onClipKey(e, clip.id, trackId, trackKind);
  const onFocus = () => onClipFocus(clip.id);

  // A title being typed in place shows the words as they are typed (the store's `typing`, not yet in the draft:
  // walk #52). Null for every other block, so a key press re-renders only this one.
  const typed = useEditor((s) => (clip.type === 'text' && s.typing?.clipId === clip.id ? s.typing.text : null));
  const label = clip.type === 'text' ? (typed ?? clip.text) : (asset?.name ?? t('timeline.missingMedia'));
  const kind = clip.type === 'text' ? 'text' : (asset?.kind ?? 'video');
  return (
    <div
      ref={el}
      className={cx('clip', `clip--${kind}`, selected && 'clip--selected')}
      // Placed by a transform, not `left`: a ripple trim moves every later block, and a block moved by its
      // transform keeps its painted content (Blink reuses it) where a new `left` paints it again.
      style={{ transform: `translateX(${left}px)`, width }}
      onPointerDown={(e) => onPointerDown(e, 'move')}
      onKeyDown={onKeyDown}
      onFocus={onFocus}
      tabIndex={tabbable ? 0 : -1}
      aria-description={t('timeline.clipKeys')}
      data-testid="clip"
      data-clip-id={clip.id}
      data-kind={kind}
      data-track-kind={trackKind}
      data-start={clip.start.toFixed(3)}
      data-duration={clipDuration(clip).toFixed(3)}
      aria-selected={selected}
      role="option"
      aria-label={label}
    >
      {clip.type === 'media' && (asset?.kind === 'video' || asset?.kind === 'image') && asset.hasThumbnail && (
        <div className="clip__filmstrip" style={{ '--filmstrip': `url("${mediaUrl(asset.id, 'tile', asset.mediaRev)}")` } as CSSProperties} />
      )}
      {clip.type === 'media' && asset?.kind === 'audio' && asset.hasWaveform && <ClipWaveform assetId={asset.id} from={clip.in} to={clip.out} width={width} />}
      {beats && <BeatTicks clip={clip} beats={beats} width={width} />}
      <span className="clip__label">
        {clip.type === 'media' && clip.speedRamp && (
          <span className="clip__badge clip__badge--ramp" title={t('timeline.rampBadge')} aria-label={t('timeline.rampBadge')} data-testid="clip-ramp-badge">
            <svg viewBox="0 0 16 8" width="16" height="8" aria-hidden>
              <path d="M0 2 C4 2 5 7 8 7 S12 2 16 2" fill="none" stroke="currentColor" strokeWidth="1.5" />
            </svg>
          </span>
        )}
        {clip.type === 'media' && !clip.speedRamp && clip.speed !== 1 && <span className="clip__badge">{clip.speed}×</span>}
        {clip.type === 'media' && clip.transitionIn && <span className="clip__badge">⇄</span>}
        {label}
      </span>
      <div className="clip__edge clip__edge--start" onPointerDown={(e) => onPointerDown(e, 'start')} data-testid="clip-trim-start" aria-hidden="true" />
      <div className="clip__edge clip__edge--end" onPointerDown={(e) => onPointerDown(e, 'end')} data-testid="clip-trim-end" aria-hidden="true" />
    </div>
  );
}, (a, b) => a.trackId === b.trackId && a.trackKind === b.trackKind && a.tabbable === b.tabbable && sameClip(a.clip, b.clip));

/** Peaks of the clip's source range (in..out) across its width. */
function ClipWaveform({ assetId, from, to, width }: { assetId: string; from: number; to: number; width: number }) {
  const ref = useRef<HTMLCanvasElement>(null);
  const [data, setData] = useState<WaveformData | null>(null);
  useEffect(() => {
    let live = true;
    void loadWaveform(assetId).then((d) => live && setData(d));
    return () => {
      live = false;
    };
  }, [assetId]);
  useEffect(() => {
    const canvas = ref.current;
    if (!canvas || !data) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.min(8000, Math.max(1, Math.round(width)));
    const h = canvas.clientHeight || 40;
    canvas.width = Math.round(w * dpr);
    canvas.height = Math.round(h * dpr);
    const ctx = canvas.getContext('2d');
    if (!ctx) return;
    ctx.setTransform(dpr, 0, 0, dpr, 0, 0);
    ctx.fillStyle = getComputedStyle(canvas).color;
    const a = Math.floor(from * data.peaksPerSecond);
    const b = Math.max(a + 1, Math.ceil(to * data.peaksPerSecond));
    let loudest = 0;
    for (const p of data.peaks) loudest = Math.max(loudest, p);
    const gain = loudest > 0 ? 0.95 / loudest : 1;
    const bars = Math.max(1, Math.floor(w / 3));
    for (let i = 0; i < bars; i++) {
      let peak = 0;
      const i0 = a + Math.floor(((b - a) * i) / bars);
      const i1 = Math.max(i0 + 1, a + Math.floor(((b - a) * (i + 1)) / bars));
      for (let j = i0; j < i1 && j < data.peaks.length; j++) peak = Math.max(peak, data.peaks[j] ?? 0);
      const bh = Math.max(1, peak * gain * (h - 4));
      ctx.fillRect(i * 3, (h - bh) / 2, 2, bh);
    }
  }, [data, from, to, width]);
  return <canvas ref={ref} className="clip__waveform" style={{ width }} data-testid="clip-waveform" aria-hidden="true" />;
}
