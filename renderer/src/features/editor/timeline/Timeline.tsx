import { Fragment, memo, useEffect, useRef, type KeyboardEvent as ReactKeyboardEvent, type PointerEvent as ReactPointerEvent, type ReactNode } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { AssetSummary } from '../../../../../electron/model/asset';
import { draftDuration, type Track, type VideoDraft } from '../../../../../electron/model/draft';
import { draftBeatTimes, nearestBeat } from '../../../../../electron/model/timeline-beats';
import { frameAtX, snapToFrame, timeToX, xToTime } from '../../../../../electron/model/timeline';
import { t, type MessageKey } from '../../../i18n';
import { useEditor, ZOOM_MAX, ZOOM_MIN } from '../../../store/editorStore';
import { Button, IconButton } from '../../../ui/Button';
import { GESTURE_HOST, startGesture } from '../../../ui/gesture';
import { EyeIcon, EyeOffIcon, MagnetIcon, MuteIcon, SplitIcon, TextIcon, TrashIcon, VolumeIcon, ZoomInIcon, ZoomOutIcon } from '../../../ui/icons';
import { addAsset, addText, deleteSelection, splitAtPlayhead } from '../actions';
import { ASSET_DRAG_TYPE } from '../MediaBin';
import { VoiceoverButton, VoiceoverGhost } from '../VoiceoverControls';
import { currentBeats, useDraftBeats } from './beatsStore';
import { CaptionRows } from './CaptionRow';
import { ClipBlock, SNAP_PX } from './ClipBlock';
import { KeyframeLane } from './KeyframeLane';
import { clipsInWindow, shiftWindow } from './laneWindowLogic';
import { scrollToShow } from './playheadFollowLogic';
import { rippleGroup } from './rippleGroupLogic';
import { rulerTicks } from './rulerLogic';
import { useClipTabStop, useHeadTabStop } from './rovingFocusStore';
import { headButtons, headKey, headStep } from './timelineRovingLogic';
import { useLaneWindow, useTrackLaneWindow } from './useLaneWindow';
import { useRippleGesture } from './useRippleGesture';
import { useTimelineViewMemory } from './useTimelineViewMemory';

const HEADER_W = 148;
/** Room after the last clip so there is always somewhere to drop the next one. */
const TAIL_SEC = 20;
/** The ruler's ticks and the content's width are laid out for the draft's span rounded up to this, so a trim changes them only when it crosses one. */
const RULER_CHUNK_SEC = 30;
/** The timeline's laid-out span: the draft, room after it, rounded up to a RULER_CHUNK_SEC step. */
const laidOutSeconds = (doc: VideoDraft) => Math.ceil((draftDuration(doc) + TAIL_SEC) / RULER_CHUNK_SEC) * RULER_CHUNK_SEC;

const trackKindLabel: Record<Track['kind'], MessageKey> = {
  main: 'timeline.kind.main',
  overlay: 'timeline.kind.overlay',
  text: 'timeline.kind.text',
  audio: 'timeline.kind.audio',
};

