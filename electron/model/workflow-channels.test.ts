import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { channelLimits } from './channels';
import { type ChannelId, type User, channelIds } from './post';
import { channelsOutsideRights, offeredEvents, transition, type WorkflowPost } from './workflow';

/** Per-channel approver rights (issue 13): an approver limited to some channels decides only on posts all theirs. */
const post = (channels: ChannelId[]): WorkflowPost => ({
  state: 'in_review', targets: channels.map((channel) => ({ channel, overrides: {} })), createdBy: 'c1', scheduledAt: null, approvals: [],
});
const tiktokOnly: User = { id: 'a1', name: 'Ada', role: 'approver', approverChannels: ['tiktok'] };
const anyChannel: User = { id: 'a2', name: 'Abe', role: 'approver', approverChannels: null };
const admin: User = { id: 'ad', name: 'Dee', role: 'admin', approverChannels: ['x'] };
const rules = { approvals: [], policyProblems: [] };

describe('per-channel approver rights', () => {
  it('lets a TikTok approver decide a TikTok post, and refuses one that also goes to X, naming the channels', () => {
    expect(transition(post(['tiktok']), { type: 'approve' }, tiktokOnly, rules)).toMatchObject({ ok: true, state: 'approved' });
    const refused = transition(post(['tiktok', 'x', 'linkedin']), { type: 'approve' }, tiktokOnly, rules);
    expect(refused).toEqual({ ok: false, reason: 'You approve only for TikTok; this post also goes to X and LinkedIn. Ask an approver for those channels, or an admin.' });
    expect(transition(post(['x']), { type: 'request_changes', comment: 'Shorter' }, tiktokOnly, rules)).toMatchObject({ ok: false, reason: expect.stringMatching(/review only for TikTok; this post also goes to X\. Ask an approver for that channel/) });
    expect(offeredEvents(post(['x']), tiktokOnly, [])).toEqual([]);
    expect(offeredEvents(post(['tiktok']), tiktokOnly, [])).toEqual(['approve', 'request_changes']);
  });

  it('leaves unlimited approvers and admins (whatever their list says) free on every channel', () => {
    const all = post([...channelIds]);
    expect(transition(all, { type: 'approve' }, anyChannel, rules)).toMatchObject({ ok: true });
    expect(transition(all, { type: 'approve' }, admin, rules)).toMatchObject({ ok: true });
    // A user value from before accounts (no approverChannels field) is unlimited.
    expect(transition(all, { type: 'approve' }, { id: 'a3', name: 'Ari', role: 'approver' }, rules)).toMatchObject({ ok: true });
  });

  it('an approver decides exactly the posts whose channels are all in their list (property)', () => {
    const channels = fc.uniqueArray(fc.constantFrom(...channelIds), { minLength: 1, maxLength: channelIds.length });
    fc.assert(
      fc.property(channels, fc.uniqueArray(fc.constantFrom(...channelIds), { maxLength: channelIds.length }), fc.boolean(), (postChannels, mine, approve) => {
        const actor: User = { id: 'a1', name: 'Ada', role: 'approver', approverChannels: mine };
        const allMine = postChannels.every((c) => mine.includes(c));
        const event = approve ? ({ type: 'approve' } as const) : ({ type: 'request_changes', comment: 'fix' } as const);
        const r = transition(post(postChannels), event, actor, rules);
        expect(r.ok).toBe(allMine);
        expect(channelsOutsideRights(post(postChannels), actor)).toEqual(postChannels.filter((c) => !mine.includes(c)));
        if (!r.ok) for (const c of postChannels.filter((c) => !mine.includes(c))) expect(r.reason).toContain(channelLimits[c].label);
      }),
    );
  });
});
