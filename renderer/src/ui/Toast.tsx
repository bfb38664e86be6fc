import { cx } from './Button';
import { AlertIcon, CheckIcon, CloseIcon } from './icons';

export type ToastItem = {
  id: number;
  message: string;
  tone: 'info' | 'success' | 'error';
  action?: { label: string; run: () => void };
};

type ToastStackProps = { toasts: ToastItem[]; onDismiss: (id: number) => void; dismissLabel: string; regionLabel: string };

/** Bottom-centre stack. A polite live region so screen readers hear results without losing focus. */
export function ToastStack({ toasts, onDismiss, dismissLabel, regionLabel }: ToastStackProps) {
  return (
    <section className="toasts" aria-label={regionLabel} aria-live="polite">
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
