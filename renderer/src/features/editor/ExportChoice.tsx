import { RadioGroup } from '../../ui/RadioGroup';

/**
 * One setting of an Export dialog (video and image): a label over a segmented radio group. `hint` is a line under
 * it (what the choice means in pixels and bytes). One Tab stop; arrows move the choice (ui/RadioGroup.tsx).
 */
export function ExportChoice<T extends string | number>({ label, value, options, onChange, disabled, testId, hint, hintTitle }: { label: string; value: T; options: { value: T; label: string; disabled?: boolean }[]; onChange: (v: T) => void; disabled?: boolean; testId: string; hint?: string; hintTitle?: string }) {
  return (
    <div className="export__row">
      <span className="field__label">{label}</span>
      <RadioGroup className="segmented" aria-label={label}>
        {options.map((o) => (
          <button key={String(o.value)} type="button" role="radio" aria-checked={value === o.value} className="segmented__item" disabled={disabled || o.disabled} onClick={() => onChange(o.value)} data-testid={`${testId}-${o.value}`}>
            {o.label}
          </button>
        ))}
      </RadioGroup>
      {hint && (
        <span className="field__hint" title={hintTitle || undefined} data-testid={`${testId}-hint`}>
          {hint}
        </span>
      )}
    </div>
  );
}
