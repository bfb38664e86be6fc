import { onRadioGroupKey, radioTabStop } from '../../ui/radioGroup';

/**
 * One setting of an Export dialog (video and image): a label over a segmented radio group. `hint` is a line under
 * it (what the choice means in pixels and bytes). One Tab stop; arrows move the choice (ui/radioGroup.ts).
 */
export function ExportChoice<T extends string | number>({ label, value, options, onChange, disabled, testId, hint, hintTitle }: { label: string; value: T; options: { value: T; label: string; disabled?: boolean }[]; onChange: (v: T) => void; disabled?: boolean; testId: string; hint?: string; hintTitle?: string }) {
  const stop = radioTabStop(
    options.map((o) => value === o.value),
    options.map((o) => !(disabled || o.disabled)),
  );
  return (
    <div className="export__row">
      <span className="field__label">{label}</span>
      <div className="segmented" role="radiogroup" aria-label={label} onKeyDown={onRadioGroupKey}>
        {options.map((o, i) => (
          <button key={String(o.value)} type="button" role="radio" aria-checked={value === o.value} tabIndex={i === stop ? 0 : -1} className="segmented__item" disabled={disabled || o.disabled} onClick={() => onChange(o.value)} data-testid={`${testId}-${o.value}`}>
            {o.label}
          </button>
        ))}
      </div>
      {hint && (
        <span className="field__hint" title={hintTitle || undefined} data-testid={`${testId}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
