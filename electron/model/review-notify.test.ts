import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { postStates, type ChannelId, type User } from './post';
import { inboxOf, noticesBetween, type NotifyPost, waitsFor } from './review-notify';

const cara: User = { id: 'c1', name: 'Cara', role: 'creator' };
const ada: User = { id: 'a1', name: 'Ada', role: 'approver' };
const abe: User = { id: 'a2', name: 'Abe', role: 'approver' };
const dee: User = { id: 'ad', name: 'Dee', role: 'admin' };

const post = (id: string, over: Partial<NotifyPost> = {}, channels: ChannelId[] = ['tiktok']): NotifyPost => ({
  id, title: `Post ${id}`, updatedAt: '2026-03-01T10:00:00.000Z', state: 'in_review', createdBy: 'c1', scheduledAt: null, approvals: [],
  targets: channels.map((channel) => ({ channel, overrides: {} })), ...over,
});

describe('review notifications', () => {
  it('a post in review waits for approvers and admins, not for its author, a creator or who already approved', () => {
    const p = post('p1');
    expect(waitsFor(p, ada, [])).toBe(true);
    expect(waitsFor(p, dee, [])).toBe(true);
    expect(waitsFor(p, cara, [])).toBe(false);
    expect(waitsFor(post('p2', { createdBy: 'a1' }), ada, [])).toBe(false);
    expect(waitsFor(post('p3', { approvals: ['a1'] }), ada, [{ channel: 'tiktok', approvers: 2, mode: 'any' }])).toBe(false);
    expect(waitsFor(post('p4', { state: 'draft' }), ada, [])).toBe(false);
  });

  it('follows the channel approval rules: a post for a channel another approver holds does not wait for me', () => {
    const rules = [{ channel: 'linkedin' as const, approvers: 1, mode: 'any' as const, approverIds: ['a2'] }];
    expect(waitsFor(post('p1', {}, ['linkedin']), ada, rules)).toBe(false);
    expect(waitsFor(post('p1', {}, ['linkedin']), abe, rules)).toBe(true);
    expect(waitsFor(post('p1', {}, ['linkedin', 'tiktok']), ada, rules)).toBe(true);
  });

  it('on load, the inbox is computed from the posts as they are (nothing lost while the page was closed)', () => {
    const posts = [
      post('w', { updatedAt: '2026-03-01T09:00:00.000Z' }),
      post('ok', { state: 'approved', updatedAt: '2026-03-01T11:00:00.000Z' }),
      post('no', { state: 'changes_requested', updatedAt: '2026-03-01T12:00:00.000Z' }),
      post('other', { state: 'approved', createdBy: 'c9' }),
    ];
    expect(inboxOf(posts, ada, []).map((n) => [n.kind, n.postId])).toEqual([['waiting', 'w']]);
    const cInbox = inboxOf(posts, cara, []);
    expect(cInbox.map((n) => [n.kind, n.postId])).toEqual([
      ['changes_requested', 'no'],
      ['approved', 'ok'],
    ]);
    // Opened (dismissed) decisions leave the inbox until the post moves on.
    expect(inboxOf(posts, cara, [], new Set([cInbox[1]!.key])).map((n) => n.postId)).toEqual(['no']);
    const moved = posts.map((p) => (p.id === 'ok' ? { ...p, updatedAt: '2026-03-02T00:00:00.000Z' } : p));
    expect(inboxOf(moved, cara, [], new Set([cInbox[1]!.key])).map((n) => n.postId)).toEqual(['ok', 'no']);
  });

  it('announces a submitted post to the approver and the decision to the creator, once', () => {
    const before = [post('p1', { state: 'draft' })];
    const submitted = [post('p1', { updatedAt: '2026-03-01T10:01:00.000Z' })];
    expect(noticesBetween(before, submitted, ada, []).map((n) => n.kind)).toEqual(['waiting']);
    expect(noticesBetween(before, submitted, cara, [])).toEqual([]);
    expect(noticesBetween(submitted, submitted, ada, [])).toEqual([]);
    const approved = [post('p1', { state: 'approved', approvals: ['a1'], updatedAt: '2026-03-01T10:02:00.000Z' })];
    expect(noticesBetween(submitted, approved, cara, []).map((n) => n.kind)).toEqual(['approved']);
    expect(noticesBetween(submitted, approved, ada, [])).toEqual([]);
    const rejected = [post('p1', { state: 'changes_requested', updatedAt: '2026-03-01T10:02:00.000Z' })];
    expect(noticesBetween(submitted, rejected, cara, []).map((n) => n.kind)).toEqual(['changes_requested']);
    // A new post that arrives already in review (first seen now) is announced; the first load announces nothing.
    expect(noticesBetween([], submitted, ada, []).map((n) => n.kind)).toEqual(['waiting']);
    expect(noticesBetween(null, submitted, ada, [])).toEqual([]);
  });

  it('every announced waiting notice is in the inbox computed from the new posts', () => {
    const postArb = fc.record({
      id: fc.constantFrom('p1', 'p2', 'p3'),
      state: fc.constantFrom(...postStates),
      createdBy: fc.constantFrom('c1', 'a1', 'a2'),
      approvals: fc.subarray(['a1', 'a2']),
    });
    const list = fc.uniqueArray(postArb, { selector: (p) => p.id, maxLength: 3 }).map((ps) => ps.map((p) => post(p.id, p)));
    fc.assert(
      fc.property(list, list, fc.constantFrom(cara, ada, abe, dee), (a, b, me) => {
        const inbox = new Set(inboxOf(b, me, []).map((n) => n.key));
        for (const n of noticesBetween(a, b, me, [])) expect(inbox.has(n.key)).toBe(true);
      }),
    );
  });
});
