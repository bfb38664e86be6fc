import { useCallback, useEffect, useLayoutEffect, useRef, useState } from 'react';
import { draftDuration } from '../../../../../electron/model/draft';
import { findClip, formatTimecode, lastFrameStart, snapToFrame } from '../../../../../electron/model/timeline';
import { t, type MessageKey } from '../../../i18n';
import { useEditor, type SafeZone } from '../../../store/editorStore';
import { IconButton } from '../../../ui/Button';
import { GoToEndIcon, GoToStartIcon, PauseIcon, PlayIcon, StepBackIcon, StepForwardIcon } from '../../../ui/icons';
import { stopVoiceover, useVoiceover } from '../voiceover';
import { VoiceoverCountdown } from '../VoiceoverControls';
import { useImportedLooks } from '../importedLooks';
import { startImportedLooks } from '../importedLooksLoader';
import { PreviewEngine } from './engine';
import { KeyPickLayer } from './KeyPickLayer';
import { ManipulateLayer } from './manipulate/ManipulateLayer';
import { clipFirstFrame, offPlayheadSelection } from './offPlayheadLogic';
import { ReversingCard } from './ReversingCard';
import { isTallZone, safeZones } from './safeZones';
import { shuttleLabel } from './shuttleLogic';

const ZONES: SafeZone[] = ['off', 'tiktok', 'reels', 'shorts'];

/** The canvas at the draft's aspect, fitted into the space between the bin and the inspector, plus transport. */
export function PreviewPane() {
  const stageRef = useRef<HTMLDivElement>(null);
  const canvasRef = useRef<HTMLCanvasElement>(null);
  const engineRef = useRef<PreviewEngine | null>(null);
  const cw = useEditor((s) => s.doc!.canvas.width);
  const ch = useEditor((s) => s.doc!.canvas.height);
  const [box, setBox] = useState({ width: 0, height: 0 });
  const empty = useEditor((s) => !s.doc || s.doc.tracks.every((tr) => tr.clips.length === 0));
  const redraw = useCallback(() => engineRef.current?.invalidate(), []);
  // An imported look's table arriving (or a look removed) changes what a looked clip shows.
  const looksVersion = useImportedLooks((s) => s.version);
  useEffect(() => {
    startImportedLooks();
    redraw();
  }, [looksVersion, redraw]);

  useLayoutEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const measure = () => {
      const pad = 24;
      const w = Math.max(0, stage.clientWidth - pad * 2);
      const h = Math.max(0, stage.clientHeight - pad * 2);
      const scale = Math.min(w / cw, h / ch);
      setBox({ width: Math.floor(cw * scale), height: Math.floor(ch * scale) });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(stage);
    return () => ro.disconnect();
  }, [cw, ch]);

  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas) return;
    // A voiceover's take is placed by wall time from where it started: while it records, the clock is the wall's.
    const engine = new PreviewEngine(canvas, useEditor, { wallClock: () => useVoiceover.getState().phase === 'recording', lookSetAside: () => useEditor.getState().comparing });
    engineRef.current = engine;
    const unsubCompare = useEditor.subscribe((s, prev) => {
      if (s.comparing !== prev.comparing) engine.invalidate();
    });
    return () => {
      unsubCompare();
      engine.destroy();
      engineRef.current = null;
    };
  }, []);

  // Backing store: device pixels of the fitted box, never more than the canvas itself.
  useEffect(() => {
    const canvas = canvasRef.current;
    if (!canvas || box.width === 0) return;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.min(cw, Math.round(box.width * dpr));
    canvas.width = w;
    canvas.height = Math.round((w * ch) / cw);
    engineRef.current?.invalidate();
  }, [box, cw, ch]);

  return (
    <div className="preview" data-region="preview">
      <div ref={stageRef} className="preview__stage">
        <div className="preview__frame" style={{ width: box.width, height: box.height }}>
          <canvas ref={canvasRef} className="preview__canvas" data-testid="preview-canvas" aria-label={t('preview.label')} role="img" />
          {empty && (
            <p className="preview__empty" data-testid="preview-empty">
              {t('preview.empty')}
            </p>
          )}
          {box.width > 0 && <ReversingCard view={box} />}
          <SafeZoneOverlay />
          {box.width > 0 && <ManipulateLayer width={box.width} height={box.height} />}
          <KeyPickLayer redraw={redraw} />
          <VoiceoverCountdown />
        </div>
        <CompareBadge />
        <OffPlayheadHint />
      </div>
      <Transport />
    </div>
  );
}

/**
 * Under the picture (never over it: the canvas is what is compared with the export), when the selected clip is
 * not at the playhead: why the preview shows no handles for it, and a button (G) that moves the playhead onto it.
 */
function OffPlayheadHint() {
  // A string, not the object: a selector must return the same value while nothing changed.
  const clipId = useEditor((s) => (s.doc ? (offPlayheadSelection(s.doc, s.selection, s.playhead)?.clipId ?? null) : null));
  if (!clipId) return null;
  return (
    <div className="preview__off" data-testid="off-playhead" data-for-clip={clipId}>
      <span>{t('preview.offPlayhead')}</span>
      <button type="button" className="preview__off-go" onClick={goToSelectedClip} data-testid="off-playhead-go">
        {t('preview.goToClip')}
      </button>
    </div>
  );
}

