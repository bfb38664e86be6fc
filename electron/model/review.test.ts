import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelIds, type ChannelId } from './post';
import { pickRender, reviewDiff, snapshotOf, type ReviewSnapshot } from './review';

const base: ReviewSnapshot = snapshotOf(
  {
    title: 'Spring launch',
    content: { caption: 'Spring is here', hashtags: ['spring', 'launch'], mentions: ['bloomco'], firstComment: '', link: null },
    targets: [
      { channel: 'tiktok', overrides: {} },
      { channel: 'x', overrides: { caption: 'Spring! (X)' } },
    ],
    scheduledAt: '2026-03-29T06:00:00.000Z',
    timeZone: 'Europe/Helsinki',
    draftId: 'd1',
    coverTime: null,
    sponsored: false,
  },
  4,
);
const edit = (fn: (s: ReviewSnapshot) => void): ReviewSnapshot => {
  const s = structuredClone(base);
  fn(s);
  return s;
};

describe('reviewDiff', () => {
  it('finds nothing between a snapshot and itself', () => {
    expect(reviewDiff(base, structuredClone(base))).toEqual([]);
  });

  it('says what changed in the caption, hashtags, overrides, channels, schedule and media', () => {
    const after = edit((s) => {
      s.content.caption = 'Spring is finally here';
      s.content.hashtags = ['spring', 'bloom'];
      s.targets[1]!.overrides = { caption: 'Spring!! (X)', hashtags: ['x'] };
      s.targets.push({ channel: 'linkedin', overrides: {} });
      s.scheduledAt = '2026-03-30T06:00:00.000Z';
      s.draftRevision = 7;
    });
    expect(reviewDiff(base, after)).toEqual([
      { kind: 'media', change: 'edited', beforeRevision: 4, afterRevision: 7 },
      { kind: 'text', field: 'caption', before: 'Spring is here', after: 'Spring is finally here' },
      { kind: 'list', field: 'hashtags', added: ['bloom'], removed: ['launch'] },
      { kind: 'channels', added: ['linkedin'], removed: [] },
      { kind: 'override', channel: 'x', field: 'caption', before: 'Spring! (X)', after: 'Spring!! (X)' },
      { kind: 'override', channel: 'x', field: 'hashtags', before: '', after: 'x' },
      { kind: 'schedule', before: '2026-03-29T06:00:00.000Z', after: '2026-03-30T06:00:00.000Z', beforeZone: 'Europe/Helsinki', afterZone: 'Europe/Helsinki' },
    ]);
  });

  it('tells another draft from an edit of the same draft, and a removed channel without its overrides', () => {
    const after = edit((s) => {
      s.draftId = 'd2';
      s.draftRevision = 1;
      s.targets = [s.targets[0]!];
      s.coverTime = 2.5;
      s.sponsored = true;
      s.content.link = 'https://example.com';
    });
    expect(reviewDiff(base, after)).toEqual([
      { kind: 'media', change: 'draft', beforeRevision: 4, afterRevision: 1 },
      { kind: 'text', field: 'link', before: '', after: 'https://example.com' },
      { kind: 'channels', added: [], removed: ['x'] },
      { kind: 'cover', before: null, after: 2.5 },
      { kind: 'sponsored', before: false, after: true },
    ]);
  });

  it('copies the post: a later change to the live post does not change the snapshot', () => {
    const live = { ...structuredClone(base), content: { ...base.content, hashtags: ['a'] } };
    const snap = snapshotOf(live, 1);
    live.content.hashtags.push('b');
    expect(snap.content.hashtags).toEqual(['a']);
  });

  const channelsArb = fc.uniqueArray(fc.constantFrom(...channelIds), { minLength: 1, maxLength: 3 });
  const snapArb: fc.Arbitrary<ReviewSnapshot> = fc.record({
    caption: fc.string({ maxLength: 8 }),
    hashtags: fc.uniqueArray(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 4 }),
    channels: channelsArb,
    override: fc.option(fc.string({ maxLength: 4 }), { nil: undefined }),
    at: fc.option(fc.constantFrom('2026-01-01T00:00:00.000Z', '2026-01-02T00:00:00.000Z'), { nil: null }),
    rev: fc.integer({ min: 1, max: 3 }),
  }).map((r) => ({
    ...structuredClone(base),
    content: { ...base.content, caption: r.caption, hashtags: r.hashtags },
    targets: r.channels.map((channel: ChannelId) => ({ channel, overrides: r.override === undefined ? {} : { caption: r.override } })),
    scheduledAt: r.at,
    draftRevision: r.rev,
  }));

  it('is empty exactly when the snapshots are the same (as a reviewer sees them)', () => {
    fc.assert(
      fc.property(snapArb, snapArb, (a, b) => {
        const same = JSON.stringify({ ...a, targets: [...a.targets].sort((x, y) => x.channel.localeCompare(y.channel)) }) === JSON.stringify({ ...b, targets: [...b.targets].sort((x, y) => x.channel.localeCompare(y.channel)) });
        expect(reviewDiff(a, b).length === 0).toBe(same);
        expect(reviewDiff(a, a)).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });

  it('lists hashtags added one way as removed the other way', () => {
    fc.assert(
      fc.property(snapArb, snapArb, (a, b) => {
        const ab = reviewDiff(a, b).find((c) => c.kind === 'list' && c.field === 'hashtags');
        const ba = reviewDiff(b, a).find((c) => c.kind === 'list' && c.field === 'hashtags');
        if (ab?.kind === 'list' && ba?.kind === 'list') {
          expect(ab.added).toEqual(ba.removed);
          expect(ab.removed).toEqual(ba.added);
        } else expect(ab).toBe(ba);
      }),
    );
  });
});

describe('pickRender', () => {
  const r = (jobId: string, channels: string[], startedAt: string, draftId = 'd1') => ({ jobId, draftId, channels, startedAt });
  const draft = { id: 'd1', updatedAt: '2026-03-01T10:00:00.000Z' };
  it('plays the newest render of the channel made from the draft as it is now', () => {
    const renders = [r('old', ['tiktok'], '2026-03-01T09:00:00.000Z'), r('a', ['tiktok', 'instagram_reel'], '2026-03-01T11:00:00.000Z'), r('b', ['tiktok'], '2026-03-01T12:00:00.000Z'), r('x', ['x'], '2026-03-01T12:00:00.000Z')];
    expect(pickRender(renders, 'tiktok', draft)?.jobId).toBe('b');
    expect(pickRender(renders, 'instagram_reel', draft)?.jobId).toBe('a');
    expect(pickRender(renders, 'linkedin', draft)).toBeNull();
    // Made before the draft's last save, or from another draft: the live preview instead.
    expect(pickRender([renders[0]!], 'tiktok', draft)).toBeNull();
    expect(pickRender([r('o', ['tiktok'], '2026-03-02T00:00:00.000Z', 'd2')], 'tiktok', draft)).toBeNull();
    expect(pickRender(renders, 'tiktok', null)).toBeNull();
  });
});
