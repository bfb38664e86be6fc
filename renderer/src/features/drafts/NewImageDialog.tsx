import { useState } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import { IMAGE_SIZE_MAX, IMAGE_SIZE_MIN, ImageCanvasPreset, imageCanvasFor, type ImageCanvas, type ImageDraft } from '../../../../electron/model/image-draft';
import { addPhoto } from '../../../../electron/model/image-edit';
import { call, errorText } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { imageIdFor } from '../../store/imageEditorStore';
import { Button } from '../../ui/Button';
import { Dialog } from '../../ui/Dialog';
import { TextInput } from '../../ui/TextInput';
import { PresetShape } from './PresetShape';
import { RadioGroup } from '../../ui/RadioGroup';

const PRESETS = ImageCanvasPreset.options.filter((p): p is Exclude<ImageCanvasPreset, 'custom'> => p !== 'custom');

/**
 * "New image post": a name and a canvas (a channel preset or a custom size); Create opens it in the image
 * editor. From the Library, the selected photos are placed on it (one per page when there are several: a carousel).
 */
export function NewImageDialog({ open, onClose, photos = [] }: { open: boolean; onClose: () => void; photos?: AssetSummary[] }) {
  const createImageDraft = useStore((s) => s.createImageDraft);
  const [name, setName] = useState('');
  const [preset, setPreset] = useState<ImageCanvasPreset>('4:5');
  const [width, setWidth] = useState('1080');
  const [height, setHeight] = useState('1350');
  const [busy, setBusy] = useState(false);
  const w = Number(width);
  const h = Number(height);
  const customOk = [w, h].every((v) => Number.isInteger(v) && v >= IMAGE_SIZE_MIN && v <= IMAGE_SIZE_MAX);
  const canvas: ImageCanvas | null = preset === 'custom' ? (customOk ? { preset, width: w, height: h } : null) : imageCanvasFor(preset);

  const submit = async () => {
    if (!canvas || busy) return;
    setBusy(true);
    await createImageDraft(canvas, name.trim() || undefined, photos.length > 0 ? (id) => placePhotos(id, photos) : undefined);
    setBusy(false);
    setName('');
    onClose();
  };

  return (
    <Dialog
      open={open}
      title={t('newImage.title')}
      onClose={onClose}
      testId="new-image-dialog"
      wide
      footer={
        <>
          <Button variant="ghost" onClick={onClose}>
            {t('action.cancel')}
          </Button>
          <Button variant="primary" disabled={busy || !canvas} onClick={() => void submit()} data-testid="new-image-create">
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
        <TextInput label={t('newDraft.name')} placeholder={t('newImage.namePlaceholder')} value={name} onChange={(e) => setName(e.target.value)} maxLength={200} data-testid="new-image-name" />
        {photos.length > 0 && <p className="field__hint">{t('newImage.withPhotos', { count: photos.length })}</p>}
        <fieldset className="new-draft__group">
          <legend className="field__label">{t('newDraft.shape')}</legend>
          <RadioGroup className="preset-cards preset-cards--image" aria-label={t('newDraft.shape')}>
            {[...PRESETS, 'custom' as const].map((p) => (
              <button key={p} type="button" role="radio" aria-checked={preset === p} className="preset-card" onClick={() => setPreset(p)} data-testid={`image-preset-${p}`}>
                <PresetShape preset={p} kind="image" size={44} />
                <span className="preset-card__label">{t(`imagePreset.${p}` as MessageKey)}</span>
                <span className="preset-card__hint">{p === 'custom' ? t('imagePreset.custom.hint') : `${imageCanvasFor(p).width} × ${imageCanvasFor(p).height}`}</span>
              </button>
            ))}
          </RadioGroup>
        </fieldset>
        {preset === 'custom' && (
          <div className="ie-size-row">
            <TextInput label={t('imageEditor.width')} inputMode="numeric" value={width} onChange={(e) => setWidth(e.target.value)} data-testid="new-image-width" />
            <TextInput label={t('imageEditor.height')} inputMode="numeric" value={height} onChange={(e) => setHeight(e.target.value)} data-testid="new-image-height" />
          </div>
        )}
        {preset === 'custom' && !customOk && (
          <p className="field__error" role="alert">
            {t('newImage.sizeError', { min: IMAGE_SIZE_MIN, max: IMAGE_SIZE_MAX })}
          </p>
        )}
      </form>
    </Dialog>
  );
}

/** Places library photos on a new draft: one on the first page, or one per page (a carousel) for several. */
async function placePhotos(id: string, photos: AssetSummary[]): Promise<void> {
  try {
    const record = await call('drafts.get', { id });
    if (record.doc.kind !== 'image') return;
    let doc: ImageDraft = record.doc;
    for (const [i, a] of photos.slice(0, 20).entries()) {
      if (i > 0) doc = { ...doc, pages: [...doc.pages, { id: imageIdFor('page'), background: doc.pages[0]!.background, layers: [] }] };
      const r = addPhoto(doc, doc.pages[i]!.id, a, imageIdFor);
      if (r.ok) doc = r.doc;
    }
    await call('drafts.save', { id, baseRevision: record.revision, doc });
  } catch (e) {
    useStore.getState().showToast({ message: errorText(e), tone: 'error' });
  }
}
