import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type Draft, ImageDraft, type MediaClip, type VideoDraft, defaultTransform } from '../model/draft';
import { type AssetUse, DraftsRepo, KEEP_REVISIONS, draftAssetIds, purgeRefusalMessage } from './drafts-repo';
import { type Db, migrate, openDatabase } from './db';

let n = 0;
const clip = (assetId: string, over: Partial<MediaClip> = {}): MediaClip => ({
  id: `clip-${++n}`, type: 'media', assetId, start: 0, in: 0, out: 4, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
  transform: defaultTransform(), transitionIn: null, brand: null, ...over,
});

/** The same document with clips of these assets on the main track, one after another (4 s each). */
function withClips(doc: Draft, ...assetIds: string[]): VideoDraft {
  if (doc.kind !== 'video') throw new Error('video draft expected');
  const clips = assetIds.map((a, i) => clip(a, { start: i * 4 }));
  return { ...doc, tracks: doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips } : t)) };
}

describe('DraftsRepo', () => {
  let db: Db;
  let repo: DraftsRepo;
  let clock: number;
  const assetsOf = (id: string) =>
    db.prepare('SELECT asset_id FROM draft_assets da JOIN drafts d ON d.rowid = da.draft_rowid WHERE d.id = ? ORDER BY asset_id').pluck().all(id);

  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    // A clock that moves one second per reading, so "most recently edited" never depends on timing.
    clock = Date.parse('2024-05-01T10:00:00.000Z');
    repo = new DraftsRepo(db, { now: () => new Date((clock += 1000)) });
  });
  afterEach(() => {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    db.close();
  });

  it('creates video and image drafts from the model, with revision 1 in the history', () => {
    const v = repo.create({ kind: 'video', name: 'My reel', preset: '1:1', fps: 24 });
    expect(v).toMatchObject({ revision: 1, trashedAt: null, createdAt: '2024-05-01T10:00:01.000Z', updatedAt: '2024-05-01T10:00:01.000Z' });
    expect(v.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(v.doc).toMatchObject({ kind: 'video', name: 'My reel', canvas: { preset: '1:1', width: 1080, height: 1080, fps: 24 } });
    if (v.doc.kind !== 'video') throw new Error('video expected');
    // Track ids are unique (crypto.randomUUID), so two drafts never share one.
    expect(new Set(v.doc.tracks.map((t) => t.id)).size).toBe(5);

    const i = repo.create({ kind: 'image' });
    expect(i.doc).toMatchObject({ kind: 'image', name: 'Untitled image', canvas: { preset: '4:5', width: 1080, height: 1350 }, pages: [{ layers: [], background: { type: 'colour', color: '#ffffff' } }], spread: null });
    expect(repo.create({ kind: 'video' }).doc).toMatchObject({ name: 'Untitled video', canvas: { preset: '9:16', fps: 30 } });

    expect(repo.get(v.id)).toEqual(v);
    expect(repo.get('nope')).toBeNull();
    expect(repo.revisions(v.id)).toEqual([{ revision: 1, savedAt: v.createdAt, name: 'My reel', durationSec: 0, changes: null, restoredFrom: null }]);
  });

  it('lists summaries most recently edited first, and the trash most recently trashed first', () => {
    const a = repo.create({ kind: 'video', name: 'A' });
    const b = repo.create({ kind: 'image', name: 'B' });
    const c = repo.create({ kind: 'video', name: 'C' });
    expect(repo.list(false).map((d) => d.name)).toEqual(['C', 'B', 'A']);
    repo.save(a.id, 1, withClips(a.doc, 'x1', 'x2'));
    expect(repo.list(false).map((d) => d.name)).toEqual(['A', 'C', 'B']);
    expect(repo.list(false)[0]).toEqual({
      id: a.id, name: 'A', kind: 'video', preset: '9:16', durationSec: 8, revision: 2, createdAt: a.createdAt,
      updatedAt: '2024-05-01T10:00:04.000Z', trashedAt: null,
    });

    expect(repo.setTrashed([c.id, b.id, 'unknown'], true)).toEqual([c.id, b.id]);
    expect(repo.setTrashed([c.id], true)).toEqual([]); // already there
    repo.setTrashed([a.id], true);
    expect(repo.list(false)).toEqual([]);
    expect(repo.list(true).map((d) => d.name)).toEqual(['A', 'C', 'B']);
    expect(repo.list(true)[0]!.trashedAt).toBe('2024-05-01T10:00:07.000Z'); // 7th clock reading: 3 creates, a save, 3 trash calls

    expect(repo.setTrashed([b.id, a.id], false)).toEqual([b.id, a.id]);
    expect(repo.list(false).map((d) => d.name)).toEqual(['A', 'B']);
    expect(repo.list(true).map((d) => d.name)).toEqual(['C']);
    // Trashing keeps the document: a trashed draft still opens.
    expect(repo.get(c.id)!.doc.name).toBe('C');
  });

  it('saves a new revision: row, history and used assets change together', () => {
    const d = repo.create({ kind: 'video', name: 'Reel' });
    const edited = { ...withClips(d.doc, 'beach', 'city', 'beach'), name: 'Reel v2', canvas: { ...(d.doc as VideoDraft).canvas, preset: '4:5' as const } };
    const saved = repo.save(d.id, 1, edited);
    expect(saved).toEqual({ revision: 2, updatedAt: '2024-05-01T10:00:02.000Z' });
    const got = repo.get(d.id)!;
    expect(got).toMatchObject({ revision: 2, updatedAt: saved.updatedAt, createdAt: d.createdAt });
    expect(got.doc).toEqual(edited);
    expect(repo.summary(d.id)).toMatchObject({ name: 'Reel v2', preset: '4:5', durationSec: 12 });
    expect(assetsOf(d.id)).toEqual(['beach', 'city']);
    expect(repo.revisions(d.id).map((r) => [r.revision, r.name, r.durationSec])).toEqual([[2, 'Reel v2', 12], [1, 'Reel', 0]]);

    // Removing a clip removes its asset from the draft's uses.
    repo.save(d.id, 2, withClips(got.doc, 'city'));
    expect(assetsOf(d.id)).toEqual(['city']);
    repo.save(d.id, 3, withClips(got.doc));
    expect(assetsOf(d.id)).toEqual([]);
  });

  it('refuses a save from a stale revision, changes nothing current, and keeps the refused document as a revision', () => {
    const d = repo.create({ kind: 'video', name: 'Shared' });
    // Window 1 and window 2 both opened revision 1; window 1 saves first.
    const first = withClips(d.doc, 'one');
    repo.save(d.id, 1, first);
    const second = { ...withClips(d.doc, 'two'), name: 'From window 2' };
    expect(() => repo.save(d.id, 1, second)).toThrow(
      expect.objectContaining({
        code: 'conflict',
        message: 'This draft was changed in another window (now at revision 2). Reopen it to continue; your version is kept as revision 3.',
      }),
    );
    const cur = repo.get(d.id)!;
    expect(cur.revision).toBe(2);
    expect(cur.doc).toEqual(first);
    expect(assetsOf(d.id)).toEqual(['one']);

    // Nothing is lost: the refused document is in the history and can be made current.
    expect(repo.revisions(d.id).map((r) => [r.revision, r.name])).toEqual([[3, 'From window 2'], [2, 'Shared'], [1, 'Shared']]);
    // Window 1 still saves from its base; numbers never repeat the kept one.
    expect(repo.save(d.id, 2, withClips(first, 'one', 'three')).revision).toBe(4);
    const restored = repo.restoreRevision(d.id, 3);
    expect(restored.revision).toBe(5);
    expect(restored.doc).toEqual(second);
    expect(assetsOf(d.id)).toEqual(['two']);
  });

  it('lists what changed in each version against the kept one before it (the oldest kept has nothing to compare with)', () => {
    const d = repo.create({ kind: 'video', name: 'Reel' });
    repo.save(d.id, 1, withClips(d.doc, 'a', 'b'));
    const two = repo.get(d.id)!.doc;
    repo.save(d.id, 2, { ...two, name: 'Reel 2' });
    repo.save(d.id, 3, { ...two, name: 'Reel 2' });
    expect(repo.revisions(d.id).map((r) => [r.revision, r.changes])).toEqual([
      [4, []],
      [3, [{ kind: 'renamed', to: 'Reel 2' }]],
      [2, [{ kind: 'added', what: 'clip', count: 2 }]],
      [1, null],
    ]);
  });

  it('refuses saving a document of the other kind and unknown drafts, with messages that say what to do', () => {
    const v = repo.create({ kind: 'video' });
    const i = repo.create({ kind: 'image' });
    expect(() => repo.save(v.id, 1, i.doc)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/video draft.*Create a new draft/) }));
    expect(repo.revisions(v.id)).toHaveLength(1);
    expect(() => repo.save('nope', 1, v.doc)).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringMatching(/draft list/) }));
    expect(() => repo.rename('nope', 'x')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => repo.duplicate('nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => repo.revisions('nope')).toThrow(expect.objectContaining({ code: 'not_found' }));
    expect(() => repo.restoreRevision(v.id, 42)).toThrow(expect.objectContaining({ code: 'not_found', message: expect.stringMatching(/Revision 42/) }));
  });

  it('renames as a new revision, so a window still on the old revision cannot overwrite the new name', () => {
    const d = repo.create({ kind: 'video', name: 'Old' });
    const s = repo.rename(d.id, 'New name');
    expect(s).toMatchObject({ id: d.id, name: 'New name', revision: 2 });
    expect(repo.get(d.id)!.doc.name).toBe('New name');
    expect(repo.revisions(d.id).map((r) => r.name)).toEqual(['New name', 'Old']);
    expect(() => repo.save(d.id, 1, d.doc)).toThrow(expect.objectContaining({ code: 'conflict' }));
    expect(repo.get(d.id)!.doc.name).toBe('New name');
  });

  it('duplicates into a new draft named "… copy" with its own history and asset uses', () => {
    const d = repo.create({ kind: 'video', name: 'Promo' });
    repo.save(d.id, 1, withClips(d.doc, 'a', 'b'));
    repo.save(d.id, 2, withClips(d.doc, 'a', 'b', 'c'));
    const copy = repo.duplicate(d.id);
    expect(copy.id).not.toBe(d.id);
    expect(copy).toMatchObject({ revision: 1, trashedAt: null });
    expect(copy.doc).toEqual({ ...repo.get(d.id)!.doc, name: 'Promo copy' });
    expect(repo.revisions(copy.id)).toHaveLength(1);
    expect(assetsOf(copy.id)).toEqual(['a', 'b', 'c']);
    // The copy is independent: saving one leaves the other alone.
    repo.save(copy.id, 1, withClips(copy.doc));
    expect(assetsOf(d.id)).toEqual(['a', 'b', 'c']);
    // A name at the limit still fits with its suffix.
    const long = repo.create({ kind: 'image', name: 'x'.repeat(200) });
    expect(repo.duplicate(long.id).doc.name).toBe(`${'x'.repeat(195)} copy`);
  });

  it('restores a revision as a new one and never rewrites history', () => {
    const d = repo.create({ kind: 'video', name: 'R' });
    const v2 = withClips(d.doc, 'a');
    repo.save(d.id, 1, v2);
    repo.save(d.id, 2, withClips(d.doc, 'a', 'b'));
    const before = db.prepare('SELECT revision, saved_at, doc FROM draft_revisions ORDER BY revision').all();
    const r = repo.restoreRevision(d.id, 2);
    expect(r.revision).toBe(4);
    expect(r.doc).toEqual(v2);
    expect(assetsOf(d.id)).toEqual(['a']);
    expect(db.prepare('SELECT revision, saved_at, doc FROM draft_revisions WHERE revision <= 3 ORDER BY revision').all()).toEqual(before);
    expect(repo.revisions(d.id).map((x) => x.revision)).toEqual([4, 3, 2, 1]);
  });

  it('records which revision a restore brought back; an ordinary save, a rename and a refused save record none (walk #78)', () => {
    const d = repo.create({ kind: 'video', name: 'R' });
    repo.save(d.id, 1, withClips(d.doc, 'a'));
    repo.save(d.id, 2, withClips(d.doc, 'a', 'b'));
    repo.restoreRevision(d.id, 2);
    repo.rename(d.id, 'R renamed');
    repo.save(d.id, 5, withClips(d.doc, 'c'));
    expect(() => repo.save(d.id, 1, withClips(d.doc, 'stale'))).toThrow();
    repo.restoreRevision(d.id, 4);
    expect(repo.revisions(d.id).map((x) => [x.revision, x.restoredFrom])).toEqual([
      [8, 4],
      [7, null],
      [6, null],
      [5, null],
      [4, 2],
      [3, null],
      [2, null],
      [1, null],
    ]);
  });

  it('loads documents saved in older shapes through the draft migrations, and explains unreadable ones', () => {
    const d = repo.create({ kind: 'video', name: 'Future' });
    db.prepare('UPDATE drafts SET doc = ? WHERE id = ?').run(JSON.stringify({ ...d.doc, schemaVersion: 99 }), d.id);
    expect(() => repo.get(d.id)).toThrow(expect.objectContaining({ code: 'invalid_input', message: expect.stringMatching(/newer Postframe/) }));
  });

  it(`keeps the newest ${KEEP_REVISIONS} revisions`, () => {
    const d = repo.create({ kind: 'video', name: 'Long session' });
    let rev = 1;
    for (let i = 0; i < KEEP_REVISIONS + 20; i++) rev = repo.save(d.id, rev, withClips(d.doc, `asset-${i}`)).revision;
    expect(rev).toBe(KEEP_REVISIONS + 21);
    const kept = repo.revisions(d.id).map((r) => r.revision);
    expect(kept).toHaveLength(KEEP_REVISIONS);
    expect(kept[0]).toBe(rev);
    expect(kept.at(-1)).toBe(rev - KEEP_REVISIONS + 1);
    expect(() => repo.restoreRevision(d.id, 1)).toThrow(/not kept any more/);
    // Other drafts' histories are untouched.
    const other = repo.create({ kind: 'image', name: 'Other' });
    expect(repo.revisions(other.id)).toHaveLength(1);
  });

  it('names live drafts that use trashed assets; trashed drafts and live assets do not count', () => {
    const insertAsset = db.prepare(
      `INSERT INTO assets (id, sha256, kind, name, original_name, ext, size_bytes, imported_at, trashed_at)
       VALUES (?, ?, 'video', ?, ?, 'mp4', 1, '2024-01-01T00:00:00.000Z', ?)`,
    );
    insertAsset.run('clip-a', 'sha-a', 'a.mp4', 'a.mp4', '2024-02-01T00:00:00.000Z');
    insertAsset.run('clip-b', 'sha-b', 'b.mp4', 'b.mp4', '2024-02-01T00:00:00.000Z');
    insertAsset.run('clip-live', 'sha-l', 'live.mp4', 'live.mp4', null);
    const reel = repo.create({ kind: 'video', name: 'My reel' });
    repo.save(reel.id, 1, withClips(reel.doc, 'clip-a', 'clip-live'));
    const old = repo.create({ kind: 'video', name: 'Old' });
    repo.save(old.id, 1, withClips(old.doc, 'clip-b'));
    repo.setTrashed([old.id], true);

    expect(repo.liveUsesOfTrashedAssets(['clip-a', 'clip-b', 'clip-live', 'missing'])).toEqual([
      { assetId: 'clip-a', assetName: 'a.mp4', draftId: reel.id, draftName: 'My reel' },
    ]);
    repo.setTrashed([old.id], false);
    expect(repo.liveUsesOfTrashedAssets(['clip-b']).map((u) => u.draftName)).toEqual(['Old']);
    expect(repo.liveUsesOfTrashedAssets(['missing'])).toEqual([]);
  });

  it('finds the assets a document uses: clips on any track and image layers, once each', () => {
    const v = repo.create({ kind: 'video' }).doc as VideoDraft;
    const doc: VideoDraft = {
      ...v,
      tracks: v.tracks.map((t) =>
        t.kind === 'overlay' ? { ...t, clips: [clip('logo'), clip('b-roll', { start: 5 })] }
          : t.kind === 'audio' && t.role === 'music' ? { ...t, clips: [clip('song')] }
            : t.kind === 'main' ? { ...t, clips: [clip('b-roll')] } : t),
    };
    expect(draftAssetIds(doc).sort()).toEqual(['b-roll', 'logo', 'song']);
    const created = repo.create({ kind: 'image' }).doc as ImageDraft;
    const img = ImageDraft.parse({
      ...created,
      spread: { type: 'photo', assetId: 'wide' },
      pages: [
        { ...created.pages[0]!, layers: [
          { id: 'l1', type: 'media', assetId: 'photo', box: { x: 0.5, y: 0.5, w: 1, h: 1, rotation: 0 } },
          { id: 'l2', type: 'text', text: 'Hi', style: { font: 'DejaVu Sans', size: 40, color: '#ffffff', bold: false, italic: false, align: 'center', stroke: null, box: null }, x: 0.5, y: 0.5, maxWidth: 0.8 },
        ] },
        { id: 'p2', background: { type: 'photo', assetId: 'back' }, layers: [{ id: 'l3', type: 'media', assetId: 'photo', box: { x: 0.5, y: 0.5, w: 1, h: 1, rotation: 0 } }] },
      ],
    });
    expect(draftAssetIds(img)).toEqual(['wide', 'photo', 'back']);
  });
});

