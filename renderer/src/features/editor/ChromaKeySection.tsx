import { useEffect, useRef } from 'react';
import { changeChromaKey, type ChromaKeyChange } from '../../../../electron/model/chroma-key-edit';
import type { MediaClip } from '../../../../electron/model/draft';
import { t } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { EyedropperIcon } from '../../ui/icons';
import { useKeyPicker } from './keyPicker';

/**
 * The Inspector's "Remove background colour" block (chroma key, docs/looks.md): on/off, the colour (colour box
 * or the eyedropper on the preview), how much around it goes (similarity) and how soft the edge is (blend).
 * A slider drag is one undo step (a sticky key per slider); the rest is one step each.
 */

function apply(clipId: string, change: ChromaKeyChange, key?: string) {
  useEditor.getState().edit((d) => changeChromaKey(d, clipId, change), key ? { key: `chroma-${key}:${clipId}`, sticky: true } : {});
}

const pct = (v: number) => `${Math.round(v * 100)}%`;

export function ChromaKeySection({ clip }: { clip: MediaClip }) {
  const key = clip.chromaKey;
  const picking = useKeyPicker((s) => s.clipId === clip.id);
  // Leaving the clip (another selected, the Inspector closed) ends its eyedropper.
  useEffect(() => () => {
    if (useKeyPicker.getState().clipId === clip.id) useKeyPicker.getState().stop();
  }, [clip.id]);
  const announced = useKeyPicker((s) => (s.lastPicked?.clipId === clip.id ? s.lastPicked.color : null));
  // When the eyedropper closes (a pick, Esc), the layer that had focus is gone: focus comes back to Pick.
  const dropper = useRef<HTMLButtonElement>(null);
  const wasPicking = useRef(picking);
  useEffect(() => {
    if (wasPicking.current && !picking && (document.activeElement === document.body || document.activeElement === null)) dropper.current?.focus();
    wasPicking.current = picking;
  }, [picking]);
  const togglePick = () => (picking ? useKeyPicker.getState().stop() : useKeyPicker.getState().start(clip.id));
  return (
    <section className="insp-section chroma" data-testid="chroma-key-section">
      <div className="look__head">
        <h3 className="insp-section__title" id={`chroma-title-${clip.id}`}>
          {t('chromaKey.title')}
        </h3>
        <input type="checkbox" role="switch" checked={!!key} aria-labelledby={`chroma-title-${clip.id}`} onChange={(e) => apply(clip.id, { kind: e.target.checked ? 'on' : 'off' })} data-testid="chroma-key-toggle" />
      </div>
      {!key && <p className="chroma__hint">{t('chromaKey.hint')}</p>}
      {/* The swatch and its hex on one row, Pick on its own below: beside them, "Picking…" pushed the hex off the
          inspector's edge ("#00ff0", a new user's walk). */}
      <div className="insp-row chroma__color">
        <span className="insp-row__label">{t('chromaKey.color')}</span>
        <span className="chroma__pick insp-row__wide">
          <input type="color" className="insp-color" value={key?.color ?? '#00ff00'} disabled={!key} aria-label={t('chromaKey.color')} onChange={(e) => apply(clip.id, { kind: 'color', color: e.target.value }, 'color')} data-testid="chroma-key-color" />
          <span className="insp-row__value mono chroma__hex" data-testid="chroma-key-hex">{key?.color ?? ''}</span>
        </span>
      </div>
      <div className="insp-row chroma__pickrow">
        <span aria-hidden="true" />
        <span className="insp-row__wide">
          <button
            ref={dropper}
            type="button"
            className={`btn btn--ghost btn--sm chroma__dropper${picking ? ' chroma__dropper--on' : ''}`}
            aria-pressed={picking}
            onClick={togglePick}
            title={t('chromaKey.pickHint')}
            data-testid="chroma-key-eyedropper"
          >
            <EyedropperIcon size={16} />
            {picking ? t('chromaKey.picking') : t('chromaKey.pick')}
          </button>
        </span>
      </div>
      <span className="visually-hidden" role="status" data-testid="chroma-key-announce">
        {announced ? t('chromaKey.picked', { color: announced }) : ''}
      </span>
      {key && (
        <>
          <label className="insp-row">
            <span className="insp-row__label">{t('chromaKey.similarity')}</span>
            <input type="range" min={0.01} max={0.6} step={0.01} value={key.similarity} onChange={(e) => apply(clip.id, { kind: 'similarity', value: Number(e.target.value) }, 'similarity')} aria-valuetext={pct(key.similarity)} data-testid="chroma-key-similarity" />
            <span className="insp-row__value mono">{pct(key.similarity)}</span>
          </label>
          <label className="insp-row">
            <span className="insp-row__label">{t('chromaKey.blend')}</span>
            <input type="range" min={0} max={0.5} step={0.01} value={key.blend} onChange={(e) => apply(clip.id, { kind: 'blend', value: Number(e.target.value) }, 'blend')} aria-valuetext={pct(key.blend)} data-testid="chroma-key-blend" />
            <span className="insp-row__value mono">{pct(key.blend)}</span>
          </label>
        </>
      )}
    </section>
  );
}
