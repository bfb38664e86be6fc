import type { Clip } from '../../../../electron/model/draft';
import { clearTrack, keyTimes, setKey, setKeyEasing } from '../../../../electron/model/keyframe-edit';
import { applyPreset, presetsFor, presetsOnClip, type AnimationPreset } from '../../../../electron/model/keyframe-presets';
import { easings, type Easing, type KeyframeProp, type Point } from '../../../../electron/model/keyframe-track';
import { t, type MessageKey } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { seekKey, toggleKeyAtPlayhead, useAnimateFocus } from './animateActions';
import { formatKeyValue, keyRows, localTime, valueRange, type KeyRow } from './animateLogic';
import { goToSelectedClip } from './preview/PreviewPane';

/**
 * The Inspector's "Animate" section (docs/timeline.md "Animate"): per property a diamond that adds a key at the
 * playhead (filled when the playhead is on one; click again to remove it), previous/next key, the key's value and
 * easing, and ready animations (Ken Burns for pictures, in/out for text). Changing a keyed value writes a key at
 * the playhead, as in CapCut.
 */
export function AnimateSection({ clip }: { clip: Clip }) {
  const playhead = useEditor((s) => s.playhead);
  const fps = useEditor((s) => s.doc!.canvas.fps);
  const kind = useEditor((s) => (clip.type === 'media' ? s.assets[clip.assetId]?.kind : undefined));
  const has = { picture: clip.type === 'text' || kind !== 'audio', sound: clip.type === 'media' && kind !== 'image' };
  const rows = keyRows(clip, has, playhead, fps);
  const inside = localTime(clip, playhead, fps) !== null;
  const presets = presetsFor(clip, has);
  const current = presetsOnClip(clip, has, fps);
  if (rows.length === 0) return null;
  const keys = keyTimes(clip).length;
  return (
    <section className="insp-section animate" data-testid="animate-section">
      <h3 className="insp-section__title">{t('animate.title')}</h3>
      {inside ? (
        <p className="insp__note">{t('animate.hint')}</p>
      ) : (
        // Off the clip the keys cannot be changed: say what is there and offer the way onto the clip (walk finding 13).
        <p className="insp__note animate__outside" data-testid="animate-outside">
          <span>{keys > 0 ? t('animate.outsideKeyed', { count: keys }) : t('animate.outside')}</span>{' '}
          <button type="button" className="preview__off-go" onClick={goToSelectedClip} data-testid="animate-go-to-clip">
            {t('preview.goToClip')}
          </button>
        </p>
      )}
      {rows.map((r) => (
        <AnimateRow key={r.prop} clip={clip} row={r} inside={inside} />
      ))}
      {presets.length > 0 && (
        <label className="insp-row">
          <span className="insp-row__label">{t('animate.presets')}</span>
          <select
            className="select select--sm insp-row__wide"
            value=""
            onChange={(e) => {
              const p = e.target.value as AnimationPreset;
              if (p) useEditor.getState().edit((d) => applyPreset(d, clip.id, p));
            }}
            data-testid="kf-preset"
          >
            {/* The empty choice names the clip's animation, so the menu says what the clip has (walk finding 17). */}
            <option value="">{current === null ? t('animate.presetPick') : current === 'custom' ? t('animate.presetCustom') : current.map((p) => t(`animate.preset.${p}` as MessageKey)).join(' · ')}</option>
            {presets.map((p) => (
              <option key={p} value={p}>
                {t(`animate.preset.${p}` as MessageKey)}
              </option>
            ))}
          </select>
        </label>
      )}
    </section>
  );
}

