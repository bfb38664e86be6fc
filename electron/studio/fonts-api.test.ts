import { createHash } from 'node:crypto';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { emptyKitContent } from '../model/brand-kit';
import { defaultTextStyle } from '../model/draft';
import { AppError } from '../model/errors';
import { kitsUsingFont } from '../model/font-use';
import { buildTestFont } from '../model/__tests__/sfnt-builder';
import { text } from '../render/test-drafts';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');
const sha = (f: string | Buffer) => createHash('sha256').update(typeof f === 'string' ? fs.readFileSync(f) : f).digest('hex');

describe('fonts API (through a real Studio)', () => {
  let t: TempStudio;
  let dir: string;
  beforeEach(async () => {
    t = await openTempStudio('pf-fonts-');
    dir = path.join(t.tmp, 'in');
    fs.mkdirSync(dir);
  });
  afterEach(() => t.close());
  const put = (name: string, bytes: Uint8Array) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, bytes);
    return p;
  };

  it('adds a TTF: stored content-addressed, listed, announced; the same bytes again are the same record', async () => {
    const { font, duplicate } = await t.studio.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: 'OFL 1.1' });
    expect(duplicate).toBe(false);
    expect(font).toMatchObject({ id: sha(LOBSTER), family: 'Lobster', subfamily: 'Regular', sourceFormat: 'ttf', fileName: 'Lobster_400Regular.ttf', licenceNote: 'OFL 1.1', embedding: 'installable' });
    const stored = path.join(t.libraryPath, 'fonts', font.id.slice(0, 2), `${font.id}.ttf`);
    expect(fs.readFileSync(stored).equals(fs.readFileSync(LOBSTER))).toBe(true);
    expect(t.studio.rooms.fonts.fontFilePath(font.id)).toBe(stored);
    expect(await t.studio.api['fonts.list']({})).toEqual([font]);
    expect(t.events.filter((e) => e.name === 'fonts.changed')).toEqual([{ name: 'fonts.changed', payload: { reason: 'added', ids: [font.id] } }]);
    const again = await t.studio.api['fonts.add']({ actorId: 'owner', path: put('copy.ttf', fs.readFileSync(LOBSTER)), licenceNote: '' });
    expect(again).toEqual({ font, duplicate: true });
    expect(t.events.filter((e) => e.name === 'fonts.changed')).toHaveLength(1);
  });

  it('refuses another file with the same family and style, naming the file already there, and keeps nothing of it', async () => {
    await t.studio.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: '' });
    const other = new Uint8Array([...fs.readFileSync(LOBSTER), 0, 0, 0, 0]);
    await expect(t.studio.api['fonts.add']({ actorId: 'owner', path: put('Lobster-v2.ttf', other), licenceNote: '' })).rejects.toMatchObject({
      code: 'conflict',
      message: expect.stringMatching(/already has Lobster Regular from another file \(Lobster_400Regular\.ttf, added \d{4}-\d\d-\d\d\)\. Remove that font first/),
    });
    expect(fs.readdirSync(path.join(t.libraryPath, 'fonts'), { recursive: true }).filter((f) => String(f).endsWith('.ttf'))).toHaveLength(1);
  });

  it('refuses non-fonts, collections and broken fonts with the file name and what to do; nothing is stored', async () => {
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    const cases: [string, Uint8Array, RegExp][] = [
      ['notes.ttf', new TextEncoder().encode('hello, not a font'), /notes\.ttf: This file is not a font Postframe can use[^]*TTF, OTF or WOFF2/],
      ['family.ttc', new Uint8Array([0x74, 0x74, 0x63, 0x66, 0, 1, 0, 0, 0, 0, 0, 1, 0, 0, 0, 12]), /family\.ttc: This is a font collection/],
      ['cut.ttf', fs.readFileSync(LOBSTER).subarray(0, 5000), /cut\.ttf: [^]*past the end of the file/],
      ['noname.ttf', buildTestFont({ omit: ['name'] }), /noname\.ttf: [^]*no 'name' table/],
      ['empty.ttf', new Uint8Array(), /empty\.ttf is empty/],
    ];
    for (const [name, bytes, message] of cases) {
      const r = await route('fonts.add', { actorId: 'owner', path: put(name, bytes) });
      expect(r, name).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    }
    expect(await t.studio.api['fonts.list']({})).toEqual([]);
    expect(await route('fonts.add', { actorId: 'owner' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/as a path or as an upload/) } });
  });

  it('decodes a WOFF2 to the sfnt it carries and stores that (same id as the TTF)', async () => {
    const { compress } = (await import('wawoff2')) as unknown as { compress: (b: Uint8Array) => Promise<Uint8Array> };
    const woff2 = await compress(new Uint8Array(fs.readFileSync(LOBSTER)));
    const { font } = await t.studio.api['fonts.add']({ actorId: 'owner', path: put('Lobster.woff2', woff2), licenceNote: '' });
    expect(font).toMatchObject({ family: 'Lobster', sourceFormat: 'woff2', fileName: 'Lobster.woff2' });
    const stored = fs.readFileSync(t.studio.rooms.fonts.fontFilePath(font.id)!);
    expect(stored.subarray(0, 4)).toEqual(Buffer.from([0, 1, 0, 0]));
    expect(font.id).toBe(sha(stored));
    // A damaged WOFF2 is refused clearly.
    const broken = woff2.slice();
    broken.fill(7, 60, 400);
    await expect(t.studio.api['fonts.add']({ actorId: 'owner', path: put('broken.woff2', broken), licenceNote: '' })).rejects.toMatchObject({ code: 'unsupported_media' });
  });

  it('adds from an upload (browser mode) and removes the upload either way', async () => {
    const up = await t.studio.stageUpload('Lobster.ttf', fs.createReadStream(LOBSTER));
    const r = await t.studio.api['fonts.add']({ actorId: 'owner', upload: { id: up.id, name: 'Lobster.ttf' }, licenceNote: '' });
    expect(r.font).toMatchObject({ family: 'Lobster', fileName: 'Lobster.ttf' });
    expect(fs.readdirSync(path.join(t.libraryPath, 'cache', 'uploads'))).toEqual([]);
    const bad = await t.studio.stageUpload('x.otf', (await import('node:stream')).Readable.from([Buffer.from('nope')]));
    await expect(t.studio.api['fonts.add']({ actorId: 'owner', upload: { id: bad.id, name: 'x.otf' }, licenceNote: '' })).rejects.toMatchObject({ code: 'unsupported_media' });
    expect(fs.readdirSync(path.join(t.libraryPath, 'cache', 'uploads'))).toEqual([]);
  });

  it('confines paths in browser mode to the allowed folders', async () => {
    const confined = await t.reopen({ pathAccess: { kind: 'confined', folders: [] } });
    try {
      await expect(confined.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: '' })).rejects.toMatchObject({ code: 'forbidden' });
    } finally {
      await confined.close();
    }
  });

  it('refuses a creator’s add, note change and removal (unauthorized, nothing stored, nothing audited) and audits an admin’s', async () => {
    const creator = await t.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const admin = await t.studio.api['users.create']({ actorId: 'owner', name: 'Ada', role: 'admin' });
    const fontAudit = () => t.studio.auditRepo.list().filter((e) => e.action === 'font_edit');
    const refused = { code: 'unauthorized', message: expect.stringMatching(/Only an admin can change brand kits/) };
    const storedFiles = () => (fs.existsSync(path.join(t.libraryPath, 'fonts')) ? fs.readdirSync(path.join(t.libraryPath, 'fonts'), { recursive: true }).filter((f) => /\.(ttf|otf)$/.test(String(f))) : []);

    await expect(t.studio.api['fonts.add']({ actorId: creator.id, path: LOBSTER, licenceNote: '' })).rejects.toMatchObject(refused);
    const up = await t.studio.stageUpload('Lobster.ttf', fs.createReadStream(LOBSTER));
    await expect(t.studio.api['fonts.add']({ actorId: creator.id, upload: { id: up.id, name: 'Lobster.ttf' }, licenceNote: '' })).rejects.toMatchObject(refused);
    expect(fs.readdirSync(path.join(t.libraryPath, 'cache', 'uploads'))).toEqual([]);
    expect(await t.studio.api['fonts.list']({})).toEqual([]);
    expect(storedFiles()).toEqual([]);
    expect(fontAudit()).toEqual([]);
    // The right is checked again in the insert's own transaction (a role changed while the file was read): the file goes too.
    const refuse = () => {
      throw new AppError('unauthorized', 'Only an admin can change brand kits.');
    };
    await expect(t.studio.rooms.fonts.addFile(LOBSTER, { fileName: 'Lobster.ttf', licenceNote: '' }, refuse)).rejects.toMatchObject({ code: 'unauthorized' });
    expect(storedFiles()).toEqual([]);
    expect(t.events.filter((e) => e.name === 'fonts.changed')).toEqual([]);

    const { font } = await t.studio.api['fonts.add']({ actorId: admin.id, path: LOBSTER, licenceNote: 'OFL' });
    await expect(t.studio.api['fonts.update']({ id: font.id, actorId: creator.id, licenceNote: 'mine now' })).rejects.toMatchObject(refused);
    await expect(t.studio.api['fonts.remove']({ id: font.id, actorId: creator.id })).rejects.toMatchObject(refused);
    expect(await t.studio.api['fonts.list']({})).toEqual([font]);
    expect(fs.existsSync(t.studio.rooms.fonts.fontFilePath(font.id)!)).toBe(true);

    await t.studio.api['fonts.update']({ id: font.id, actorId: admin.id, licenceNote: 'OFL 1.1' });
    await t.studio.api['fonts.update']({ id: font.id, actorId: admin.id, licenceNote: 'OFL 1.1' }); // the same note: nothing to record
    await t.studio.api['fonts.remove']({ id: font.id, actorId: admin.id });
    expect(fontAudit().map((e) => ({ actor: e.actorId, ...e.detail }))).toEqual([
      { actor: admin.id, change: 'added', fontId: font.id, family: 'Lobster', subfamily: 'Regular', fileName: 'Lobster_400Regular.ttf', sizeBytes: font.sizeBytes, embedding: 'installable' },
      { actor: admin.id, change: 'updated', fontId: font.id, family: 'Lobster', subfamily: 'Regular', fileName: 'Lobster_400Regular.ttf', licenceNote: 'OFL 1.1' },
      { actor: admin.id, change: 'removed', fontId: font.id, family: 'Lobster', subfamily: 'Regular', fileName: 'Lobster_400Regular.ttf' },
    ]);
    expect(t.studio.auditRepo.verify()).toMatchObject({ ok: true });
  });

  it('refuses to remove a font a brand kit lists or names in a text style, naming the kits; removes it once none does', async () => {
    const { font } = await t.studio.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: '' });
    const titleIn = (family: string) => [{ role: 'title' as const, style: { ...defaultTextStyle, font: family }, placement: { x: 0.5, y: 0.2, maxWidth: 0.8 } }];
    const acme = await t.studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Acme'), fontIds: [font.id] } });
    const zed = await t.studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Zed'), textStyles: titleIn('LOBSTER') } });
    await t.studio.api['kits.create']({ actorId: 'owner', content: { ...emptyKitContent('Plain'), textStyles: titleIn('Lobster Two') } });
    const uses = t.studio.rooms.fonts.fontUsage(font.id);
    expect(uses).toEqual([
      { kind: 'kit', id: acme.id, name: 'Acme' },
      { kind: 'kit', id: zed.id, name: 'Zed' },
    ]);
    // The Brand room's rule over the kits it loads agrees with the SQL.
    expect(kitsUsingFont(await t.studio.api['kits.list']({}), font).map((k) => k.id)).toEqual(uses.map((u) => u.id));
    const removals = () => t.studio.auditRepo.list().filter((e) => e.action === 'font_edit' && e.detail.change === 'removed');
    await expect(t.studio.api['fonts.remove']({ id: font.id, actorId: 'owner' })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Lobster Regular is used by the brand kits “Acme”, “Zed”. In Brand, remove the font from those kits and give their text styles another font first. Nothing was removed.',
    });
    expect(fs.existsSync(t.studio.rooms.fonts.fontFilePath(font.id)!)).toBe(true);
    expect(removals()).toEqual([]);

    await t.studio.api['kits.update']({ id: acme.id, actorId: 'owner', baseUpdatedAt: acme.updatedAt, content: { ...emptyKitContent('Acme') } });
    await expect(t.studio.api['fonts.remove']({ id: font.id, actorId: 'owner' })).rejects.toMatchObject({ message: expect.stringMatching(/^Lobster Regular is used by the brand kit “Zed”\. In Brand, remove the font from that kit and give its text styles/) });
    await t.studio.api['kits.update']({ id: zed.id, actorId: 'owner', baseUpdatedAt: zed.updatedAt, content: { ...emptyKitContent('Zed'), textStyles: titleIn('DejaVu Sans') } });
    expect(await t.studio.api['fonts.remove']({ id: font.id, actorId: 'owner' })).toEqual({ id: font.id });
    expect(removals()).toHaveLength(1);
  });

  it('updates the licence note; refuses to remove a font a live draft uses, then removes it once the draft is trashed', async () => {
    const { font } = await t.studio.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: '' });
    expect(await t.studio.api['fonts.update']({ actorId: 'owner', id: font.id, licenceNote: 'Bought 2026, 5 seats' })).toMatchObject({ licenceNote: 'Bought 2026, 5 seats' });
    const d = await t.studio.api['drafts.create']({ kind: 'video', name: 'Summer promo' });
    if (d.doc.kind !== 'video') throw new Error('video draft expected');
    const doc = structuredClone(d.doc);
    doc.tracks.find((tr) => tr.kind === 'text')!.clips.push(text('t1', 'Hello', 0, 2, { style: { ...defaultTextStyle, font: 'lobster' } }));
    await t.studio.api['drafts.save']({ id: d.id, baseRevision: d.revision, doc });
    expect(t.studio.rooms.fonts.fontUsage(font.id)).toEqual([{ kind: 'draft', id: d.id, name: 'Summer promo' }]);
    await expect(t.studio.api['fonts.remove']({ actorId: 'owner', id: font.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'Lobster Regular is used by the draft “Summer promo”. Change its text to another font, or move it to the Trash, first. Nothing was removed.',
    });
    expect(fs.existsSync(t.studio.rooms.fonts.fontFilePath(font.id)!)).toBe(true);
    await t.studio.api['drafts.trash']({ ids: [d.id] });
    const file = t.studio.rooms.fonts.fontFilePath(font.id)!;
    expect(await t.studio.api['fonts.remove']({ actorId: 'owner', id: font.id })).toEqual({ id: font.id });
    expect(fs.existsSync(file)).toBe(false);
    expect(await t.studio.api['fonts.list']({})).toEqual([]);
    await expect(t.studio.api['fonts.remove']({ actorId: 'owner', id: font.id })).rejects.toMatchObject({ code: 'not_found' });
    expect(t.events.filter((e) => e.name === 'fonts.changed').map((e) => (e.payload as { reason: string }).reason)).toEqual(['added', 'updated', 'removed']);
  });
});
