import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../api/contract';
import { type BrandKitContent, emptyKitContent } from '../model/brand-kit';
import type { Studio } from '../studio';
import { importFixtures } from './__tests__/kit-fixtures';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

describe('brand kits through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let ids: Record<string, string>;
  const kitEvents = () => temp.events.filter((e) => e.name === 'kits.changed').map((e) => e.payload as EventPayload<'kits.changed'>);
  const kitAudit = () => studio.auditRepo.list().filter((e) => e.action === 'kit_edit');
  const content = (name: string): BrandKitContent => ({
    ...emptyKitContent(name),
    palette: [{ name: 'Signal red', color: '#e4002b', role: 'primary' }],
    logos: { light: ids['logo.png']!, dark: null },
    intro: ids['red-clip.mp4']!,
    hashtags: ['acme'],
  });

  beforeEach(async () => {
    temp = await openTempStudio('pf-kits-');
    studio = temp.studio;
    ids = await importFixtures(studio, ['logo.png', 'red-clip.mp4', 'music-loop.mp3']);
  });
  afterEach(() => temp.close());

  it('creates, edits, duplicates, sets the default and deletes kits, announcing and auditing each change', async () => {
    const a = await studio.api['kits.create']({ actorId: 'owner', name: 'Acme' });
    expect(a).toMatchObject({ name: 'Acme', isDefault: true, palette: [] });
    const b = await studio.api['kits.create']({ actorId: 'owner', content: content('Beta') });
    expect(b).toMatchObject({ isDefault: false, logos: { light: ids['logo.png'] } });
    const edited = await studio.api['kits.update']({ id: a.id, actorId: 'owner', baseUpdatedAt: a.updatedAt, content: { ...content('Acme Brand'), disclaimer: '#ad' } });
    expect(edited).toMatchObject({ name: 'Acme Brand', disclaimer: '#ad', intro: ids['red-clip.mp4'] });
    const copy = await studio.api['kits.duplicate']({ id: a.id, actorId: 'owner' });
    expect(copy.name).toBe('Acme Brand copy');
    expect(await studio.api['kits.setDefault']({ id: b.id, actorId: 'owner' })).toMatchObject({ id: b.id, isDefault: true });
    expect((await studio.api['kits.list']({})).map((k) => k.name)).toEqual(['Beta', 'Acme Brand', 'Acme Brand copy']);
    expect(await studio.api['kits.usingAsset']({ assetId: ids['logo.png']! })).toEqual([
      { kitId: a.id, kitName: 'Acme Brand', role: 'logo_light' },
      { kitId: copy.id, kitName: 'Acme Brand copy', role: 'logo_light' },
      { kitId: b.id, kitName: 'Beta', role: 'logo_light' },
    ]);
    expect(await studio.api['kits.delete']({ id: b.id, actorId: 'owner' })).toEqual({ count: 1, defaultId: a.id });
    await expect(studio.api['kits.get']({ id: b.id })).rejects.toMatchObject({ code: 'not_found' });

    expect(kitEvents()).toEqual([
      { reason: 'created', ids: [a.id] },
      { reason: 'created', ids: [b.id] },
      { reason: 'updated', ids: [a.id] },
      { reason: 'duplicated', ids: [copy.id] },
      { reason: 'default', ids: [b.id, a.id] },
      { reason: 'deleted', ids: [b.id, a.id] },
    ]);
    expect(kitAudit().map((e) => [e.actorId, e.detail.change, e.detail.kitId])).toEqual([
      ['owner', 'created', a.id],
      ['owner', 'created', b.id],
      ['owner', 'updated', a.id],
      ['owner', 'duplicated', copy.id],
      ['owner', 'default', b.id],
      ['owner', 'deleted', b.id],
    ]);
    expect(kitAudit()[2]!.detail).toMatchObject({ fields: ['name', 'palette', 'logos', 'intro', 'hashtags', 'disclaimer'], previousName: 'Acme' });
    expect(studio.auditRepo.verify()).toMatchObject({ ok: true });
  });

  it('refuses a creator’s edit (unauthorized, nothing changed, nothing audited) and audits an admin’s', async () => {
    const creator = await studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const kit = await studio.api['kits.create']({ actorId: 'owner', name: 'Acme' });
    const before = studio.auditRepo.count();
    temp.events.length = 0;
    const refused = { code: 'unauthorized', message: 'Only an admin can change brand kits. Ask an admin to do it, or to change your role.' };
    await expect(studio.api['kits.create']({ actorId: creator.id, name: 'Mine' })).rejects.toMatchObject(refused);
    await expect(studio.api['kits.update']({ id: kit.id, actorId: creator.id, baseUpdatedAt: kit.updatedAt, content: content('Hacked') })).rejects.toMatchObject(refused);
    await expect(studio.api['kits.duplicate']({ id: kit.id, actorId: creator.id })).rejects.toMatchObject(refused);
    await expect(studio.api['kits.setDefault']({ id: kit.id, actorId: creator.id })).rejects.toMatchObject(refused);
    await expect(studio.api['kits.delete']({ id: kit.id, actorId: creator.id })).rejects.toMatchObject(refused);
    await expect(studio.api['kits.create']({ actorId: 'nobody', name: 'Ghost' })).rejects.toMatchObject({ code: 'not_found' });
    expect(studio.auditRepo.count()).toBe(before);
    expect(kitEvents()).toEqual([]);
    expect(await studio.api['kits.list']({})).toEqual([kit]);
    // Creators still read kits: they use them.
    expect(await studio.api['kits.get']({ id: kit.id })).toEqual(kit);

    const admin = await studio.api['users.create']({ actorId: 'owner', name: 'Ada', role: 'admin' });
    await studio.api['kits.update']({ id: kit.id, actorId: admin.id, baseUpdatedAt: kit.updatedAt, content: content('Acme') });
    expect(kitAudit().at(-1)).toMatchObject({ actorId: admin.id, actorName: 'Ada', postId: null, detail: { change: 'updated', kitId: kit.id, name: 'Acme' } });
  });

  it('refuses a stale edit with conflict and keeps the other designer’s version', async () => {
    const kit = await studio.api['kits.create']({ actorId: 'owner', name: 'Acme' });
    const mine = await studio.api['kits.update']({ id: kit.id, actorId: 'owner', baseUpdatedAt: kit.updatedAt, content: { ...emptyKitContent('Acme'), hashtags: ['mine'] } });
    const audited = studio.auditRepo.count();
    await expect(studio.api['kits.update']({ id: kit.id, actorId: 'owner', baseUpdatedAt: kit.updatedAt, content: { ...emptyKitContent('Acme'), hashtags: ['theirs'] } })).rejects.toMatchObject({ code: 'conflict' });
    expect((await studio.api['kits.get']({ id: kit.id })).hashtags).toEqual(['mine']);
    expect(studio.auditRepo.count()).toBe(audited);
    expect(mine.updatedAt).not.toBe(kit.updatedAt);
  });

  it('checks what a kit refers to: logos are images, intro/outro videos, all in the library and not in the Trash', async () => {
    const kit = await studio.api['kits.create']({ actorId: 'owner', name: 'Acme' });
    const save = (c: Partial<BrandKitContent>) => studio.api['kits.update']({ id: kit.id, actorId: 'owner', baseUpdatedAt: kit.updatedAt, content: { ...emptyKitContent('Acme'), ...c } });
    await expect(save({ logos: { light: ids['red-clip.mp4']!, dark: null } })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/“red-clip.mp4” is a video; the light logo must be an image/) });
    await expect(save({ outro: ids['music-loop.mp3']! })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/“music-loop.mp3” is an audio file; the outro clip must be a video clip/) });
    await expect(save({ intro: 'no-such-asset' })).rejects.toMatchObject({ message: expect.stringMatching(/The intro clip chosen for this kit is no longer in the library/) });
    await expect(save({ fontIds: ['0'.repeat(64)] })).rejects.toMatchObject({ message: expect.stringMatching(/lists a font that is not in this library/) });
    await expect(studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('B'), intro: ids['logo.png']! } })).rejects.toMatchObject({ code: 'invalid_input' });
    await studio.api['assets.trash']({ ids: [ids['logo.png']!] });
    await expect(save({ logos: { light: null, dark: ids['logo.png']! } })).rejects.toMatchObject({ message: expect.stringMatching(/“logo.png” \(the dark logo\) is in the Trash. Restore it/) });
    expect((await studio.api['kits.list']({})).map((k) => k.name)).toEqual(['Acme']);
  });

  it('refuses to delete for good an asset a kit uses, saying which kit, and deletes it once the kit lets go', async () => {
    const kit = await studio.api['kits.create']({ actorId: 'owner', content: content('Acme') });
    await studio.api['assets.trash']({ ids: [ids['logo.png']!, ids['music-loop.mp3']!] });
    await expect(studio.api['assets.purge']({ ids: [ids['music-loop.mp3']!, ids['logo.png']!] })).rejects.toMatchObject({
      code: 'conflict',
      message: '“logo.png” is the light logo of the brand kit “Acme”. Pick another one in Brand → “Acme” first. Nothing was deleted.',
    });
    // Nothing was deleted: not even the unused asset of the same call.
    expect((await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: true, offset: 0, limit: 10 })).total).toBe(2);
    await studio.api['kits.update']({ id: kit.id, actorId: 'owner', baseUpdatedAt: kit.updatedAt, content: { ...content('Acme'), logos: { light: null, dark: null } } });
    expect(await studio.api['assets.purge']({ ids: [ids['music-loop.mp3']!, ids['logo.png']!] })).toEqual({ count: 2 });
  });
});
