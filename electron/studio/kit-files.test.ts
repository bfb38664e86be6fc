import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { rawZip } from '../library/__tests__/raw-zip';
import { type BrandKitContent, emptyKitContent } from '../model/brand-kit';
import { KIT_FORMAT_VERSION, KitManifest, parseKitManifest } from '../model/kit-manifest';
import type { Studio } from '../studio';
import { importFixtures, testFontStore } from './__tests__/kit-fixtures';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';
import { exportKit, unpackKit } from './kit-files';
import { noFontStore } from './kit-fonts';

const FONT = '/usr/share/fonts/truetype/dejavu/DejaVuSerif.ttf';

describe('.postframe-kit files between two libraries', () => {
  let a: TempStudio;
  let b: TempStudio;
  let fontsA: ReturnType<typeof testFontStore>;
  let fontsB: ReturnType<typeof testFontStore>;
  let ids: Record<string, string>;
  let content: BrandKitContent;

  beforeEach(async () => {
    fontsA = testFontStore();
    fontsB = testFontStore();
    a = await openTempStudio('pf-kitfile-a-', { kitFonts: fontsA });
    b = await openTempStudio('pf-kitfile-b-', { kitFonts: fontsB });
    ids = await importFixtures(a.studio, ['logo.png', 'red-clip.mp4', 'blue-clip.mp4']);
    const font = await a.studio.kitFontsOf().addFontFile(FONT, { fileName: 'DejaVuSerif.ttf', licenceNote: 'Bitstream Vera licence' });
    content = {
      ...emptyKitContent('Acme'),
      palette: [{ name: 'Signal red', color: '#e4002b', role: 'primary' }, { name: 'Ink', color: '#111111', role: 'secondary' }],
      fontIds: [font.id],
      logos: { light: ids['logo.png']!, dark: ids['logo.png']! },
      watermark: { logo: 'light', corner: 'top-left', margin: 0.05, size: 0.2, opacity: 0.7 },
      intro: ids['red-clip.mp4']!,
      outro: ids['blue-clip.mp4']!,
      hashtags: ['acme', 'brand'],
      disclaimer: '#ad · Paid partnership',
    };
  });
  afterEach(async () => {
    await a.close();
    await b.close();
  });
  const file = (t: TempStudio, name: string) => path.join(t.tmp, name);
  const originalBytes = (s: Studio, id: string) => {
    const asset = s.assetsRepo.get(id)!;
    return fs.readFileSync(s.folder.originalPath(asset.sha256, asset.ext));
  };

  it('imports as a job with progress (kits.importStart): the kit, its clips and events; a creator never starts one; a cancel adds nothing', async () => {
    const kit = await a.studio.api['kits.create']({ actorId: 'owner', content });
    const out = await a.studio.api['kits.export']({ id: kit.id, path: file(a, 'acme.postframe-kit') });
    const { jobId } = await b.studio.api['kits.importStart']({ actorId: 'owner', path: out.path });
    const job = await b.studio.waitForJob(jobId);
    expect(job).toMatchObject({ kind: 'kit-import', status: 'done', progress: 1, result: { kind: 'kit-import', kitName: 'Acme' } });
    const progressed = b.events.filter((e) => e.name === 'job.updated' && (e.payload as { id: string; progress: number | null }).id === jobId).map((e) => (e.payload as { progress: number | null }).progress);
    expect(progressed.some((p) => p !== null && p > 0 && p < 1)).toBe(true);
    const imported = await b.studio.api['kits.get']({ id: job.result?.kind === 'kit-import' ? job.result.kitId : '' });
    expect(imported.palette).toEqual(content.palette);
    expect(b.events.some((e) => e.name === 'kits.changed' && (e.payload as { reason: string }).reason === 'imported')).toBe(true);

    const creator = await b.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    await expect(b.studio.api['kits.importStart']({ actorId: creator.id, path: out.path })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(b.studio.rooms.runner.list().filter((j) => j.kind === 'kit-import')).toHaveLength(1);

    // Cancelled as soon as it starts: no kit, no new assets, whatever step it was in.
    const assetsBefore = b.studio.assetsRepo.liveCount();
    const second = await b.studio.api['kits.importStart']({ actorId: 'owner', path: out.path });
    await b.studio.api['jobs.cancel']({ id: second.jobId });
    const cancelled = await b.studio.waitForJob(second.jobId);
    expect(cancelled.status).toBe('cancelled');
    expect((await b.studio.api['kits.list']({})).map((k) => k.name)).toEqual(['Acme']);
    expect(b.studio.assetsRepo.liveCount()).toBe(assetsBefore);
  });

  it('round-trips a kit: same content, same file bytes, fonts through the fonts store; a second import is “Acme (2)” and adds no assets', async () => {
    const kit = await a.studio.api['kits.create']({ actorId: 'owner', content });
    const out = await a.studio.api['kits.export']({ id: kit.id, path: file(a, 'acme.postframe-kit') });
    expect(out).toMatchObject({ path: file(a, 'acme.postframe-kit'), fileName: 'acme.postframe-kit' });
    expect(fs.statSync(out.path).size).toBe(out.sizeBytes);

    const imported = await b.studio.api['kits.import']({ actorId: 'owner', path: out.path });
    const { id: _i, createdAt: _c, updatedAt: _u, isDefault, ...got } = imported;
    expect(isDefault).toBe(true);
    const bAssets = b.studio.assetsRepo;
    expect(got).toEqual({ ...content, logos: { light: got.logos.light, dark: got.logos.light }, intro: got.intro, outro: got.outro });
    for (const [mine, theirs] of [[ids['logo.png']!, got.logos.light!], [ids['red-clip.mp4']!, got.intro!], [ids['blue-clip.mp4']!, got.outro!]] as const) {
      expect(originalBytes(b.studio, theirs).equals(originalBytes(a.studio, mine))).toBe(true);
      expect(bAssets.get(theirs)!.name).toBe(a.studio.assetsRepo.get(mine)!.name);
    }
    expect(got.fontIds).toEqual(content.fontIds);
    expect(fs.readFileSync(b.studio.kitFontsOf().fontFilePath(got.fontIds[0]!)!).equals(fs.readFileSync(FONT))).toBe(true);
    expect(fontsB.records.get(got.fontIds[0]!)).toMatchObject({ fileName: 'DejaVuSerif.ttf', licenceNote: 'Bitstream Vera licence' });

    const events = b.events.filter((e) => e.name === 'kits.changed' || e.name === 'assets.changed').map((e) => [e.name, (e.payload as { reason: string }).reason]);
    expect(events).toEqual([['assets.changed', 'imported'], ['kits.changed', 'imported']]);
    expect(b.studio.auditRepo.list().at(-1)).toMatchObject({ action: 'kit_edit', detail: { change: 'imported', kitId: imported.id, fileName: 'acme.postframe-kit' } });

    const assetsBefore = bAssets.liveCount();
    const again = await b.studio.api['kits.import']({ actorId: 'owner', path: out.path });
    expect(again.name).toBe('Acme (2)');
    expect(again.logos).toEqual(got.logos);
    expect(bAssets.liveCount()).toBe(assetsBefore);
    expect(fs.readdirSync(b.studio.folder.stagingDir)).toEqual([]);
  });

  it('writes the same bytes for the same kit, and exports into the library when no path is given', async () => {
    const kit = await a.studio.api['kits.create']({ actorId: 'owner', content });
    const one = await a.studio.api['kits.export']({ id: kit.id });
    const two = await a.studio.api['kits.export']({ id: kit.id });
    expect(path.dirname(one.path)).toBe(path.join(a.studio.folder.exportsDir, 'kits'));
    expect([one.fileName, two.fileName]).toEqual(['Acme.postframe-kit', 'Acme (2).postframe-kit']);
    // Deterministic: the same kit at the same time is the same file (fixed zip dates, files in a fixed order).
    const at = new Date('2026-12-01T12:00:00Z');
    const [x, y] = [file(a, 'x.postframe-kit'), file(a, 'y.postframe-kit')];
    await exportKit(a.studio.rooms, a.studio.kitFontsOf(), a.studio.rooms.kits.require(kit.id), x, at);
    await exportKit(a.studio.rooms, a.studio.kitFontsOf(), a.studio.rooms.kits.require(kit.id), y, at);
    expect(fs.readFileSync(x).equals(fs.readFileSync(y))).toBe(true);
  });

  it('refuses a creator’s import before anything is added', async () => {
    const kit = await a.studio.api['kits.create']({ actorId: 'owner', content });
    const out = await a.studio.api['kits.export']({ id: kit.id, path: file(a, 'k.postframe-kit') });
    const creator = await b.studio.api['users.create']({ actorId: 'owner', name: 'Cleo', role: 'creator' });
    await expect(b.studio.api['kits.import']({ actorId: creator.id, path: out.path })).rejects.toMatchObject({ code: 'unauthorized' });
    expect(b.studio.assetsRepo.liveCount()).toBe(0);
    expect(fontsB.records.size).toBe(0);
  });

  it('leaves nothing half-made when a file fails to import: no kit, the assets it added removed, no temp files', async () => {
    const png = fs.readFileSync(originalBytesPath(a.studio, ids['logo.png']!));
    const notAVideo = Buffer.from('this is text pretending to be a video');
    const manifest = {
      format: 'postframe-kit', version: 1, generator: 'test', createdAt: 'now',
      kit: { ...emptyKitContent('Broken'), logos: { light: 'media/logo.png', dark: null }, intro: 'media/intro.mp4' },
      files: [
        { path: 'media/logo.png', sha256: sha256(png), sizeBytes: png.length, kind: 'image', name: 'logo.png' },
        { path: 'media/intro.mp4', sha256: sha256(notAVideo), sizeBytes: notAVideo.length, kind: 'video', name: 'intro.mp4' },
      ],
    };
    const zip = file(b, 'broken.postframe-kit');
    fs.writeFileSync(zip, rawZip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest)) }, { name: 'media/logo.png', data: png }, { name: 'media/intro.mp4', data: notAVideo }]));
    await expect(b.studio.api['kits.import']({ actorId: 'owner', path: zip })).rejects.toMatchObject({ code: 'invalid_input', message: expect.stringMatching(/its file “intro.mp4” could not be imported \(This is a text file/) });
    expect(await b.studio.api['kits.list']({})).toEqual([]);
    expect(b.studio.database.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(0);
    expect(fs.readdirSync(path.join(b.studio.folder.root, 'media')).flatMap((d) => fs.readdirSync(path.join(b.studio.folder.root, 'media', d)))).toEqual([]);
    expect(fs.readdirSync(b.studio.folder.stagingDir)).toEqual([]);
  });

  it('refuses a changed file (SHA-256), a kit from a newer Postframe, unlisted files, and fonts a library cannot store', async () => {
    const kit = await a.studio.api['kits.create']({ actorId: 'owner', content });
    const out = await a.studio.api['kits.export']({ id: kit.id, path: file(a, 'k.postframe-kit') });
    const scratch = fs.mkdtempSync(path.join(b.tmp, 'scratch-'));
    const { manifest } = await unpackKit(out.path, scratch);
    fs.rmSync(scratch, { recursive: true });
    const logo = manifest.files.find((f) => f.kind === 'image')!;
    const build = (m: unknown, extra: { name: string; data: Buffer }[] = []) => {
      const p = file(b, `t-${Math.random().toString(36).slice(2)}.postframe-kit`);
      const png = originalBytes(a.studio, ids['logo.png']!);
      fs.writeFileSync(p, rawZip([{ name: 'manifest.json', data: Buffer.from(JSON.stringify(m)) }, { name: logo.path, data: png }, ...extra]));
      return p;
    };
    const onlyLogo = { ...manifest, kit: { ...manifest.kit, intro: null, outro: null, fontIds: [], logos: { light: logo.path, dark: null } }, files: [logo] };
    const tampered = { ...onlyLogo, files: [{ ...logo, sha256: 'f'.repeat(64) }] };
    await expect(b.studio.api['kits.import']({ actorId: 'owner', path: build(tampered) })).rejects.toThrow(/does not match its SHA-256 in the manifest/);
    await expect(b.studio.api['kits.import']({ actorId: 'owner', path: build({ ...onlyLogo, version: KIT_FORMAT_VERSION + 1 }) })).rejects.toThrow(
      `This kit file was made by a newer Postframe (kit format ${KIT_FORMAT_VERSION + 1}; this version reads up to ${KIT_FORMAT_VERSION}). Update Postframe to import it.`,
    );
    await expect(b.studio.api['kits.import']({ actorId: 'owner', path: build(onlyLogo, [{ name: 'extra.sh', data: Buffer.from('#!/bin/sh') }]) })).rejects.toThrow(/“extra.sh” is not listed in its manifest/);
    await expect(b.studio.api['kits.import']({ actorId: 'owner', path: build({ format: 'something-else', version: 1 }) })).rejects.toThrow(/not a Postframe kit file/);
    // The kit itself was fine: it imports.
    expect((await b.studio.api['kits.import']({ actorId: 'owner', path: build(onlyLogo) })).name).toBe('Acme');

    // A Postframe that cannot store fonts refuses a kit with fonts, and keeps nothing of it (every Studio now has the
    // library's font store by default, so that Postframe is made here with the engine's no-fonts stand-in).
    const c = await openTempStudio('pf-kitfile-c-', { kitFonts: noFontStore });
    try {
      await expect(c.studio.api['kits.import']({ actorId: 'owner', path: out.path })).rejects.toMatchObject({ code: 'unsupported_media' });
      expect(c.studio.database.prepare('SELECT count(*) FROM assets').pluck().get()).toBe(0);
      expect(await c.studio.api['kits.list']({})).toEqual([]);
    } finally {
      await c.close();
    }
  });
});

