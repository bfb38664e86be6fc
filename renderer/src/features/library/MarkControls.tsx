import { colourLabels, labelColours, type ColourLabel } from '../../../../electron/model/organise';
import { t, tn } from '../../i18n';
import { cx } from '../../ui/Button';

const STARS = [1, 2, 3, 4, 5] as const;

/**
 * Five star buttons. Clicking the current rating clears it (as in Lightroom and Eagle), so no separate "clear"
 * target is needed. `value` null: a mixed selection, no star lit.
 */
export function RatingStars({ value, onChange, testId }: { value: number | null; onChange: (rating: number) => void; testId?: string }) {
  return (
    <div className="stars" role="group" aria-label={t('rating.label')} title={t('rating.keysHint')} data-testid={testId} data-value={value ?? ''}>
      {STARS.map((n) => (
        <button
          key={n}
          type="button"
          className={cx('stars__star', value !== null && n <= value && 'stars__star--on')}
          aria-pressed={value === n}
          aria-label={value === n ? t('rating.clear') : tn('rating.set', n)}
          title={value === n ? t('rating.clear') : tn('rating.set', n)}
          onClick={() => onChange(value === n ? 0 : n)}
          data-testid={testId ? `${testId}-${n}` : undefined}
        >
          ★
        </button>
      ))}
    </div>
  );
}

/** The seven label swatches and a "no label" one; the current label is pressed. */
export function LabelSwatches({ value, onChange, testId }: { value: ColourLabel | null | undefined; onChange: (label: ColourLabel | null) => void; testId?: string }) {
  return (
    <div className="swatches" role="group" aria-label={t('label.pick')} data-testid={testId} data-value={value ?? ''}>
      {colourLabels.map((l) => (
        <button
          key={l}
          type="button"
          className={cx('swatches__swatch', value === l && 'swatches__swatch--on')}
          style={{ background: labelColours[l] }}
          aria-pressed={value === l}
          aria-label={t('label.set', { label: t(`label.${l}`) })}
          title={t(`label.${l}`)}
          onClick={() => onChange(value === l ? null : l)}
          data-testid={testId ? `${testId}-${l}` : undefined}
        />
      ))}
      <button
        type="button"
        className={cx('swatches__swatch', 'swatches__swatch--none', value === null && 'swatches__swatch--on')}
        aria-pressed={value === null}
        aria-label={t('label.clear')}
        title={t('label.none')}
        onClick={() => onChange(null)}
        data-testid={testId ? `${testId}-none` : undefined}
      />
    </div>
  );
}

/** The small marks a grid cell wears: its stars and its label dot (nothing when neither is set). */
export function CellMarks({ rating, label }: { rating: number; label: ColourLabel | null }) {
  if (rating === 0 && label === null) return null;
  return (
    <span className="cell__marks">
      {label && <span className="cell__label-dot" style={{ background: labelColours[label] }} title={t(`label.${label}`)} data-testid="cell-label" data-label={label} />}
      {rating > 0 && (
        <span className="cell__stars" aria-label={tn('rating.shown', rating)} data-testid="cell-rating" data-rating={rating}>
          {'★'.repeat(rating)}
        </span>
      )}
    </span>
  );
}
