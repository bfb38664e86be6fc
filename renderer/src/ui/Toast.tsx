import { useEffect, useRef } from 'react';
import { cx } from './Button';
import { AlertIcon, CheckIcon, CloseIcon } from './icons';

export type ToastItem = {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error';
  action?: { label: string; run: () => void };
};

type ToastStackProps = {
  toasts: ToastItem[];
  onDismiss: (id: number) => void;
  /** Told whether someone is reading the stack (pointer over it or focus in it): its toasts wait meanwhile. */
  onHold: (held: boolean) => void;
  dismissLabel: string;
  regionLabel: string;
};

/** Bottom-centre stack. A polite live region so screen readers hear results without losing focus. */
export function ToastStack({ toasts, onDismiss, onHold, dismissLabel, regionLabel }: ToastStackProps) {
  const section = useRef<HTMLElement>(null);
  const reading = useRef({ pointer: false, focus: false });
  const report = (patch: Partial<typeof reading.current>) => {
    Object.assign(reading.current, patch);
    onHold(reading.current.pointer || reading.current.focus);
  };
  const empty = toasts.length === 0;
  useEffect(() => {
    // A toast removed under the pointer or with focus in it sends no leave or blur: read the page again, so the
    // rest are not held for ever. An empty stack holds nothing.
    const el = section.current;
    Object.assign(reading.current, { pointer: reading.current.pointer && !empty, focus: !!el && el.contains(document.activeElement) });
    onHold(reading.current.pointer || reading.current.focus);
  }, [toasts, empty, onHold]);
  return (
    <section
      ref={section}
      className="toasts"
      aria-label={regionLabel}
      aria-live="polite"
      data-testid="toast-stack"
      onPointerEnter={() => report({ pointer: true })}
      onPointerLeave={() => report({ pointer: false })}
      onFocus={() => report({ focus: true })}
      onBlur={(e) => report({ focus: e.currentTarget.contains(e.relatedTarget) })}
    >
      {toasts.map((toast) => (
        <div key={toast.id} className={cx('toast', `toast--${toast.tone}`)} role={toast.tone === 'error' ? 'alert' : 'status'} data-testid="toast">
          <span className="toast__icon">{toast.tone === 'error' ? <AlertIcon size={18} /> : toast.tone === 'success' ? <CheckIcon size={18} /> : null}</span>
          <span className="toast__message">{toast.message}</span>
          {toast.action && (
            <button
              type="button"
              className="toast__action"
              onClick={() => {
                toast.action?.run();
                onDismiss(toast.id);
              }}
            >
              {toast.action.label}
            </button>
          )}
          <button type="button" className="toast__close" aria-label={dismissLabel} title={dismissLabel} onClick={() => onDismiss(toast.id)}>
            <CloseIcon size={16} />
          </button>
        </div>
      ))}
    </section>
  );
}