export function Timeline() {
  const scrollRef = useRef<HTMLDivElement>(null);
  useDraftBeats();
  const trackIds = useEditor(useShallow((s) => s.doc!.tracks.map((tr) => tr.id)));
  // Caption rows go below the text tracks (below the pictures when there are none), above the audio.
  const captionsAfter = useEditor((s) => {
    const kinds = s.doc!.tracks.map((tr) => tr.kind);
    const text = kinds.lastIndexOf('text');
    return text >= 0 ? text : kinds.findLastIndex((k) => k !== 'audio');
  });
  useTrackLaneWindow(scrollRef, HEADER_W);
  const draftId = useEditor((s) => s.draftId);
  useTimelineViewMemory(scrollRef, draftId);

  // Ctrl/Cmd + wheel zooms around the pointer (a non-passive listener, so the page does not zoom instead).
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const onWheel = (e: WheelEvent) => {
      if (!(e.ctrlKey || e.metaKey)) return;
      e.preventDefault();
      const s = useEditor.getState();
      const x = e.clientX - el.getBoundingClientRect().left + el.scrollLeft - HEADER_W;
      const at = xToTime(x, s.pxPerSec);
      const next = Math.min(ZOOM_MAX, Math.max(ZOOM_MIN, s.pxPerSec * Math.exp(-e.deltaY * 0.002)));
      s.setZoom(next);
      el.scrollLeft = Math.max(0, timeToX(at, next) - (x - el.scrollLeft));
    };
    el.addEventListener('wheel', onWheel, { passive: false });
    return () => el.removeEventListener('wheel', onWheel);
  }, []);

  // Keep the playhead in view while playing and when it jumps (Home, End, a beat or a marker): after End it was
  // off screen (walk #57). Not while a pointer is down on the timeline: a scrub there is on screen, and scrolling
  // under it near the edge would move the time under the pointer with every move.
  const pointerDown = useRef(false);
  useEffect(() => {
    const el = scrollRef.current;
    if (!el) return;
    const down = () => (pointerDown.current = true);
    const up = () => (pointerDown.current = false);
    el.addEventListener('pointerdown', down, true);
    window.addEventListener('pointerup', up, true);
    window.addEventListener('pointercancel', up, true);
    return () => {
      el.removeEventListener('pointerdown', down, true);
      window.removeEventListener('pointerup', up, true);
      window.removeEventListener('pointercancel', up, true);
    };
  }, []);
  useEffect(
    () =>
      useEditor.subscribe((s, prev) => {
        const el = scrollRef.current;
        if (!el || s.playhead === prev.playhead || (pointerDown.current && !s.playing)) return;
        const to = scrollToShow(timeToX(s.playhead, s.pxPerSec), el.scrollLeft, el.clientWidth - HEADER_W);
        if (to !== null) el.scrollLeft = to;
      }),
    [],
  );

  return (
    <section className="timeline" aria-label={t('timeline.label')} data-testid="timeline" data-region="timeline" {...{ [GESTURE_HOST]: '' }}>
      <TimelineToolbar />
      <div ref={scrollRef} className="timeline__scroll" onPointerDown={() => useEditor.getState().select([])}>
        <TimelineContent>
          <Ruler />
          {trackIds.map((id, i) => (
            <Fragment key={id}>
              <TrackRow trackId={id} />
              <KeyframeLane trackId={id} headerWidth={HEADER_W} />
              {i === captionsAfter && <CaptionRows headerWidth={HEADER_W} />}
            </Fragment>
          ))}
          {captionsAfter < 0 && <CaptionRows headerWidth={HEADER_W} />}
          <Playhead />
          <SnapLine />
        </TimelineContent>
      </div>
    </section>
  );
}

/**
 * The scrolled content, as wide as the draft plus room after it, rounded up to the ruler's steps
 * (`laidOutSeconds`). Alone in following the draft's length, so a trim re-renders this box, not the timeline's
 * rows, ruler and toolbar: its children are the same elements from one render of Timeline to the next, and React
 * skips them. Rounded, its width (and the layout of everything in it) changes only when the draft's span
 * crosses a step, not on every trim move.
 */
function TimelineContent({ children }: { children: ReactNode }) {
  const width = useEditor((s) => timeToX(laidOutSeconds(s.doc!), s.pxPerSec));
  return (
    <div className="timeline__content" style={{ width: width + HEADER_W }}>
      {children}
    </div>
  );
}

