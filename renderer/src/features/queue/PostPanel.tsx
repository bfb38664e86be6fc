import { useCallback, useEffect, useState } from 'react';
import type { z } from 'zod';
import { channelLimits } from '../../../../electron/model/channels';
import type { Campaign, User } from '../../../../electron/model/post';
import type { PostCommentSchema, PostRecordShape } from '../../../../electron/model/post-record';
import { offeredEvents, type ApprovalRule, type PersonEventType } from '../../../../electron/model/workflow';
import { call, errorText } from '../../api/client';
import { t, type MessageKey } from '../../i18n';
import { useStore } from '../../store';
import { Button, IconButton } from '../../ui/Button';
import { CloseIcon } from '../../ui/icons';
import { CampaignDot, StateBadge } from './badges';
import { DeliveryBlock } from './DeliveryBlock';
import { localWhen } from './queueLogic';

type Comment = z.infer<typeof PostCommentSchema>;

/**
 * Workflow buttons of the panel, in the order shown. Which of them a person sees is decided by the engine's own
 * rules (model/workflow.ts `offeredEvents`, the same `transition` the engine runs), never by a copy here.
 */
const ACTIONS: { event: Exclude<PersonEventType, 'edit'>; label: MessageKey }[] = [
  { event: 'submit', label: 'queue.action.submit' },
  { event: 'approve', label: 'queue.action.approve' },
  { event: 'request_changes', label: 'queue.action.requestChanges' },
  { event: 'schedule', label: 'queue.action.schedule' },
  { event: 'unschedule', label: 'queue.action.unschedule' },
  { event: 'retry', label: 'queue.action.retry' },
];

