import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssetKind, AssetSort, MediaFacts } from '../model/asset';
import { AssetsRepo, type ListOptions, type NewAsset } from './assets-repo';
import { type Db, migrate, openDatabase } from './db';

const noFacts: MediaFacts = {
  durationSec: null, width: null, height: null, rotation: 0, fps: null, videoCodec: null, audioCodec: null, hasAudio: false, createdAt: null, format: null,
};

function asset(name: string, o: { kind: AssetKind; size: number; duration?: number; created?: string; imported: string; tags?: string[]; notes?: string }): NewAsset {
  return {
    sha256: `sha-${name}`,
    kind: o.kind,
    name,
    originalName: name,
    ext: name.split('.').pop()!,
    sizeBytes: o.size,
    facts: { ...noFacts, durationSec: o.duration ?? null, createdAt: o.created ?? null, width: 640, height: 360 },
    hasThumbnail: o.kind !== 'audio',
    hasPoster: o.kind === 'video',
    hasWaveform: o.kind !== 'image',
    tags: o.tags,
    notes: o.notes,
    importedAt: o.imported,
  };
}

const FIXTURES = [
  asset('Beach sunset.jpg', { kind: 'image', size: 300, created: '2023-07-01T00:00:00.000Z', imported: '2024-01-01T00:00:00.000Z', tags: ['beach', 'summer'] }),
  asset('café terrace.mp4', { kind: 'video', size: 1000, duration: 12.5, imported: '2024-01-02T00:00:00.000Z', tags: ['summer'], notes: 'shot at dusk' }),
  asset('voice note.wav', { kind: 'audio', size: 50, duration: 3, created: '2022-01-01T00:00:00.000Z', imported: '2024-01-03T00:00:00.000Z' }),
  asset('Zebra crossing.mp4', { kind: 'video', size: 5000, duration: 60, created: '2024-05-01T00:00:00.000Z', imported: '2024-01-04T00:00:00.000Z', tags: ['city'] }),
  asset('alpha.png', { kind: 'image', size: 10, imported: '2024-01-05T00:00:00.000Z' }),
];

