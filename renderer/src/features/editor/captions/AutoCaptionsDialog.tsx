import { useEffect, useMemo, useState } from 'react';
import { languageName } from '../../../../../electron/model/caption-track';
import { captionTranscribeResultOf } from '../../../../../electron/model/job';
import type { ModelList } from '../../../../../electron/model/whisper-models';
import { call, errorText } from '../../../api/client';
import { t } from '../../../i18n';
import { formatBytes } from '../../../i18n/format';
import { useStore } from '../../../store';
import { useEditor } from '../../../store/editorStore';
import { Button } from '../../../ui/Button';
import { Dialog } from '../../../ui/Dialog';
import { CheckIcon } from '../../../ui/icons';
import { ExportChoice } from '../ExportChoice';
import { addCaptions, CaptionTargetChoice, useCaptionTarget } from './AddCaptions';
import { type AutoLanguage, modelFor, trackLanguageOf } from './captionJobLogic';
import { CaptionJobStatus } from './JobStatus';
import { RecordingLine, useSpeechAudio } from './SyncScriptDialog';
import { useCaptionJob } from './useCaptionJob';

/** Settings → Captions models: the card the model manager lives in (its heading's id, for scrolling to it). */
export const MODELS_CARD_ID = 'settings-caption-models';

/** Leaves the editor for Settings and brings the models card into view once it is drawn. */
export function openModelSettings(): void {
  useStore.getState().setScreen('settings');
  // The cards above it fill in as their data arrives and push it down: keep it in view until its place has held
  // still for a third of a second (at most 3 s), then move focus to its heading.
  let lastTop = NaN;
  let still = 0;
  const reveal = (frames: number) => {
    const el = document.getElementById(MODELS_CARD_ID);
    if (el) {
      el.scrollIntoView({ block: 'start' });
      still = el.offsetTop === lastTop ? still + 1 : 0;
      lastTop = el.offsetTop;
      if (still >= 20 || frames === 0) {
        el.tabIndex = -1;
        el.focus({ preventScroll: true });
        return;
      }
    }
    if (frames > 0) requestAnimationFrame(() => reveal(frames - 1));
  };
  requestAnimationFrame(() => reveal(180));
}

/**
 * Auto-captions: speech recognition on this computer (whisper.cpp) as a 'caption-transcribe' job, with the model
 * it will use named; without a model (or a recogniser for this platform) it says what to do instead of starting.
 */
export function AutoCaptionsDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const draftId = useEditor((s) => s.draftId);
  const audio = useSpeechAudio();
  const [language, setLanguage] = useState<AutoLanguage>('en');
  const [models, setModels] = useState<ModelList | null>(null);
  const [listError, setListError] = useState<string | null>(null);
  const [addError, setAddError] = useState<string | null>(null);
  const job = useCaptionJob();
  const result = job.job ? captionTranscribeResultOf(job.job) : null;
  const trackLanguage = result ? trackLanguageOf(language, result.language) : language;
  const [target, setTarget] = useCaptionTarget(trackLanguage);
  const choice = useMemo(() => modelFor(models, language), [models, language]);

  useEffect(() => {
    if (!open) return;
    let live = true;
    call('models.list', {})
      .then((list) => {
        if (!live) return;
        setModels(list);
        setListError(null);
      })
      .catch((e: unknown) => live && setListError(errorText(e)));
    return () => {
      live = false;
    };
  }, [open]);

  const start = () => {
    if (!draftId) return;
    setAddError(null);
    void job.start(() => call('captions.transcribe', { draftId, language }));
  };
  const close = () => {
    if (job.running) return;
    job.reset();
    setAddError(null);
    onClose();
  };
  const add = () => {
    if (!result) return;
    const refused = addCaptions(result.cues, trackLanguage, target);
    setAddError(refused);
    if (!refused) close();
  };
  const size = (id: string) => formatBytes(models?.models.find((m) => m.id === id)?.sizeBytes ?? models?.models.find((m) => m.id === id)?.approxBytes ?? 0);

  return (
    <Dialog
      open={open}
      title={t('captionJobs.autoTitle')}
      onClose={close}
      testId="auto-captions-dialog"
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
            {choice.kind === 'model' && (
              <Button variant={result ? 'secondary' : 'primary'} disabled={audio.kind === 'none'} onClick={start} data-testid="auto-start">
                {job.job ? t('captionJobs.again') : t('captionJobs.start')}
              </Button>
            )}
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
        <ExportChoice
          label={t('captionJobs.language')}
          value={language}
          options={[
            { value: 'en', label: t('captionJobs.english') },
            { value: 'fi', label: t('captionJobs.finnish') },
            { value: 'und', label: t('captionJobs.detect') },
          ]}
          onChange={setLanguage}
          disabled={job.running}
          testId="auto-language"
        />
        <div className="caption-job__row" data-testid="auto-model" data-kind={choice.kind}>
          <span className="field__label">{t('captionJobs.model')}</span>
          {listError ? (
            <p className="field__error" role="alert">
              {listError}
            </p>
          ) : choice.kind === 'loading' ? (
            <span className="field__hint">{t('captionJobs.modelLoading')}</span>
          ) : choice.kind === 'unavailable' ? (
            <p className="field__error" role="alert" data-testid="auto-unavailable">
              {t('captionJobs.unavailable', { reason: choice.reason })}
            </p>
          ) : choice.kind === 'none' ? (
            <div className="caption-job__no-model" data-testid="auto-no-model">
              <p>{choice.anyInstalled ? t('captionJobs.noModelForLanguage') : t('captionJobs.noModel')}</p>
              <Button variant="primary" size="sm" onClick={openModelSettings} data-testid="auto-open-models">
                {t('captionJobs.openModels')}
              </Button>
            </div>
          ) : (
            <span className="caption-job__audio" data-testid="auto-model-name">
              {t('captionJobs.modelUsed', { model: choice.id, size: size(choice.id) })}
            </span>
          )}
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
                : language === 'und' && result.language
                  ? t('captionJobs.autoDoneLanguage', { cues: result.cues.length, words: result.words, language: languageName(result.language), model: result.modelId })
                  : t('captionJobs.autoDone', { cues: result.cues.length, words: result.words, model: result.modelId })}
            </p>
            <CaptionTargetChoice language={trackLanguage} value={target} onChange={setTarget} />
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
