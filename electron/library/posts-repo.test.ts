import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Db, migrate, openDatabase } from './db';
import { type NewPost, PostsRepo } from './posts-repo';

const base = (over: Partial<NewPost> = {}): NewPost => ({
  draftId: null, title: 'Launch', content: { caption: 'Hello', hashtags: ['launch'], mentions: [], firstComment: '', link: null },
  targets: [{ channel: 'tiktok', overrides: {} }], coverTime: null, sponsored: false, campaignId: null, scheduledAt: null,
  timeZone: 'Europe/Helsinki', createdBy: 'owner', ...over,
});

describe('PostsRepo', () => {
  let db: Db;
  let repo: PostsRepo;
  let clock = new Date('2026-12-01T10:00:00Z');
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    clock = new Date('2026-12-01T10:00:00Z');
    repo = new PostsRepo(db, () => clock);
  });
  afterEach(() => db.close());

  it('round-trips a post with its JSON fields and starts as a draft at revision 1', () => {
    const p = repo.create(base({ sponsored: true, coverTime: 1.5, targets: [{ channel: 'x', overrides: { caption: 'Short' } }] }));
    expect(repo.get(p.id)).toEqual({
      ...base({ sponsored: true, coverTime: 1.5, targets: [{ channel: 'x', overrides: { caption: 'Short' } }] }),
      id: p.id, state: 'draft', revision: 1, approvals: [], createdAt: clock.toISOString(), updatedAt: clock.toISOString(),
    });
    expect(repo.get('nope')).toBeNull();
    expect(() => repo.require('nope')).toThrow(/no longer exists/);
  });

  it('filters by state, campaign and time range, scheduled first in time order', () => {
    const camp = repo.createCampaign({ name: 'Winter', color: '#112233', startDate: '2026-12-01', endDate: null, goal: '' });
    const late = repo.create(base({ title: 'late', scheduledAt: '2026-12-20T08:00:00.000Z', state: 'scheduled', campaignId: camp.id }));
    const early = repo.create(base({ title: 'early', scheduledAt: '2026-12-05T08:00:00.000Z', state: 'scheduled' }));
    const none = repo.create(base({ title: 'none' }));
    expect(repo.list().map((p) => p.title)).toEqual(['early', 'late', 'none']);
    expect(repo.list({ state: 'draft' }).map((p) => p.id)).toEqual([none.id]);
    expect(repo.list({ campaignId: camp.id }).map((p) => p.id)).toEqual([late.id]);
    expect(repo.list({ from: '2026-12-01T00:00:00.000Z', to: '2026-12-20T08:00:00.000Z' }).map((p) => p.id)).toEqual([early.id]);
    expect(repo.due(new Date('2026-12-06T00:00:00Z')).map((p) => p.id)).toEqual([early.id]);
    // An approved post with a planned time is not due: it goes out once someone schedules it.
    const planned = repo.create(base({ title: 'planned', scheduledAt: '2026-12-01T08:00:00.000Z', state: 'approved' }));
    expect(repo.due(new Date('2026-12-06T00:00:00Z')).map((p) => p.id)).not.toContain(planned.id);
    expect(repo.nextDueAt(new Date('2026-12-06T00:00:00Z'))).toBe('2026-12-20T08:00:00.000Z');
  });

  it('saves state and content, bumping the revision only for content edits', () => {
    const p = repo.create(base());
    clock = new Date('2026-12-01T11:00:00Z');
    const s1 = repo.save({ ...p, state: 'in_review' });
    expect([s1.state, s1.revision, s1.updatedAt]).toEqual(['in_review', 1, '2026-12-01T11:00:00.000Z']);
    const s2 = repo.save({ ...s1, content: { ...s1.content, caption: 'Changed' } }, { bumpRevision: true });
    expect([s2.content.caption, s2.revision]).toEqual(['Changed', 2]);
    expect(() => repo.save({ ...p, id: 'gone' })).toThrow(/no longer exists/);
  });

  it('keeps approvals (with their first time) and comments per post', () => {
    const p = repo.create(base());
    repo.setApprovals(p.id, ['a1']);
    clock = new Date('2026-12-01T12:00:00Z');
    repo.setApprovals(p.id, ['a1', 'a2']);
    expect(repo.get(p.id)!.approvals).toEqual(['a1', 'a2']);
    expect(db.prepare("SELECT at FROM post_approvals WHERE approver_id = 'a1'").pluck().get()).toBe('2026-12-01T10:00:00.000Z');
    repo.setApprovals(p.id, []);
    expect(repo.approvals(p.id)).toEqual([]);
    repo.addComment(p.id, 'a1', 'Shorter please');
    expect(repo.comments(p.id).map((c) => [c.authorId, c.body])).toEqual([['a1', 'Shorter please']]);
  });

  it('lists users admin first, creates users and campaigns, stores settings as JSON', () => {
    const c = repo.createUser('Cleo', 'creator');
    repo.createUser('Ari', 'approver');
    expect(repo.users().map((u) => u.name)).toEqual(['Owner', 'Ari', 'Cleo']);
    expect(repo.requireUser(c.id)).toEqual(c);
    expect(() => repo.requireUser('ghost')).toThrow(/no user "ghost"/);
    expect(repo.setting('policy')).toBeUndefined();
    repo.setSetting('policy', { hashtagCap: 3 });
    repo.setSetting('policy', { hashtagCap: 5 });
    expect(repo.setting('policy')).toEqual({ hashtagCap: 5 });
  });
});
