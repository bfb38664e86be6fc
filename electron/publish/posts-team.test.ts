import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Draft, type VideoDraft, defaultTransform } from '../model/draft';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

/** The team side of the queue through the Studio: campaigns, comments, licence dates and the policy at submit. */
describe('campaigns, comments and licences through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let tmp: string;
  let events: TempStudio['events'];

  beforeEach(async () => {
    temp = await openTempStudio('pf-team-');
    ({ studio, tmp, events } = temp);
  });
  afterEach(() => temp.close());

  function withClip(doc: Draft, assetId: string): VideoDraft {
    if (doc.kind !== 'video') throw new Error('video draft expected');
    const clip = { id: 'clip-0', type: 'media' as const, assetId, start: 0, in: 0, out: 3, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
    return { ...doc, tracks: doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
  }

  it('creates and edits a campaign (audited), refuses an end before the start, and names the .ics after it', async () => {
    const creator = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const c = await studio.api['campaigns.create']({ actorId: creator.id, name: 'Spring', color: '#22aa55', startDate: '2026-03-01', endDate: '2026-03-31', goal: '' });
    const edited = await studio.api['campaigns.update']({ ...c, actorId: creator.id, name: 'Spring sale', goal: '500 sign-ups', endDate: '2026-04-15' });
    expect(edited).toEqual({ ...c, name: 'Spring sale', goal: '500 sign-ups', endDate: '2026-04-15' });
    expect(await studio.api['campaigns.list']({})).toEqual([edited]);
    await expect(studio.api['campaigns.update']({ ...edited, actorId: creator.id, endDate: '2026-02-01' })).rejects.toThrow(/ends \(2026-02-01\) before it starts \(2026-03-01\)/);
    await expect(studio.api['campaigns.update']({ ...edited, id: 'gone', actorId: creator.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(studio.auditRepo.list(null).map((e) => `${e.actorName}:${e.action}`)).toEqual(['Postframe:library_created', 'Cleo:campaign_edit', 'Cleo:campaign_edit']);
    expect(events.filter((e) => e.name === 'posts.changed').map((e) => e.payload)).toEqual([{ reason: 'campaigns', ids: [] }, { reason: 'campaigns', ids: [] }]);

    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Teaser' });
    const inCampaign = await studio.api['posts.create']({ draftId: draft.id, actorId: creator.id, targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: c.id });
    const other = await studio.api['posts.create']({ draftId: draft.id, actorId: creator.id, title: 'Other', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    for (const p of [inCampaign, other]) await studio.api['posts.update']({ id: p.id, actorId: creator.id, scheduledAt: '2026-03-10T09:00:00.000Z' });
    const ics = (await studio.api['queue.ics']({ campaignId: c.id })).text;
    expect(ics).toContain('X-WR-CALNAME:Postframe: Spring sale');
    expect(ics.match(/BEGIN:VEVENT/g)).toHaveLength(1);
    expect(ics).toContain('CATEGORIES:Spring sale');
    expect((await studio.api['queue.ics']({ campaignId: null })).text.match(/BEGIN:VEVENT/g)).toHaveLength(2);
  });

  it('keeps a comment thread outside workflow steps, audited, and refuses an empty comment', async () => {
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Teaser' });
    const p = await studio.api['posts.create']({ draftId: draft.id, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    const c = await studio.api['posts.comment']({ id: p.id, actorId: 'owner', body: '  Can we use the blue cut?  ' });
    expect([c.body, c.authorId, c.postId]).toEqual(['Can we use the blue cut?', 'owner', p.id]);
    expect(() => studio.postService.comment({ id: p.id, actorId: 'owner', body: '   ' })).toThrow(/Write something/);
    expect((await studio.api['posts.comments']({ id: p.id })).map((x) => x.body)).toEqual(['Can we use the blue cut?']);
    expect(studio.auditRepo.list(p.id).map((e) => e.action)).toEqual(['create', 'comment']);
    expect((await studio.api['posts.get']({ id: p.id })).state).toBe('draft');
  });

  it('stores a licence date on an asset, and the policy blocks a post whose draft uses it once it has expired', async () => {
    const photo = path.join(tmp, 'stock.png');
    await sharp({ create: { width: 64, height: 48, channels: 3, background: '#3366ff' } }).png().toFile(photo);
    await studio.api['imports.start']({ paths: [photo], uploads: [] });
    await studio.whenIdle();
    const asset = (await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 10 })).items[0]!;
    expect(await studio.api['assets.get']({ id: asset.id })).toMatchObject({ licenceExpires: null, licenceNote: '' });

    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Stock reel' });
    await studio.api['drafts.save']({ id: draft.id, baseRevision: 1, doc: withClip(draft.doc, asset.id) });
    expect(await studio.api['drafts.licences']({ id: draft.id })).toEqual([{ assetId: asset.id, name: 'stock.png', expiresAt: null }]);

    const updated = await studio.api['assets.update']({ id: asset.id, licenceExpires: '2020-01-31', licenceNote: 'Stock site, order 881' });
    expect([updated.licenceExpires, updated.licenceNote, updated.name]).toEqual(['2020-01-31', 'Stock site, order 881', 'stock.png']);
    expect(await studio.api['drafts.licences']({ id: draft.id })).toEqual([{ assetId: asset.id, name: 'stock.png', expiresAt: '2020-01-31' }]);

    const p = await studio.api['posts.create']({ draftId: draft.id, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    await expect(studio.api['posts.transition']({ id: p.id, event: 'submit', actorId: 'owner' })).rejects.toThrow(/licence for “stock\.png” expired on 2020-01-31/);
    // Renewing the licence (a later end date) clears the block.
    await studio.api['assets.update']({ id: asset.id, licenceExpires: '2999-12-31' });
    expect((await studio.api['posts.transition']({ id: p.id, event: 'submit', actorId: 'owner' })).state).toBe('in_review');
    // Clearing the date means no known end.
    expect((await studio.api['assets.update']({ id: asset.id, licenceExpires: null })).licenceExpires).toBeNull();
  });

  it('lets the block on expired licences be switched off by an admin', async () => {
    const photo = path.join(tmp, 'old.png');
    await sharp({ create: { width: 32, height: 32, channels: 3, background: '#000' } }).png().toFile(photo);
    await studio.api['imports.start']({ paths: [photo], uploads: [] });
    await studio.whenIdle();
    const asset = (await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 10 })).items[0]!;
    await studio.api['assets.update']({ id: asset.id, licenceExpires: '2020-01-31' });
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Old reel' });
    await studio.api['drafts.save']({ id: draft.id, baseRevision: 1, doc: withClip(draft.doc, asset.id) });
    const p = await studio.api['posts.create']({ draftId: draft.id, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    const { policy } = await studio.api['policy.get']({});
    await studio.api['policy.set']({ actorId: 'owner', policy: { ...policy, blockExpiredLicences: false } });
    expect((await studio.api['posts.transition']({ id: p.id, event: 'submit', actorId: 'owner' })).state).toBe('in_review');
    const edit = studio.auditRepo.list(null).find((e) => e.action === 'policy_edit')!;
    expect(edit.detail).toMatchObject({ policy: { blockExpiredLicences: false } });
  });
});
