import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Draft, type ImageDraft } from '../model/draft';
import type { Studio } from '../studio';
import { importFixtures } from './__tests__/kit-fixtures';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

/**
 * "A locked template element cannot be moved or deleted by a creator (API refuses too, not only the UI)": every
 * call that writes a draft's document, tried by a creator, by a call naming nobody, and by an admin.
 */
describe('template locks through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let ids: Record<string, string>;
  let creatorId: string;
  let draftId: string;
  let locked: ImageDraft;
  const api = () => studio.api;

  const withLayers = (doc: ImageDraft, edit: (layers: ImageDraft['pages'][number]['layers']) => ImageDraft['pages'][number]['layers']): ImageDraft => ({
    ...doc,
    pages: [{ ...doc.pages[0]!, layers: edit(doc.pages[0]!.layers) }, ...doc.pages.slice(1)],
  });
  const moveLogo = (doc: ImageDraft) => withLayers(doc, (ls) => ls.map((l) => (l.id === 'logo' && l.type === 'media' ? { ...l, box: { ...l.box, x: 0.2 } } : l)));
  const current = async () => api()['drafts.get']({ id: draftId });

  beforeEach(async () => {
    temp = await openTempStudio('pf-tplgate-');
    studio = temp.studio;
    ids = await importFixtures(studio, ['logo.png', 'beach-sunset.jpg']);
    creatorId = (await api()['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' })).id;
    const rec = await api()['drafts.create']({ kind: 'image', name: 'Quote' });
    draftId = rec.id;
    const doc = rec.doc as ImageDraft;
    locked = Draft.parse({
      ...doc,
      pages: [{
        ...doc.pages[0]!,
        layers: [
          { id: 'photo', type: 'media', assetId: ids['beach-sunset.jpg'], template: 'placeholder', box: { x: 0.5, y: 0.4, w: 1, h: 0.8, rotation: 0 } },
          { id: 'logo', type: 'media', assetId: ids['logo.png'], brand: 'logo', template: 'locked', box: { x: 0.85, y: 0.9, w: 0.15, h: 0.12, rotation: 0 } },
        ],
      }],
    }) as ImageDraft;
    // The admin makes the template (rev 2).
    await api()['drafts.save']({ id: draftId, baseRevision: rec.revision, doc: locked, actorId: 'owner' });
  });
  afterEach(() => temp.close());

  it("refuses a creator's save that moves or deletes a locked layer, names it and keeps nothing", async () => {
    const before = await current();
    const revisions = await api()['drafts.revisions']({ id: draftId });
    await expect(api()['drafts.save']({ id: draftId, baseRevision: before.revision, doc: moveLogo(locked), actorId: creatorId })).rejects.toMatchObject({
      code: 'unauthorized',
      message: expect.stringMatching(/^The logo on page 1 is locked by the template and was moved\. Only an admin can change a template's locked elements/),
    });
    const deleted = withLayers(locked, (ls) => ls.filter((l) => l.id !== 'logo'));
    await expect(api()['drafts.save']({ id: draftId, baseRevision: before.revision, doc: deleted, actorId: creatorId })).rejects.toThrow(/The logo on page 1 is locked by the template and was deleted\..*Nothing was saved/);
    // A save naming nobody has a creator's rights; a stale base is no way around it either (nothing kept for recovery).
    await expect(api()['drafts.save']({ id: draftId, baseRevision: before.revision, doc: deleted })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(api()['drafts.save']({ id: draftId, baseRevision: 1, doc: deleted, actorId: creatorId })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(await current()).toEqual(before);
    expect(await api()['drafts.revisions']({ id: draftId })).toEqual(revisions);
  });

  it("refuses a save that strips the marks, or adds a lock, and lets an admin do all of it", async () => {
    const { revision } = await current();
    const stripped = withLayers(locked, (ls) => ls.map((l) => ({ ...l, template: null })));
    await expect(api()['drafts.save']({ id: draftId, baseRevision: revision, doc: stripped, actorId: creatorId })).rejects.toThrow(
      /^The placeholder photo on page 1 is no longer marked as a placeholder, though it was not replaced\. The logo on page 1 is locked by the template and was no longer marked as locked\./,
    );
    const lockPhoto = withLayers(locked, (ls) => ls.map((l) => (l.id === 'photo' ? { ...l, template: 'locked' as const } : l)));
    await expect(api()['drafts.save']({ id: draftId, baseRevision: revision, doc: lockPhoto, actorId: creatorId })).rejects.toThrow(/The photo on page 1 is newly marked as locked/);
    const moved = await api()['drafts.save']({ id: draftId, baseRevision: revision, doc: moveLogo(locked), actorId: 'owner' });
    expect(moved.revision).toBe(revision + 1);
    const s = await api()['drafts.save']({ id: draftId, baseRevision: moved.revision, doc: stripped, actorId: 'owner' });
    expect((await current()).revision).toBe(s.revision);
  });

  it("lets a creator replace the placeholder and edit what is not locked", async () => {
    const { revision } = await current();
    const filled = withLayers(locked, (ls) => [
      ...ls.map((l) => (l.id === 'photo' && l.type === 'media' ? { ...l, assetId: ids['logo.png']!, box: { ...l.box, rotation: 12 } } : l)),
      { id: 'caption', type: 'text' as const, name: '', hidden: false, locked: false, groupId: null, template: null, opacity: 1, text: 'Mine', style: { font: 'DejaVu Sans', size: 60, color: '#ffffff', bold: false, italic: false, align: 'center' as const, stroke: null, box: null }, styleRole: null, x: 0.5, y: 0.2, maxWidth: 0.8, rotation: 0 },
    ]);
    // The editor's own lock and grouping are free even on the locked logo.
    const alsoUnlockInEditor = withLayers(filled, (ls) => ls.map((l) => (l.id === 'logo' ? { ...l, locked: true, groupId: 'g' } : l)));
    expect((await api()['drafts.save']({ id: draftId, baseRevision: revision, doc: alsoUnlockInEditor, actorId: creatorId })).revision).toBe(revision + 1);
    expect((await current()).doc).toEqual(alsoUnlockInEditor);
  });

  it("refuses a creator's restore of a revision from before the lock, and an admin's goes through", async () => {
    await expect(api()['drafts.restoreRevision']({ id: draftId, revision: 1, actorId: creatorId })).rejects.toThrow(/The logo on page 1 is locked by the template and was deleted/);
    await expect(api()['drafts.restoreRevision']({ id: draftId, revision: 1 })).rejects.toMatchObject({ code: 'unauthorized' });
    expect((await current()).revision).toBe(2);
    const restored = await api()['drafts.restoreRevision']({ id: draftId, revision: 1, actorId: 'owner' });
    expect((restored.doc as ImageDraft).pages[0]!.layers).toEqual([]);
    // Restoring the locked version back is a new lock: the admin's to make, not the creator's.
    await expect(api()['drafts.restoreRevision']({ id: draftId, revision: 2, actorId: creatorId })).rejects.toThrow(/newly marked as locked/);
  });

  it('keeps the locks in a duplicate, so copying a templated draft is no way around them', async () => {
    const copy = await api()['drafts.duplicate']({ id: draftId });
    expect((copy.doc as ImageDraft).pages[0]!.layers.map((l) => [l.id, l.template])).toEqual([['photo', 'placeholder'], ['logo', 'locked']]);
    await expect(api()['drafts.save']({ id: copy.id, baseRevision: copy.revision, doc: moveLogo(copy.doc as ImageDraft), actorId: creatorId })).rejects.toMatchObject({ code: 'unauthorized' });
    // A fresh draft cannot be given a lock by a creator either.
    const fresh = await api()['drafts.create']({ kind: 'image', name: 'Fresh' });
    await expect(api()['drafts.save']({ id: fresh.id, baseRevision: fresh.revision, doc: { ...locked, name: 'Fresh' }, actorId: creatorId })).rejects.toThrow(/newly marked as locked/);
  });

  it("audits an admin's change to locked elements (actor, draft, which elements and how) and writes nothing for a creator's refused try", async () => {
    const audit = () => studio.auditRepo.list().filter((e) => e.action === 'template_lock_edit');
    // Making the template locked the logo: the admin's new lock is on the record.
    expect(audit().map((e) => [e.actorId, e.actorName, e.detail])).toEqual([
      ['owner', 'Owner', { draftId, draftName: 'Quote', revision: 2, elements: [{ id: 'logo', element: 'the logo', where: 'page 1', changes: ['marked'] }] }],
    ]);
    const { revision } = await current();
    await expect(api()['drafts.save']({ id: draftId, baseRevision: revision, doc: moveLogo(locked), actorId: creatorId })).rejects.toMatchObject({ code: 'unauthorized' });
    await expect(api()['drafts.restoreRevision']({ id: draftId, revision: 1, actorId: creatorId })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(audit()).toHaveLength(1);
    // An edit that leaves the locked logo alone is not audited.
    const recoloured = { ...locked, pages: [{ ...locked.pages[0]!, background: { type: 'colour' as const, color: '#123456' } }] };
    const r3 = await api()['drafts.save']({ id: draftId, baseRevision: revision, doc: recoloured, actorId: 'owner' });
    expect(audit()).toHaveLength(1);
    // The admin moves the logo, then unlocks it: one entry each, naming the admin from the library's record.
    const moved = moveLogo(recoloured);
    const r4 = await api()['drafts.save']({ id: draftId, baseRevision: r3.revision, doc: moved, actorId: 'owner' });
    const unlocked = withLayers(moved, (ls) => ls.map((l) => (l.id === 'logo' ? { ...l, template: null } : l)));
    const r5 = await api()['drafts.save']({ id: draftId, baseRevision: r4.revision, doc: unlocked, actorId: 'owner' });
    const [, move, unlock] = audit();
    expect(move).toMatchObject({ actorId: 'owner', actorName: 'Owner', postId: null, detail: { draftId, draftName: 'Quote', revision: r4.revision, elements: [{ id: 'logo', changes: ['moved'] }] } });
    expect(unlock).toMatchObject({ actorId: 'owner', detail: { revision: r5.revision, elements: [{ id: 'logo', changes: ['unmarked'] }] } });
    // A stale save is kept only in the history, not made current: nothing changed, nothing audited.
    await expect(api()['drafts.save']({ id: draftId, baseRevision: r3.revision, doc: recoloured, actorId: 'owner' })).rejects.toMatchObject({ code: 'conflict' });
    expect(audit()).toHaveLength(3);
    // An admin's restore of the revision from before the lock deletes the logo: audited too.
    await api()['drafts.restoreRevision']({ id: draftId, revision: 2, actorId: 'owner' });
    expect(audit().at(-1)!.detail).toMatchObject({ elements: [{ id: 'logo', changes: ['marked'] }] });
    expect(studio.auditRepo.verify()).toMatchObject({ ok: true, count: studio.auditRepo.count(), findings: [] });
  });

  it('refuses an unknown actor by name', async () => {
    const { revision } = await current();
    await expect(api()['drafts.save']({ id: draftId, baseRevision: revision, doc: locked, actorId: 'nobody' })).rejects.toMatchObject({ code: 'not_found' });
  });
});
