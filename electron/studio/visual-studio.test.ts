import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Studio } from '../studio';
import { importResultOf } from '../model/job';
import type { VideoDraft } from '../model/draft';
import { newMediaClip } from '../model/timeline';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';
import { THUMB_SIZE } from '../media/images';
import { signatureOfRaw } from '../media/visual';

/** Colour search, duplicates, "keep this one" and the backfill, through a real Studio on a temp library. */

async function picture(file: string, opts: { w: number; h: number; ground: string; spot: string; jpeg?: number; crop?: number }): Promise<string> {
  const { w, h } = opts;
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${w}" height="${h}">
    <rect width="${w}" height="${h}" fill="${opts.ground}"/>
    <circle cx="${w * 0.3}" cy="${h * 0.4}" r="${Math.min(w, h) * 0.22}" fill="${opts.spot}"/>
    <rect x="${w * 0.6}" y="${h * 0.15}" width="${w * 0.25}" height="${h * 0.7}" fill="#202020"/></svg>`;
  let img = sharp(Buffer.from(svg));
  if (opts.crop) {
    const c = Math.floor(w * opts.crop);
    img = sharp(await img.png().toBuffer()).extract({ left: c, top: c, width: w - 2 * c, height: h - 2 * c });
  }
  await (opts.jpeg ? img.jpeg({ quality: opts.jpeg }) : img.png()).toFile(file);
  return file;
}

async function importAll(studio: Studio, paths: string[]): Promise<string[]> {
  const { jobId } = await studio.api['imports.start']({ paths, uploads: [] });
  const job = await studio.waitForJob(jobId);
  const r = importResultOf(job);
  expect(r?.failed, 'import failures').toEqual([]);
  // Two files import at once, so ids come in any order: match them to the paths by name.
  const byName = new Map(await Promise.all(r!.assetIds.map(async (id) => [(await studio.api['assets.get']({ id })).originalName, id] as const)));
  return paths.map((p) => byName.get(path.basename(p))!);
}

describe('colour search and duplicates (engine)', () => {
  let t: TempStudio;
  let dir: string;
  beforeEach(async () => {
    t = await openTempStudio('pf-visual-');
    dir = path.join(t.tmp, 'in');
    fs.mkdirSync(dir);
  });
  afterEach(() => t.close());

  it('computes colours and hashes at import and finds pictures by colour, closest first', async () => {
    const red = await picture(path.join(dir, 'red.png'), { w: 400, h: 300, ground: '#e4002b', spot: '#ffffff' });
    const darkRed = await picture(path.join(dir, 'dark-red.png'), { w: 400, h: 300, ground: '#c0102a', spot: '#ffee00' });
    const blue = await picture(path.join(dir, 'blue.png'), { w: 400, h: 300, ground: '#1040c0', spot: '#ffffff' });
    const [redId, darkId, blueId] = await importAll(t.studio, [red, darkRed, blue]);
    expect(t.studio.rooms.visual.pendingCount()).toBe(0);
    const list = (hex: string, tolerance: number) => t.studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 50, color: { hex, tolerance, minShare: 0.05 } });
    const exact = await list('#e4002b', 5);
    expect(exact.items.map((a) => a.id)).toEqual([redId]);
    const wide = await list('#e4002b', 20);
    expect(wide.items.map((a) => a.id)).toEqual([redId, darkId]);
    expect(wide.total).toBe(2);
    expect((await list('#1040c0', 8)).items.map((a) => a.id)).toEqual([blueId]);
    expect((await list('#00ff00', 10)).total).toBe(0);
    // Trashed pictures leave the results; other filters still apply.
    await t.studio.api['assets.trash']({ ids: [redId!] });
    expect((await list('#e4002b', 20)).items.map((a) => a.id)).toEqual([darkId]);
    await expect(list('red', 10)).rejects.toThrow(/not a colour/);
  });

  it('finds a re-encoded, resized, cropped copy; keep one merges tags and notes, re-points drafts and trashes the other', async () => {
    const original = await picture(path.join(dir, 'orig.png'), { w: 800, h: 600, ground: '#2a7fd0', spot: '#ffcc00' });
    const copy = await picture(path.join(dir, 'copy.jpg'), { w: 800, h: 600, ground: '#2a7fd0', spot: '#ffcc00', jpeg: 70, crop: 0.03 });
    const other = await picture(path.join(dir, 'other.png'), { w: 800, h: 600, ground: '#2a7fd0', spot: '#202020' });
    const [origId, copyId, otherId] = await importAll(t.studio, [original, copy, other]);
    const { api } = t.studio;

    const near = await api['duplicates.list']({ mode: 'near' });
    expect(near.groups.map((g) => g.members.map((m) => m.id))).toEqual([[origId, copyId]]);
    expect(near.groups[0]!.members[0]).toMatchObject({ width: 800, height: 600, distance: 0 });
    expect((await api['duplicates.list']({ mode: 'exact' })).groups).toEqual([]);
    expect(t.studio.rooms.visual.nearOf(origId!).map((n) => n.id)).toEqual([copyId]);

    await api['assets.tag']({ ids: [copyId!], add: ['summer', 'hero'], remove: [] });
    await api['assets.tag']({ ids: [origId!], add: ['hero'], remove: [] });
    await api['assets.update']({ id: copyId!, notes: 'Shot by Aino' });
    // A draft uses the copy (twice) and the other picture.
    const draft = await api['drafts.create']({ kind: 'video', name: 'Launch' });
    const doc = draft.doc as VideoDraft;
    const main = doc.tracks[0]!;
    let n = 0;
    const clip = (assetId: string, start: number) => newMediaClip({ id: assetId, kind: 'image', durationSec: null }, start, (p) => `${p}-${n++}`);
    const withClips = { ...doc, tracks: [{ ...main, clips: [clip(copyId!, 0), clip(otherId!, 5), clip(copyId!, 10)] }, ...doc.tracks.slice(1)] } as VideoDraft;
    const saved = await api['drafts.save']({ id: draft.id, baseRevision: draft.revision, doc: withClips }).catch((e: unknown) => {
      throw new Error(`saving the draft failed: ${String(e)}`);
    });

    const kept = await api['duplicates.keep']({ keepId: origId!, removeIds: [copyId!] });
    expect(kept).toEqual({ keptId: origId, trashedIds: [copyId], tagsAdded: ['summer'], collectionsAdded: [], drafts: [{ draftId: draft.id, name: 'Launch', revisionBefore: saved.revision, revisionAfter: saved.revision + 1 }] });
    const a = await api['assets.get']({ id: origId! });
    expect(a.tags).toEqual(['hero', 'summer']);
    expect(a.notes).toBe('Shot by Aino');
    expect((await api['assets.get']({ id: copyId! })).trashedAt).not.toBeNull();
    const after = (await api['drafts.get']({ id: draft.id })).doc as VideoDraft;
    expect(after.tracks[0]!.clips.map((c) => (c.type === 'media' ? c.assetId : null))).toEqual([origId, otherId, origId]);
    // The change is a revision of its own: the one before still names the copy.
    const revs = await api['drafts.revisions']({ id: draft.id });
    expect(revs[0]!.revision).toBe(saved.revision + 1);
    const logged = t.studio.database.prepare('SELECT kept_id, removed_id, draft_id, revision_before, revision_after FROM asset_merges').all();
    expect(logged).toEqual([{ kept_id: origId, removed_id: copyId, draft_id: draft.id, revision_before: saved.revision, revision_after: saved.revision + 1 }]);
    // Restoring from the Trash is the undo for the asset; the group is gone while it is trashed.
    expect((await api['duplicates.list']({ mode: 'near' })).groups).toEqual([]);
    await api['assets.restore']({ ids: [copyId!] });
    expect((await api['duplicates.list']({ mode: 'near' })).groups).toHaveLength(1);
    await expect(api['duplicates.keep']({ keepId: origId!, removeIds: [origId!] })).rejects.toThrow(/at least one other copy/);
  });

  it('keep one merges the others’ marks and collections into the keeper: the best rating, the keeper’s label first', async () => {
    const files = await Promise.all(['keep', 'a', 'b'].map((n, i) => picture(path.join(dir, `${n}.png`), { w: 300, h: 200, ground: '#2a7fd0', spot: ['#ffcc00', '#ffcc01', '#ffcc02'][i]! })));
    const [keepId, aId, bId] = await importAll(t.studio, files);
    const { api } = t.studio;
    await api['assets.setRating']({ ids: [keepId!], rating: 2 });
    await api['assets.setRating']({ ids: [aId!], rating: 4 });
    await api['assets.setRating']({ ids: [bId!], rating: 5 });
    await api['assets.setLabel']({ ids: [aId!], label: 'green' });
    await api['assets.setLabel']({ ids: [bId!], label: 'red' });
    const summer = await api['collections.create']({ name: 'Summer', assetIds: [aId!, bId!] });
    const hero = await api['collections.create']({ name: 'Hero', assetIds: [bId!] });
    await api['collections.create']({ name: 'Mine', assetIds: [keepId!] });
    await api['assets.tag']({ ids: [bId!], add: ['beach'], remove: [] });
    await api['assets.update']({ id: aId!, notes: 'From the agency' });
    t.events.length = 0;

    const r = await api['duplicates.keep']({ keepId: keepId!, removeIds: [aId!, bId!] });
    expect(r).toMatchObject({ keptId: keepId, trashedIds: [aId, bId], tagsAdded: ['beach'], collectionsAdded: [summer.id, hero.id] });
    const kept = await api['assets.get']({ id: keepId! });
    expect(kept).toMatchObject({ rating: 5, label: 'green', tags: ['beach'], notes: 'From the agency' });
    const where = await api['assets.whereUsed']({ id: keepId! });
    expect(where.collections.map((c) => c.name)).toEqual(['Hero', 'Mine', 'Summer']);
    expect(t.events.filter((e) => e.name === 'collections.changed')).toEqual([{ name: 'collections.changed', payload: { kind: 'manual', ids: [summer.id, hero.id] } }]);

    // The keeper's own label wins; a lower rating on the copies leaves the keeper's.
    await api['assets.restore']({ ids: [aId!] });
    await api['assets.setLabel']({ ids: [keepId!], label: 'blue' });
    await api['assets.setRating']({ ids: [aId!], rating: 1 });
    const again = await api['duplicates.keep']({ keepId: keepId!, removeIds: [aId!] });
    expect(again.collectionsAdded).toEqual([]);
    expect(await api['assets.get']({ id: keepId! })).toMatchObject({ rating: 5, label: 'blue' });
  });

  it("a video's signature is read from its thumbnail's pixels as they are made from the poster (one decode)", async () => {
    const clip = path.join(dir, 'clip.mp4');
    execFileSync(process.env.POSTFRAME_FFMPEG ?? 'ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=25:duration=2', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', clip]);
    const [id] = await importAll(t.studio, [clip]);
    const asset = await t.studio.api['assets.get']({ id: id! });
    const poster = t.studio.rooms.folder.posterPath(asset.sha256);
    // The thumbnail is the poster shrunk and encoded as always; the signature is of the same pixels before encoding.
    const sized = () => sharp(poster).resize(THUMB_SIZE, THUMB_SIZE, { fit: 'inside', withoutEnlargement: true });
    expect(fs.readFileSync(t.studio.rooms.folder.thumbPath(asset.sha256)).equals(await sized().webp({ quality: 76, effort: 2 }).toBuffer())).toBe(true);
    const { data, info } = await sized().raw().toBuffer({ resolveWithObject: true });
    const expected = await signatureOfRaw(data, { width: info.width, height: info.height, channels: info.channels });
    const stored = t.studio.rooms.visual.get(id!);
    expect(stored).toMatchObject({ phash: expected.phash, dhash: expected.dhash, colours: expected.colours });
  });

  it('backfills pictures imported without signatures in a job, on open, without holding the open up', async () => {
    await t.studio.close();
    t.studio = await t.reopen({ skipSignatures: true });
    const files = await Promise.all(['a', 'b', 'c'].map((n, i) => picture(path.join(dir, `${n}.png`), { w: 300, h: 200, ground: ['#e4002b', '#10a040', '#1040c0'][i]!, spot: '#ffffff' })));
    const ids = await importAll(t.studio, files);
    expect(t.studio.rooms.visual.pendingCount()).toBe(3);
    const before = await t.studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 50, color: { hex: '#e4002b', tolerance: 10, minShare: 0.05 } });
    expect(before.total).toBe(0);
    await t.studio.close();
    t.studio = await t.reopen();
    const job = t.studio.rooms.runner.list().find((j) => j.kind === 'visual');
    expect(job, 'a backfill job was started on open').toBeDefined();
    const done = await t.studio.waitForJob(job!.id);
    expect(done.status).toBe('done');
    expect(done.result).toEqual({ kind: 'visual', done: 3, unreadable: 0 });
    expect(t.studio.rooms.visual.pendingCount()).toBe(0);
    const after = await t.studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'imported', order: 'desc', trashed: false, offset: 0, limit: 50, color: { hex: '#e4002b', tolerance: 10, minShare: 0.05 } });
    expect(after.items.map((a) => a.id)).toEqual([ids[0]]);
    expect((await t.studio.api['visual.backfill']({})).jobId).toBeNull();
  });
});
