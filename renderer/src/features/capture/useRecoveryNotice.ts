import { useEffect } from 'react';
import { call, onEvent } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';

/**
 * On start (and when another library opens): if takes were interrupted, say so once, with a way to the Capture
 * room where they can be recovered. Quiet when there are none or the engine cannot be asked.
 */
export function useRecoveryNotice(): void {
  useEffect(() => {
    const check = () =>
      call('recordings.interrupted', {}).then(
        (takes) => {
          const s = useStore.getState();
          if (takes.length === 0 || s.screen === 'capture') return;
          s.showToast({ message: t('capture.recovery.found'), action: { label: t('capture.recovery.open'), run: () => useStore.getState().setScreen('capture') }, durationMs: 15000 });
        },
        () => undefined,
      );
    void check();
    return onEvent('library.changed', () => void check());
  }, []);
}
