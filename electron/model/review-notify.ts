import type { PostState, User } from './post';
import { type ApprovalRule, offeredEvents, type WorkflowPost } from './workflow';

/**
 * Review notifications (docs/review.md), derived from the posts alone so that nothing is lost while the app was
 * closed: what waits for a person is read from the posts' current state, and what to announce (an OS
 * notification) from the difference between the posts seen before and now.
 */

export type NotifyPost = WorkflowPost & { id: string; title: string; updatedAt: string };

export type NoticeKind = 'waiting' | 'approved' | 'changes_requested';
export type Notice = {
  /** Stable for one post in one state and edit: a dismissed notice stays dismissed until the post moves on. */
  key: string;
  kind: NoticeKind;
  postId: string;
  title: string;
  at: string;
};

const noticeOf = (p: NotifyPost, kind: NoticeKind): Notice => ({ key: `${kind}:${p.id}:${p.updatedAt}`, kind, postId: p.id, title: p.title, at: p.updatedAt });

/**
 * Whether `p` waits for `me`: in review, not mine, and the workflow would take my approval now (my role, the
 * channels' approval rules, not already approved by me): the same `transition` the engine runs.
 */
export function waitsFor(p: NotifyPost, me: User, rules: readonly ApprovalRule[]): boolean {
  return p.state === 'in_review' && p.createdBy !== me.id && offeredEvents(p, me, rules).includes('approve');
}

const DECIDED: readonly PostState[] = ['approved', 'changes_requested'];

/**
 * The inbox: posts waiting for my review, and my own posts with a decision (approved, or changes requested),
 * newest first. Decisions I dismissed (opened) are left out; waiting posts stay until they are decided.
 */
export function inboxOf(posts: readonly NotifyPost[], me: User, rules: readonly ApprovalRule[], dismissed: ReadonlySet<string> = new Set()): Notice[] {
  const out: Notice[] = [];
  for (const p of posts) {
    if (waitsFor(p, me, rules)) out.push(noticeOf(p, 'waiting'));
    else if (p.createdBy === me.id && DECIDED.includes(p.state)) {
      const n = noticeOf(p, p.state as NoticeKind);
      if (!dismissed.has(n.key)) out.push(n);
    }
  }
  return out.sort((a, b) => (a.at < b.at ? 1 : a.at > b.at ? -1 : a.key.localeCompare(b.key)));
}

/**
 * What is new between two loads of the posts, to announce: a post that now waits for me and did not before, and
 * my post that was in review and is now decided. On the first load (`prev` null) nothing is announced: the
 * inbox already shows it.
 */
export function noticesBetween(prev: readonly NotifyPost[] | null, next: readonly NotifyPost[], me: User, rules: readonly ApprovalRule[]): Notice[] {
  if (prev === null) return [];
  const before = new Map(prev.map((p) => [p.id, p]));
  const out: Notice[] = [];
  for (const p of next) {
    const was = before.get(p.id);
    if (waitsFor(p, me, rules) && !(was && waitsFor(was, me, rules))) out.push(noticeOf(p, 'waiting'));
    else if (p.createdBy === me.id && DECIDED.includes(p.state) && was?.state === 'in_review') out.push(noticeOf(p, p.state as NoticeKind));
  }
  return out;
}
