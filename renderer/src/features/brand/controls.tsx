import { useState, type ReactNode } from 'react';
import type { Swatch } from '../../../../electron/model/brand-kit';
import { t } from '../../i18n';
import { cx } from '../../ui/Button';
import { RadioGroup } from '../../ui/RadioGroup';

/** Form rows of the kit editor, in the inspector's look (label left, control, value right). */
export function Row({ label, children, value }: { label: string; children: ReactNode; value?: string }) {
  return (
    <label className="brand-row">
      <span className="brand-row__label">{label}</span>
      <span className="brand-row__control">{children}</span>
      {value !== undefined && <span className="brand-row__value mono">{value}</span>}
    </label>
  );
}

export function Slider({ label, value, min, max, step, format, onChange, testId }: { label: string; value: number; min: number; max: number; step: number; format: (v: number) => string; onChange: (v: number) => void; testId?: string }) {
  return (
    <Row label={label} value={format(value)}>
      <input type="range" min={min} max={max} step={step} value={value} onChange={(e) => onChange(Number(e.target.value))} data-testid={testId} />
    </Row>
  );
}

export function Segmented<T extends string>({ label, value, options, onChange, testId }: { label: string; value: T; options: { value: T; label: string }[]; onChange: (v: T) => void; testId?: string }) {
  return (
    <div className="brand-row">
      <span className="brand-row__label">{label}</span>
      <RadioGroup className="segmented" aria-label={label}>
        {options.map((o) => (
          <button key={o.value} type="button" role="radio" aria-checked={value === o.value} className="segmented__item" onClick={() => onChange(o.value)} data-testid={testId ? `${testId}-${o.value}` : undefined}>
            {o.label}
          </button>
        ))}
      </RadioGroup>
    </div>
  );
}

/**
 * A colour: the kit's swatches first (one click keeps text on-brand), then any colour from the system picker.
 * The hex field accepts typed colours too, and only commits a complete #rrggbb.
 */
export function ColorField({ label, value, swatches, onChange, testId }: { label: string; value: string; swatches: readonly Swatch[]; onChange: (hex: string) => void; testId?: string }) {
  return (
    <div className="brand-row">
      <span className="brand-row__label">{label}</span>
      <div className="color-field" role="group" aria-label={label} data-testid={testId}>
        {swatches.map((s, i) => (
          <button
            key={`${s.name}-${i}`}
            type="button"
            className={cx('color-field__swatch', s.color.toLowerCase() === value.toLowerCase() && 'color-field__swatch--on')}
            style={{ background: s.color }}
            aria-pressed={s.color.toLowerCase() === value.toLowerCase()}
            aria-label={t('brand.useSwatch', { name: s.name, color: s.color })}
            title={`${s.name} ${s.color}`}
            onClick={() => onChange(s.color)}
          />
        ))}
        <input type="color" className="color-field__picker" value={value} aria-label={t('brand.otherColour', { label })} onChange={(e) => onChange(e.target.value)} />
        <HexInput value={value} onChange={onChange} label={label} />
      </div>
    </div>
  );
}

/** A hex text field that keeps what is typed and reports it once it is a colour; Esc or leaving shows the colour again. */
export function HexInput({ value, onChange, label, testId }: { value: string; onChange: (hex: string) => void; label: string; testId?: string }) {
  // What is being typed, while it is being typed; otherwise the field shows the colour as it is.
  const [text, setText] = useState<string | null>(null);
  return (
    <input
      className="hex-input mono"
      value={text ?? value}
      maxLength={7}
      spellCheck={false}
      aria-label={t('brand.hexOf', { label })}
      data-testid={testId}
      onChange={(e) => {
        const v = e.target.value.trim();
        setText(v);
        const hex = v.startsWith('#') ? v : `#${v}`;
        if (/^#[0-9a-f]{6}$/i.test(hex)) onChange(hex.toLowerCase());
      }}
      onBlur={() => setText(null)}
      onKeyDown={(e) => {
        if (e.key === 'Escape') setText(null);
      }}
    />
  );
}

export function Section({ title, hint, children, actions, testId }: { title: string; hint?: string; children: ReactNode; actions?: ReactNode; testId?: string }) {
  const id = `brand-sec-${title.replace(/\W+/g, '-').toLowerCase()}`;
  return (
    <section className="card brand-section" aria-labelledby={id} data-testid={testId}>
      <header className="brand-section__head">
        <div>
          <h2 id={id} className="card__title">
            {title}
          </h2>
          {hint && <p className="field__hint">{hint}</p>}
        </div>
        {actions && <div className="brand-section__actions">{actions}</div>}
      </header>
      {children}
    </section>
  );
}

export const pct = (v: number) => `${Math.round(v * 100)}%`;
