import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

/** The publish flow through the Studio's API methods on a real library folder. */
describe('posts through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let events: TempStudio['events'];

  beforeEach(async () => {
    temp = await openTempStudio('pf-posts-');
    ({ studio, events } = temp);
  });
  afterEach(() => temp.close());

  async function people() {
    const creator = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const approver = await studio.api['users.create']({ actorId: 'owner', name: 'Ari', role: 'approver' });
    return { creator, approver };
  }

  it('submit is blocked by the policy, an admin overrides, an approver approves; every step is audited and the chain verifies', async () => {
    const { creator, approver } = await people();
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Winter reel' });
    let post = await studio.api['posts.create']({ draftId: draft.id, actorId: creator.id, targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'Europe/Helsinki', campaignId: null });
    expect([post.title, post.state, post.draftId]).toEqual(['Winter reel', 'draft', draft.id]);

    // A sponsored post without #ad breaks the default policy (disclosure required).
    post = await studio.api['posts.update']({ id: post.id, actorId: creator.id, sponsored: true, content: { caption: 'Our new boots', hashtags: ['winter'], mentions: [], firstComment: '', link: null } });
    await expect(studio.api['posts.transition']({ id: post.id, event: 'submit', actorId: creator.id })).rejects.toThrow(/compliance policy blocks this post: .*ad/i);
    await expect(studio.api['posts.transition']({ id: post.id, event: 'submit', actorId: creator.id, override: true })).rejects.toThrow(/Only an admin can override/);
    expect((await studio.api['posts.get']({ id: post.id })).state).toBe('draft');

    post = await studio.api['posts.transition']({ id: post.id, event: 'submit', actorId: 'owner', override: true, comment: 'Disclosure is in the video itself' });
    expect(post.state).toBe('in_review');
    // Approving runs the policy again: the approver cannot, the admin overrides once more.
    await expect(studio.api['posts.transition']({ id: post.id, event: 'approve', actorId: approver.id })).rejects.toThrow(/compliance policy/);
    post = await studio.api['posts.transition']({ id: post.id, event: 'approve', actorId: 'owner', override: true });
    expect([post.state, post.approvals]).toEqual(['approved', ['owner']]);

    // An edit after approval sends it back to review, clears approvals and makes a new revision.
    post = await studio.api['posts.update']({ id: post.id, actorId: creator.id, content: { caption: 'Our new boots #ad', hashtags: ['winter'], mentions: [], firstComment: '', link: null } });
    expect([post.state, post.approvals, post.revision]).toEqual(['in_review', [], 3]); // two content edits since creation
    await expect(studio.api['posts.transition']({ id: post.id, event: 'request_changes', actorId: approver.id, comment: '  ' })).rejects.toThrow(/needs a comment/);
    post = await studio.api['posts.transition']({ id: post.id, event: 'approve', actorId: approver.id });
    expect(post.state).toBe('approved');
    post = await studio.api['posts.transition']({ id: post.id, event: 'schedule', actorId: creator.id, at: '2026-12-24T08:00:00.000Z' });
    expect([post.state, post.scheduledAt]).toEqual(['scheduled', '2026-12-24T08:00:00.000Z']);
    // Saving the Edit dialog with every field as it is and only a new time reschedules it: no review again.
    const { draftId, title, content, targets, coverTime, sponsored, campaignId } = post;
    post = await studio.api['posts.update']({ id: post.id, actorId: creator.id, draftId, title, content, targets, coverTime, sponsored, campaignId, scheduledAt: '2026-12-24T09:00:00.000Z', timeZone: post.timeZone });
    expect([post.state, post.scheduledAt, post.approvals]).toEqual(['scheduled', '2026-12-24T09:00:00.000Z', [approver.id]]);

    const actions = studio.auditRepo.list(post.id).map((e) => `${e.actorName}:${e.action}`);
    expect(actions).toEqual([
      'Cleo:create', 'Cleo:edit', 'Owner:policy_override', 'Owner:submit', 'Owner:comment', 'Owner:policy_override', 'Owner:approve', 'Cleo:edit', 'Ari:approve', 'Cleo:schedule', 'Cleo:schedule',
    ]);
    expect(studio.auditRepo.list(post.id)[2]!.detail).toMatchObject({ problems: [expect.stringMatching(/ad/i)] });
    // The log holds the library's own first entry too (library_created), and verifies against its signed head.
    expect(studio.auditRepo.verify()).toMatchObject({ ok: true, count: actions.length + 1, findings: [] });
    expect((await studio.api['posts.comments']({ id: post.id })).map((c) => c.body)).toEqual(['Disclosure is in the video itself']);
    expect(events.filter((e) => e.name === 'posts.changed').length).toBe(8); // one per successful create, update and transition
  });

  it('uses the stored approval rules and refuses policy edits by non-admins', async () => {
    const { creator, approver } = await people();
    const second = await studio.api['users.create']({ actorId: 'owner', name: 'Bea', role: 'approver' });
    await expect(studio.api['policy.set']({ actorId: approver.id, approvals: [] })).rejects.toThrow(/Only an admin/);
    await studio.api['policy.set']({ actorId: 'owner', approvals: [{ channel: 'x', approvers: 2, mode: 'any' }] });
    expect((await studio.api['policy.get']({})).approvals).toEqual([{ channel: 'x', approvers: 2, mode: 'any' }]);
    const draft = await studio.api['drafts.create']({ kind: 'video' });
    const p = await studio.api['posts.create']({ draftId: draft.id, actorId: creator.id, targets: [{ channel: 'x', overrides: {} }], timeZone: 'UTC', campaignId: null });
    await studio.api['posts.transition']({ id: p.id, event: 'submit', actorId: creator.id });
    expect((await studio.api['posts.transition']({ id: p.id, event: 'approve', actorId: approver.id })).state).toBe('in_review');
    expect((await studio.api['posts.transition']({ id: p.id, event: 'approve', actorId: second.id })).state).toBe('approved');
    expect(studio.auditRepo.list(null).map((e) => e.action)).toEqual(['library_created', 'policy_edit']);
  });

  it('imports a bulk CSV as text-first draft posts, reports bad rows, and exports the schedule as iCalendar', async () => {
    const camp = await studio.api['campaigns.create']({ name: 'Xmas', color: '#aa0000', startDate: null, endDate: null, goal: '', actorId: 'owner' });
    const csv = ['12/24/2099 09:00,Merry Christmas from us,https://example.com/xmas', '13/01/2099 09:00,Bad date', '12/25/2099 10:00,'].join('\n');
    const r = await studio.api['queue.importCsv']({ text: csv, zone: 'Europe/Helsinki', actorId: 'owner', channels: ['instagram_reel', 'x'], campaignId: camp.id });
    expect(r.created.map((p) => [p.title, p.state, p.draftId, p.scheduledAt, p.content.link, p.targets.map((t) => t.channel)])).toEqual([
      ['Merry Christmas from us', 'draft', null, '2099-12-24T07:00:00.000Z', 'https://example.com/xmas', ['instagram_reel', 'x']],
    ]);
    expect(r.errors.map((e) => e.row)).toEqual([2, 3]);
    // Each imported post is audited as made by the importer, from the CSV; bad rows make no post and no entry.
    const made = studio.auditRepo.list().filter((e) => e.action === 'create');
    expect(made.map((e) => [e.postId, e.actorId, e.detail.source, e.detail.channels])).toEqual([[r.created[0]!.id, 'owner', 'csv', ['instagram_reel', 'x']]]);
    expect(r.errors[0]!.problem).toMatch(/row 2|month|date/i);
    const ics = (await studio.api['queue.ics']({ campaignId: camp.id })).text;
    expect(ics).toMatch(/DTSTART:20991224T070000Z/);
    expect(ics).toMatch(/SUMMARY:Merry Christmas from us/);
    expect(await studio.api['posts.list']({ state: 'draft', campaignId: camp.id, from: null, to: null })).toHaveLength(1);
  });
});