describe('purgeRefusalMessage', () => {
  const use = (assetId: string, draftId: string): AssetUse => ({ assetId, assetName: `${assetId}.mp4`, draftId, draftName: `Draft ${draftId}` });

  it('names the asset and the draft, and says what to do', () => {
    expect(purgeRefusalMessage([{ assetId: 'a1', assetName: 'beach.mp4', draftId: 'd1', draftName: 'My reel' }])).toBe(
      '“beach.mp4” is used by the draft “My reel”. Remove it from “My reel” first, or move that draft to the Trash. Nothing was deleted.',
    );
  });

  it('counts several assets and cuts long lists of drafts short', () => {
    expect(purgeRefusalMessage([use('a', '1'), use('b', '1')])).toBe(
      '2 of these assets (“a.mp4”, “b.mp4”) are used by the draft “Draft 1”. Remove them from “Draft 1” first, or move that draft to the Trash. Nothing was deleted.',
    );
    expect(purgeRefusalMessage([use('a', '1'), use('a', '2'), use('a', '3'), use('a', '4'), use('a', '5')])).toBe(
      '“a.mp4” is used by the drafts “Draft 1”, “Draft 2”, “Draft 3” and 2 more. Remove it from those drafts first, or move them to the Trash. Nothing was deleted.',
    );
  });
});
