import { useMemo, useState } from 'react';
import { captionSyncResultOf } from '../../../../../electron/model/job';
import { call } from '../../../api/client';
import { t, type MessageKey } from '../../../i18n';
import { useEditor } from '../../../store/editorStore';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { CheckIcon } from '../../../ui/icons';
import { useCapture } from '../../capture/captureStore';
import { addCaptions, CaptionTargetChoice, useCaptionTarget } from './AddCaptions';
import { type SpeechAudio, speechAudioOf } from './captionJobLogic';
import { CaptionJobStatus } from './JobStatus';
import { useCaptionJob } from './useCaptionJob';

/**
 * Sync to script: the script (pasted, or the teleprompter's) is aligned to the draft's recording offline as a
 * 'caption-sync' job; the cues it returns are added as one undoable edit when the creator says so.
 */
export function SyncScriptDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const draftId = useEditor((s) => s.draftId);
  const audio = useSpeechAudio();
  const teleprompter = useCapture((s) => s.settings.script.trim());
  const [script, setScript] = useState('');
  const [addError, setAddError] = useState<string | null>(null);
  const [target, setTarget] = useCaptionTarget('en');
  const job = useCaptionJob();
  const result = job.job ? captionSyncResultOf(job.job) : null;

  const start = () => {
    if (!draftId) return;
    setAddError(null);
    void job.start(() => call('captions.syncScript', { draftId, script, language: 'en' }));
  };
  const close = () => {
    if (job.running) return;
    job.reset();
    setAddError(null);
    onClose();
  };
  const add = () => {
    if (!result) return;
    const refused = addCaptions(result.cues, 'en', target);
    setAddError(refused);
    if (!refused) close();
  };

  return (
    <Dialog
      open={open}
      title={t('captionJobs.syncTitle')}
      onClose={close}
      testId="sync-script-dialog"
      wide
      footer={
        job.running ? (
          <Button variant="danger" onClick={job.cancel} data-testid="caption-job-cancel">
            {t('action.cancel')}
          </Button>
        ) : (
          <>
            <Button variant="ghost" onClick={close}>
              {t('action.close')}
            </Button>
            <Button variant={result ? 'secondary' : 'primary'} disabled={!script.trim() || audio.kind === 'none'} onClick={start} data-testid="sync-start">
              {job.job ? t('captionJobs.again') : t('captionJobs.start')}
            </Button>
            {result && result.cues.length > 0 && (
              <Button variant="primary" onClick={add} data-testid="caption-job-add">
                {t('captionJobs.add')}
              </Button>
            )}
          </>
        )
      }
    >
      <div className="caption-job__form">
        <RecordingLine audio={audio} />
        <label className="field">
          <span className="field__label">{t('captionJobs.script')}</span>
          <textarea
            className="textarea caption-job__script"
            value={script}
            placeholder={t('captionJobs.scriptPlaceholder')}
            onChange={(e) => setScript(e.target.value)}
            disabled={job.running}
            rows={7}
            data-testid="sync-script"
          />
          <span className="field__hint">{t('captionJobs.scriptHint')}</span>
        </label>
        {teleprompter && teleprompter !== script.trim() && (
          <Button size="sm" variant="ghost" className="caption-job__inline" onClick={() => setScript(teleprompter)} disabled={job.running} data-testid="sync-use-teleprompter">
            {t('captionJobs.useTeleprompter')}
          </Button>
        )}
        <div className="caption-job__row">
          <span className="field__label">{t('captionJobs.language')}</span>
          <span data-testid="sync-language">{t('captionJobs.english')}</span>
          <span className="field__hint">{t('captionJobs.englishOnly')}</span>
        </div>
        {job.error && (
          <p className="field__error" role="alert" data-testid="caption-job-refused">
            {job.error}
          </p>
        )}
        <CaptionJobStatus job={job.job} starting={job.running} testId="caption-job" />
        {result && (
          <div className="caption-job__result" data-testid="caption-job-result" data-cues={result.cues.length}>
            <p className="caption-job__summary">
              {result.cues.length > 0 && <CheckIcon size={16} />}
              {result.cues.length === 0
                ? t('captionJobs.nothingHeard')
                : t(result.heardWords === result.totalWords ? 'captionJobs.syncDone' : 'captionJobs.syncDonePartly', { cues: result.cues.length, heard: result.heardWords, total: result.totalWords })}
            </p>
            <CaptionTargetChoice language="en" value={target} onChange={setTarget} />
          </div>
        )}
        {addError && (
          <p className="field__error" role="alert" data-testid="caption-job-add-error">
            {addError}
          </p>
        )}
      </div>
    </Dialog>
  );
}

/** The recording a caption job would read, recomputed when the draft or its assets change. */
export function useSpeechAudio(): SpeechAudio {
  const doc = useEditor((s) => s.doc);
  const assets = useEditor((s) => s.assets);
  return useMemo(() => (doc ? speechAudioOf(doc, assets) : { kind: 'none' }), [doc, assets]);
}

/** Which recording the job reads (the engine's choice named), shared with Auto-captions. */
export function RecordingLine({ audio }: { audio: SpeechAudio }) {
  const text =
    audio.kind === 'clip'
      ? t(`captionJobs.audio.${audio.role}` as MessageKey, { name: audio.name })
      : audio.kind === 'refused'
        ? t(`captionJobs.audio.refused.${audio.role}` as MessageKey, { count: audio.clips })
        : t('captionJobs.audio.none');
  return (
    <div className="caption-job__row">
      <span className="field__label">{t('captionJobs.audio')}</span>
      <span className={audio.kind === 'clip' ? 'caption-job__audio' : 'field__hint'} data-testid="caption-job-audio" data-kind={audio.kind}>
        {text}
      </span>
    </div>
  );
}
