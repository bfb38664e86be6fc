import { describe, expect, it } from 'vitest';
import { defaultTransform, newVideoDraft, type VideoDraft } from '../../../../electron/model/draft';
import type { Campaign } from '../../../../electron/model/post';
import type { PostRecordShape } from '../../../../electron/model/post-record';
import { contentFor } from '../../../../electron/model/post';
import { weekDays, zonedToUtc } from '../../../../electron/model/schedule';
import {
  buildTargets, campaignsOnDay, coverSourceAt, draftToOverrides, groupByCampaign, hourKinds, overridesToDraft, slotTime, stripTimes, tint, weekLayout,
} from './teamLogic';

const post = (id: string, scheduledAt: string | null, campaignId: string | null = null, title = id): PostRecordShape => ({
  id, draftId: 'd', title, content: { caption: 'Shared', hashtags: ['a'], mentions: [], firstComment: '', link: null }, targets: [{ channel: 'tiktok', overrides: {} }],
  coverTime: null, sponsored: false, campaignId, scheduledAt, timeZone: 'UTC', state: 'draft', createdBy: 'owner', createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z', revision: 1, approvals: [],
});
const campaign = (id: string, startDate: string | null, endDate: string | null): Campaign => ({ id, name: id, color: '#336699', startDate, endDate, goal: '' });

describe('campaigns', () => {
  it('groups posts by campaign in campaign order, empty campaigns included, loose posts last', () => {
    const spring = campaign('spring', '2026-03-01', '2026-03-31');
    const xmas = campaign('xmas', '2026-12-01', null);
    const groups = groupByCampaign([post('b', '2026-03-05T10:00:00Z', 'spring'), post('loose', null), post('a', '2026-03-02T10:00:00Z', 'spring'), post('lost', null, 'deleted')], [spring, xmas]);
    expect(groups.map((g) => [g.campaign?.id ?? null, g.posts.map((p) => p.id)])).toEqual([['spring', ['a', 'b']], ['xmas', []], [null, ['loose', 'lost']]]);
    expect(groupByCampaign([], [spring]).map((g) => g.campaign?.id)).toEqual(['spring']);
  });

  it('puts a campaign on the days of its range (inclusive; an open end runs on; no dates = none)', () => {
    const cs = [campaign('march', '2026-03-01', '2026-03-31'), campaign('open', '2026-03-31', null), campaign('undated', null, null)];
    expect(campaignsOnDay(cs, '2026-02-28').map((c) => c.id)).toEqual([]);
    expect(campaignsOnDay(cs, '2026-03-01').map((c) => c.id)).toEqual(['march']);
    expect(campaignsOnDay(cs, '2026-03-31').map((c) => c.id)).toEqual(['march', 'open']);
    expect(campaignsOnDay(cs, '2027-01-01').map((c) => c.id)).toEqual(['open']);
    expect(tint('#336699', 0.25)).toBe('#33669940');
  });
});

describe('week view', () => {
  const HEL = 'Europe/Helsinki';
  it('places posts by their wall time in the viewer zone and puts close ones side by side', () => {
    const days = weekDays('2026-10-21', HEL, 1); // Mon 19 – Sun 25 Oct (the change is on Sunday 25th)
    const at = (d: string, t: string) => zonedToUtc(d, t, HEL).utc;
    const items = weekLayout(
      [post('a', at('2026-10-20', '09:00')), post('b', at('2026-10-20', '09:30')), post('c', at('2026-10-20', '11:00')), post('d', at('2026-10-25', '09:00')), post('e', at('2026-10-26', '09:00')), post('none', null)],
      days,
      HEL,
    );
    expect(items.map((i) => [i.post.id, i.day, i.time, i.minutes, i.lane, i.lanes])).toEqual([
      ['a', 1, '09:00', 540, 0, 2],
      ['b', 1, '09:30', 570, 1, 2],
      ['c', 1, '11:00', 660, 0, 1],
      ['d', 6, '09:00', 540, 0, 1],
    ]);
  });

  it('snaps a drop to quarter hours and marks the hours the clocks skip or repeat', () => {
    expect([slotTime(9, 0), slotTime(9, 0.3), slotTime(9, 0.99), slotTime(23, 1)]).toEqual(['09:00', '09:15', '09:45', '23:45']);
    const spring = hourKinds('2026-03-29', 'Europe/Helsinki');
    expect(spring[3]).toBe('skipped');
    expect(spring.filter((k) => k !== 'normal')).toHaveLength(1);
    const autumn = hourKinds('2026-10-25', 'Europe/Helsinki');
    expect(autumn[3]).toBe('repeated');
    expect(autumn.filter((k) => k !== 'normal')).toHaveLength(1);
    expect(hourKinds('2026-06-01', 'Europe/Helsinki').every((k) => k === 'normal')).toBe(true);
  });
});

describe('per-channel overrides', () => {
  it('round-trips overrides through the composer fields and keeps fields the composer does not edit', () => {
    const stored = { caption: 'For X only', hashtags: ['x', 'news'], link: 'https://example.com/x' };
    const draft = overridesToDraft(stored);
    expect(draft).toEqual({ caption: 'For X only', hashtags: '#x #news' });
    expect(draftToOverrides({ ...draft, mentions: '@brand, @partner' }, stored)).toEqual({ caption: 'For X only', hashtags: ['x', 'news'], mentions: ['brand', 'partner'], link: 'https://example.com/x' });
    // Turning an override off removes it: the channel gets the shared text again.
    expect(draftToOverrides({}, stored)).toEqual({ link: 'https://example.com/x' });
  });

  it('builds targets whose effective content is the shared one with each channel’s overrides', () => {
    const p = post('p', null);
    const targets = buildTargets(['tiktok', 'x'], { x: { caption: 'Short for X', hashtags: '' } }, p.targets);
    expect(targets).toEqual([{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: { caption: 'Short for X', hashtags: [] } }]);
    const withTargets = { ...p, targets };
    expect(contentFor(withTargets, 'tiktok')).toMatchObject({ caption: 'Shared', hashtags: ['a'] });
    expect(contentFor(withTargets, 'x')).toMatchObject({ caption: 'Short for X', hashtags: [] });
  });
});

describe('cover frame', () => {
  let n = 0;
  const draft = (): VideoDraft => {
    const d = newVideoDraft('Reel', '9:16', 30, (p) => `${p}-${n++}`);
    const clip = (id: string, assetId: string, start: number, inS: number, out: number) => ({
      id, type: 'media' as const, assetId, start, in: inS, out, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null,
    });
    return { ...d, tracks: d.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip('c1', 'red', 0, 2, 5), clip('c2', 'blue', 3, 0, 4)] } : t.kind === 'overlay' ? { ...t, clips: [clip('o1', 'logo', 8, 0, 2)] } : t)) };
  };
  it('finds the main clip and its source time at a moment, an overlay over a gap, and nothing past the end', () => {
    const d = draft();
    expect(coverSourceAt(d, 1)).toEqual({ assetId: 'red', sourceTime: 3 });
    expect(coverSourceAt(d, 4.5)).toEqual({ assetId: 'blue', sourceTime: 1.5 });
    expect(coverSourceAt(d, 8.5)).toEqual({ assetId: 'logo', sourceTime: 0.5 });
    expect(coverSourceAt(d, 20)).toBeNull();
  });
  it('spreads strip times over the length', () => {
    expect(stripTimes(6, 3)).toEqual([1, 3, 5]);
    expect(stripTimes(0, 3)).toEqual([]);
  });
});
