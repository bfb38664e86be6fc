import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

/** The approver's review through the Studio's API on a real library folder (docs/review.md). */
describe('posts.review', () => {
  let temp: TempStudio;
  let studio: Studio;

  beforeEach(async () => {
    temp = await openTempStudio('pf-review-');
    ({ studio } = temp);
  });
  afterEach(() => temp.close());

  it('lists every policy rule per post, and what changed since the approver last reviewed it', async () => {
    const cleo = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const ari = await studio.api['users.create']({ actorId: 'owner', name: 'Ari', role: 'approver' });
    await studio.api['policy.set']({ actorId: 'owner', policy: { bannedPhrases: ['free money'], requireDisclosure: { enabled: true, tags: ['ad'] }, hashtagCap: 5, allowedLinkDomains: [], blockExpiredLicences: true, requireWatermark: [] } });
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Winter reel' });
    let post = await studio.api['posts.create']({ draftId: draft.id, actorId: cleo.id, targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: { caption: 'Boots (X)' } }], timeZone: 'UTC', campaignId: null });
    post = await studio.api['posts.update']({ id: post.id, actorId: cleo.id, content: { caption: 'Our new boots', hashtags: ['winter'], mentions: [], firstComment: '', link: null } });
    await studio.api['posts.transition']({ id: post.id, event: 'submit', actorId: cleo.id });

    let review = await studio.api['posts.review']({ id: post.id, actorId: ari.id });
    expect(review.channels.map((c) => [c.channel, c.content.caption, c.render])).toEqual([
      ['tiktok', 'Our new boots', null],
      ['x', 'Boots (X)', null],
    ]);
    expect(review.checks.map((c) => `${c.rule}:${c.status}`)).toEqual(['bannedPhrase:pass', 'disclosure:off', 'hashtagCap:pass', 'linkDomain:off', 'expiredLicence:pass', 'watermark:off']);
    expect(review.draft).toMatchObject({ id: draft.id, kind: 'video', name: 'Winter reel' });
    expect(review.since).toBeNull();

    // Ari asks for changes; Cleo edits the caption, a hashtag and the X override, and submits again.
    await studio.api['posts.transition']({ id: post.id, event: 'request_changes', actorId: ari.id, comment: 'Say which boots' });
    await studio.api['posts.update']({
      id: post.id, actorId: cleo.id, content: { caption: 'Our new Nordic boots', hashtags: ['winter', 'nordic'], mentions: [], firstComment: '', link: null },
      targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: { caption: 'Nordic boots (X)' } }],
    });
    await studio.api['posts.transition']({ id: post.id, event: 'submit', actorId: cleo.id });
    review = await studio.api['posts.review']({ id: post.id, actorId: ari.id });
    expect(review.since?.review.kind).toBe('request_changes');
    expect(review.since?.changes).toEqual([
      { kind: 'text', field: 'caption', before: 'Our new boots', after: 'Our new Nordic boots' },
      { kind: 'list', field: 'hashtags', added: ['nordic'], removed: [] },
      { kind: 'override', channel: 'x', field: 'caption', before: 'Boots (X)', after: 'Nordic boots (X)' },
    ]);
    // Someone else has not reviewed it: no diff for them; the author's own comment is not a review.
    await studio.api['posts.comment']({ id: post.id, actorId: cleo.id, body: 'Done!' });
    expect((await studio.api['posts.review']({ id: post.id, actorId: cleo.id })).since).toBeNull();
    expect((await studio.api['posts.review']({ id: post.id, actorId: 'owner' })).since).toBeNull();

    // A failing rule says why, once, with the channels it failed on; approving after a look resets the diff.
    await studio.api['posts.update']({ id: post.id, actorId: cleo.id, content: { caption: 'Free money boots', hashtags: ['winter'], mentions: [], firstComment: '', link: null } });
    review = await studio.api['posts.review']({ id: post.id, actorId: ari.id });
    expect(review.checks[0]).toMatchObject({ rule: 'bannedPhrase', status: 'fail', problems: [{ channels: ['tiktok'] }] });
    await studio.api['posts.update']({ id: post.id, actorId: cleo.id, content: { caption: 'Nordic boots', hashtags: ['winter'], mentions: [], firstComment: '', link: null } });
    await studio.api['posts.transition']({ id: post.id, event: 'approve', actorId: ari.id });
    review = await studio.api['posts.review']({ id: post.id, actorId: ari.id });
    expect([review.since?.review.kind, review.since?.changes]).toEqual(['approve', []]);
  });

  it("plays a channel's render when the post was rendered from the draft as it is now", async () => {
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Reel' });
    const post = await studio.api['posts.create']({ draftId: draft.id, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: {} }], timeZone: 'UTC', campaignId: null });
    // A variant export the delivery engine wrote into the post's render folder (the file itself is what counts).
    const dir = studio.rooms.delivery.renderDir(post);
    fs.mkdirSync(dir, { recursive: true });
    const file = path.join(dir, 'tiktok+instagram_reel.mp4');
    fs.writeFileSync(file, 'mp4');
    const job = studio.rooms.jobs.create({ id: 'render-1', kind: 'export', title: 'Reel for TikTok', input: { draftId: draft.id, variant: { width: 1080 }, outputPath: file } });
    studio.rooms.jobs.update(job.id, { status: 'done', progress: 1, result: { kind: 'export', draftId: draft.id, outputPath: file, fileName: 'tiktok+instagram_reel.mp4', sizeBytes: 3, durationSec: 1, method: 'encode' } });
    const review = await studio.api['posts.review']({ id: post.id, actorId: 'owner' });
    expect(review.channels.map((c) => [c.channel, c.render?.jobId ?? null])).toEqual([
      ['tiktok', 'render-1'],
      ['x', null],
    ]);
    // The file gone: the live preview instead.
    fs.rmSync(file);
    expect((await studio.api['posts.review']({ id: post.id, actorId: 'owner' })).channels[0]!.render).toBeNull();
  });

  it("plays each channel's own file of a one-pass export of several variants, and serves it by its output index", async () => {
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Reel' });
    const post = await studio.api['posts.create']({
      draftId: draft.id, actorId: 'owner', targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'youtube_shorts', overrides: {} }, { channel: 'x', overrides: {} }], timeZone: 'UTC', campaignId: null,
    });
    // The delivery engine's one ffmpeg run for two channel groups: one job, two files in the post's render folder.
    const dir = studio.rooms.delivery.renderDir(post);
    fs.mkdirSync(dir, { recursive: true });
    const files = ['tiktok.mp4', 'youtube_shorts.mp4'].map((n) => path.join(dir, n));
    files.forEach((f, i) => fs.writeFileSync(f, `mp4 ${i}`));
    const outputs = files.map((outputPath, i) => ({ variant: { width: 1080 + i }, outputPath, label: path.basename(outputPath) }));
    studio.rooms.jobs.create({ id: 'one-pass', kind: 'export', title: 'Reel for 2 channels', input: { draftId: draft.id, outputs } });
    studio.rooms.jobs.update('one-pass', {
      status: 'done', progress: 1,
      result: { kind: 'export', draftId: draft.id, outputPath: files[0]!, fileName: 'tiktok.mp4', sizeBytes: 5, durationSec: 1, method: 'encode', outputs: files.map((outputPath) => ({ outputPath, sizeBytes: 5, durationSec: 1 })) },
    });
    const review = await studio.api['posts.review']({ id: post.id, actorId: 'owner' });
    expect(review.channels.map((c) => [c.channel, c.render && `${c.render.jobId}/${c.render.output}`])).toEqual([
      ['tiktok', 'one-pass/0'],
      ['youtube_shorts', 'one-pass/1'],
      ['x', null],
    ]);
    // Each address serves its own file; an index past the outputs serves nothing.
    expect((await studio.resolveExport('one-pass', 1))?.path).toBe(files[1]);
    expect((await studio.resolveExport('one-pass', 1))?.fileName).toBe('youtube_shorts.mp4');
    expect((await studio.resolveExport('one-pass'))?.path).toBe(files[0]);
    expect(await studio.resolveExport('one-pass', 2)).toBeNull();
    // A post's renders are not a person's exports: the editor's history does not list them.
    expect(await studio.api['exports.list']({ draftId: draft.id, limit: 10 })).toEqual([]);
    // One file gone: only its channel falls back to the live preview.
    fs.rmSync(files[1]!);
    expect((await studio.api['posts.review']({ id: post.id, actorId: 'owner' })).channels.map((c) => c.render?.output ?? null)).toEqual([0, null, null]);
  });

  it('refuses an unknown person or post', async () => {
    await expect(studio.api['posts.review']({ id: 'nope', actorId: 'owner' })).rejects.toThrow();
    await expect(studio.api['posts.review']({ id: 'nope', actorId: 'nobody' })).rejects.toThrow();
  });
});