describe('AssetsRepo', () => {
  let db: Db;
  let repo: AssetsRepo;
  let id: Record<string, string>;

  const opts = (o: Partial<ListOptions> = {}): ListOptions => ({
    query: '', kind: null, tag: null, trashed: false, sort: 'imported', order: 'desc', offset: 0, limit: 100, ...o,
  });
  const names = (o: Partial<ListOptions> = {}) => repo.list(opts(o)).items.map((a) => a.name);
  const search = (query: string, o: Partial<ListOptions> = {}) => names({ query, sort: 'name', order: 'asc', ...o });

  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    repo = new AssetsRepo(db);
    id = Object.fromEntries(FIXTURES.map((f) => [f.name, repo.insert(f).id]));
  });
  afterEach(() => db.close());

  it('inserts and reads back every field', () => {
    const a = repo.get(id['café terrace.mp4']!)!;
    expect(a).toMatchObject({
      name: 'café terrace.mp4', kind: 'video', ext: 'mp4', sizeBytes: 1000, durationSec: 12.5, width: 640, height: 360,
      importedAt: '2024-01-02T00:00:00.000Z', trashedAt: null, hasThumbnail: true, hasProxy: false, hasWaveform: true, sha256: 'sha-café terrace.mp4',
      tags: ['summer'], notes: 'shot at dusk', originalName: 'café terrace.mp4',
    });
    expect(a.facts).toEqual({ ...noFacts, durationSec: 12.5, width: 640, height: 360 });
    expect(repo.get('nope')).toBeNull();
    expect(repo.findBySha('sha-alpha.png')).toEqual({ id: id['alpha.png'], trashedAt: null });
    expect(repo.findBySha('sha-none')).toBeNull();
    expect(repo.liveCount()).toBe(5);
  });

  it('records a finished proxy in the summary, the list and the files, and nowhere else', () => {
    const vid = id['café terrace.mp4']!;
    expect(repo.files(vid)?.hasProxy).toBe(false);
    expect(repo.setHasProxy(vid, true)).toBe(true);
    expect(repo.get(vid)?.hasProxy).toBe(true);
    expect(repo.files(vid)?.hasProxy).toBe(true);
    const listed = repo.list({ query: '', kind: null, tag: null, trashed: false, sort: 'imported', order: 'desc', offset: 0, limit: 50 }).items;
    expect(listed.filter((a) => a.hasProxy).map((a) => a.id)).toEqual([vid]);
    expect(repo.setHasProxy(vid, false)).toBe(true);
    expect(repo.get(vid)?.hasProxy).toBe(false);
    expect(repo.setHasProxy('nope', true)).toBe(false);
  });

  it('stores tags sorted and once, and refuses a second asset with the same content', () => {
    const a = repo.insert({ ...asset('dup-tags.png', { kind: 'image', size: 1, imported: '2024-02-01T00:00:00.000Z' }), tags: ['b', 'a', 'b'] });
    expect(a.tags).toEqual(['a', 'b']);
    expect(() => repo.insert(FIXTURES[0]!)).toThrow(/UNIQUE/);
    expect(repo.liveCount()).toBe(6);
  });

  it.each<[AssetSort, string[]]>([
    ['imported', ['Beach sunset.jpg', 'café terrace.mp4', 'voice note.wav', 'Zebra crossing.mp4', 'alpha.png']],
    ['name', ['alpha.png', 'Beach sunset.jpg', 'café terrace.mp4', 'voice note.wav', 'Zebra crossing.mp4']],
    ['size', ['alpha.png', 'voice note.wav', 'Beach sunset.jpg', 'café terrace.mp4', 'Zebra crossing.mp4']],
    // Capture time, or the import time when there is none.
    ['created', ['voice note.wav', 'Beach sunset.jpg', 'café terrace.mp4', 'alpha.png', 'Zebra crossing.mp4']],
  ])('sorts by %s in both orders', (sort, ascending) => {
    expect(names({ sort, order: 'asc' })).toEqual(ascending);
    expect(names({ sort, order: 'desc' })).toEqual([...ascending].reverse());
  });

  it('sorts by duration with assets that have none (images) last in both orders', () => {
    expect(names({ sort: 'duration', order: 'asc' })).toEqual(['voice note.wav', 'café terrace.mp4', 'Zebra crossing.mp4', 'Beach sunset.jpg', 'alpha.png']);
    expect(names({ sort: 'duration', order: 'desc' })).toEqual(['Zebra crossing.mp4', 'café terrace.mp4', 'voice note.wav', 'alpha.png', 'Beach sunset.jpg']);
  });

  it('filters by kind and by tag, alone and together', () => {
    expect(names({ kind: 'video', sort: 'name', order: 'asc' })).toEqual(['café terrace.mp4', 'Zebra crossing.mp4']);
    expect(names({ kind: 'audio' })).toEqual(['voice note.wav']);
    expect(names({ tag: 'summer', sort: 'name', order: 'asc' })).toEqual(['Beach sunset.jpg', 'café terrace.mp4']);
    expect(names({ tag: 'summer', kind: 'image' })).toEqual(['Beach sunset.jpg']);
    expect(names({ tag: 'nothing' })).toEqual([]);
  });

  it('searches name words, prefixes, tags and notes; every word must match', () => {
    expect(search('sunset')).toEqual(['Beach sunset.jpg']);
    expect(search('sun')).toEqual(['Beach sunset.jpg']);
    expect(search('ZEB')).toEqual(['Zebra crossing.mp4']);
    expect(search('summer')).toEqual(['Beach sunset.jpg', 'café terrace.mp4']);
    expect(search('dusk')).toEqual(['café terrace.mp4']);
    expect(search('summer beach')).toEqual(['Beach sunset.jpg']);
    expect(search('mp4')).toEqual(['café terrace.mp4', 'Zebra crossing.mp4']);
    expect(search('summer zebra')).toEqual([]);
    expect(search('unrelated')).toEqual([]);
    // FTS syntax is searched literally instead of failing.
    expect(search('"sunset" OR')).toEqual([]);
    expect(search('   ')).toHaveLength(5);
  });

  it('ignores accents and case both ways', () => {
    expect(search('cafe')).toEqual(['café terrace.mp4']);
    expect(search('CAFÉ')).toEqual(['café terrace.mp4']);
    repo.update(id['alpha.png']!, { notes: 'Sao Paulo' });
    expect(search('são')).toEqual(['alpha.png']);
  });

  it('keeps the search index in step with tag changes and edits', () => {
    expect(repo.tag([id['Zebra crossing.mp4']!, 'missing-id'], ['sunrise'], ['city'])).toBe(1);
    expect(search('sunrise')).toEqual(['Zebra crossing.mp4']);
    expect(search('city')).toEqual([]);
    expect(names({ tag: 'city' })).toEqual([]);
    expect(repo.get(id['Zebra crossing.mp4']!)!.tags).toEqual(['sunrise']);

    expect(repo.update(id['voice note.wav']!, { name: 'Interview take 2.wav' })).toBe(true);
    expect(search('voice')).toEqual([]);
    expect(search('interview')).toEqual(['Interview take 2.wav']);
    expect(repo.update(id['café terrace.mp4']!, { notes: 'golden hour' })).toBe(true);
    expect(search('dusk')).toEqual([]);
    expect(search('golden')).toEqual(['café terrace.mp4']);
    // Name unchanged by a notes-only edit, and tags still indexed.
    expect(search('terrace summer')).toEqual(['café terrace.mp4']);
    expect(repo.update('missing-id', { name: 'x' })).toBe(false);
  });

  it('trashes, restores and purges; purge only removes trashed assets and returns their files', () => {
    const beach = id['Beach sunset.jpg']!;
    const zebra = id['Zebra crossing.mp4']!;
    expect(repo.setTrashed([beach, 'missing-id'], true)).toEqual([beach]);
    expect(repo.setTrashed([beach], true)).toEqual([]); // already trashed
    expect(repo.get(beach)!.trashedAt).toMatch(/^\d{4}-\d{2}-\d{2}T/);
    expect(names()).not.toContain('Beach sunset.jpg');
    expect(names({ trashed: true })).toEqual(['Beach sunset.jpg']);
    expect(search('sunset')).toEqual([]);
    expect(search('sunset', { trashed: true })).toEqual(['Beach sunset.jpg']);
    expect(repo.liveCount()).toBe(4);

    expect(repo.setTrashed([beach], false)).toEqual([beach]);
    expect(repo.setTrashed([beach], false)).toEqual([]);
    expect(names()).toContain('Beach sunset.jpg');

    // Not trashed: purge refuses.
    expect(repo.purge([zebra])).toEqual([]);
    expect(repo.get(zebra)).not.toBeNull();

    repo.setTrashed([beach, zebra], true);
    const gone = repo.purge([beach, zebra, 'missing-id']);
    expect(gone).toEqual([
      { id: beach, sha256: 'sha-Beach sunset.jpg', ext: 'jpg' },
      { id: zebra, sha256: 'sha-Zebra crossing.mp4', ext: 'mp4' },
    ]);
    expect(repo.get(beach)).toBeNull();
    expect(repo.findBySha('sha-Beach sunset.jpg')).toBeNull();
    expect(names({ trashed: true })).toEqual([]);
    expect(search('sunset', { trashed: true })).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM asset_tags').pluck().get()).toBe(1); // café's 'summer'
    expect(db.prepare("SELECT count(*) FROM assets_fts WHERE assets_fts MATCH 'sunset OR zebra'").pluck().get()).toBe(0);
  });

  it('lists ids for a filter, newest import first', () => {
    expect(repo.ids(opts())).toEqual(['alpha.png', 'Zebra crossing.mp4', 'voice note.wav', 'café terrace.mp4', 'Beach sunset.jpg'].map((n) => id[n]));
    expect(repo.ids(opts({ query: 'summer' }))).toEqual([id['café terrace.mp4'], id['Beach sunset.jpg']]);
    repo.setTrashed([id['alpha.png']!], true);
    expect(repo.ids(opts({ kind: 'image' }))).toEqual([id['Beach sunset.jpg']]);
    expect(repo.ids(opts({ trashed: true }))).toEqual([id['alpha.png']]);
  });

  it('lists only the tags on the given assets, counted among them, for any number of ids', () => {
    expect(repo.tagsOf([id['café terrace.mp4']!, id['Zebra crossing.mp4']!, id['alpha.png']!])).toEqual([{ tag: 'city', count: 1 }, { tag: 'summer', count: 1 }]);
    expect(repo.tagsOf([id['voice note.wav']!])).toEqual([]);
    // More ids than SQLite takes as bound variables (32766): they travel as one JSON parameter.
    const many = [...Array.from({ length: 40_000 }, (_, i) => `missing-${i}`), id['Beach sunset.jpg']!];
    expect(repo.tagsOf(many)).toEqual([{ tag: 'beach', count: 1 }, { tag: 'summer', count: 1 }]);
  });

  it('counts tags over assets not in the trash', () => {
    expect(repo.tags()).toEqual([{ tag: 'summer', count: 2 }, { tag: 'beach', count: 1 }, { tag: 'city', count: 1 }]);
    repo.setTrashed([id['Beach sunset.jpg']!], true);
    expect(repo.tags()).toEqual([{ tag: 'city', count: 1 }, { tag: 'summer', count: 1 }]);
  });

  it('reports the right total for every page, also past the end', () => {
    const page = (offset: number, limit: number, o: Partial<ListOptions> = {}) => {
      const r = repo.list(opts({ offset, limit, ...o }));
      return [r.items.length, r.total];
    };
    expect(page(0, 2)).toEqual([2, 5]);
    expect(page(2, 2)).toEqual([2, 5]);
    expect(page(4, 2)).toEqual([1, 5]);
    expect(page(5, 2)).toEqual([0, 5]);
    expect(page(50, 10)).toEqual([0, 5]);
    expect(page(0, 100)).toEqual([5, 5]);
    expect(page(0, 5)).toEqual([5, 5]);
    expect(page(1, 1, { kind: 'video' })).toEqual([1, 2]);
    expect(page(9, 1, { kind: 'video' })).toEqual([0, 2]);
    expect(page(0, 10, { query: 'nothing-matches' })).toEqual([0, 0]);
    expect(repo.list(opts({ offset: 1, limit: 2, sort: 'name', order: 'asc' })).items.map((a) => a.name)).toEqual(['Beach sunset.jpg', 'café terrace.mp4']);
  });

  it('runs the default list and the tag filter on their indexes', () => {
    const seen: string[] = [];
    const prepare = db.prepare.bind(db);
    const spy = vi.spyOn(db, 'prepare').mockImplementation(((sql: string) => {
      seen.push(sql);
      return prepare(sql);
    }));
    repo.list(opts({ offset: 0, limit: 2 }));
    repo.list(opts({ tag: 'summer', offset: 0, limit: 2 }));
    repo.list(opts({ query: 'sun', offset: 0, limit: 2 }));
    spy.mockRestore();
    const [plain, tagged, searched] = seen.filter((s) => s.includes('ORDER BY'));
    const plan = (sql: string, ...p: unknown[]) => (db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(...p) as { detail: string }[]).map((r) => r.detail).join(' | ');
    expect(plan(plain!, 2, 0)).not.toMatch(/TEMP B-TREE/);
    expect(plan(tagged!, 'summer', 2, 0)).toMatch(/asset_tags_by_tag/);
    expect(plan(searched!, '"sun"*', 2, 0)).toMatch(/^SCAN f VIRTUAL TABLE/);
    expect(plan(searched!, '"sun"*', 2, 0)).not.toMatch(/TEMP B-TREE/);
  });

  it('keeps trashed assets out of library searches and finds them in the trash, until restored', () => {
    const id = repo.ids(opts({ query: 'zebra' }))[0]!;
    repo.setTrashed([id], true);
    expect(search('zebra')).toEqual([]);
    expect(repo.list(opts({ query: 'zebra', trashed: true })).items.map((a) => a.name)).toEqual(['Zebra crossing.mp4']);
    repo.tag([id], ['stripes'], []);
    expect(repo.list(opts({ query: 'stripes', trashed: true })).total).toBe(1);
    expect(repo.list(opts({ query: 'stripes' })).total).toBe(0);
    repo.setTrashed([id], false);
    expect(search('stripes')).toEqual(['Zebra crossing.mp4']);
    expect(repo.list(opts({ query: 'zebra', trashed: true })).total).toBe(0);
  });

  it('counts exactly when a search has more hits than a page', () => {
    for (let i = 0; i < 30; i++) repo.insert(asset(`crowd ${i}.png`, { kind: i % 3 ? 'image' : 'video', size: i + 1, imported: `2024-04-01T00:00:${String(i).padStart(2, '0')}.000Z` }));
    repo.setTrashed(repo.ids(opts({ query: 'crowd' })).slice(0, 4), true);
    const first = repo.list(opts({ query: 'crowd', offset: 0, limit: 5 }));
    expect(first.total).toBe(26);
    expect(first.items.map((a) => a.name)).toEqual(['crowd 25.png', 'crowd 24.png', 'crowd 23.png', 'crowd 22.png', 'crowd 21.png']);
    // Videos are crowd 0, 3, …, 27 (10); crowd 27 is among the four trashed.
    expect(repo.list(opts({ query: 'crowd', kind: 'video', offset: 0, limit: 2 })).total).toBe(9);
    expect(repo.list(opts({ query: 'crowd', order: 'asc', offset: 0, limit: 2 })).items.map((a) => a.name)).toEqual(['crowd 0.png', 'crowd 1.png']);
  });

  it('leaves a consistent database after a mix of operations', () => {
    for (let i = 0; i < 40; i++) {
      repo.insert(asset(`bulk ${i}.png`, { kind: 'image', size: i + 1, imported: `2024-03-${String((i % 28) + 1).padStart(2, '0')}T00:00:00.000Z`, tags: [`t${i % 3}`] }));
    }
    const all = repo.ids(opts());
    repo.tag(all.slice(0, 10), ['x'], ['t0']);
    all.slice(10, 15).forEach((a, i) => repo.update(a, { name: `renamed ${i}.png`, notes: `note ${i}` }));
    repo.setTrashed(all.slice(15, 30), true);
    repo.setTrashed(all.slice(15, 20), false);
    repo.purge(all.slice(20, 30));
    expect(repo.liveCount()).toBe(45 - 10);
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
    expect(() => db.prepare("INSERT INTO assets_fts(assets_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    expect(() => db.prepare("INSERT INTO assets_trash_fts(assets_trash_fts, rank) VALUES ('integrity-check', 1)").run()).not.toThrow();
    // Every row is findable by its name, and nothing purged is.
    expect(search('renamed', { limit: 100 })).toHaveLength(5);
    expect(repo.list(opts({ query: 'bulk', limit: 1 })).total).toBe(40 - 5 - 10); // renamed and purged ones no longer match
  });
});
