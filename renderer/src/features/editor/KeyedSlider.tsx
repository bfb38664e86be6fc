import { clipDuration, type Clip } from '../../../../electron/model/draft';
import { fieldOnKey, fieldProp, fieldValue, isKeyed, setFieldAt, type Field } from '../../../../electron/model/keyed-field';
import { t, type MessageKey } from '../../i18n';
import { useEditor } from '../../store/editorStore';
import { toggleKeyAtPlayhead, useAnimateFocus } from './animateActions';
import { localTime } from './animateLogic';

/** A press on a slider (or focusing it for the arrow keys) starts a gesture: one undo step, the next one another. */
let gesture = 0;

/**
 * An Inspector slider for a property that can be animated (X, Y, Scale, Rotation, Opacity, Volume). With keys it
 * shows the value at the playhead and a change writes a key there (model/keyed-field.ts); the diamond beside it
 * adds or removes a key at the playhead, the same command as the Animate section's.
 */
export function KeyedSlider({ clip, field, label, min, max, step, format, testId }: { clip: Clip; field: Field; label: string; min: number; max: number; step: number; format: (v: number) => string; testId?: string }) {
  const playhead = useEditor((s) => s.playhead);
  const fps = useEditor((s) => s.doc!.canvas.fps);
  const local = localTime(clip, playhead, fps);
  const keyed = isKeyed(clip, field);
  const value = fieldValue(clip, field, local ?? Math.max(0, Math.min(clipDuration(clip), playhead - clip.start)));
  const onKey = fieldOnKey(clip, field, local, fps);
  const prop = fieldProp(field);
  const name = t(`animate.prop.${prop}` as MessageKey);
  const outside = t('animate.outside');
  const change = (v: number) => {
    const at = localTime(clip, useEditor.getState().playhead, fps);
    if (keyed) useAnimateFocus.getState().touch(prop);
    // A refusal (a keyed value with the playhead off the clip) is told by edit() in a toast.
    useEditor.getState().edit((d) => setFieldAt(d, clip.id, field, v, at), { key: `field:${field}:${clip.id}:${gesture}`, sticky: true });
  };
  const diamond = onKey ? t('animate.removeKey', { name }) : t('animate.addKey', { name });
  return (
    <div className={`insp-row insp-row--keyable${keyed ? ' insp-row--keyed' : ''}`} data-testid={testId ? `${testId}-row` : undefined} data-keyed={keyed}>
      <label className="insp-row__label" htmlFor={testId ? `field-${testId}` : undefined}>
        {label}
      </label>
      <input
        id={testId ? `field-${testId}` : undefined}
        type="range"
        min={min}
        max={max}
        step={step}
        value={value}
        aria-label={label}
        aria-valuetext={keyed ? t('inspector.keyedValue', { value: format(value) }) : format(value)}
        disabled={keyed && local === null}
        title={keyed && local === null ? outside : undefined}
        onPointerDown={() => gesture++}
        onFocus={() => gesture++}
        onChange={(e) => change(Number(e.target.value))}
        data-testid={testId}
      />
      <span className="insp-row__value mono">{format(value)}</span>
      <button
        type="button"
        className="kf-diamond"
        aria-pressed={onKey}
        aria-label={`${label}: ${diamond}`}
        title={local === null ? outside : diamond}
        onClick={() => toggleKeyAtPlayhead(prop, outside)}
        data-testid={testId ? `${testId}-key` : undefined}
      >
        <span aria-hidden="true">◆</span>
      </button>
    </div>
  );
}