function AnimateRow({ clip, row, inside }: { clip: Clip; row: KeyRow; inside: boolean }) {
  const name = t(`animate.prop.${row.prop}` as MessageKey);
  const outside = t('animate.outside');
  const at = () => localTime(clip, useEditor.getState().playhead, useEditor.getState().doc!.canvas.fps);
  const write = (value: number | Point, part: string) => {
    const local = at();
    if (local === null) return;
    useAnimateFocus.getState().touch(row.prop);
    useEditor.getState().edit((d) => setKey(d, clip.id, row.prop, local, value), { key: `kf-value:${clip.id}:${row.prop}:${part}:${local}` });
  };
  return (
    <div className={`kf-row${row.keyed ? ' kf-row--keyed' : ''}`} data-testid={`kf-row-${row.prop}`} data-on-key={row.onKey}>
      <button
        type="button"
        className="kf-diamond"
        aria-pressed={row.onKey}
        aria-label={row.onKey ? t('animate.removeKey', { name }) : t('animate.addKey', { name })}
        title={row.onKey ? t('animate.removeKey', { name }) : t('animate.addKey', { name })}
        disabled={!inside}
        onClick={() => toggleKeyAtPlayhead(row.prop, outside)}
        data-testid={`kf-toggle-${row.prop}`}
      >
        <span aria-hidden="true">◆</span>
      </button>
      <span className="kf-row__name">{name}</span>
      <span className="kf-row__nav">
        <button type="button" className="kf-nav" aria-label={t('animate.prevKey', { name })} title={t('animate.prevKey', { name })} disabled={row.prev === null} onClick={() => seekKey(-1, [row.prop])} data-testid={`kf-prev-${row.prop}`}>
          ‹
        </button>
        <button type="button" className="kf-nav" aria-label={t('animate.nextKey', { name })} title={t('animate.nextKey', { name })} disabled={row.next === null} onClick={() => seekKey(1, [row.prop])} data-testid={`kf-next-${row.prop}`}>
          ›
        </button>
      </span>
      <span className="kf-row__value mono">{formatKeyValue(row.prop, row.value)}</span>
      {row.keyed && inside && (
        <div className="kf-row__edit">
          {typeof row.value === 'number' ? (
            <KeySlider label={t('animate.valueAt', { name })} prop={row.prop} value={row.value} onChange={(v) => write(v, 'v')} testId={`kf-value-${row.prop}`} />
          ) : (
            // Each with its axis shown beside it and in its name: two bare sliders read as "slider", "slider".
            <>
              <KeySlider axis="X" label={t('animate.valueAt', { name: t('inspector.x') })} prop={row.prop} value={row.value.x} onChange={(x) => write({ x, y: (row.value as Point).y }, 'x')} testId={`kf-value-${row.prop}-x`} />
              <KeySlider axis="Y" label={t('animate.valueAt', { name: t('inspector.y') })} prop={row.prop} value={row.value.y} onChange={(y) => write({ x: (row.value as Point).x, y }, 'y')} testId={`kf-value-${row.prop}-y`} />
            </>
          )}
          {row.onKey && row.lastKey && (
            // Easing is how a key moves to the NEXT one: after the last key nothing moves, so there is nothing to choose.
            <span className="kf-row__note" data-testid={`kf-easing-none-${row.prop}`}>
              {t('animate.easingLast')}
            </span>
          )}
          {row.onKey && !row.lastKey && row.easing && (
            <select
              className="select select--sm"
              aria-label={t('animate.easing', { name })}
              value={row.easing}
              onChange={(e) => {
                const local = at();
                if (local !== null) useEditor.getState().edit((d) => setKeyEasing(d, clip.id, row.prop, local, e.target.value as Easing));
              }}
              data-testid={`kf-easing-${row.prop}`}
            >
              {easings.map((e) => (
                <option key={e} value={e}>
                  {t(`animate.easing.${e}` as MessageKey)}
                </option>
              ))}
            </select>
          )}
          <button type="button" className="kf-clear" onClick={() => useEditor.getState().edit((d) => clearTrack(d, clip.id, row.prop))} data-testid={`kf-clear-${row.prop}`}>
            {t('animate.clear')}
          </button>
        </div>
      )}
    </div>
  );
}

/**
 * A keyed value's slider, named apart from the Inspector's own slider for the same property ("Position X at the
 * playhead" here, "Position X" there): a screen reader lists both. `axis`: the visible X or Y of a point.
 */
function KeySlider({ label, prop, value, onChange, testId, axis }: { label: string; prop: KeyframeProp; value: number; onChange: (v: number) => void; testId: string; axis?: string }) {
  const r = valueRange(prop);
  const input = <input type="range" className="kf-slider" aria-label={label} min={r.min} max={r.max} step={r.step} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />;
  if (!axis) return input;
  return (
    <label className="kf-axis">
      <span className="kf-axis__name" aria-hidden="true">
        {axis}
      </span>
      {input}
    </label>
  );
}

