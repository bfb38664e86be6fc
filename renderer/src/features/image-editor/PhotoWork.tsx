import { useRef, useState } from 'react';
import type { Crop } from '../../../../electron/model/draft-parts';
import { cropAspectOf, cropAspects, cropForAspect, type CropAspectId } from '../../../../electron/model/image-crop';
import { noAdjustments, photoFilters, type Adjustments, type PhotoEdit } from '../../../../electron/model/image-draft';
import { t, type MessageKey } from '../../i18n';
import { RadioGroup } from '../../ui/RadioGroup';

/**
 * Photo work (docs/image-editor.md "Photo work"), for a photo layer and for a photo background alike: crop to a
 * channel's aspect or freely, straighten, flip, the adjustments and a filter with its strength. Every control
 * hands `change` a pure edit of the PhotoEdit and a history key: a slider's drag is one sticky key (one undo
 * step however long it lasts), its arrow keys one burst. The canvas redraws through images.photo (debounced).
 */
export type PhotoChange = (fn: (e: PhotoEdit) => PhotoEdit, key: string, sticky: boolean) => void;

const ADJUST: { id: keyof Adjustments; min: number }[] = [
  { id: 'exposure', min: -1 },
  { id: 'contrast', min: -1 },
  { id: 'saturation', min: -1 },
  { id: 'temperature', min: -1 },
  { id: 'vibrance', min: -1 },
  { id: 'sharpen', min: 0 },
  { id: 'vignette', min: 0 },
];

let gestureSeq = 0;

/** A range input whose drag is one undo step (a new sticky key per pointer press) and whose keys fold into bursts. */
function Slider({ label, value, min, max, step, format, onValue, keyBase, testId }: { label: string; value: number; min: number; max: number; step: number; format: (v: number) => string; onValue: (v: number, key: string, sticky: boolean) => void; keyBase: string; testId: string }) {
  const gesture = useRef<string | null>(null);
  return (
    <label className="insp-row">
      <span className="insp-row__label">{label}</span>
      <input
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        onPointerDown={() => (gesture.current = `${keyBase}:drag:${++gestureSeq}`)}
        onPointerUp={() => (gesture.current = null)}
        onKeyDown={() => (gesture.current = null)}
        onChange={(e) => onValue(Number(e.target.value), gesture.current ?? `${keyBase}:keys`, gesture.current !== null)}
        data-testid={testId}
      />
      <span className="insp-row__value mono">{format(value)}</span>
    </label>
  );
}

const pct = (v: number) => `${v > 0 ? '+' : ''}${Math.round(v * 100)}`;

