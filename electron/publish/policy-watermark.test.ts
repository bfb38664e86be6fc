import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Asset } from '../model/asset';
import { defaultTransform, type Draft, type VideoDraft } from '../model/draft';
import { emptyKitContent } from '../model/brand-kit';
import { addWatermark } from '../model/kit-apply';
import type { SourceInfo } from '../model/timeline';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

/**
 * The policy's required watermark through a real Studio: only admins choose the channels (the existing
 * policy.edit permission), and a post for such a channel is blocked at submit until its draft carries the
 * kit's watermark over the whole video.
 */
describe('required watermark through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;

  beforeEach(async () => {
    temp = await openTempStudio('pf-wm-');
    ({ studio } = temp);
  });
  afterEach(() => temp.close());

  async function importPng(name: string, width: number, height: number): Promise<Asset> {
    const file = path.join(temp.tmp, name);
    await sharp({ create: { width, height, channels: 4, background: '#e4002b' } }).png().toFile(file);
    const { jobId } = await studio.api['imports.start']({ paths: [file], uploads: [] });
    const job = await studio.waitForJob(jobId);
    if (job.result?.kind !== 'import') throw new Error(`import of ${name} failed`);
    return studio.api['assets.get']({ id: job.result.assetIds[0]! });
  }

  function withClip(doc: Draft, assetId: string): VideoDraft {
    if (doc.kind !== 'video') throw new Error('video draft expected');
    const clip = { id: 'clip-0', type: 'media' as const, assetId, start: 0, in: 0, out: 3, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
    return { ...doc, tracks: doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
  }

  it('a new draft has no kit while the library has none', async () => {
    expect((await studio.api['drafts.create']({ kind: 'image', name: 'Plain' })).doc.kitId).toBeNull();
  });

  it('only an admin picks the channels; a TikTok post without the watermark is blocked at submit, with the fix; the watermark clears it', async () => {
    const photo = await importPng('photo.png', 90, 160);
    const logo = await importPng('logo.png', 60, 20);
    const creator = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const { policy } = await studio.api['policy.get']({});
    expect(policy.requireWatermark).toEqual([]);
    await expect(studio.api['policy.set']({ actorId: creator.id, policy: { ...policy, requireWatermark: ['tiktok'] } })).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await studio.api['policy.get']({})).policy.requireWatermark).toEqual([]);
    const saved = await studio.api['policy.set']({ actorId: 'owner', policy: { ...policy, requireWatermark: ['tiktok'] } });
    expect(saved.policy.requireWatermark).toEqual(['tiktok']);

    const kit = await studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Acme'), logos: { light: logo.id, dark: null } } });
    // New drafts start with the library's default kit (the first kit is the default).
    const draft = await studio.api['drafts.create']({ kind: 'video', name: 'Brand reel' });
    expect(draft.doc.kitId).toBe(kit.id);
    const doc = withClip(draft.doc, photo.id);
    const saved1 = await studio.api['drafts.save']({ id: draft.id, baseRevision: draft.revision, doc });
    const tiktok = await studio.api['posts.create']({ draftId: draft.id, actorId: creator.id, targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    const linkedin = await studio.api['posts.create']({ draftId: draft.id, actorId: creator.id, targets: [{ channel: 'linkedin', overrides: {} }], timeZone: 'UTC', campaignId: null });
    await expect(studio.api['posts.transition']({ id: tiktok.id, event: 'submit', actorId: creator.id })).rejects.toThrow(/TikTok posts must carry the brand watermark; this draft has none \(Add watermark in the editor/);
    // A channel the admin did not pick is not held to it.
    expect((await studio.api['posts.transition']({ id: linkedin.id, event: 'submit', actorId: creator.id })).state).toBe('in_review');

    const info: SourceInfo = (id) => ({ [photo.id]: { kind: 'image' as const, durationSec: null }, [logo.id]: { kind: 'image' as const, durationSec: null } })[id];
    let n = 0;
    const marked = addWatermark(doc, kit, (id) => (id === logo.id ? { width: 60, height: 20 } : null), info, (p) => `${p}-${++n}`);
    if (!marked.ok) throw new Error(marked.message);
    await studio.api['drafts.save']({ id: draft.id, baseRevision: saved1.revision, doc: marked.draft });
    expect((await studio.api['posts.transition']({ id: tiktok.id, event: 'submit', actorId: creator.id })).state).toBe('in_review');
  });
});
