import { channelLimits } from '../../../../../electron/model/channels';
import type { PostReview, ReviewChange } from '../../../../../electron/model/review';
import { t, type MessageKey } from '../../../i18n';
import { localWhen } from '../queueLogic';
import { shortTime } from './reviewLogic';

const empty = (s: string) => (s === '' ? t('review.diff.empty') : s);
const channels = (list: readonly string[]) => list.map((c) => channelLimits[c as keyof typeof channelLimits]?.label ?? c).join(', ');

/** One change as a label and its before → after (or what was added and removed). */
function describe(c: ReviewChange, zone: string): { label: string; before?: string; after?: string; note?: string } {
  const when = (iso: string | null) => {
    const w = localWhen(iso, zone);
    return w ? `${w.date} ${w.time}` : t('review.diff.unscheduled');
  };
  const addRemove = (added: readonly string[], removed: readonly string[], fmt: (l: readonly string[]) => string) =>
    [added.length ? t('review.diff.added', { list: fmt(added) }) : '', removed.length ? t('review.diff.removed', { list: fmt(removed) }) : ''].filter(Boolean).join('; ');
  switch (c.kind) {
    case 'text':
      return { label: t(`review.diff.field.${c.field}` as MessageKey), before: empty(c.before), after: empty(c.after) };
    case 'list':
      return { label: t(`review.diff.field.${c.field}` as MessageKey), note: addRemove(c.added, c.removed, (l) => l.map((x) => (c.field === 'hashtags' ? `#${x}` : `@${x}`)).join(' ')) };
    case 'channels':
      return { label: t('review.diff.channels'), note: addRemove(c.added, c.removed, channels) };
    case 'override':
      return { label: t('review.diff.override', { field: t(`review.diff.field.${c.field}` as MessageKey), channel: channelLimits[c.channel].label }), before: empty(c.before), after: empty(c.after) };
    case 'schedule':
      return { label: t('review.diff.schedule'), before: when(c.before), after: when(c.after) };
    case 'media':
      return { label: c.change === 'draft' ? t('review.diff.mediaDraft') : t('review.diff.mediaEdited', { before: String(c.beforeRevision ?? '–'), after: String(c.afterRevision ?? '–') }) };
    case 'cover': {
      const cover = (v: number | null) => (v === null ? t('review.diff.coverFirst') : shortTime(v));
      return { label: t('review.diff.cover'), before: cover(c.before), after: cover(c.after) };
    }
    case 'sponsored':
      return { label: t('review.diff.sponsored'), before: c.before ? t('review.diff.yes') : t('review.diff.no'), after: c.after ? t('review.diff.yes') : t('review.diff.no') };
  }
}

/** What changed since this person last reviewed the post (model/review.ts reviewDiff); nothing when they had not. */
export function ReviewDiff({ since, zone }: { since: NonNullable<PostReview['since']>; zone: string }) {
  const at = localWhen(since.review.at, zone);
  return (
    <section className="review-section review-diff" data-testid="review-diff" data-changes={since.changes.length}>
      <h3 className="review-section__title">{t('review.diff.title')}</h3>
      <p className="field__hint">{t('review.diff.since', { what: t(`review.kind.${since.review.kind}` as MessageKey), date: at?.date ?? '', time: at?.time ?? '' })}</p>
      {since.changes.length === 0 ? (
        <p className="review-summary">{t('review.diff.none')}</p>
      ) : (
        <ul className="diff-list">
          {since.changes.map((c, i) => {
            const d = describe(c, zone);
            return (
              <li key={i} className="diff" data-testid="review-change" data-kind={c.kind}>
                <span className="diff__label">{d.label}</span>
                {d.note && <span className="diff__note">{d.note}</span>}
                {d.before !== undefined && (
                  <span className="diff__values">
                    <del className="diff__before">{d.before}</del>
                    <span aria-hidden="true"> → </span>
                    <ins className="diff__after">{d.after}</ins>
                  </span>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}
