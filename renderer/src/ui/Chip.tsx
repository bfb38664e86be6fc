import type { ReactNode } from 'react';
import { cx } from './Button';
import { CloseIcon } from './icons';

type ChipProps = {
  children: ReactNode;
  icon?: ReactNode;
  /** Toggle chips (filters): rendered as a pressed/unpressed button. */
  selected?: boolean;
  onClick?: () => void;
  /** Removable chips (tags): an × button with this accessible label. */
  onRemove?: () => void;
  removeLabel?: string;
  testId?: string;
};

export function Chip({ children, icon, selected, onClick, onRemove, removeLabel, testId }: ChipProps) {
  if (onClick) {
    return (
      <button
        type="button"
        className={cx('chip', 'chip--toggle', selected && 'chip--selected')}
        aria-pressed={selected}
        onClick={onClick}
        title={typeof children === 'string' ? children : undefined}
        data-testid={testId}
      >
        {icon}
        <span>{children}</span>
      </button>
    );
  }
  return (
    <span className="chip" data-testid={testId}>
      {icon}
      <span className="chip__text">{children}</span>
      {onRemove && (
        <button type="button" className="chip__remove" aria-label={removeLabel} title={removeLabel} onClick={onRemove}>
          <CloseIcon size={14} />
        </button>
      )}
    </span>
  );
}
