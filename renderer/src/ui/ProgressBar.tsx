import { cx } from './Button';

type ProgressBarProps = {
  /** 0..1, or null for an indeterminate bar. */
  value: number | null;
  label: string;
  size?: 'sm' | 'md';
  testId?: string;
};

export function ProgressBar({ value, label, size = 'md', testId }: ProgressBarProps) {
  const pct = value === null ? null : Math.round(Math.max(0, Math.min(1, value)) * 100);
  return (
    <div
      className={cx('progress', `progress--${size}`, pct === null && 'progress--indeterminate')}
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={100}
      aria-valuenow={pct ?? undefined}
      data-testid={testId}
    >
      <div className="progress__fill" style={pct === null ? undefined : { transform: `scaleX(${pct / 100})` }} />
    </div>
  );
}
