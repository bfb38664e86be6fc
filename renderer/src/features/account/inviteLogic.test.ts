import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelIds } from '../../../../electron/model/post';
import { expiresIn, invitePage, inviteRole } from './inviteLogic';

describe('inviteRole', () => {
  it('names an approver’s channels in Postframe’s order; none or all is every channel; other roles carry none', () => {
    expect(inviteRole('approver', ['instagram_reel', 'tiktok'])).toEqual({ kind: 'approverFor', channels: ['tiktok', 'instagram_reel'] });
    expect(inviteRole('approver', null)).toEqual({ kind: 'approverAll' });
    expect(inviteRole('approver', [])).toEqual({ kind: 'approverAll' });
    expect(inviteRole('approver', [...channelIds])).toEqual({ kind: 'approverAll' });
    expect(inviteRole('creator', ['tiktok'])).toEqual({ kind: 'creator' });
    expect(inviteRole('admin', null)).toEqual({ kind: 'admin' });
  });
});

describe('expiresIn', () => {
  const now = Date.parse('2026-03-01T09:00:00Z');
  it('takes the largest unit, counted up', () => {
    expect(expiresIn('2026-03-08T09:00:00Z', now)).toEqual({ value: 7, unit: 'day' });
    expect(expiresIn('2026-03-08T08:59:30Z', now)).toEqual({ value: 7, unit: 'day' });
    expect(expiresIn('2026-03-03T08:59:00Z', now)).toEqual({ value: 48, unit: 'hour' });
    expect(expiresIn('2026-03-01T11:00:00Z', now)).toEqual({ value: 2, unit: 'hour' });
    expect(expiresIn('2026-03-01T10:59:00Z', now)).toEqual({ value: 119, unit: 'minute' });
    expect(expiresIn('2026-03-01T10:58:30Z', now)).toEqual({ value: 119, unit: 'minute' });
    expect(expiresIn('2026-03-01T09:00:10Z', now)).toEqual({ value: 1, unit: 'minute' });
    expect(expiresIn('2026-03-01T09:00:00Z', now)).toBeNull();
    expect(expiresIn('garbage', now)).toBeNull();
  });
  it('is within one unit above the time left, never below it', () => {
    const ms = { day: 86_400_000, hour: 3_600_000, minute: 60_000 };
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 30 * 86_400_000 }), (left) => {
        const r = expiresIn(new Date(now + left).toISOString(), now)!;
        expect(r.value * ms[r.unit]).toBeGreaterThanOrEqual(left);
        expect((r.value - 1) * ms[r.unit]).toBeLessThan(left);
      }),
    );
  });
});

describe('invitePage', () => {
  it('shows the form for a working link or an unreachable check, one line otherwise', () => {
    expect(invitePage(undefined)).toEqual({ kind: 'checking' });
    expect(invitePage('valid')).toEqual({ kind: 'form' });
    expect(invitePage(null)).toEqual({ kind: 'form' });
    expect(invitePage('used')).toEqual({ kind: 'refused', why: 'used' });
    expect(invitePage('expired')).toEqual({ kind: 'refused', why: 'expired' });
    expect(invitePage('unknown')).toEqual({ kind: 'refused', why: 'unknown' });
  });
});
