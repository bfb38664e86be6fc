import { useEffect, useRef, useState } from 'react';
import { type AdjustKey, type MediaClip } from '../../../../electron/model/draft';
import { LOOK_RANGES } from '../../../../electron/model/clip-look';
import type { LookRecord } from '../../../../electron/model/imported-look';
import { shippedLookIds } from '../../../../electron/model/look-catalogue';
import { changeLook, type LookChange } from '../../../../electron/model/look-edit';
import { mediaUrl } from '../../api/media';
import { t, type MessageKey } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { useMay } from '../../store/meStore';
import { editorLutSource, useImportedLooks } from './importedLooks';
import { startImportedLooks } from './importedLooksLoader';
import { LookImportButton, RemoveLookDialog } from './LookImport';
import { adjustOrder, adjustStep, formatAdjust, formatStrength, lookThumbnailPixels, referenceSwatch, SWATCH_ROWS } from './lookLogic';

/**
 * The Inspector's "Look" section for a video or photo clip (docs/looks.md): a row of looks (the clip's picture
 * and a neutral reference strip through each), the chosen look's strength, and the adjustments, each with its value and a reset. A slider drag
 * is one undo step (a sticky key per slider); picking a look or a reset is one step.
 */

const THUMB = 56;

function apply(clipId: string, change: LookChange, key?: string) {
  useEditor.getState().edit((d) => changeLook(d, clipId, change), key ? { key: `look-${key}:${clipId}`, sticky: true } : {});
}

function LookThumb({ assetId, lutId, chosen, onPick, name: given }: { assetId: string; lutId: string | null; chosen: boolean; onPick: () => void; name?: string }) {
  const canvas = useRef<HTMLCanvasElement>(null);
  // An imported look's table may arrive after the row is drawn: draw again when it does.
  const version = useImportedLooks((s) => s.version);
  useEffect(() => {
    const img = new Image();
    let live = true;
    img.onload = () => {
      const c = canvas.current;
      const ctx = c?.getContext('2d', { willReadFrequently: true });
      if (!live || !c || !ctx) return;
      // The middle of the picture covers the top; the neutral reference strip fills the rows below it, and
      // both go through the look together (the strip shows what a look does to colours the clip lacks).
      const ph = THUMB - SWATCH_ROWS;
      const k = Math.min(img.naturalWidth / THUMB, img.naturalHeight / ph);
      ctx.drawImage(img, (img.naturalWidth - THUMB * k) / 2, (img.naturalHeight - ph * k) / 2, THUMB * k, ph * k, 0, 0, THUMB, ph);
      const px = ctx.getImageData(0, 0, THUMB, THUMB);
      px.data.set(referenceSwatch(THUMB, SWATCH_ROWS), THUMB * ph * 4);
      lookThumbnailPixels(px.data, THUMB, THUMB, lutId, editorLutSource);
      ctx.putImageData(px, 0, 0);
    };
    img.src = mediaUrl(assetId, 'thumb');
    return () => {
      live = false;
    };
  }, [assetId, lutId, version]);
  const name = given ?? t(lutId ? (`look.name.${lutId}` as MessageKey) : 'look.none');
  return (
    <button type="button" className={`look-thumb${chosen ? ' look-thumb--on' : ''}`} aria-pressed={chosen} onClick={onPick} data-testid={`look-${lutId ?? 'none'}`} title={name}>
      <canvas ref={canvas} width={THUMB} height={THUMB} className="look-thumb__img" aria-hidden />
      <span className="look-thumb__name">{name}</span>
    </button>
  );
}

function AdjustRow({ clipId, k, value }: { clipId: string; k: AdjustKey; value: number }) {
  const [min, max] = LOOK_RANGES[k];
  const label = t(`look.adjust.${k}` as MessageKey);
  return (
    <div className="insp-row look-row">
      <label className="insp-row__label" htmlFor={`look-${k}-${clipId}`}>
        {label}
      </label>
      <input
        id={`look-${k}-${clipId}`}
        type="range"
        min={min}
        max={max}
        step={adjustStep(k)}
        value={value}
        onChange={(e) => apply(clipId, { kind: 'adjust', key: k, value: Number(e.target.value) }, k)}
        aria-valuetext={formatAdjust(k, value)}
        data-testid={`look-adjust-${k}`}
      />
      <span className="insp-row__value mono look-row__value">
        {formatAdjust(k, value)}
        <button type="button" className="look-row__reset" disabled={value === 0} onClick={() => apply(clipId, { kind: 'resetAdjust', key: k })} aria-label={t('look.resetOne', { name: label })} title={t('look.resetOne', { name: label })} data-testid={`look-reset-${k}`}>
          ↺
        </button>
      </span>
    </div>
  );
}

