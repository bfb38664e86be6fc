import { useState } from 'react';
import type { User } from '../../../../../electron/model/post';
import type { PostRecordShape } from '../../../../../electron/model/post-record';
import { type ApprovalRule, transition } from '../../../../../electron/model/workflow';
import { call, errorText } from '../../../api/client';
import { t, type MessageKey } from '../../../i18n';
import { useStore } from '../../../store';
import { Button } from '../../../ui/Button';

/**
 * Approve / Request changes, one click each, with the comment box between them. Whether this person may take
 * either is the workflow's own `transition` (one set of rules); the engine checks again when the call arrives.
 */
export function ReviewDecision({ post, actor, rules, failedChecks, onDone }: { post: PostRecordShape; actor: User; rules: readonly ApprovalRule[]; failedChecks: number; onDone: () => void }) {
  const showToast = useStore((s) => s.showToast);
  const [comment, setComment] = useState('');
  const [busy, setBusy] = useState(false);
  const judge = (event: Parameters<typeof transition>[1]) => transition(post, event, actor, { approvals: rules, policyProblems: [] });
  const approve = judge({ type: 'approve' });
  const request = judge({ type: 'request_changes', comment: 'changes' });

  if (!approve.ok && !request.ok) {
    return (
      <section className="review-section review-decide" data-testid="review-decide" data-open="false">
        <h3 className="review-section__title">{t('review.decide.title')}</h3>
        <p className="field__hint" data-testid="review-decide-why">
          {post.state === 'in_review' ? approve.reason : t('review.decide.notNow', { state: t(`queue.state.${post.state}` as MessageKey).toLowerCase() })}
        </p>
      </section>
    );
  }

  const override = failedChecks > 0 && actor.role === 'admin';
  const blocked = failedChecks > 0 && !override;
  const run = async (event: 'approve' | 'request_changes') => {
    setBusy(true);
    try {
      const note = comment.trim();
      await call('posts.transition', { id: post.id, event, ...(note ? { comment: note } : {}), ...(event === 'approve' && override ? { override: true } : {}) });
      showToast({ message: t(event === 'approve' ? 'review.decide.approved' : 'review.decide.requested', { title: post.title }), tone: 'success' });
      setComment('');
      onDone();
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  return (
    <section className="review-section review-decide" data-testid="review-decide" data-open="true">
      <h3 className="review-section__title">{t('review.decide.title')}</h3>
      <label className="field">
        <span className="field__label">{t('review.decide.comment')}</span>
        <textarea className="textarea" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} data-testid="review-comment" />
        <span className="field__hint">{t('review.decide.commentHint')}</span>
      </label>
      {blocked && <p className="review-summary review-summary--fail">{t('review.decide.blocked')}</p>}
      <div className="review-decide__buttons">
        {request.ok && (
          <Button disabled={busy || comment.trim() === ''} onClick={() => void run('request_changes')} data-testid="review-request">
            {t('review.decide.request')}
          </Button>
        )}
        {approve.ok && (
          <Button variant="primary" disabled={busy || blocked} onClick={() => void run('approve')} data-testid="review-approve">
            {override ? t('review.decide.override') : t('review.decide.approve')}
          </Button>
        )}
      </div>
    </section>
  );
}
