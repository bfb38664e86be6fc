import { useCallback, useEffect, useRef, useState } from 'react';
import { channelLimits } from '../../../../../electron/model/channels';
import type { User } from '../../../../../electron/model/post';
import type { PostReview } from '../../../../../electron/model/review';
import type { ApprovalRule } from '../../../../../electron/model/workflow';
import { call, errorText, onEvent } from '../../../api/client';
import { t } from '../../../i18n';
import { IconButton } from '../../../ui/Button';
import { CloseIcon } from '../../../ui/icons';
import { StateBadge } from '../badges';
import { PhoneFrame } from './PhoneFrame';
import { ReviewChecks } from './ReviewChecks';
import { ReviewDecision } from './ReviewDecision';
import { ReviewDiff } from './ReviewDiff';
import './review.css';

/**
 * The approver's review of one post (docs/review.md): a phone per channel playing the post with that channel's
 * text and safe zones, what the policy checked, what changed since my last review, and Approve / Request changes.
 */
export function ReviewView({ postId, actor, users, zone, onClose }: { postId: string; actor: User; users: User[]; zone: string; onClose: () => void }) {
  const ref = useRef<HTMLDialogElement>(null);
  const [review, setReview] = useState<PostReview | null>(null);
  const [rules, setRules] = useState<readonly ApprovalRule[]>([]);
  const [error, setError] = useState<string | null>(null);
  const [tab, setTab] = useState(0);
  const [showZones, setShowZones] = useState(true);

  const load = useCallback(
    () =>
      Promise.all([call('posts.review', { id: postId }), call('policy.get', {})]).then(
        ([r, p]) => {
          setReview(r);
          setRules(p.approvals);
          setError(null);
        },
        (e: unknown) => setError(errorText(e)),
      ),
    [postId],
  );

  useEffect(() => {
    void load();
    const offPosts = onEvent('posts.changed', ({ ids }) => (ids.length === 0 || ids.includes(postId)) && void load());
    const offDrafts = onEvent('drafts.changed', () => void load());
    return () => {
      offPosts();
      offDrafts();
    };
  }, [load, postId]);

  useEffect(() => {
    const el = ref.current;
    if (el && !el.open) el.showModal();
  }, []);

  const post = review?.post;
  const target = review?.channels[Math.min(tab, review.channels.length - 1)];
  const author = post ? (users.find((u) => u.id === post.createdBy)?.name ?? post.createdBy) : '';
  const failed = review?.checks.filter((c) => c.status === 'fail').length ?? 0;

  return (
    <dialog
      ref={ref}
      className="review"
      aria-label={post?.title ?? t('review.open')}
      data-testid="review-view"
      data-post-id={postId}
      onCancel={(e) => {
        e.preventDefault();
        onClose();
      }}
    >
      <header className="review__header">
        <div className="review__heading">
          <h2 className="review__title">{post?.title ?? '…'}</h2>
          {post && (
            <span className="review__meta">
              <StateBadge state={post.state} />
              <span>{t('review.by', { name: author })}</span>
            </span>
          )}
        </div>
        <IconButton label={t('action.close')} icon={<CloseIcon size={18} />} onClick={onClose} data-testid="review-close" />
      </header>
      {error && (
        <div className="banner banner--error banner--inline" role="alert">
          {t('review.loadFailed', { reason: error })}
        </div>
      )}
      {review && post && target && (
        <div className="review__body">
          <div className="review__stage">
            <div className="segmented review__tabs" role="tablist" aria-label={t('review.channels')}>
              {review.channels.map((c, i) => (
                <button
                  key={c.channel}
                  type="button"
                  role="tab"
                  aria-selected={c.channel === target.channel}
                  className="segmented__item"
                  onClick={() => setTab(i)}
                  data-testid="review-tab"
                  data-channel={c.channel}
                >
                  {channelLimits[c.channel].label}
                </button>
              ))}
            </div>
            <PhoneFrame key={target.channel} target={target} draft={review.draft} coverTime={post.coverTime} showZones={showZones} onShowZones={setShowZones} />
          </div>
          <div className="review__side">
            <ReviewDecision post={post} actor={actor} rules={rules} failedChecks={failed} onDone={onClose} />
            {review.since && <ReviewDiff since={review.since} zone={zone} />}
            <ReviewChecks checks={review.checks} />
          </div>
        </div>
      )}
    </dialog>
  );
}