/**
 * Held (pointer, or Space/Enter on it), the preview shows the clip without its look, as Lightroom's \ and
 * CapCut's compare do: judging a look needs the picture before it side by side in time (walk #60).
 */
function CompareButton({ clipId, disabled }: { clipId: string; disabled: boolean }) {
  const setComparing = useEditor((s) => s.setComparing);
  const on = useEditor((s) => s.comparing === clipId);
  // Let go however the button goes away (another clip selected, the look reset meanwhile).
  useEffect(() => () => useEditor.getState().setComparing(null), [clipId]);
  const hold = (yes: boolean) => setComparing(yes && !disabled ? clipId : null);
  return (
    <button
      type="button"
      className="btn btn--ghost btn--sm"
      disabled={disabled}
      aria-pressed={on}
      title={t('look.compareHint')}
      onPointerDown={(e) => {
        e.currentTarget.setPointerCapture(e.pointerId);
        hold(true);
      }}
      onPointerUp={() => hold(false)}
      onPointerCancel={() => hold(false)}
      onLostPointerCapture={() => hold(false)}
      onKeyDown={(e) => {
        if ((e.key === ' ' || e.key === 'Enter') && !e.repeat) {
          e.preventDefault();
          hold(true);
        }
      }}
      onKeyUp={(e) => {
        if (e.key === ' ' || e.key === 'Enter') hold(false);
      }}
      onBlur={() => hold(false)}
      data-testid="look-compare"
    >
      {t('look.compare')}
    </button>
  );
}

export function LookSection({ clip }: { clip: MediaClip }) {
  const look = clip.look ?? { adjust: {}, lut: null };
  const chosen = look.lut?.id ?? null;
  const imported = useImportedLooks((s) => s.looks);
  const mayManage = useMay('kits.edit');
  const [removing, setRemoving] = useState<LookRecord | null>(null);
  useEffect(() => startImportedLooks(), []);
  return (
    <section className="insp-section look" data-testid="look-section">
      <div className="look__head">
        <h3 className="insp-section__title">{t('look.title')}</h3>
        <CompareButton clipId={clip.id} disabled={!clip.look} />
        <button type="button" className="btn btn--ghost btn--sm" disabled={!clip.look} onClick={() => apply(clip.id, { kind: 'resetAll' })} data-testid="look-reset-all">
          {t('look.resetAll')}
        </button>
      </div>
      <div className="look__row" role="group" aria-label={t('look.choose')}>
        {[null, ...shippedLookIds].map((id) => (
          <LookThumb key={id ?? 'none'} assetId={clip.assetId} lutId={id} chosen={chosen === id} onPick={() => apply(clip.id, { kind: 'lut', id })} />
        ))}
        {imported.map((l) => (
          <div key={l.id} className="look-own">
            <LookThumb assetId={clip.assetId} lutId={l.id} name={l.name} chosen={chosen === l.id} onPick={() => apply(clip.id, { kind: 'lut', id: l.id })} />
            {mayManage && (
              <button type="button" className="look-own__remove" onClick={() => setRemoving(l)} aria-label={t('look.removeOne', { name: l.name })} title={t('look.removeOne', { name: l.name })} data-testid={`look-remove-${l.id.slice(0, 12)}`}>
                ×
              </button>
            )}
          </div>
        ))}
      </div>
      {mayManage && <LookImportButton onImported={(l) => apply(clip.id, { kind: 'lut', id: l.id })} />}
      <RemoveLookDialog look={removing} onClose={() => setRemoving(null)} />
      {look.lut && (
        <label className="insp-row">
          <span className="insp-row__label">{t('look.strength')}</span>
          <input type="range" min={0} max={1} step={0.01} value={look.lut.strength} onChange={(e) => apply(clip.id, { kind: 'strength', value: Number(e.target.value) }, 'strength')} aria-valuetext={formatStrength(look.lut.strength)} data-testid="look-strength" />
          <span className="insp-row__value mono">{formatStrength(look.lut.strength)}</span>
        </label>
      )}
      <h4 className="look__sub">{t('look.adjust')}</h4>
      {adjustOrder.map((k) => (
        <AdjustRow key={k} clipId={clip.id} k={k} value={look.adjust[k] ?? 0} />
      ))}
    </section>
  );
}
