import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

/** A saved draft never reaches a channel unreviewed: approvals were given to the draft as it was. */
describe('saving the draft of a post under review', () => {
  let temp: TempStudio;
  let studio: Studio;

  beforeEach(async () => {
    temp = await openTempStudio('pf-draftsaved-');
    ({ studio } = temp);
  });
  afterEach(() => temp.close());

  async function approvedPost() {
    const cleo = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const ava = await studio.api['users.create']({ actorId: 'owner', name: 'Ava', role: 'approver' });
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Teaser' });
    const p = await studio.api['posts.create']({ draftId: draft.id, actorId: cleo.id, targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    await studio.api['posts.transition']({ id: p.id, event: 'submit', actorId: cleo.id });
    const approved = await studio.api['posts.transition']({ id: p.id, event: 'approve', actorId: ava.id });
    expect(approved.state).toBe('approved');
    return { cleo, ava, draft: await studio.api['drafts.get']({ id: draft.id }), post: approved };
  }

  it('sends an approved or scheduled post back to review with its approvals cleared, audited, whoever saved', async () => {
    const { cleo, draft, post } = await approvedPost();
    await studio.api['posts.transition']({ id: post.id, event: 'schedule', actorId: cleo.id, at: '2030-01-01T09:00:00.000Z' });
    const route = (name: string, input: unknown) => studio.route(name, input, { user: cleo, sessionId: null });
    const saved = await route('drafts.save', { id: draft.id, baseRevision: draft.revision, doc: { ...draft.doc, name: 'Teaser (new cut)' } });
    expect(saved).toMatchObject({ ok: true });
    const after = await studio.api['posts.get']({ id: post.id });
    expect([after.state, after.approvals, after.scheduledAt]).toEqual(['in_review', [], '2030-01-01T09:00:00.000Z']);
    expect(after.revision).toBeGreaterThan(post.revision);
    const last = studio.auditRepo.list(post.id).at(-1)!;
    expect([last.action, last.actorId, last.detail]).toEqual(['edit', cleo.id, { from: 'scheduled', to: 'in_review', draftSaved: true, backToReview: true }]);
    // An autosave of a post already back in review without approvals changes nothing and records nothing.
    const n = studio.auditRepo.count();
    const again = await studio.api['drafts.get']({ id: draft.id });
    await studio.api['drafts.save']({ id: draft.id, baseRevision: again.revision, doc: { ...again.doc, name: 'Teaser (newer cut)' }, actorId: cleo.id });
    expect(studio.auditRepo.count()).toBe(n);
    expect((await studio.api['posts.get']({ id: post.id })).state).toBe('in_review');
  });

  it('restoring an older revision counts as a save', async () => {
    const { draft, post } = await approvedPost();
    const v2 = await studio.api['drafts.save']({ id: draft.id, baseRevision: draft.revision, doc: { ...draft.doc, name: 'v2' }, actorId: 'owner' });
    expect((await studio.api['posts.get']({ id: post.id })).state).toBe('in_review');
    await studio.api['posts.transition']({ id: post.id, event: 'approve', actorId: (await studio.api['users.list']({})).find((u) => u.name === 'Ava')!.id });
    expect((await studio.api['posts.get']({ id: post.id })).state).toBe('approved');
    await studio.api['drafts.restoreRevision']({ id: draft.id, revision: draft.revision, actorId: 'owner' });
    expect(v2.revision).toBeGreaterThan(draft.revision);
    expect((await studio.api['posts.get']({ id: post.id })).state).toBe('in_review');
  });
});
