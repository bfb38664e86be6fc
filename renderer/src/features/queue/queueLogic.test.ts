import { describe, expect, it } from 'vitest';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { groupOf, groupPosts, highlight, parseTags, postsByLocalDay } from './queueLogic';

const post = (id: string, state: PostRecordShape['state'], scheduledAt: string | null, title = id): PostRecordShape => ({
  id,
  draftId: 'd',
  title,
  content: { caption: '', hashtags: [], mentions: [], firstComment: '', link: null },
  targets: [{ channel: 'tiktok', overrides: {} }],
  coverTime: null,
  sponsored: false,
  campaignId: null,
  scheduledAt,
  timeZone: 'UTC',
  state,
  createdBy: 'owner',
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
  revision: 1,
  approvals: [],
});

describe('queue grouping', () => {
  it('puts every state in one group and keeps the group order', () => {
    expect(groupOf('changes_requested')).toBe('drafts');
    expect(groupOf('rendering')).toBe('scheduled');
    const groups = groupPosts([post('a', 'draft', null), post('b', 'approved', null), post('c', 'in_review', null)]);
    expect(groups.map((g) => g.group)).toEqual(['in_review', 'approved', 'drafts']);
  });

  it('orders a group by time with unscheduled posts last', () => {
    const g = groupPosts([post('late', 'scheduled', '2026-05-02T10:00:00.000Z'), post('none', 'scheduled', null), post('early', 'scheduled', '2026-05-01T10:00:00.000Z')]);
    expect(g[0]!.posts.map((p) => p.id)).toEqual(['early', 'late', 'none']);
  });
});

describe('calendar placement', () => {
  it('places a post on its local day, not its UTC day', () => {
    // 22:30 UTC on 1 May is 01:30 on 2 May in Helsinki (UTC+3 in summer).
    const days = postsByLocalDay([post('a', 'scheduled', '2026-05-01T22:30:00.000Z'), post('b', 'draft', null)], 'Europe/Helsinki');
    expect([...days.keys()]).toEqual(['2026-05-02']);
    expect(postsByLocalDay([post('a', 'scheduled', '2026-05-01T22:30:00.000Z')], 'UTC').has('2026-05-01')).toBe(true);
  });
});

describe('highlight', () => {
  it('marks spans and merges overlaps', () => {
    expect(highlight('buy cheap pills now', [{ start: 4, end: 9 }, { start: 6, end: 15 }])).toEqual([
      { text: 'buy ', marked: false },
      { text: 'cheap pills', marked: true },
      { text: ' now', marked: false },
    ]);
  });
  it('clamps spans past the end and drops empty ones', () => {
    expect(highlight('abc', [{ start: 2, end: 10 }, { start: 1, end: 1 }])).toEqual([
      { text: 'ab', marked: false },
      { text: 'c', marked: true },
    ]);
  });
});

describe('parseTags', () => {
  it('strips the prefix and splits on spaces and commas', () => {
    expect(parseTags('#sale, spring  #new', '#')).toEqual(['sale', 'spring', 'new']);
    expect(parseTags('@ana @bo', '@')).toEqual(['ana', 'bo']);
  });
});