function TimelineToolbar() {
  const pps = useEditor((s) => s.pxPerSec);
  const setZoom = useEditor((s) => s.setZoom);
  const snapping = useEditor((s) => s.snapping);
  const setSnapping = useEditor((s) => s.setSnapping);
  const hasSelection = useEditor((s) => s.selection.length > 0);
  // The slider is logarithmic: each step zooms by the same factor.
  const toSlider = (v: number) => Math.round((Math.log(v / ZOOM_MIN) / Math.log(ZOOM_MAX / ZOOM_MIN)) * 100);
  const fromSlider = (v: number) => ZOOM_MIN * Math.pow(ZOOM_MAX / ZOOM_MIN, v / 100);
  return (
    <div className="timeline__toolbar">
      <Button size="sm" icon={<TextIcon size={16} />} onClick={addText} data-testid="add-text">
        {t('timeline.addText')}
      </Button>
      <Button size="sm" variant="ghost" icon={<SplitIcon size={16} />} onClick={splitAtPlayhead} title={t('timeline.splitHint')} data-testid="split">
        {t('timeline.split')}
      </Button>
      <Button size="sm" variant="ghost" icon={<TrashIcon size={16} />} onClick={deleteSelection} disabled={!hasSelection} data-testid="delete-clip">
        {t('timeline.delete')}
      </Button>
      <VoiceoverButton />
      <div className="toolbar__spacer" />
      <IconButton size="sm" label={t('timeline.snapping')} icon={<MagnetIcon size={16} />} pressed={snapping} onClick={() => setSnapping(!snapping)} data-testid="snap-toggle" />
      <IconButton size="sm" label={t('timeline.zoomOut')} icon={<ZoomOutIcon size={16} />} onClick={() => setZoom(pps / 1.4)} />
      <input
        type="range"
        className="timeline__zoom"
        min={0}
        max={100}
        value={toSlider(pps)}
        onChange={(e) => setZoom(fromSlider(Number(e.target.value)))}
        aria-label={t('timeline.zoom')}
        data-testid="zoom-slider"
      />
      <IconButton size="sm" label={t('timeline.zoomIn')} icon={<ZoomInIcon size={16} />} onClick={() => setZoom(pps * 1.4)} />
    </div>
  );
}


/**
 * Time ruler: ticks at a step that keeps labels ~80 px apart, to the frame at high zooms (rulerLogic.ts); press and drag to scrub (within the draft), drawn
 * to beats within SNAP_PX (magnet on, Alt frees). Its scale fills the content's width (CSS), so it re-renders
 * only when the draft's span crosses a RULER_CHUNK_SEC step, not on every trim move.
 */
const Ruler = memo(function Ruler() {
  const pps = useEditor((s) => s.pxPerSec);
  const fps = useEditor((s) => s.doc!.canvas.fps);
  const seconds = useEditor((s) => laidOutSeconds(s.doc!));
  const scrub = (e: ReactPointerEvent<HTMLDivElement>) => {
    if (e.button !== 0) return;
    e.stopPropagation();
    const el = e.currentTarget;
    useEditor.getState().setPlaying(false);
    const start = useEditor.getState().doc;
    const beats = start ? draftBeatTimes(start, currentBeats()) : [];
    // The frame under the pointer (measured each time: the timeline may scroll or zoom while scrubbing), or the
    // frame of a beat within SNAP_PX of it.
    const seek = (clientX: number, free: boolean) => {
      const st = useEditor.getState();
      if (!st.doc) return;
      const x = clientX - el.getBoundingClientRect().left;
      const beat = st.snapping && !free ? nearestBeat(beats, xToTime(x, st.pxPerSec), xToTime(SNAP_PX, st.pxPerSec)) : null;
      st.setPlayhead(beat !== null ? snapToFrame(beat, st.doc.canvas.fps) : frameAtX(x, st.pxPerSec, st.doc.canvas.fps));
    };
    seek(e.clientX, e.altKey);
    startGesture(e.nativeEvent, { captureOn: el.closest(`[${GESTURE_HOST}]`), onMove: (_dx, _dy, ev) => seek(ev.clientX, ev.altKey) });
  };
  return (
    <div className="ruler">
      <div className="ruler__corner" style={{ width: HEADER_W }} />
      <div className="ruler__scale" onPointerDown={scrub} data-testid="ruler">
        <RulerTicks pps={pps} fps={fps} seconds={seconds} />
      </div>
    </div>
  );
});