/** The selected post: facts, the actions its state allows for the chosen profile, and the comment thread. */
export function PostPanel(props: { post: PostRecordShape; actor: User; users: User[]; zone: string; campaign: Campaign | undefined; onEdit: () => void; onReview: () => void; onClose: () => void }) {
  const { post, actor, users, zone, campaign, onEdit, onReview, onClose } = props;
  const showToast = useStore((s) => s.showToast);
  const [comments, setComments] = useState<Comment[]>([]);
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  // The approval rules decide who may approve; everyone may read them (policy.get).
  const [rules, setRules] = useState<readonly ApprovalRule[]>([]);
  useEffect(() => {
    let live = true;
    call('policy.get', {}).then(
      (p) => live && setRules(p.approvals),
      () => undefined, // without them the default rule applies; the engine still has the last word
    );
    return () => {
      live = false;
    };
  }, [post.updatedAt]);

  const loadComments = useCallback(
    () =>
      call('posts.comments', { id: post.id }).then(setComments, (e: unknown) => {
        showToast({ message: errorText(e), tone: 'error' });
      }),
    [post.id, showToast],
  );

  useEffect(() => {
    void loadComments();
  }, [loadComments, post.updatedAt]);

  const run = async (event: PersonEventType, comment?: string) => {
    setBusy(true);
    try {
      await call('posts.transition', { id: post.id, event, ...(comment ? { comment } : {}) });
      setAsking(false);
      setReason('');
      await loadComments();
    } catch (e) {
      // A refused transition carries the engine's own explanation ("needs a time first", "only approvers…").
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const sendComment = async () => {
    setBusy(true);
    try {
      await call('posts.comment', { id: post.id, body: note.trim() });
      setNote('');
      await loadComments();
    } catch (e) {
      showToast({ message: errorText(e), tone: 'error' });
    } finally {
      setBusy(false);
    }
  };

  const offered = offeredEvents(post, actor, rules);
  const actions = ACTIONS.filter((a) => offered.includes(a.event));
  const when = localWhen(post.scheduledAt, zone);
  const nameOf = (id: string) => users.find((u) => u.id === id)?.name ?? id;
  // Editing is the workflow's `edit` too: only where the engine would take it.
  const editable = offered.includes('edit');

  return (
    <aside className="post-panel" data-testid="post-panel" data-post-id={post.id} aria-label={post.title}>
      <header className="post-panel__header">
        <CampaignDot campaign={campaign} />
        <h2 className="post-panel__title">{post.title}</h2>
        <IconButton label={t('action.close')} icon={<CloseIcon size={18} />} onClick={onClose} />
      </header>
      <div className="post-panel__facts">
        <StateBadge state={post.state} />
        <span className="post-panel__when">{when ? t('queue.when', { date: when.date, time: when.time, zone }) : t('queue.unscheduled')}</span>
        <div className="post-row__channels">
          {post.targets.map((tg) => (
            <span key={tg.channel} className="channel-chip">
              {channelLimits[tg.channel].label}
            </span>
          ))}
        </div>
        {post.content.caption && <p className="post-panel__caption">{post.content.caption}</p>}
        {post.approvals.length > 0 && <p className="field__hint">{t('queue.approvedBy', { names: post.approvals.map(nameOf).join(', ') })}</p>}
      </div>
      <div className="post-panel__actions">
        {/* The review shows the post as each channel will: the way to judge it before approving. */}
        {post.state === 'in_review' && (
          <Button variant={offered.includes('approve') ? 'primary' : 'secondary'} onClick={onReview} title={t('review.openHint')} data-testid="post-review">
            {t('review.open')}
          </Button>
        )}
        {editable && (
          <Button onClick={onEdit} data-testid="post-edit">
            {t('queue.action.edit')}
          </Button>
        )}
        {actions.map((a) => (
          <Button
            key={a.event}
            variant={a.event === 'approve' || a.event === 'submit' ? 'primary' : 'secondary'}
            disabled={busy}
            onClick={() => (a.event === 'request_changes' ? setAsking(true) : void run(a.event))}
            data-testid={`post-action-${a.event}`}
          >
            {t(a.label)}
          </Button>
        ))}
      </div>
      {asking && (
        <div className="post-panel__ask">
          <label className="field">
            <span className="field__label">{t('queue.changesReason')}</span>
            <textarea className="textarea" value={reason} onChange={(e) => setReason(e.target.value)} data-testid="changes-reason" autoFocus />
          </label>
          <div className="post-panel__actions">
            <Button variant="ghost" onClick={() => setAsking(false)}>
              {t('action.cancel')}
            </Button>
            <Button variant="primary" disabled={busy || reason.trim() === ''} onClick={() => void run('request_changes', reason.trim())} data-testid="changes-send">
              {t('queue.action.requestChanges')}
            </Button>
          </div>
        </div>
      )}
      <DeliveryBlock post={post} actor={actor} zone={zone} onReschedule={onEdit} />
      <section className="post-panel__comments">
        <h3 className="queue-group__title">{t('queue.comments')}</h3>
        {comments.length === 0 ? (
          <p className="field__hint">{t('queue.noComments')}</p>
        ) : (
          <ul className="comment-list" data-testid="comment-list">
            {comments.map((c) => (
              <li key={c.id} className="comment" data-testid="comment">
                <span className="comment__meta">
                  {nameOf(c.authorId)} · {localWhen(c.at, zone)?.date} {localWhen(c.at, zone)?.time}
                </span>
                <span className="comment__body">{c.body}</span>
              </li>
            ))}
          </ul>
        )}
        <div className="comment-form">
          <textarea
            className="textarea"
            rows={2}
            value={note}
            placeholder={t('queue.commentPlaceholder')}
            aria-label={t('queue.commentLabel')}
            onChange={(e) => setNote(e.target.value)}
            onKeyDown={(e) => {
              if (e.key === 'Enter' && (e.metaKey || e.ctrlKey) && note.trim()) void sendComment();
            }}
            data-testid="comment-input"
          />
          <Button size="sm" disabled={busy || note.trim() === ''} onClick={() => void sendComment()} data-testid="comment-send">
            {t('queue.commentSend')}
          </Button>
        </div>
      </section>
    </aside>
  );
}
