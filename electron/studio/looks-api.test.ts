import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseCube, tabulate, writeCube } from '../model/cube-lut';
import type { ClipLook } from '../model/draft';
import { MAX_CUBE_BYTES } from '../model/imported-look';
import { lookTable } from '../model/look';
import { lookCubePath, lutIdsOf, writeLookFiles } from '../render/look-files';
import { draft, media, track } from '../render/test-drafts';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

const GOLD = writeCube(tabulate(9, (r, g, b) => [Math.min(1, r * 1.25 + 0.03), g * 0.98, b * 0.6], 'Gold Hour'));
const sha = (s: string | Buffer) => createHash('sha256').update(s).digest('hex');

describe('looks API (through a real Studio)', () => {
  let t: TempStudio;
  let dir: string;
  beforeEach(async () => {
    t = await openTempStudio('pf-looks-');
    dir = path.join(t.tmp, 'in');
    fs.mkdirSync(dir);
  });
  afterEach(() => t.close());
  const put = (name: string, text: string | Buffer) => {
    const p = path.join(dir, name);
    fs.writeFileSync(p, text);
    return p;
  };

  it('imports a .cube (path and upload): stored content-addressed, listed, announced, read back; the same bytes again are the same look', async () => {
    const { look, duplicate } = await t.studio.api['looks.import']({ actorId: 'owner', path: put('gold.cube', GOLD) });
    expect(duplicate).toBe(false);
    expect(look).toMatchObject({ id: sha(GOLD), name: 'Gold Hour', size: 9, fileName: 'gold.cube', sizeBytes: Buffer.byteLength(GOLD) });
    const stored = path.join(t.libraryPath, 'luts', look.id.slice(0, 2), `${look.id}.cube`);
    expect(fs.readFileSync(stored, 'utf8')).toBe(GOLD);
    expect(await t.studio.api['looks.list']({})).toEqual([look]);
    expect(await t.studio.api['looks.cube']({ id: look.id })).toEqual({ look, cube: GOLD });
    expect(t.events.filter((e) => e.name === 'looks.changed')).toEqual([{ name: 'looks.changed', payload: { reason: 'added', ids: [look.id] } }]);
    const up = await t.studio.stageUpload('copy.cube', fs.createReadStream(put('copy.cube', GOLD)));
    expect(await t.studio.api['looks.import']({ actorId: 'owner', upload: { id: up.id, name: 'copy.cube' } })).toEqual({ look, duplicate: true });
    expect(fs.readdirSync(path.join(t.libraryPath, 'cache', 'uploads'))).toEqual([]);
    // A file without a TITLE is named by its file name.
    const plain = GOLD.replace(/^TITLE.*\n/, '');
    const second = await t.studio.api['looks.import']({ actorId: 'owner', path: put('Beach Day.cube', plain) });
    expect(second.look.name).toBe('Beach Day');
    expect((await t.studio.api['looks.list']({})).map((l) => l.name)).toEqual(['Gold Hour', 'Beach Day']);
  });

  it('names an import apart from every look in the row: a .cube titled "Warm" is "Warm (imported)", another "Warm (imported) 2"', async () => {
    const warm = (k: number) => writeCube(tabulate(5, (r, g, b) => [Math.min(1, r * k), g, b * 0.8], 'Warm'));
    const a = await t.studio.api['looks.import']({ actorId: 'owner', path: put('warm.cube', warm(1.1)) });
    const b = await t.studio.api['looks.import']({ actorId: 'owner', path: put('warm2.cube', warm(1.2)) });
    const c = await t.studio.api['looks.import']({ actorId: 'owner', path: put('Gold Hour.cube', GOLD) });
    const d = await t.studio.api['looks.import']({ actorId: 'owner', path: put('gold again.cube', GOLD.replace('Gold Hour', 'gold hour')) });
    expect([a, b, c, d].map((r) => r.look.name)).toEqual(['Warm (imported)', 'Warm (imported) 2', 'Gold Hour', 'gold hour 2']);
  });

  it('refuses broken, 1D, too big and non-.cube files with the file name and what to do; nothing is stored', async () => {
    const route = (name: string, input: unknown) => t.studio.route(name, input, t.studio.ownerCaller());
    const cases: [string, string | Buffer, RegExp][] = [
      ['broken.cube', GOLD.replace(/\n0\.[0-9]+ /, '\nabc '), /^broken\.cube: [^]*line \d+ has "abc", which is not a number/],
      ['curve.cube', 'LUT_1D_SIZE 4\n0 0 0\n0.3 0.3 0.3\n0.6 0.6 0.6\n1 1 1\n', /^curve\.cube: [^]*1D LUT \(only 3D LUTs are supported\)/],
      ['huge.cube', 'LUT_3D_SIZE 129\n', /LUT_3D_SIZE 129 is not a whole number from 2 to 65/],
      ['grade.3dl', GOLD, /grade\.3dl is not a \.cube file/],
      ['empty.cube', '', /empty\.cube is empty/],
      ['big.cube', Buffer.alloc(MAX_CUBE_BYTES + 1, 0x20), /big\.cube is 20\.0 MB; Postframe takes \.cube files up to 20 MB/],
    ];
    for (const [name, bytes, message] of cases) {
      const r = await route('looks.import', { actorId: 'owner', path: put(name, bytes) });
      expect(r, name).toMatchObject({ ok: false, error: { message: expect.stringMatching(message) } });
    }
    expect(await t.studio.api['looks.list']({})).toEqual([]);
    expect(fs.existsSync(path.join(t.libraryPath, 'luts'))).toBe(false);
    expect(await route('looks.import', { actorId: 'owner' })).toMatchObject({ ok: false, error: { code: 'invalid_input', message: expect.stringMatching(/as a path or as an upload/) } });
  });

  it('refuses a creator’s import and removal (unauthorized, nothing stored, nothing audited) and audits an admin’s', async () => {
    const creator = await t.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    const admin = await t.studio.api['users.create']({ actorId: 'owner', name: 'Ada', role: 'admin' });
    const audit = () => t.studio.auditRepo.list().filter((e) => e.action === 'look_edit');
    const refused = { code: 'unauthorized', message: expect.stringMatching(/Only an admin can change brand kits/) };
    const file = put('gold.cube', GOLD);
    await expect(t.studio.api['looks.import']({ actorId: creator.id, path: file })).rejects.toMatchObject(refused);
    const up = await t.studio.stageUpload('gold.cube', fs.createReadStream(file));
    await expect(t.studio.api['looks.import']({ actorId: creator.id, upload: { id: up.id, name: 'gold.cube' } })).rejects.toMatchObject(refused);
    expect(fs.readdirSync(path.join(t.libraryPath, 'cache', 'uploads'))).toEqual([]);
    expect(await t.studio.api['looks.list']({})).toEqual([]);
    expect(fs.existsSync(path.join(t.libraryPath, 'luts', sha(GOLD).slice(0, 2), `${sha(GOLD)}.cube`))).toBe(false);

    const { look } = await t.studio.api['looks.import']({ actorId: admin.id, path: file });
    await expect(t.studio.api['looks.remove']({ actorId: creator.id, id: look.id })).rejects.toMatchObject(refused);
    expect(await t.studio.api['looks.list']({})).toEqual([look]);
    await t.studio.api['looks.remove']({ actorId: admin.id, id: look.id });
    expect(audit().map((e) => ({ actor: e.actorId, ...e.detail }))).toEqual([
      { actor: admin.id, change: 'added', lookId: look.id, name: 'Gold Hour', fileName: 'gold.cube', size: 9 },
      { actor: admin.id, change: 'removed', lookId: look.id, name: 'Gold Hour', fileName: 'gold.cube', size: 9 },
    ]);
    expect(t.studio.auditRepo.verify()).toMatchObject({ ok: true });
  });

  it('the export bakes an imported LUT into its lut3d table exactly as a shipped one; removal is refused while a live draft uses it', async () => {
    const { look } = await t.studio.api['looks.import']({ actorId: 'owner', path: put('gold.cube', GOLD) });
    const clipLook: ClipLook = { adjust: { exposure: 0.3 }, lut: { id: look.id, strength: 0.7 } };
    const doc = draft([track('v', 'main', [media('c1', 'a1', 0, 0, 2, { look: clipLook })])]);
    const source = await t.studio.rooms.looks.sourceFor(lutIdsOf(doc));
    await writeLookFiles(doc, source);
    const gold = parseCube(GOLD);
    expect(parseCube(fs.readFileSync(lookCubePath(clipLook), 'utf8')).data).toEqual(parseCube(writeCube(lookTable(clipLook, (id) => (id === look.id ? gold : null)))).data);

    const d = await t.studio.api['drafts.create']({ kind: 'video', name: 'Summer promo' });
    if (d.doc.kind !== 'video') throw new Error('video draft expected');
    const saved = structuredClone(d.doc);
    saved.tracks[0]!.clips.push(media('c1', 'a1', 0, 0, 2, { look: clipLook }));
    await t.studio.api['drafts.save']({ id: d.id, baseRevision: d.revision, doc: saved });
    await expect(t.studio.api['looks.remove']({ actorId: 'owner', id: look.id })).rejects.toMatchObject({
      code: 'conflict',
      message: 'The look “Gold Hour” is used by the draft “Summer promo”. Choose another look for its clips, or move it to the Trash, first. Nothing was removed.',
    });
    await t.studio.api['drafts.trash']({ ids: [d.id] });
    expect(await t.studio.api['looks.remove']({ actorId: 'owner', id: look.id })).toEqual({ id: look.id });
    expect(await t.studio.api['looks.list']({})).toEqual([]);
    await expect(t.studio.api['looks.remove']({ actorId: 'owner', id: look.id })).rejects.toMatchObject({ code: 'not_found' });

    // A draft naming a look the library no longer has gets the export's clear refusal.
    const other: ClipLook = { adjust: { exposure: 0.31 }, lut: { id: look.id, strength: 0.7 } };
    const gone = draft([track('v', 'main', [media('c1', 'a1', 0, 0, 2, { look: other })])]);
    await expect(writeLookFiles(gone, await t.studio.rooms.looks.sourceFor(lutIdsOf(gone)))).rejects.toMatchObject({ message: expect.stringMatching(/not in this library: it was removed[^]*import its \.cube again/) });
  });
});