function SafeZoneOverlay() {
  const zone = useEditor((s) => s.safeZone);
  const aspect = useEditor((s) => s.doc!.canvas.width / s.doc!.canvas.height);
  if (zone === 'off') return null;
  return (
    <div className="safe-zones" aria-hidden="true" data-testid="safe-zones" data-zone={zone}>
      {safeZones[zone].map((z, i) => (
        <div
          key={i}
          className={`safe-zone safe-zone--${z.label}${isTallZone(z, aspect) ? ' safe-zone--vertical' : ''}`}
          style={{ left: `${z.x * 100}%`, top: `${z.y * 100}%`, width: `${z.w * 100}%`, height: `${z.h * 100}%` }}
        >
          <span>{t(`safe.${z.label}` as MessageKey)}</span>
        </div>
      ))}
    </div>
  );
}

function Transport() {
  const playing = useEditor((s) => s.playing);
  const rate = useEditor((s) => shuttleLabel(s.playing, s.shuttleRate));
  const fps = useEditor((s) => s.doc!.canvas.fps);
  const duration = useEditor((s) => draftDuration(s.doc!));
  const playhead = useEditor((s) => s.playhead);
  const zone = useEditor((s) => s.safeZone);
  const setSafeZone = useEditor((s) => s.setSafeZone);
  return (
    <div className="transport">
      <div className="transport__time mono" data-testid="timecode">
        <span>{formatTimecode(playhead, fps)}</span>
        <span className="transport__total"> / {formatTimecode(duration, fps)}</span>
      </div>
      <div className="transport__buttons">
        <IconButton label={t('preview.goToStart')} icon={<GoToStartIcon size={18} />} onClick={goToStart} data-testid="go-to-start" />
        <IconButton label={t('preview.stepBack')} icon={<StepBackIcon size={18} />} onClick={() => stepFrames(-1)} data-testid="step-back" />
        {/* The shuttle's speed (L) beside Play while it is not 1×: on the button's corner, so nothing moves when it shows. */}
        <span className="transport__play-slot">
          <IconButton
            variant="primary"
            className="transport__play"
            label={playing ? t('preview.pause') : t('preview.play')}
            icon={playing ? <PauseIcon size={18} /> : <PlayIcon size={18} />}
            onClick={togglePlay}
            data-testid="play-toggle"
            data-playing={playing}
          />
          <span className="transport__rate mono" role="status" title={rate ? t('preview.shuttleRate', { rate }) : undefined} data-testid="shuttle-rate">
            {rate ?? ''}
          </span>
        </span>
        <IconButton label={t('preview.stepForward')} icon={<StepForwardIcon size={18} />} onClick={() => stepFrames(1)} data-testid="step-forward" />
        <IconButton label={t('preview.goToEnd')} icon={<GoToEndIcon size={18} />} onClick={goToEnd} data-testid="go-to-end" />
      </div>
      <div className="transport__zones">
        <label htmlFor="safe-zone" className="transport__label">
          {t('safe.label')}
        </label>
        <select id="safe-zone" className="select select--sm" value={zone} onChange={(e) => setSafeZone(e.target.value as SafeZone)} data-testid="safe-zone-select">
          {ZONES.map((z) => (
            <option key={z} value={z}>
              {t(`safe.${z}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </div>
  );
}

export function togglePlay(): void {
  const s = useEditor.getState();
  if (!s.doc) return;
  // While a voiceover records, play/pause (Space) ends the take rather than pausing under it.
  if (useVoiceover.getState().phase === 'recording') return void stopVoiceover();
  // Play from the last frame starts again from the beginning.
  if (!s.playing && s.playhead >= lastFrameStart(s.doc) - 1e-3) s.setPlayhead(0);
  s.setPlaying(!s.playing);
}

/** Home: pause at the draft's first frame. */
export function goToStart(): void {
  const s = useEditor.getState();
  s.setPlaying(false);
  s.setPlayhead(0);
}

/** G: pause with the playhead on the selected clip's first frame, where the preview shows it and its handles. */
export function goToSelectedClip(): void {
  const s = useEditor.getState();
  const found = s.doc && s.selection[0] ? findClip(s.doc, s.selection[0]) : null;
  if (!s.doc || !found) return;
  s.setPlaying(false);
  s.setPlayhead(clipFirstFrame(found.clip, s.doc.canvas.fps));
}

/** End: pause on the draft's last frame (its length is one frame past the last picture: black). */
export function goToEnd(): void {
  const s = useEditor.getState();
  if (!s.doc) return;
  s.setPlaying(false);
  s.setPlayhead(lastFrameStart(s.doc));
}

/** Pauses and moves the playhead by whole frames (stays on the frame grid, within the draft). */
export function stepFrames(n: number): void {
  const s = useEditor.getState();
  if (!s.doc) return;
  const fps = s.doc.canvas.fps;
  s.setPlaying(false);
  s.setPlayhead(snapToFrame(Math.max(0, s.playhead + n / fps), fps));
}

export function stepSeconds(n: number): void {
  const s = useEditor.getState();
  if (!s.doc) return;
  s.setPlaying(false);
  s.setPlayhead(snapToFrame(Math.max(0, s.playhead + n), s.doc.canvas.fps));
}

/**
 * While Compare is held: says the picture is the clip without its look. Above the picture, in the stage's padding
 * (as OffPlayheadHint is below it), never over it: on the picture it could cover the selected layer's rotate
 * handle, and the canvas stays the picture.
 */
function CompareBadge() {
  const comparing = useEditor((s) => s.comparing !== null);
  if (!comparing) return null;
  return (
    <p className="preview__compare" data-testid="compare-badge" role="status">
      {t('look.compareBadge')}
    </p>
  );
}