export function PhotoWork({ edit, source, change, onAspect, keyBase }: { edit: PhotoEdit; source: { width: number; height: number }; change: PhotoChange; onAspect?: (ratio: number) => void; keyBase: string }) {
  const aspect = cropAspectOf(source.width, source.height, edit.crop);
  const cropped = edit.crop.left + edit.crop.right + edit.crop.top + edit.crop.bottom > 0;
  const [free, setFree] = useState(cropped && aspect === null);
  const pickAspect = (id: CropAspectId) => {
    const ratio = cropAspects.find((a) => a.id === id)!.ratio;
    setFree(false);
    change((e) => ({ ...e, crop: cropForAspect(source.width, source.height, ratio) }), `${keyBase}:crop`, false);
    onAspect?.(ratio);
  };
  const setCrop = (side: keyof Crop, v: number, key: string, sticky: boolean) =>
    change(
      (e) => {
        const c = { ...e.crop, [side]: v };
        // Opposite sides together keep at least a tenth of the picture.
        const other = side === 'left' ? 'right' : side === 'right' ? 'left' : side === 'top' ? 'bottom' : 'top';
        if (c[side] + c[other] > 0.9) c[side] = Math.max(0, 0.9 - c[other]);
        return { ...e, crop: c };
      },
      key,
      sticky,
    );
  const filterOn = edit.filter.name !== 'none';
  return (
    <>
      <div className="ie-subhead">{t('imageEditor.crop')}</div>
      <div className="ie-btnrow" role="group" aria-label={t('imageEditor.crop')}>
        <button type="button" className="btn btn--secondary btn--sm" aria-pressed={!cropped && !free} onClick={() => (setFree(false), change((e) => ({ ...e, crop: { left: 0, top: 0, right: 0, bottom: 0 } }), `${keyBase}:crop`, false))} data-testid="ie-crop-none">
          {t('imageEditor.cropNone')}
        </button>
        {cropAspects.map((a) => (
          <button key={a.id} type="button" className="btn btn--secondary btn--sm" aria-pressed={!free && aspect === a.id} onClick={() => pickAspect(a.id)} data-testid={`ie-crop-${a.id}`}>
            {a.id}
          </button>
        ))}
        <button type="button" className="btn btn--secondary btn--sm" aria-pressed={free} onClick={() => setFree(true)} data-testid="ie-crop-free">
          {t('imageEditor.cropFree')}
        </button>
      </div>
      {free &&
        (['left', 'right', 'top', 'bottom'] as const).map((side) => (
          <Slider key={side} label={t(`imageEditor.crop.${side}` as MessageKey)} value={edit.crop[side]} min={0} max={0.9} step={0.005} format={(v) => `${Math.round(v * 100)}%`} onValue={(v, k, st) => setCrop(side, v, k, st)} keyBase={`${keyBase}:crop:${side}`} testId={`ie-crop-${side}`} />
        ))}
      <Slider label={t('imageEditor.straighten')} value={edit.straighten} min={-45} max={45} step={0.5} format={(v) => `${v}°`} onValue={(v, k, st) => change((e) => ({ ...e, straighten: v }), k, st)} keyBase={`${keyBase}:straighten`} testId="ie-straighten" />
      <div className="ie-btnrow">
        <button type="button" className="btn btn--secondary btn--sm" aria-pressed={edit.flipH} onClick={() => change((e) => ({ ...e, flipH: !e.flipH }), `${keyBase}:flipH`, false)} data-testid="ie-flip-h">
          {t('imageEditor.flipH')}
        </button>
        <button type="button" className="btn btn--secondary btn--sm" aria-pressed={edit.flipV} onClick={() => change((e) => ({ ...e, flipV: !e.flipV }), `${keyBase}:flipV`, false)} data-testid="ie-flip-v">
          {t('imageEditor.flipV')}
        </button>
      </div>
      <div className="ie-subhead">
        {t('imageEditor.adjust')}
        <button type="button" className="btn btn--ghost btn--sm" disabled={ADJUST.every((a) => edit.adjust[a.id] === noAdjustments[a.id])} onClick={() => change((e) => ({ ...e, adjust: noAdjustments }), `${keyBase}:adjust-reset`, false)} data-testid="ie-adjust-reset">
          {t('imageEditor.adjustReset')}
        </button>
      </div>
      {ADJUST.map((a) => (
        <Slider key={a.id} label={t(`imageEditor.adjust.${a.id}` as MessageKey)} value={edit.adjust[a.id]} min={a.min} max={1} step={0.01} format={pct} onValue={(v, k, st) => change((e) => ({ ...e, adjust: { ...e.adjust, [a.id]: v } }), k, st)} keyBase={`${keyBase}:adjust:${a.id}`} testId={`ie-adjust-${a.id}`} />
      ))}
      <div className="ie-subhead">{t('imageEditor.filter')}</div>
      <RadioGroup className="ie-btnrow" aria-label={t('imageEditor.filter')}>
        {photoFilters.map((f) => (
          <button key={f} type="button" role="radio" className="btn btn--secondary btn--sm" aria-checked={edit.filter.name === f} aria-pressed={edit.filter.name === f} onClick={() => change((e) => ({ ...e, filter: { ...e.filter, name: f } }), `${keyBase}:filter`, false)} data-testid={`ie-filter-${f}`}>
            {t(`imageEditor.filter.${f}` as MessageKey)}
          </button>
        ))}
      </RadioGroup>
      {filterOn && <Slider label={t('imageEditor.filterStrength')} value={edit.filter.strength} min={0} max={1} step={0.01} format={(v) => `${Math.round(v * 100)}%`} onValue={(v, k, st) => change((e) => ({ ...e, filter: { ...e.filter, strength: v } }), k, st)} keyBase={`${keyBase}:filter-strength`} testId="ie-filter-strength" />}
    </>
  );
}