const RulerTicks = memo(function RulerTicks({ pps, fps, seconds }: { pps: number; fps: number; seconds: number }) {
  return rulerTicks(pps, fps, seconds).map((tick) => (
    <span key={tick.t} className="ruler__tick" style={{ left: timeToX(tick.t, pps) }}>
      {tick.label}
    </span>
  ));
});

/**
 * Memoised: an edit re-renders the rows whose track changed, not every row. Draws the clips in and near view
 * (useLaneWindow), plus the selected and revealed ones, so a ripple re-renders a screenful of blocks; the
 * lane's `data-clip-count` says how many it holds.
 */
const TrackRow = memo(function TrackRow({ trackId }: { trackId: string }) {
  const track = useEditor((s) => s.doc!.tracks.find((tr) => tr.id === trackId)!);
  const pps = useEditor((s) => s.pxPerSec);
  const clipStop = useClipTabStop();
  const headStop = useHeadTabStop();
  // The clip holding the Tab stop is always drawn, even off screen, so Tab always reaches the clips.
  const keep = useEditor(useShallow((s) => [...s.selection, ...(s.reveal ? [s.reveal.clipId] : []), ...(clipStop ? [clipStop] : [])]));
  const shown = useLaneWindow((s) => s.window);
  const ripple = useRippleGesture((s) => (s.gesture?.trackId === trackId ? s.gesture : null));
  const group = ripple ? rippleGroup(ripple.base, track.clips, ripple.anchorId) : null;
  const drawn = clipsInWindow(group ? track.clips.slice(0, group.from) : track.clips, shown, pps, keep);
  // The clips a trim's ripple only shifted, drawn as they were when the gesture began (the same objects, so
  // their blocks do not re-render) in one box moved by the shift: the lane window moves the other way.
  const shiftPx = group ? timeToX(Math.abs(group.shiftSec), pps) * Math.sign(group.shiftSec) : 0;
  const grouped = group && ripple ? clipsInWindow(ripple.base.slice(group.from), shiftWindow(shown, -shiftPx), pps, keep) : null;
  const firstVoiceover = useEditor((s) => s.doc!.tracks.find((tr) => tr.kind === 'audio' && tr.role === 'voiceover')?.id === trackId);
  const toggle = (field: 'muted' | 'hidden') =>
    useEditor.getState().edit((d) => ({
      ok: true,
      clipId: null,
      draft: { ...d, tracks: d.tracks.map((tr) => (tr.id === trackId ? { ...tr, [field]: !tr[field] } : tr)) },
    }));
  const visual = track.kind !== 'audio';
  const audible = track.kind !== 'text';
  return (
    <div className={`track track--${track.kind}`} data-testid="track" data-track-kind={track.kind}>
      <div className="track__head" style={{ width: HEADER_W }} onKeyDown={onHeadKey}>
        <span className="track__name" title={t(trackKindLabel[track.kind])}>
          {track.name}
        </span>
        {audible && (
          <IconButton
            size="sm"
            label={track.muted ? t('timeline.unmute', { name: track.name }) : t('timeline.mute', { name: track.name })}
            icon={track.muted ? <MuteIcon size={16} /> : <VolumeIcon size={16} />}
            pressed={track.muted}
            onClick={() => toggle('muted')}
            tabIndex={headStop === `${trackId}:muted` ? 0 : -1}
            data-head-key={`${trackId}:muted`}
            data-testid="track-mute"
          />
        )}
        {visual && (
          <IconButton
            size="sm"
            label={track.hidden ? t('timeline.show', { name: track.name }) : t('timeline.hide', { name: track.name })}
            icon={track.hidden ? <EyeOffIcon size={16} /> : <EyeIcon size={16} />}
            pressed={track.hidden}
            onClick={() => toggle('hidden')}
            tabIndex={headStop === `${trackId}:hidden` ? 0 : -1}
            data-head-key={`${trackId}:hidden`}
            data-testid="track-hide"
          />
        )}
      </div>
      <div
        className={`track__lane${track.hidden ? ' track__lane--hidden' : ''}`}
        data-track-id={track.id}
        data-testid={`lane-${track.kind}`}
        role="listbox"
        aria-multiselectable="true"
        aria-label={track.name}
        data-clip-count={track.clips.length}
        onDragOver={(e) => {
          if (e.dataTransfer.types.includes(ASSET_DRAG_TYPE)) {
            e.preventDefault();
            e.dataTransfer.dropEffect = 'copy';
          }
        }}
        onDrop={(e) => {
          const raw = e.dataTransfer.getData(ASSET_DRAG_TYPE);
          if (!raw) return;
          e.preventDefault();
          const asset = JSON.parse(raw) as AssetSummary;
          const s = useEditor.getState();
          const x = e.clientX - e.currentTarget.getBoundingClientRect().left;
          // Snapped as a moved clip is (Alt held, or the magnet off: where it was dropped).
          void addAsset(asset, track.id, { x, pxPerSec: s.pxPerSec, snapSec: s.snapping && !e.altKey ? xToTime(SNAP_PX, s.pxPerSec) : 0 });
        }}
      >
        {drawn.map((c) => (
          <ClipBlock key={c.id} clip={c} trackId={track.id} trackKind={track.kind} tabbable={c.id === clipStop} />
        ))}
        {grouped && (
          <div className="track__ripple" style={{ transform: `translateX(${shiftPx}px)` }} data-testid="ripple-group">
            {grouped.map((c) => (
              <ClipBlock key={c.id} clip={c} trackId={track.id} trackKind={track.kind} tabbable={c.id === clipStop} />
            ))}
          </div>
        )}
        {firstVoiceover && <VoiceoverGhost />}
      </div>
    </div>
  );
});