function sha256(b: Buffer): string {
  return createHash('sha256').update(b).digest('hex');
}
function originalBytesPath(s: Studio, id: string): string {
  const asset = s.assetsRepo.get(id)!;
  return s.folder.originalPath(asset.sha256, asset.ext);
}

describe('kit manifests (fuzz)', () => {
  const valid = {
    format: 'postframe-kit', version: 1, generator: 'Postframe', createdAt: '2026-12-01T00:00:00.000Z',
    kit: { ...emptyKitContent('Acme'), logos: { light: 'media/a.png', dark: null }, fontIds: ['fonts/f.ttf'] },
    files: [
      { path: 'media/a.png', sha256: 'a'.repeat(64), sizeBytes: 3, kind: 'image', name: 'a.png' },
      { path: 'fonts/f.ttf', sha256: 'b'.repeat(64), sizeBytes: 3, kind: 'font', name: 'f.ttf', licenceNote: 'OFL' },
    ],
  };

  it('accepts the valid manifest and never throws on anything else: each answer is a manifest or a problem in words', () => {
    expect(parseKitManifest(valid)).toMatchObject({ ok: true });
    const mutate = fc.tuple(fc.constantFrom('format', 'version', 'kit', 'files', 'generator', 'kit.logos', 'kit.fontIds', 'files.0.path', 'files.0.kind', 'files.1.sha256', 'kit.name'), fc.jsonValue());
    fc.assert(
      fc.property(fc.array(mutate, { maxLength: 4 }), (changes) => {
        const m = structuredClone(valid) as Record<string, unknown>;
        for (const [where, value] of changes) {
          const keys = where.split('.');
          let o = m;
          for (const k of keys.slice(0, -1)) o = (typeof o[k] === 'object' && o[k] !== null ? o[k] : (o[k] = {})) as Record<string, unknown>;
          o[keys.at(-1)!] = value;
        }
        const r = parseKitManifest(m);
        if (r.ok) {
          // Whatever passes is a manifest whose references all point at listed files of the right kind.
          expect(KitManifest.safeParse(r.manifest).success).toBe(true);
          const listed = new Set(r.manifest.files.map((f) => f.path));
          for (const p of [r.manifest.kit.logos.light, r.manifest.kit.logos.dark, r.manifest.kit.intro, r.manifest.kit.outro, ...r.manifest.kit.fontIds]) if (p) expect(listed.has(p)).toBe(true);
        } else {
          expect(typeof (r.problem.kind === 'newer' ? r.problem.version : r.problem.message)).toMatch(/number|string/);
        }
      }),
      { numRuns: 300 },
    );
    fc.assert(fc.property(fc.jsonValue(), (v) => void parseKitManifest(v)));
  });

  it('refuses references to unlisted files or files of the wrong kind, and unsafe paths', () => {
    expect(parseKitManifest({ ...valid, kit: { ...valid.kit, intro: 'media/a.png' } })).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/the intro \(media\/a.png\) is not a video/) } });
    expect(parseKitManifest({ ...valid, kit: { ...valid.kit, outro: 'media/none.mp4' } })).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/not among the files/) } });
    expect(parseKitManifest({ ...valid, files: [{ ...valid.files[0], path: '../a.png' }, valid.files[1]] })).toMatchObject({ ok: false, problem: { message: expect.stringMatching(/climbs out/) } });
    expect(parseKitManifest({ ...valid, version: 7 })).toEqual({ ok: false, problem: { kind: 'newer', version: 7 } });
  });
});
