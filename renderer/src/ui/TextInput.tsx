import { forwardRef, useId, type InputHTMLAttributes, type ReactNode } from 'react';
import { cx } from './Button';

type TextInputProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'size'> & {
  /** Visible label; when `hideLabel`, it is still the accessible name. */
  label: string;
  hideLabel?: boolean;
  leading?: ReactNode;
  trailing?: ReactNode;
  hint?: string;
  error?: string | null;
};

export const TextInput = forwardRef<HTMLInputElement, TextInputProps>(function TextInput(
  { label, hideLabel, leading, trailing, hint, error, className, id, ...rest },
  ref,
) {
  const autoId = useId();
  const inputId = id ?? autoId;
  const describedBy = error ? `${inputId}-error` : hint ? `${inputId}-hint` : undefined;
  return (
    <div className={cx('field', className)}>
      <label htmlFor={inputId} className={hideLabel ? 'visually-hidden' : 'field__label'}>
        {label}
      </label>
      <div className={cx('input', error && 'input--invalid')}>
        {leading && <span className="input__adorn">{leading}</span>}
        <input ref={ref} id={inputId} aria-invalid={error ? true : undefined} aria-describedby={describedBy} {...rest} />
        {trailing && <span className="input__adorn input__adorn--end">{trailing}</span>}
      </div>
      {error ? (
        <p id={`${inputId}-error`} className="field__error" role="alert">
          {error}
        </p>
      ) : hint ? (
        <p id={`${inputId}-hint`} className="field__hint">
          {hint}
        </p>
      ) : null}
    </div>
  );
});