/** Arrows (and Home/End) move between all tracks' buttons, one Tab stop for the lot (walk #64). */
function onHeadKey(e: ReactKeyboardEvent<HTMLDivElement>): void {
  if (e.altKey || e.ctrlKey || e.metaKey || !(e.target instanceof HTMLElement)) return;
  const at = e.target.dataset.headKey;
  const doc = useEditor.getState().doc;
  if (!at || !doc) return;
  const keys = headButtons(doc.tracks).map(headKey);
  // Tab from a lower track's button goes on from the group's stop (the first track's), not from the row it is in,
  // whose place in the page is after the first track's clips. Not prevented: the browser moves on from there.
  if (e.key === 'Tab') {
    if (at !== keys[0]) document.querySelector<HTMLElement>(`[data-head-key="${CSS.escape(keys[0] ?? '')}"]`)?.focus();
    return;
  }
  if (e.shiftKey) return;
  const next = headStep(keys.indexOf(at), e.key, keys.length);
  if (next === null) return;
  // Taken from the editor's shortcuts: plain arrows there step the playhead.
  e.preventDefault();
  const key = keys[next]!;
  document.querySelector<HTMLElement>(`[data-head-key="${CSS.escape(key)}"]`)?.focus();
}

function Playhead() {
  const x = useEditor((s) => timeToX(s.playhead, s.pxPerSec));
  return <div className="timeline__playhead" style={{ transform: `translateX(${x + HEADER_W}px)` }} data-testid="playhead" aria-hidden="true" />;
}

function SnapLine() {
  const x = useEditor((s) => (s.snapLine === null ? null : timeToX(s.snapLine, s.pxPerSec)));
  if (x === null) return null;
  return <div className="timeline__snap" style={{ transform: `translateX(${x + HEADER_W}px)` }} data-testid="snap-line" aria-hidden="true" />;
}
