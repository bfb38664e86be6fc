import { useEffect, useState } from 'react';
import { SOCIAL_LOUDNESS_TARGET } from '../../../../electron/model/channels';
import type { ExportPreset } from '../../../../electron/model/draft-record';
import type { VideoDraft } from '../../../../electron/model/draft';
import type { EditResult, SourceInfo } from '../../../../electron/model/timeline';
import { loudnessLabel } from '../../../../electron/model/loudness';
import { endTitlesWithFootage, endWithPicture, soundPastPicture, titlesPastFootage } from '../../../../electron/model/sound-tail';
import { exportResultOf, isFinished } from '../../../../electron/model/job';
import { call, errorText, shell } from '../../api/client';
import { exportUrl } from '../../api/media';
import { t, type MessageKey } from '../../i18n';
import { formatDimensions } from '../../i18n/format';
import { useStore } from '../../store';
import { useEditor } from '../../store/editorStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { ExportHistory } from '../jobs/ExportHistory';
import { RevealExportButton } from '../jobs/RevealExportButton';
import { madeFacts } from '../jobs/ExportFiles';
import { ProgressBar } from '../../ui/ProgressBar';
import { ExportChoice } from './ExportChoice';
import { jobSecondsLeft, roundedLeft, runningPhase, steadyUnit, type LeftUnit, type RunningPhase } from '../jobs/timeLeftLogic';

type Height = ExportPreset['height'];
type Quality = ExportPreset['quality'];
type FpsChoice = ExportPreset['fps'];

/**
 * Export settings → an export job; progress here and in the Jobs drawer; Download (browser mode) or Show in folder
 * (the app) and the file path when done; below, the draft's earlier exports (they outlive this dialog).
 */
