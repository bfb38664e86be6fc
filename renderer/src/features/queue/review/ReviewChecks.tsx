import { channelLimits } from '../../../../../electron/model/channels';
import type { RuleCheck } from '../../../../../electron/model/policy-report';
import { t, tn, type MessageKey } from '../../../i18n';
import { AlertIcon, CheckIcon } from '../../../ui/icons';

/** What the compliance policy checked, rule by rule, as the engine judged it (model/policy-report.ts). */
export function ReviewChecks({ checks }: { checks: readonly RuleCheck[] }) {
  const failed = checks.filter((c) => c.status === 'fail').length;
  return (
    <section className="review-section" data-testid="review-checks" data-failed={failed}>
      <h3 className="review-section__title">{t('review.checks.title')}</h3>
      <p className={failed ? 'review-summary review-summary--fail' : 'review-summary'}>{failed ? tn('review.checks.failed', failed) : t('review.checks.allPassed')}</p>
      <ul className="check-list">
        {checks.map((c) => (
          <li key={c.rule} className={`check check--${c.status}`} data-testid="review-check" data-rule={c.rule} data-status={c.status}>
            <span className="check__icon" aria-hidden="true">
              {c.status === 'pass' ? <CheckIcon size={16} /> : c.status === 'fail' ? <AlertIcon size={16} /> : '–'}
            </span>
            <span className="check__name">{t(`review.rule.${c.rule}` as MessageKey)}</span>
            <span className="check__status">{t(`review.checks.${c.status}` as MessageKey)}</span>
            {c.problems.map((p, i) => (
              <span key={i} className="check__problem">
                {p.message}. {p.fix}. <span className="check__channels">{t('review.checks.on', { channels: p.channels.map((ch) => channelLimits[ch].label).join(', ') })}</span>
              </span>
            ))}
          </li>
        ))}
      </ul>
    </section>
  );
}
