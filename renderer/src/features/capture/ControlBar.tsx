import { useEffect, useRef, useState } from 'react';
import { recordingResultOf } from '../../../../electron/model/job';
import { t } from '../../i18n';
import { formatClock } from '../../i18n/format';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { AlertIcon, CheckIcon, MicIcon, PauseIcon, PlayIcon, RecordIcon, StopIcon } from '../../ui/icons';
import { ProgressBar } from '../../ui/ProgressBar';
import { formatElapsed, levelOf } from './captureLogic';
import { useCapture } from './captureStore';

/** Record / pause / resume / stop, the recorded time and the microphone level, under the preview. */
export function ControlBar() {
  const phase = useCapture((s) => s.phase);
  const live = useCapture((s) => s.previewStatus === 'live');
  const { record, pause, resume, stop } = useCapture.getState();
  const recording = phase === 'recording' || phase === 'paused';
  return (
    <div className="capture-controls" data-testid="capture-controls" data-phase={phase}>
      <LevelMeter />
      <div className="capture-controls__buttons">
        {phase === 'idle' && (
          <Button variant="danger" className="rec-button" icon={<RecordIcon size={18} />} disabled={!live} onClick={record} data-testid="capture-record">
            {t('capture.record')}
          </Button>
        )}
        {phase === 'countdown' && (
          <Button onClick={() => void stop()} data-testid="capture-cancel">
            {t('capture.cancel')}
          </Button>
        )}
        {recording && (
          <>
            {phase === 'recording' ? (
              <Button icon={<PauseIcon size={16} />} onClick={pause} data-testid="capture-pause">
                {t('capture.pause')}
              </Button>
            ) : (
              <Button icon={<PlayIcon size={16} />} onClick={resume} data-testid="capture-resume">
                {t('capture.resume')}
              </Button>
            )}
            <Button variant="danger" icon={<StopIcon size={16} />} onClick={() => void stop()} data-testid="capture-stop">
              {t('capture.stop')}
            </Button>
          </>
        )}
        {phase === 'stopping' && (
          <Button disabled icon={<StopIcon size={16} />}>
            {t('capture.saving')}
          </Button>
        )}
      </div>
      <Elapsed />
    </div>
  );
}

/** Recorded time, refreshed a few times a second while a take runs; `data-ms` lets tests wait for it. */
function Elapsed() {
  const take = useCapture((s) => s.take);
  const phase = useCapture((s) => s.phase);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!take) return;
    const timer = setInterval(() => setTick((n) => n + 1), 200);
    return () => clearInterval(timer);
  }, [take]);
  const active = (phase === 'recording' || phase === 'paused') && take !== null;
  const ms = active ? take.elapsedMs() : 0;
  return (
    <div className={`capture-elapsed mono${phase === 'recording' ? ' capture-elapsed--live' : ''}`} aria-label={t('capture.elapsed')} data-testid="capture-elapsed" data-ms={Math.floor(ms)}>
      {formatElapsed(ms)}
    </div>
  );
}

/** The microphone's level (what the take will hear), from an AnalyserNode, drawn straight to the DOM. */
function LevelMeter() {
  const preview = useCapture((s) => s.preview);
  const fill = useRef<HTMLDivElement>(null);
  const track = preview?.getAudioTracks()[0] ?? null;
  useEffect(() => {
    if (!track) return;
    const ctx = new AudioContext();
    const analyser = ctx.createAnalyser();
    analyser.fftSize = 1024;
    ctx.createMediaStreamSource(new MediaStream([track])).connect(analyser);
    const samples = new Float32Array(analyser.fftSize);
    let raf = requestAnimationFrame(function step() {
      analyser.getFloatTimeDomainData(samples);
      if (fill.current) fill.current.style.transform = `scaleX(${levelOf(samples)})`;
      raf = requestAnimationFrame(step);
    });
    return () => {
      cancelAnimationFrame(raf);
      void ctx.close();
    };
  }, [track]);
  return (
    <div className="level" title={t('capture.level')} data-testid="level-meter" data-active={track !== null}>
      <MicIcon size={16} />
      <div className="level__track" role="meter" aria-label={t('capture.level')} aria-valuemin={0} aria-valuemax={1}>
        <div ref={fill} className="level__fill" />
      </div>
    </div>
  );
}

/** Where the last take is: being saved (with progress), saved (with a way to it), or failed (kept for recovery). */
export function TakeStatus() {
  const jobId = useCapture((s) => s.savingJobId);
  const upload = useCapture((s) => s.upload);
  const phase = useCapture((s) => s.phase);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  if ((phase === 'recording' || phase === 'paused' || phase === 'stopping') && upload?.retrying) {
    return (
      <div className="take-status take-status--warning" role="status" data-testid="upload-retrying">
        <AlertIcon size={16} />
        {t('capture.upload.retrying')}
      </div>
    );
  }
  if (upload?.fatal) {
    return (
      <div className="take-status take-status--error" role="alert">
        <AlertIcon size={16} />
        {t('capture.upload.fatal', { reason: upload.fatal })}
      </div>
    );
  }
  if (!jobId) return null;
  if (!job || job.status === 'queued' || job.status === 'running') {
    return (
      <div className="take-status" role="status" data-testid="take-saving">
        <span>{t('capture.saving')}</span>
        <ProgressBar value={job?.progress ?? null} label={t('capture.saving')} size="sm" />
      </div>
    );
  }
  const result = recordingResultOf(job);
  if (job.status === 'done' && result) return <SavedTake assetId={result.assetId} durationSec={result.durationSec} />;
  return (
    <div className="take-status take-status--error" role="alert" data-testid="take-failed">
      <AlertIcon size={16} />
      {t('capture.saveFailed', { reason: job.error ?? '' })}
    </div>
  );
}

export function showInLibrary(assetId: string): void {
  const s = useStore.getState();
  s.setLibraryView('assets');
  s.setQuery({ tag: 'recording', kind: null, trashed: false });
  s.openDetail(assetId);
  s.setScreen('library');
}

function SavedTake({ assetId, durationSec }: { assetId: string; durationSec: number | null }) {
  return (
    <div className="take-status take-status--done" role="status" data-testid="take-saved" data-asset-id={assetId}>
      <CheckIcon size={16} />
      <span>
        {t('capture.saved')}
        {durationSec !== null && <span className="take-status__meta"> · {formatClock(durationSec)}</span>}
      </span>
      <Button size="sm" variant="ghost" onClick={() => showInLibrary(assetId)} data-testid="take-show">
        {t('capture.showInLibrary')}
      </Button>
    </div>
  );
}
