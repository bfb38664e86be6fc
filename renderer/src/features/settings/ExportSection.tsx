import { useCallback, useEffect, useState } from 'react';
import { encoderLabels, type ExportSettingsView } from '../../../../electron/model/export-settings';
import { can } from '../../../../electron/model/permissions';
import type { HardwareEncoding } from '../../../../electron/model/video-encoder';
import { call, errorText, onEvent } from '../../api/client';
import { t } from '../../i18n';
import { useStore } from '../../store';
import { useMe } from '../../store/meStore';
import { CheckIcon, ExportIcon } from '../../ui/icons';

/**
 * Settings → Export (docs/export.md "Hardware encoders"): Hardware encoding Auto / Off, with what this computer's
 * ffmpeg offers and what exports use now. Changing it is an admin's ('export.settings'); everyone else sees it
 * read-only with the reason, and the engine refuses their call too.
 */
export function ExportSection() {
  const actor = useMe();
  const allowed = actor !== null && can(actor.role, 'export.settings');
  const [view, setView] = useState<ExportSettingsView | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const load = useCallback(
    () =>
      void call('exportSettings.get', {}).then(
        (v) => {
          setView(v);
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [],
  );
  useEffect(() => {
    load();
    return onEvent('library.changed', load);
  }, [load]);

  const choose = async (value: HardwareEncoding) => {
    if (!actor || !view || value === view.hardwareEncoding) return;
    setBusy(true);
    try {
      setView(await call('exportSettings.set', { hardwareEncoding: value }));
      setError(null);
      useStore.getState().showToast({ message: t('exportSettings.saved'), tone: 'success' });
    } catch (e) {
      setError(errorText(e));
    } finally {
      setBusy(false);
    }
  };

  const options: { value: HardwareEncoding; label: string; hint: string }[] = [
    { value: 'auto', label: t('exportSettings.auto'), hint: t('exportSettings.autoHint') },
    { value: 'off', label: t('exportSettings.off'), hint: t('exportSettings.offHint') },
  ];
  return (
    <section className="card" aria-labelledby="settings-export" data-testid="export-settings">
      <h2 id="settings-export" className="card__title">
        {t('exportSettings.title')}
      </h2>
      <p className="field__hint">{t('exportSettings.intro')}</p>
      {actor && !allowed && (
        <p className="banner" data-testid="export-settings-readonly">
          {t('exportSettings.readOnly', { name: actor.name })}
        </p>
      )}
      {view && (
        <fieldset className="export-settings__choice" disabled={!allowed || busy} data-testid="hardware-encoding">
          <legend className="field__label">{t('exportSettings.hardware')}</legend>
          {options.map((o) => (
            <label key={o.value} className="export-settings__option">
              <input type="radio" name="hardware-encoding" value={o.value} checked={view.hardwareEncoding === o.value} onChange={() => void choose(o.value)} data-testid={`hardware-encoding-${o.value}`} />
              <span>
                <span className="export-settings__label">{o.label}</span>
                <span className="field__hint">{o.hint}</span>
              </span>
            </label>
          ))}
        </fieldset>
      )}
      {view && (
        <div className="export-settings__facts">
          <p className="status" data-testid="hardware-detected">
            <ExportIcon size={18} />
            <span>
              {detectedText(view)}
              {view.ffmpeg && !view.detected && view.listed.length > 0 && (
                <span className="status__message export-settings__tried" data-testid="hardware-tried">
                  {t('exportSettings.noneWorks', { names: view.listed.map((e) => encoderLabels[e].split(' (')[0]).join(', ') })}
                </span>
              )}
            </span>
          </p>
          <p className="status status--ok" data-testid="hardware-used">
            <CheckIcon size={18} />
            {t('exportSettings.used', { name: encoderLabels[view.used] })}
          </p>
        </div>
      )}
      {error && (
        <p className="field__error" role="alert">
          {error}
        </p>
      )}
    </section>
  );
}

function detectedText(v: ExportSettingsView): string {
  if (!v.ffmpeg) return t('exportSettings.noFfmpeg');
  if (v.detected) return t('exportSettings.detected', { name: encoderLabels[v.detected] });
  return t('exportSettings.noneFound');
}
