import { useState } from 'react';
import { CanvasPreset, type Fps } from '../../../../electron/model/draft';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextInput } from '../../ui/TextInput';
import { PresetShape } from './PresetShape';
import { RadioGroup } from '../../ui/RadioGroup';

const FPS_CHOICES: Fps[] = [24, 30, 60];

/** Name, shape and frame rate of a new video; Create opens it in the Editor. */
export function NewDraftDialog({ open, onClose }: { open: boolean; onClose: () => void }) {
  const createDraft = useStore((s) => s.createDraft);
  const [name, setName] = useState('');
  const [preset, setPreset] = useState<CanvasPreset>('9:16');
  const [fps, setFps] = useState<Fps>(30);
  const [busy, setBusy] = useState(false);

  const submit = async () => {
    setBusy(true);
    await createDraft(preset, fps, name.trim() || undefined);
    setBusy(false);
    setName('');
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={t('newDraft.title')}
      onClose={onClose}
      testId="new-draft-dialog"
      wide
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy} onClick={() => void submit()} data-testid="new-draft-create">
            {t('newDraft.create')}
          </Button>
        </>
      }
    >
      <form
        className="new-draft"
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
      >
        <TextInput label={t('newDraft.name')} placeholder={t('newDraft.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="new-draft-name" />
        <fieldset className="new-draft__group">
          <legend className="field__label">{t('newDraft.shape')}</legend>
          <RadioGroup className="preset-cards" aria-label={t('newDraft.shape')}>
            {CanvasPreset.options.map((p) => (
              <button
                key={p}
                type="button"
                role="radio"
                aria-checked={preset === p}
                className="preset-card"
                onClick={() => setPreset(p)}
                data-testid={`preset-${p}`}
              >
                <PresetShape preset={p} size={44} />
                <span className="preset-card__label">{t(`preset.${p}` as MessageKey)}</span>
                <span className="preset-card__hint">{t(`preset.${p}.hint` as MessageKey)}</span>
              </button>
            ))}
          </RadioGroup>
        </fieldset>
        <fieldset className="new-draft__group">
          <legend className="field__label">{t('newDraft.fps')}</legend>
          <RadioGroup className="segmented" aria-label={t('newDraft.fps')}>
            {FPS_CHOICES.map((f) => (
              <button key={f} type="button" role="radio" aria-checked={fps === f} className="segmented__item" onClick={() => setFps(f)} data-testid={`fps-${f}`}>
                {t('newDraft.fpsValue', { fps: f })}
              </button>
            ))}
          </RadioGroup>
        </fieldset>
      </form>
    </Dialog>
  );
}