export function ExportDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const canvas = useEditor((s) => s.doc?.canvas);
  // Only while open: the dialog stays mounted, and the store changes on every frame while the preview plays.
  const tail = useEditor((s) => (open && s.doc ? soundPastPicture(s.doc) : 0));
  const titleTail = useEditor((s) => (open && s.doc ? titlesPastFootage(s.doc) : 0));
  const draftId = useEditor((s) => s.draftId);
  const [height, setHeight] = useState<Height>('canvas');
  const [fps, setFps] = useState<FpsChoice>('canvas');
  const [quality, setQuality] = useState<Quality>('standard');
  const [sound, setSound] = useState<'mixed' | 'social'>('mixed');
  const [jobId, setJobId] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  const job = useStore((s) => (jobId ? s.jobs[jobId] : undefined));
  const cancelJob = useStore((s) => s.cancelJob);
  const result = job ? exportResultOf(job) : null;
  const running = jobId !== null && (!job || !isFinished(job.status));
  const left = jobSecondsLeft(job ?? null);
  // The unit the time left was last shown in, so a figure wavering around a minute does not flip (steadyUnit).
  const [leftUnit, setLeftUnit] = useState<LeftUnit | null>(null);
  const unit = left === null ? leftUnit : steadyUnit(leftUnit, left);
  if (unit !== leftUnit) setLeftUnit(unit);
  const phase = runningPhase(job?.progress);
  const phaseShown = !!job && !isFinished(job.status) && !!job.detail && sound === 'social';
  // Opening Export pauses the preview, as CapCut does: it played on, and was heard, behind the dialog (a new user's walk).
  useEffect(() => {
    if (open && useEditor.getState().playing) useEditor.getState().setPlaying(false);
  }, [open]);

  if (!canvas) return null;
  const portrait = canvas.height >= canvas.width;
  // Resolution choices name the short side, as creators say it ("1080p" is 1080×1920 for a vertical video).
  const heightFor = (shortSide: 1080 | 720): Height => {
    const h = portrait ? Math.round((shortSide * canvas.height) / canvas.width) : shortSide;
    return h === 1920 || h === 1080 || h === 720 ? h : 'canvas';
  };

  const start = async () => {
    if (!draftId) return;
    setError(null);
    try {
      await useEditor.getState().flush();
      const { jobId: id } = await call('exports.start', { draftId, preset: { height, fps, quality }, loudness: sound === 'social' ? SOCIAL_LOUDNESS_TARGET : null });
      setJobId(id);
    } catch (e) {
      setError(errorText(e));
    }
  };

  const close = () => {
    if (job && isFinished(job.status)) setJobId(null);
    onClose();
  };

  const choices: { value: Height; label: string }[] = [
    { value: 'canvas', label: t('export.resCanvas', { size: formatDimensions(canvas.width, canvas.height) }) },
    ...(heightFor(1080) !== 'canvas' ? [{ value: heightFor(1080), label: '1080p' }] : []),
    ...(heightFor(720) !== 'canvas' ? [{ value: heightFor(720), label: '720p' }] : []),
  ];
  // 1080p of a 1080×1920 canvas is the canvas itself: show it once.
  const resolutions = choices.filter((o, i, all) => all.findIndex((x) => x.value === o.value) === i && (o.value === 'canvas' || o.value !== canvas.height));

  return (
    <Dialog
      open={open}
      title={t('export.title')}
      onClose={close}
      testId="export-dialog"
      footer={
        running ? (
          <Button variant="danger" onClick={() => jobId && void cancelJob(jobId)} data-testid="export-cancel">
            {t('action.cancel')}
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              {t('action.close')}
            </Button>
            <Button variant="primary" onClick={() => void start()} data-testid="export-start">
              {/* "Again" only once something was exported: after a refusal or a cancel nothing was. */}
              {job?.status === 'done' ? t('export.again') : t('export.start')}
            </Button>
          </>
        )
      }
    >
      <div className="export">
        <ExportChoice label={t('export.resolution')} value={height} options={resolutions} onChange={setHeight} disabled={running} testId="export-res" />
        <ExportChoice
          label={t('newDraft.fps')}
          value={fps}
          options={(['canvas', 24, 30, 60] as const).map((f) => ({ value: f, label: f === 'canvas' ? t('export.fpsCanvas', { fps: canvas.fps }) : String(f) }))}
          onChange={setFps}
          disabled={running}
          testId="export-fps"
        />
        <ExportChoice
          label={t('export.quality')}
          value={quality}
          options={(['high', 'standard', 'small'] as const).map((q) => ({ value: q, label: t(`export.quality.${q}` as MessageKey) }))}
          onChange={setQuality}
          disabled={running}
          testId="export-quality"
        />
        <ExportChoice
          label={t('export.sound')}
          value={sound}
          options={[
            { value: 'mixed' as const, label: t('export.sound.mixed') },
            { value: 'social' as const, label: t('export.sound.social') },
          ]}
          onChange={setSound}
          disabled={running}
          testId="export-sound"
          hint={t('export.sound.hint', { target: loudnessLabel(SOCIAL_LOUDNESS_TARGET) })}
        />
        {/* A song longer than the edit ends the video on black with the music playing: say so before it is posted. */}
        {tail > 0 && !running && <TailNotice testId="export-tail" text={t('export.tail', { sec: tail.toFixed(1) })} fix={t('export.tailFix')} apply={endWithPicture} />}
        {/* Titles past the footage end the video on titles over black: maybe an end card, maybe not. Say so. */}
        {titleTail > 0 && !running && <TailNotice testId="export-title-tail" text={t('export.titleTail', { sec: titleTail.toFixed(1) })} fix={t('export.titleTailFix')} apply={endTitlesWithFootage} />}
        {error && (
          <p className="field__error" role="alert">
            {error}
          </p>
        )}
        {job && (
          <div className={`export__job${job.status === 'failed' ? ' export__job--failed' : ''}`} data-testid="export-job" data-job-id={job.id} data-status={job.status}>
            {!isFinished(job.status) && (
              <ProgressBar value={job.status === 'queued' || phase.kind === 'preparing' ? null : job.progress} label={t('export.progress')} testId="export-progress" />
            )}
            {/* Which pass runs ("Measuring loudness · 90%"): the loudness passes come after the render. */}
            {phaseShown && (
              <p className="export__phase field__hint" data-testid="export-phase">
                {job.detail}
              </p>
            )}
            <p className="export__status" role={job.status === 'failed' ? 'alert' : undefined} data-testid="export-status">
              {job.status === 'done' && result
                ? t(result.method === 'copy' ? 'export.doneCopied' : 'export.done', { facts: madeFacts(result) })
                : job.status === 'failed'
                  ? (job.error ?? t('export.failed'))
                  : job.status === 'cancelled'
                    ? t('export.cancelled')
                    : job.status === 'queued'
                      ? t('jobs.status.queued')
                      : runningText(phase, left === null || unit === null ? null : roundedLeft(left, unit), phaseShown)}
            </p>
            {job.status === 'done' && result && (
              <>
                {shell === 'browser' ? (
                  <a className="btn btn--primary btn--md export__download" href={exportUrl(job.id)} download={result.fileName} data-testid="export-download">
                    {t('export.download')}
                  </a>
                ) : (
                  <RevealExportButton jobId={job.id} size="md" variant="primary" className="export__download" testId="export-reveal" />
                )}
                {/* In a browser the file is on the server: its name is what the download saves; a server path means nothing there. */}
                <p className="export__path mono" data-testid="export-path" title={shell === 'browser' ? result.fileName : result.outputPath}>
                  {shell === 'browser' ? result.fileName : result.outputPath}
                </p>
              </>
            )}
          </div>
        )}
        {draftId && <ExportHistory draftId={draftId} enabled={open} current={jobId} />}
      </div>
    </Dialog>
  );
}

/** A tail the export would end on (sound over black, titles over black), with the one-step fix for it. */
function TailNotice({ testId, text, fix, apply }: { testId: string; text: string; fix: string; apply: (d: VideoDraft, info: SourceInfo) => EditResult }) {
  return (
    <div className="export__tail" role="status" data-testid={testId}>
      <p>{text}</p>
      <Button size="sm" onClick={() => useEditor.getState().edit((d) => apply(d, useEditor.getState().sourceInfo))} data-testid={`${testId}-fix`}>
        {fix}
      </Button>
    </div>
  );
}

/**
 * The status line while an export runs: "Preparing…", its per cent and time left ("Exporting… 62% · about 40 s
 * left"), "Finishing…"; only the time left when the pass line above already gives the per cent (it said "62%"
 * twice: walk #61).
 */
function runningText(phase: RunningPhase, l: { unit: LeftUnit; n: number } | null, phaseShown: boolean): string {
  if (phase.kind === 'preparing') return t('export.preparing');
  if (phase.kind === 'finishing') return t('export.finishing');
  const leftText = l ? t(l.unit === 'sec' ? 'jobs.left.sec' : 'jobs.left.min', { n: l.n }) : null;
  if (phaseShown) return leftText ?? '';
  return leftText ? t('export.runningLeft', { pct: phase.pct, left: leftText }) : t('export.running', { pct: phase.pct });
}
