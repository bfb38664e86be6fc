import { type ReactNode, useEffect } from 'react';
import { t } from '../../i18n';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { CaptureIcon, ScreenIcon } from '../../ui/icons';
import { CapturePanel } from './CapturePanel';
import { CapturePreview } from './CapturePreview';
import { type CaptureMode, useCapture } from './captureStore';
import { ControlBar, TakeStatus } from './ControlBar';
import { RecoveryPanel } from './RecoveryPanel';
import './capture.css';
import { RadioGroup } from '../../ui/RadioGroup';

/**
 * The Capture room: a live preview with the controls under it, settings on the right, and interrupted takes
 * offered for recovery at the top. The camera opens when the room does and closes when it is left, unless a
 * take is running: then the recording goes on (the rail shows it) until it is stopped.
 */
export function CaptureScreen() {
  const mode = useCapture((s) => s.settings.mode);
  const locked = useCapture((s) => s.phase !== 'idle');
  const setSettings = useCapture((s) => s.setSettings);

  useEffect(() => {
    void useCapture.getState().openPreview();
    return () => useCapture.getState().closePreview();
  }, []);

  const modes: { value: CaptureMode; label: string; icon: ReactNode }[] = [
    { value: 'camera', label: t('capture.mode.camera'), icon: <CaptureIcon size={16} /> },
    { value: 'screen', label: t('capture.mode.screen'), icon: <ScreenIcon size={16} /> },
  ];

  return (
    <div className="capture" data-testid="capture-screen">
      <header className="capture__header">
        <h1 className="capture__title">{t('capture.title')}</h1>
        <RadioGroup className="segmented" aria-label={t('capture.mode')}>
          {modes.map((m) => (
            <button
              key={m.value}
              type="button"
              role="radio"
              aria-checked={mode === m.value}
              disabled={locked}
              className="segmented__item"
              onClick={() => setSettings({ mode: m.value })}
              data-testid={`capture-mode-${m.value}`}
            >
              {m.icon}
              {m.label}
            </button>
          ))}
        </RadioGroup>
      </header>
      <RecoveryPanel />
      <div className="capture__body">
        <section className="capture__main" aria-label={t('capture.preview')}>
          <CapturePreview />
          <ControlBar />
          <TakeStatus />
        </section>
        <CapturePanel />
      </div>
      <ScreenPicker />
    </div>
  );
}

/** Electron only: the app's own list of screens and windows (Chromium shows no picker inside Electron). */
function ScreenPicker() {
  const open = useCapture((s) => s.pickerOpen);
  const sources = useCapture((s) => s.screenSources);
  const choose = useCapture((s) => s.chooseSource);
  return (
    <Dialog open={open} title={t('capture.screen.pickTitle')} onClose={() => void choose(null)} wide testId="screen-picker" footer={<Button onClick={() => void choose(null)}>{t('capture.cancel')}</Button>}>
      {sources && sources.length === 0 && <p>{t('capture.screen.pickNone')}</p>}
      <div className="screen-grid">
        {(sources ?? []).map((s) => (
          <button key={s.id} type="button" className="screen-grid__item" onClick={() => void choose(s.id)}>
            {s.thumbnail ? <img src={s.thumbnail} alt="" /> : <span className="screen-grid__blank" />}
            <span className="screen-grid__name">{s.name}</span>
            <span className="screen-grid__kind">{t(s.kind === 'screen' ? 'capture.screen.kind.screen' : 'capture.screen.kind.window')}</span>
          </button>
        ))}
      </div>
    </Dialog>
  );
}
