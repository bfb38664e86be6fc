import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { type BrandKitContent, emptyKitContent } from '../model/brand-kit';
import { type Db, migrate, openDatabase } from './db';
import { KitsRepo, kitPurgeRefusalMessage, nextFreeName } from './kits-repo';

const font = 'f'.repeat(64);
const full = (name: string): BrandKitContent => ({
  ...emptyKitContent(name),
  palette: [{ name: 'Red', color: '#e4002b', role: 'primary' }],
  fontIds: [font],
  logos: { light: 'logo-l', dark: 'logo-d' },
  intro: 'intro-clip',
  outro: null,
  hashtags: ['acme'],
  disclaimer: '#ad',
});

describe('KitsRepo', () => {
  let db: Db;
  let clock: number;
  let repo: KitsRepo;
  beforeEach(() => {
    db = openDatabase(':memory:');
    migrate(db);
    clock = Date.parse('2026-12-01T10:00:00.000Z');
    repo = new KitsRepo(db, { now: () => new Date(clock) });
  });
  afterEach(() => db.close());

  it('creates kits, makes the first the default, and lists the default first then by name', () => {
    const b = repo.create({ name: 'Beta' });
    const a = repo.create(full('alpha'));
    expect(b.isDefault).toBe(true);
    expect(a.isDefault).toBe(false);
    expect(a).toMatchObject({ ...full('alpha'), createdAt: '2026-12-01T10:00:00.000Z' });
    expect(repo.list().map((k) => k.name)).toEqual(['Beta', 'alpha']);
    expect(repo.byName('ALPHA')?.id).toBe(a.id);
    expect(() => repo.create({ name: 'beta' })).toThrow(expect.objectContaining({ code: 'conflict', message: 'There is already a brand kit named “Beta”. Choose another name.' }));
    expect(() => repo.create({ name: '  ' })).toThrow(/Give the kit a name/);
  });

  it('keeps the uses table in step with every save: "where used" for assets and fonts', () => {
    const a = repo.create(full('Acme'));
    expect(repo.kitsUsingAsset('logo-l')).toEqual([{ kitId: a.id, kitName: 'Acme', refId: 'logo-l', role: 'logo_light' }]);
    expect(repo.kitsUsingAsset('intro-clip')).toMatchObject([{ role: 'intro' }]);
    expect(repo.kitsUsingFont(font)).toMatchObject([{ kitId: a.id, role: 'font' }]);
    expect(repo.kitsUsingAsset(font)).toEqual([]);
    const { after } = repo.update(a.id, { ...full('Acme'), logos: { light: 'logo-new', dark: null }, intro: null, fontIds: [] }, a.updatedAt);
    expect(repo.kitsUsingAsset('logo-l')).toEqual([]);
    expect(repo.kitsUsingAsset('intro-clip')).toEqual([]);
    expect(repo.kitsUsingFont(font)).toEqual([]);
    expect(repo.kitsUsingAsset('logo-new')).toMatchObject([{ kitId: after.id }]);
    repo.delete(a.id);
    expect(repo.kitsUsingAsset('logo-new')).toEqual([]);
  });

  it('refuses a save from a stale base ("conflict") and never overwrites, even within one millisecond', () => {
    const k = repo.create({ name: 'Acme' });
    const first = repo.update(k.id, { ...emptyKitContent('Acme'), disclaimer: 'one' }, k.updatedAt).after;
    // Same millisecond: the stamp still moves on, so the first base is stale.
    expect(first.updatedAt).not.toBe(k.updatedAt);
    expect(() => repo.update(k.id, { ...emptyKitContent('Acme'), disclaimer: 'two' }, k.updatedAt)).toThrow(expect.objectContaining({ code: 'conflict', message: expect.stringMatching(/Someone else changed the brand kit “Acme”.*reload the kit/) }));
    expect(repo.require(k.id).disclaimer).toBe('one');
    // A clock set back still gives a later stamp.
    clock -= 60_000;
    const second = repo.update(k.id, { ...emptyKitContent('Acme'), disclaimer: 'three' }, first.updatedAt).after;
    expect(Date.parse(second.updatedAt)).toBeGreaterThan(Date.parse(first.updatedAt));
    expect(() => repo.update('nope', emptyKitContent('X'), 'x')).toThrow(expect.objectContaining({ code: 'not_found' }));
  });

  it('renames on update unless the name is taken, and duplicates as "copy", "copy 2"', () => {
    const a = repo.create({ name: 'Acme' });
    repo.create({ name: 'Other' });
    expect(() => repo.update(a.id, emptyKitContent('other'), a.updatedAt)).toThrow(/already a brand kit named “Other”/);
    const renamed = repo.update(a.id, emptyKitContent('ACME'), a.updatedAt).after;
    expect(renamed.name).toBe('ACME');
    expect(repo.duplicate(a.id)).toMatchObject({ name: 'ACME copy', isDefault: false });
    expect(repo.duplicate(a.id).name).toBe('ACME copy 2');
  });

  it('moves the default when the default is deleted, and setDefault keeps exactly one', () => {
    const a = repo.create({ name: 'A' });
    clock += 1000;
    const b = repo.create({ name: 'B' });
    clock += 1000;
    const c = repo.create({ name: 'C' });
    expect(repo.setDefault(c.id)).toMatchObject({ kit: { id: c.id, isDefault: true }, previousId: a.id });
    expect(repo.setDefault(c.id).previousId).toBe(c.id);
    expect(repo.delete(c.id)).toEqual({ deleted: { id: c.id, name: 'C' }, newDefaultId: a.id });
    expect(repo.delete(b.id).newDefaultId).toBeNull();
    expect(repo.delete(a.id).newDefaultId).toBeNull();
    expect(repo.defaultKit()).toBeNull();
  });

  it('keeps exactly one default while any kit exists, whatever the sequence of changes (property)', () => {
    type Op = { op: 'create' | 'delete' | 'default' | 'duplicate'; pick: number };
    const ops = fc.array(fc.record({ op: fc.constantFrom<Op['op']>('create', 'delete', 'default', 'duplicate'), pick: fc.nat() }), { maxLength: 30 });
    fc.assert(
      fc.property(ops, (seq) => {
        db.exec('DELETE FROM brand_kits');
        let n = 0;
        for (const { op, pick } of seq) {
          const kits = repo.list();
          const target = kits.length ? kits[pick % kits.length]! : null;
          if (op === 'create') repo.create({ name: `Kit ${n++}` });
          else if (target && op === 'delete') repo.delete(target.id);
          else if (target && op === 'default') repo.setDefault(target.id);
          else if (target && op === 'duplicate') repo.duplicate(target.id);
          const defaults = db.prepare('SELECT count(*) FROM brand_kits WHERE is_default = 1').pluck().get() as number;
          expect(defaults).toBe(Math.min(1, repo.count()));
          if (repo.count() > 0) expect(repo.list()[0]!.isDefault).toBe(true);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('says which kit holds an asset when a purge is refused', () => {
    expect(kitPurgeRefusalMessage([{ kitId: 'k', kitName: 'Acme', refId: 'a', role: 'logo_light', assetName: 'logo.svg' }])).toBe(
      '“logo.svg” is the light logo of the brand kit “Acme”. Pick another one in Brand → “Acme” first. Nothing was deleted.',
    );
    expect(kitPurgeRefusalMessage([
      { kitId: 'k', kitName: 'Acme', refId: 'a', role: 'intro', assetName: 'in.mp4' },
      { kitId: 'k2', kitName: 'B', refId: 'a', role: 'outro', assetName: 'in.mp4' },
    ])).toMatch(/^“in.mp4” is the intro clip of the brand kit “Acme” \(and 1 more use in brand kits\)/);
  });

  it('reports a kit whose stored document was damaged outside Postframe, and still deletes it', () => {
    const k = repo.create({ name: 'Acme' });
    db.prepare("UPDATE brand_kits SET doc = '{\"name\":\"Acme\"}' WHERE id = ?").run(k.id);
    expect(() => repo.get(k.id)).toThrow(expect.objectContaining({ code: 'library_unavailable', message: expect.stringMatching(/brand kit “Acme” is damaged.*Delete it, or import it again/) }));
    expect(repo.delete(k.id).deleted.name).toBe('Acme');
  });
});

describe('nextFreeName', () => {
  it('numbers from (2) for imports, within the 80-character limit', () => {
    const taken = new Set(['acme', 'acme (2)']);
    const t = (n: string) => taken.has(n.toLowerCase());
    expect(nextFreeName('Fresh', t, 'number')).toBe('Fresh');
    expect(nextFreeName('Acme', t, 'number')).toBe('Acme (3)');
    const long = 'x'.repeat(80);
    expect(nextFreeName(long, (n) => n === long, 'number')).toBe(`${'x'.repeat(76)} (2)`);
    expect(nextFreeName(long, () => false, 'copy')).toHaveLength(80);
  });
});
