import { useEffect, useState } from 'react';
import { timeToX } from '../../../../electron/model/timeline';
import { t } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { Button } from '../../ui/Button';
import { MicIcon, StopIcon } from '../../ui/icons';
import { formatElapsed } from '../capture/captureLogic';
import { startVoiceover, stopVoiceover, useVoiceover } from './voiceover';

/** The transport's voiceover button: record, cancel the countdown, stop (with the recorded time), saving. */
export function VoiceoverButton() {
  const phase = useVoiceover((s) => s.phase);
  const take = useVoiceover((s) => s.take);
  const [, setTick] = useState(0);
  useEffect(() => {
    if (!take) return;
    const timer = setInterval(() => setTick((n) => n + 1), 250);
    return () => clearInterval(timer);
  }, [take]);
  const common = { 'data-testid': 'voiceover-button', 'data-phase': phase } as const;
  if (phase === 'recording') {
    return (
      <Button size="sm" variant="danger" icon={<StopIcon size={14} />} onClick={() => void stopVoiceover()} {...common}>
        {t('voiceover.stop')} <span className="mono" data-testid="voiceover-elapsed" data-ms={Math.floor(take?.elapsedMs() ?? 0)}>{formatElapsed(take?.elapsedMs() ?? 0)}</span>
      </Button>
    );
  }
  if (phase === 'countdown') {
    return (
      <Button size="sm" onClick={() => void stopVoiceover()} {...common}>
        {t('capture.cancel')}
      </Button>
    );
  }
  if (phase === 'saving') {
    return (
      <Button size="sm" disabled icon={<MicIcon size={16} />} {...common}>
        {t('voiceover.saving')}
      </Button>
    );
  }
  return (
    <Button size="sm" variant="ghost" icon={<MicIcon size={16} />} title={t('voiceover.hint')} onClick={() => void startVoiceover()} {...common}>
      {t('voiceover.record')}
    </Button>
  );
}

/** The big "3, 2, 1" over the preview before a voiceover starts. */
export function VoiceoverCountdown() {
  const phase = useVoiceover((s) => s.phase);
  const n = useVoiceover((s) => s.countdown);
  if (phase !== 'countdown' || n <= 0) return null;
  return (
    <div className="vo-countdown" role="status" aria-live="assertive" data-testid="voiceover-countdown">
      <span key={n} className="vo-countdown__n">
        {n}
      </span>
      <span>{t('voiceover.countdown', { n })}</span>
    </div>
  );
}

/** On the voiceover track: where the take is going, growing with the playhead while it records. */
export function VoiceoverGhost() {
  const phase = useVoiceover((s) => s.phase);
  const at = useVoiceover((s) => s.at);
  const take = useVoiceover((s) => s.take);
  const pps = useEditor((s) => s.pxPerSec);
  // Re-rendered by the moving playhead while recording; the take's clock gives the length (frozen once stopped).
  useEditor((s) => s.playhead);
  if ((phase !== 'recording' && phase !== 'saving') || !take) return null;
  return (
    <div className={`vo-ghost vo-ghost--${phase}`} style={{ left: timeToX(at, pps), width: Math.max(2, timeToX(take.elapsedMs() / 1000, pps)) }} aria-hidden="true" data-testid="voiceover-ghost">
      <span className="vo-ghost__label">{phase === 'recording' ? t('voiceover.recording') : t('voiceover.saving')}</span>
    </div>
  );
}
