import { describe, expect, it } from 'vitest';
import { contentFor, type Post } from './post';
import { defaultPolicy, type Policy } from './policy';
import { policyReport } from './policy-report';

const post: Pick<Post, 'content' | 'targets'> = {
  content: { caption: 'Free money for everyone', hashtags: ['spring'], mentions: [], firstComment: '', link: null },
  targets: [
    { channel: 'tiktok', overrides: {} },
    { channel: 'x', overrides: { caption: 'Spring is here' } },
  ],
};
const ctx = { sponsored: false, assetLicences: [], now: new Date('2026-03-01T00:00:00Z'), watermark: 'none' as const };
const channels = post.targets.map((t) => t.channel);

describe('policyReport', () => {
  it('lists every rule: failed with the channels it failed for, passed when on and clean, off otherwise', () => {
    const policy: Policy = { ...defaultPolicy, bannedPhrases: ['free money'], hashtagCap: 3, requireWatermark: ['linkedin'] };
    const report = policyReport(policy, channels, (c) => contentFor(post, c), ctx);
    expect(report.map((r) => [r.rule, r.status])).toEqual([
      ['bannedPhrase', 'fail'],
      ['disclosure', 'off'],
      ['hashtagCap', 'pass'],
      ['linkDomain', 'off'],
      ['expiredLicence', 'pass'],
      ['watermark', 'off'],
    ]);
    // The X caption is overridden without the phrase: only TikTok fails.
    expect(report[0]!.problems).toEqual([{ message: '“free money” is on the brand\'s banned list', fix: expect.stringContaining('Rephrase') as string, channels: ['tiktok'] }]);
  });

  it('says a problem once for all the channels it is found on', () => {
    const policy: Policy = { ...defaultPolicy, requireWatermark: ['tiktok', 'x'] };
    const report = policyReport(policy, channels, (c) => contentFor(post, c), { ...ctx, sponsored: true });
    const wm = report.find((r) => r.rule === 'watermark')!;
    expect(wm.status).toBe('fail');
    expect(wm.problems.map((p) => p.channels)).toEqual([['tiktok'], ['x']]); // the message names the channel
    const disclosure = report.find((r) => r.rule === 'disclosure')!;
    expect(disclosure).toMatchObject({ status: 'fail', problems: [{ channels: ['tiktok', 'x'] }] });
  });
});
