import { useEffect, useLayoutEffect, useRef, useState } from 'react';
import { t } from '../../i18n';
import { Button, IconButton } from '../../ui/Button';
import { AlertIcon, PauseIcon, PlayIcon, RestartIcon, ScreenIcon } from '../../ui/icons';
import { guideRect, prompterPxPerSec } from './captureLogic';
import { type Framing, useCapture } from './captureStore';

const ASPECT: Record<Exclude<Framing, 'off'>, number> = { '9:16': 9 / 16, '4:5': 4 / 5, '1:1': 1 };

/**
 * The live picture, fitted to the stage at its own aspect, with what only the creator sees on top: the
 * framing guide, the teleprompter, the countdown and the recording badge. None of it is in the stream that
 * is recorded (the recorder takes the MediaStream, not the page).
 */
export function CapturePreview() {
  const stageRef = useRef<HTMLDivElement>(null);
  const videoRef = useRef<HTMLVideoElement>(null);
  const preview = useCapture((s) => s.preview);
  const status = useCapture((s) => s.previewStatus);
  const error = useCapture((s) => s.previewError);
  const mode = useCapture((s) => s.settings.mode);
  const screenPicked = useCapture((s) => s.screenPicked);
  const [size, setSize] = useState({ w: 16, h: 9 });
  const [box, setBox] = useState({ width: 0, height: 0 });

  useEffect(() => {
    const v = videoRef.current;
    if (!v) return;
    v.srcObject = preview;
    if (preview) void v.play().catch(() => undefined);
  }, [preview]);

  useLayoutEffect(() => {
    const stage = stageRef.current;
    if (!stage) return;
    const measure = () => {
      const scale = Math.min(stage.clientWidth / size.w, stage.clientHeight / size.h);
      setBox({ width: Math.floor(size.w * scale), height: Math.floor(size.h * scale) });
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(stage);
    return () => ro.disconnect();
  }, [size]);

  const showPicker = mode === 'screen' && !screenPicked && status !== 'error';
  return (
    <div ref={stageRef} className="capture-stage" data-testid="capture-stage">
      <div className="capture-frame" style={{ width: box.width, height: box.height }}>
        <video
          ref={videoRef}
          className={mode === 'camera' ? 'capture-video capture-video--mirror' : 'capture-video'}
          muted
          playsInline
          aria-label={t('capture.preview')}
          data-testid="capture-video"
          data-live={status === 'live'}
          onLoadedMetadata={(e) => {
            const v = e.currentTarget;
            if (v.videoWidth > 0) setSize({ w: v.videoWidth, h: v.videoHeight });
          }}
          onResize={(e) => {
            const v = e.currentTarget;
            if (v.videoWidth > 0) setSize({ w: v.videoWidth, h: v.videoHeight });
          }}
        />
        {status === 'live' && mode === 'camera' && <FramingGuide width={size.w} height={size.h} />}
        {status === 'live' && <Teleprompter />}
        <Countdown />
        <RecordingBadge />
        {status === 'starting' && <div className="capture-frame__note">{t('capture.starting')}</div>}
      </div>
      {status === 'error' && error && <PreviewError message={error} />}
      {showPicker && <ScreenEmpty />}
    </div>
  );
}

function FramingGuide({ width, height }: { width: number; height: number }) {
  const framing = useCapture((s) => s.settings.framing);
  if (framing === 'off') return null;
  const r = guideRect(width, height, ASPECT[framing]);
  const pct = (v: number, of: number) => `${(v / of) * 100}%`;
  return (
    <div className="capture-guide" aria-hidden="true" data-testid="capture-guide" data-framing={framing}>
      <div className="capture-guide__window" style={{ left: pct(r.x, width), top: pct(r.y, height), width: pct(r.width, width), height: pct(r.height, height) }}>
        <span className="capture-guide__label">{framing}</span>
      </div>
    </div>
  );
}

/**
 * The script scrolling over the top of the picture (near the lens, so eyes stay on the camera). It moves while
 * recording (or rehearsing) at the chosen speed; the offset lives in a ref and the DOM, not in React state.
 */
function Teleprompter() {
  const on = useCapture((s) => s.settings.prompterOn);
  const script = useCapture((s) => s.settings.script);
  const speed = useCapture((s) => s.settings.prompterSpeed);
  const fontSize = useCapture((s) => s.settings.prompterSize);
  const playing = useCapture((s) => s.prompterPlaying);
  const epoch = useCapture((s) => s.prompterEpoch);
  const setPlaying = useCapture((s) => s.setPrompterPlaying);
  const restart = useCapture((s) => s.restartPrompter);
  const textRef = useRef<HTMLDivElement>(null);
  const offset = useRef(0);

  useEffect(() => {
    offset.current = 0;
    if (textRef.current) textRef.current.style.transform = 'translateY(0px)';
  }, [epoch, script]);

  useEffect(() => {
    if (!playing) return;
    let last = performance.now();
    let raf = requestAnimationFrame(function step(now) {
      const el = textRef.current;
      if (el) {
        const max = Math.max(0, el.scrollHeight - (el.parentElement?.clientHeight ?? 0) / 2);
        offset.current = Math.min(max, offset.current + ((now - last) / 1000) * prompterPxPerSec(speed) * (fontSize / 36));
        el.style.transform = `translateY(${-offset.current}px)`;
      }
      last = now;
      raf = requestAnimationFrame(step);
    });
    return () => cancelAnimationFrame(raf);
  }, [playing, speed, fontSize]);

  if (!on || !script.trim()) return null;
  return (
    <div className="prompter" data-testid="teleprompter" data-playing={playing}>
      <div className="prompter__viewport">
        <div ref={textRef} className="prompter__text" style={{ fontSize }}>
          {script}
        </div>
      </div>
      <div className="prompter__bar">
        <span className="prompter__private">{t('capture.prompter.private')}</span>
        <IconButton size="sm" label={t('capture.prompter.restart')} icon={<RestartIcon size={16} />} onClick={restart} />
        <IconButton
          size="sm"
          label={playing ? t('capture.prompter.pause') : t('capture.prompter.rehearse')}
          icon={playing ? <PauseIcon size={16} /> : <PlayIcon size={16} />}
          onClick={() => setPlaying(!playing)}
          data-testid="prompter-toggle"
        />
      </div>
    </div>
  );
}

function Countdown() {
  const phase = useCapture((s) => s.phase);
  const left = useCapture((s) => s.countdownLeft);
  if (phase !== 'countdown' || left <= 0) return null;
  return (
    <div className="capture-countdown" role="status" aria-live="assertive" data-testid="capture-countdown">
      <span key={left} className="capture-countdown__n">
        {left}
      </span>
      <span className="capture-countdown__label">{t('capture.status.countdown')}</span>
    </div>
  );
}

function RecordingBadge() {
  const phase = useCapture((s) => s.phase);
  if (phase !== 'recording' && phase !== 'paused') return null;
  return (
    <div className={`rec-badge rec-badge--${phase}`} data-testid="rec-badge">
      <span className="rec-badge__dot" />
      {phase === 'recording' ? t('capture.status.recording') : t('capture.status.paused')}
    </div>
  );
}

function PreviewError({ message }: { message: string }) {
  const open = useCapture((s) => s.openPreview);
  const mode = useCapture((s) => s.settings.mode);
  const pick = useCapture((s) => s.pickScreen);
  return (
    <div className="capture-message" role="alert" data-testid="capture-error">
      <AlertIcon size={24} />
      <p>{message}</p>
      <Button variant="primary" onClick={() => void (mode === 'screen' ? pick() : open())}>
        {t('capture.retry')}
      </Button>
    </div>
  );
}

function ScreenEmpty() {
  const pick = useCapture((s) => s.pickScreen);
  return (
    <div className="capture-message" data-testid="screen-empty">
      <ScreenIcon size={32} />
      <p>{t('capture.screen.empty')}</p>
      <Button variant="primary" icon={<ScreenIcon size={18} />} onClick={() => void pick()} data-testid="screen-choose">
        {t('capture.screen.choose')}
      </Button>
    </div>
  );
}
