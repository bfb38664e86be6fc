import { useEffect, useRef } from 'react';
import { inboxOf, type Notice, noticesBetween, type NotifyPost } from '../../../../../electron/model/review-notify';
import type { ApprovalRule } from '../../../../../electron/model/workflow';
import { call, onEvent } from '../../../api/client';
import { t, type MessageKey } from '../../../i18n';
import { useStore } from '../../../store';
import { useMe } from '../../../store/meStore';
import { useReviewInbox } from './inboxStore';

/** Opens a notice's post in the Queue: a post waiting for me in its review, my decided post in its panel. */
export function openNotice(n: Notice): void {
  const inbox = useReviewInbox.getState();
  if (n.kind !== 'waiting') inbox.dismiss(n.key);
  inbox.request({ postId: n.postId, review: n.kind === 'waiting' });
  useStore.getState().setScreen('queue');
}

/** The OS notification (Electron: the system's; a browser: the site's) when the window is hidden and allowed. */
function notifyOs(n: Notice): boolean {
  if (typeof Notification === 'undefined' || Notification.permission !== 'granted' || !useReviewInbox.getState().notifyMe) return false;
  if (document.visibilityState !== 'hidden') return false;
  const note = new Notification(t(`notify.os.${n.kind}` as MessageKey), { body: n.title, tag: n.key });
  note.onclick = () => {
    window.focus();
    openNotice(n);
    note.close();
  };
  return true;
}

/**
 * Keeps the review inbox current for whoever this window works as (useMe), from the posts themselves: on
 * load the inbox is what waits now (nothing is lost while the app was closed); on each change, what became new
 * is announced, by the OS when the window is hidden, else by a toast. Mounted once, in the app shell.
 */
export function ReviewNotices() {
  const actor = useMe();
  const prev = useRef<NotifyPost[] | null>(null);
  useEffect(() => {
    prev.current = null; // another person: nothing to announce until their first load
    if (!actor) return useReviewInbox.getState().setNotices([]);
    let live = true;
    const load = async () => {
      const [posts, policy] = await Promise.all([call('posts.list', {}), call('policy.get', {})]);
      if (!live) return;
      const rules: readonly ApprovalRule[] = policy.approvals;
      const inbox = useReviewInbox.getState();
      inbox.setNotices(inboxOf(posts, actor, rules, inbox.dismissed));
      const fresh = noticesBetween(prev.current, posts, actor, rules);
      prev.current = posts;
      for (const n of fresh) {
        if (notifyOs(n)) continue;
        useStore.getState().showToast({
          message: t(`notify.toast.${n.kind}` as MessageKey, { title: n.title }),
          tone: n.kind === 'changes_requested' ? 'info' : 'success',
          action: { label: n.kind === 'waiting' ? t('review.open') : t('notify.open'), run: () => openNotice(n) },
          durationMs: 15_000,
        });
      }
    };
    const reload = () => void load().catch(() => undefined); // offline for a moment: the next change reloads
    reload();
    const offPosts = onEvent('posts.changed', reload);
    const offLibrary = onEvent('library.changed', reload);
    return () => {
      live = false;
      offPosts();
      offLibrary();
    };
  }, [actor]);
  return null;
}
