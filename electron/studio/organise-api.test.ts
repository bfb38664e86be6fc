import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload, ParsedInput } from '../api/contract';
import { defaultTransform, type Draft, type VideoDraft } from '../model/draft';
import type { Studio } from '../studio';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

/** Ratings, labels, collections, smart collections and "where used", through a real Studio on a real library. */
const NOW = new Date('2026-06-15T12:00:00.000Z');

function withImage(doc: Draft, assetId: string): VideoDraft {
  if (doc.kind !== 'video') throw new Error('video draft expected');
  const clip = { id: 'c1', type: 'media' as const, assetId, start: 0, in: 0, out: 3, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
  return { ...doc, tracks: doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
}

describe('organising the library through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  let ids: Record<string, string>;
  const list = async (filter: Partial<ParsedInput<'assets.list'>>) =>
    (await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: false, offset: 0, limit: 100, color: null, ...filter })).items.map((a) => a.name);

  beforeEach(async () => {
    temp = await openTempStudio('pf-organise-', { clock: () => NOW });
    studio = temp.studio;
    const shapes = { 'tall.png': [40, 80], 'wide.png': [80, 40], 'square.png': [60, 60] } as const;
    const paths = await Promise.all(
      Object.entries(shapes).map(async ([name, [w, h]], i) => {
        const p = path.join(temp.tmp, name);
        await sharp({ create: { width: w, height: h, channels: 3, background: ['#f00', '#0f0', '#00f'][i]! } }).png().toFile(p);
        return p;
      }),
    );
    await studio.api['imports.start']({ paths, uploads: [] });
    await studio.whenIdle();
    const all = await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: false, offset: 0, limit: 10 });
    ids = Object.fromEntries(all.items.map((a) => [a.name, a.id]));
    expect(Object.keys(ids).sort()).toEqual(['square.png', 'tall.png', 'wide.png']);
  });
  afterEach(() => temp.close());

  it('rates and labels many assets, says what each had for Undo, and filters by both', async () => {
    temp.events.length = 0;
    expect(await studio.api['assets.setRating']({ ids: [ids['tall.png']!, ids['wide.png']!], rating: 4 })).toEqual({ updated: 2, previous: [{ value: 0, ids: expect.arrayContaining([ids['tall.png'], ids['wide.png']]) }] });
    const again = await studio.api['assets.setRating']({ ids: [ids['tall.png']!, ids['square.png']!, 'gone'], rating: 2 });
    expect(again.updated).toBe(2);
    expect(again.previous).toEqual(expect.arrayContaining([{ value: 4, ids: [ids['tall.png']] }, { value: 0, ids: [ids['square.png']] }]));
    await studio.api['assets.setLabel']({ ids: [ids['wide.png']!], label: 'red' });
    expect(temp.events.filter((e) => e.name === 'assets.changed').map((e) => (e.payload as EventPayload<'assets.changed'>).reason)).toEqual(['updated', 'updated', 'updated']);

    expect(await list({ minRating: 3 })).toEqual(['wide.png']);
    expect(await list({ minRating: 2 })).toEqual(['square.png', 'tall.png', 'wide.png']);
    expect(await list({ label: 'red' })).toEqual(['wide.png']);
    expect(await list({ label: 'none' })).toEqual(['square.png', 'tall.png']);
    // A search with a filter counts through the filter, not the search index alone.
    const found = await studio.api['assets.list']({ query: 'png', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 1, label: 'red' });
    expect(found.total).toBe(1);
    expect(await studio.api['assets.get']({ id: ids['wide.png']! })).toMatchObject({ rating: 4, label: 'red' });
    await expect(studio.api['assets.setRating']({ ids: [ids['wide.png']!], rating: 9 })).rejects.toThrow();
  });

  it('keeps manual collections: create from a selection, add, remove, rename, delete; trashed assets leave the count', async () => {
    const c = await studio.api['collections.create']({ name: 'Summer launch', assetIds: [ids['tall.png']!] });
    expect(c).toMatchObject({ name: 'Summer launch', count: 1 });
    expect(await studio.api['collections.addAssets']({ id: c.id, assetIds: [ids['tall.png']!, ids['wide.png']!] })).toEqual({ added: 1 });
    expect(await list({ collectionId: c.id })).toEqual(['tall.png', 'wide.png']);
    const other = await studio.api['collections.create']({ name: 'Logos', assetIds: [ids['wide.png']!] });
    expect((await studio.api['assets.whereUsed']({ id: ids['wide.png']! })).collections.map((x) => x.name)).toEqual(['Logos', 'Summer launch']);

    await studio.api['assets.trash']({ ids: [ids['tall.png']!] });
    expect((await studio.api['collections.list']({})).find((x) => x.id === c.id)?.count).toBe(1);
    await studio.api['assets.restore']({ ids: [ids['tall.png']!] });
    expect(await studio.api['collections.removeAssets']({ id: c.id, assetIds: [ids['tall.png']!] })).toEqual({ removed: 1 });
    expect(await list({ collectionId: c.id })).toEqual(['wide.png']);
    expect(await studio.api['collections.rename']({ id: c.id, name: 'Summer' })).toMatchObject({ name: 'Summer', count: 1 });

    // Deleting for good takes the asset out of every collection.
    await studio.api['assets.trash']({ ids: [ids['wide.png']!] });
    await studio.api['assets.purge']({ ids: [ids['wide.png']!] });
    expect((await studio.api['collections.list']({})).map((x) => [x.name, x.count])).toEqual([['Logos', 0], ['Summer', 0]]);

    expect(await studio.api['collections.delete']({ id: other.id })).toEqual({ count: 1 });
    await expect(list({ collectionId: other.id })).rejects.toMatchObject({ code: 'not_found', message: expect.stringMatching(/no longer in the library/) });
    await expect(studio.api['collections.addAssets']({ id: other.id, assetIds: [ids['tall.png']!] })).rejects.toMatchObject({ code: 'not_found' });
    expect(await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: false, offset: 0, limit: 10 }).then((r) => r.total)).toBe(2);
    const changes = temp.events.filter((e) => e.name === 'collections.changed').map((e) => (e.payload as EventPayload<'collections.changed'>).kind);
    expect(changes.length).toBeGreaterThanOrEqual(6);
  });

  it('evaluates smart collections in SQL: counts follow the library, and "used in a post" follows drafts and posts', async () => {
    await studio.api['assets.setRating']({ ids: [ids['tall.png']!, ids['wide.png']!], rating: 5 });
    const smart = await studio.api['smartCollections.create']({
      name: 'Best portraits',
      rules: { match: 'all', rules: [{ type: 'rating', op: 'gte', value: 4 }, { type: 'kind', kinds: ['image'] }, { type: 'orientation', is: 'portrait' }] },
    });
    expect(smart.count).toBe(1);
    expect(await list({ smartCollectionId: smart.id })).toEqual(['tall.png']);
    await studio.api['smartCollections.update']({ id: smart.id, rules: { match: 'any', rules: [{ type: 'orientation', is: 'square' }, { type: 'orientation', is: 'landscape' }] } });
    expect(await list({ smartCollectionId: smart.id })).toEqual(['square.png', 'wide.png']);
    // Relative rules go by the Studio's clock (15 June 2026 here), whatever the machine's date.
    studio.rooms.db.prepare("UPDATE assets SET imported_at = CASE WHEN id = ? THEN '2026-05-01T09:00:00.000Z' ELSE '2026-06-10T09:00:00.000Z' END").run(ids['tall.png']);
    expect(await studio.api['smartCollections.count']({ rules: { match: 'all', rules: [{ type: 'recent', field: 'imported', days: 30 }] } })).toEqual({ count: 2 });
    await studio.api['assets.update']({ id: ids['square.png']!, licenceExpires: '2026-06-20' });
    expect(await studio.api['smartCollections.count']({ rules: { match: 'all', rules: [{ type: 'licence', states: ['soon'] }] } })).toEqual({ count: 1 });

    const used = await studio.api['smartCollections.create']({ name: 'In posts', rules: { match: 'all', rules: [{ type: 'usedInPost', used: true }] } });
    expect(used.count).toBe(0);
    const d = await studio.api['drafts.create']({ kind: 'video', name: 'Teaser' });
    await studio.api['drafts.save']({ id: d.id, baseRevision: d.revision, doc: withImage(d.doc, ids['wide.png']!) });
    expect((await studio.api['smartCollections.list']({})).find((s) => s.id === used.id)?.count).toBe(0); // in a draft, not yet in a post
    const post = await studio.api['posts.create']({ draftId: d.id, actorId: 'owner', title: 'Launch post', targets: [{ channel: 'tiktok', overrides: {} }], timeZone: 'UTC', campaignId: null });
    expect((await studio.api['smartCollections.list']({})).find((s) => s.id === used.id)?.count).toBe(1);

    const where = await studio.api['assets.whereUsed']({ id: ids['wide.png']! });
    expect(where).toEqual({ drafts: [{ id: d.id, name: 'Teaser', trashed: false }], posts: [expect.objectContaining({ id: post.id, title: 'Launch post', draftId: d.id })], kits: [], collections: [] });

    // The draft stops using it: out of the smart collection, out of "where used".
    await studio.api['drafts.save']({ id: d.id, baseRevision: d.revision + 1, doc: d.doc });
    expect(await list({ smartCollectionId: used.id })).toEqual([]);
    expect((await studio.api['assets.whereUsed']({ id: ids['wide.png']! })).posts).toEqual([]);

    expect(await studio.api['smartCollections.delete']({ id: used.id })).toEqual({ count: 1 });
    await expect(list({ smartCollectionId: used.id })).rejects.toMatchObject({ code: 'not_found' });
    await expect(studio.api['assets.whereUsed']({ id: 'nope' })).rejects.toMatchObject({ code: 'not_found' });
  });

  it('shows a smart collection a newer Postframe wrote, counted 0, and refuses to evaluate it with what to do', async () => {
    const s = await studio.api['smartCollections.create']({ name: 'Red things', rules: { match: 'all', rules: [] } });
    studio.rooms.db.prepare('UPDATE smart_collections SET rules = ? WHERE id = ?').run(JSON.stringify({ match: 'all', rules: [{ type: 'colour', hex: '#e4002b' }] }), s.id);
    expect((await studio.api['smartCollections.list']({}))[0]).toMatchObject({ name: 'Red things', readable: false, count: 0 });
    await expect(list({ smartCollectionId: s.id })).rejects.toMatchObject({ code: 'conflict', message: expect.stringMatching(/Update Postframe/) });
  });
});
