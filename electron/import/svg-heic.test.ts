import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { type ImportResult, exportResultOf, importResultOf } from '../model/job';
import { draft, media, track } from '../render/test-drafts';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

// SVG logos and HEIC photos (issue 9, item 11): imported safely, with a thumbnail and a rendition that the
// preview and the export both draw.

const bins = resolveBinaries({ env: process.env });
const heifEnc = spawnSync('heif-enc', ['-h']).error ? null : 'heif-enc';
let temp: TempStudio;
let studio: Studio;
let dir: string;

beforeAll(async () => {
  temp = await openTempStudio('pf-svgheic-');
  studio = temp.studio;
  dir = path.join(temp.tmp, 'in');
  fs.mkdirSync(dir);
});
afterAll(() => temp.close());

async function importPaths(paths: string[]): Promise<ImportResult> {
  const { jobId } = await studio.api['imports.start']({ paths, uploads: [] });
  await studio.whenIdle();
  return importResultOf((await studio.api['jobs.list']({})).find((j) => j.id === jobId)!)!;
}

/** Exports a stored draft and returns its frame at `t` as a PNG. */
async function exportedFrameAt(draftId: string, t: number): Promise<Buffer> {
  const { jobId } = await studio.api['exports.start']({ draftId, preset: { height: 'canvas', fps: 'canvas', quality: 'small' } });
  const job = await studio.waitForJob(jobId);
  expect(job.error).toBeNull();
  return execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', String(t), '-i', exportResultOf(job)!.outputPath, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-']);
}

/** Counts pixels of an image file that are clearly red, and clearly dark. */
async function census(file: string | Buffer): Promise<{ red: number; dark: number; total: number }> {
  const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  let red = 0;
  let dark = 0;
  for (let i = 0; i < data.length; i += info.channels) {
    if (data[i]! > 180 && data[i + 1]! < 80 && data[i + 2]! < 80) red++;
    if (data[i]! < 110 && data[i + 1]! < 110 && data[i + 2]! < 110) dark++;
  }
  return { red, dark, total: info.width * info.height };
}

describe('SVG', () => {
  it('a malicious SVG cannot pull a local image or /etc/hostname into its thumbnail', async () => {
    const evilDir = path.join(dir, 'evil');
    fs.mkdirSync(evilDir);
    await sharp({ create: { width: 64, height: 64, channels: 3, background: '#ff0000' } }).png().toFile(path.join(evilDir, 'secret.png'));
    fs.copyFileSync('/etc/hostname', path.join(evilDir, 'hostname.txt'));
    const evil = path.join(evilDir, 'logo.svg');
    fs.writeFileSync(evil, `<?xml version="1.0"?>
<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" xmlns:xi="http://www.w3.org/2001/XInclude" width="300" height="100">
  <rect width="300" height="100" fill="#ffffff"/>
  <image xlink:href="secret.png" width="100" height="100"/>
  <image href="file://${path.join(evilDir, 'secret.png')}" x="100" width="100" height="100"/>
  <rect x="200" width="100" height="100" fill="url(${path.join(evilDir, 'secret.png')})"/>
  <text x="0" y="80" font-size="60" fill="#000000"><xi:include href="/etc/hostname" parse="text"/><xi:include href="hostname.txt" parse="text"/></text>
  <script>fetch('/api')</script>
</svg>`);
    // The premise: librsvg (inside sharp) given the file itself does read its neighbours.
    const raw = await census(await sharp(evil).png().toBuffer());
    expect(raw.red).toBeGreaterThan(5000);
    expect(raw.dark).toBeGreaterThan(50);

    const r = await importPaths([evil]);
    expect(r.failed).toEqual([]);
    const asset = await studio.api['assets.get']({ id: r.assetIds[0]! });
    expect([asset.kind, asset.ext, asset.hasThumbnail]).toEqual(['image', 'svg', true]);
    const thumb = await studio.resolveMedia(asset.id, 'thumb');
    const rendition = await studio.resolveMedia(asset.id, 'rendition');
    for (const file of [thumb!.path, rendition!.path]) {
      const c = await census(file);
      expect(c.red, file).toBe(0);
      expect(c.dark, file).toBe(0);
    }
    // The library keeps the clean copy, not the file given.
    const original = fs.readFileSync((await studio.resolveMedia(asset.id, 'original'))!.path, 'utf8');
    expect(original).not.toMatch(/secret|hostname|include|script|file:/);
  });

  it('is recognised by its content whatever its name; a DOCTYPE is refused with what to do', async () => {
    const logo = path.join(dir, 'brand-logo.txt');
    fs.writeFileSync(logo, '<?xml version="1.0" encoding="UTF-8"?>\n<!-- Generator: Adobe Illustrator 27.0 -->\n<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 100"><circle cx="50" cy="50" r="40" fill="#00ff00"/></svg>');
    const doctype = path.join(dir, 'old.svg');
    fs.writeFileSync(doctype, '<?xml version="1.0"?><!DOCTYPE svg [<!ENTITY x SYSTEM "file:///etc/hostname">]><svg xmlns="http://www.w3.org/2000/svg"><text>&x;</text></svg>');
    const r = await importPaths([logo, doctype]);
    expect(r.failed.map((f) => [path.basename(f.path), f.reason])).toEqual([['old.svg', expect.stringMatching(/DOCTYPE declaration.*Save the logo again as plain SVG/)]]);
    const asset = await studio.api['assets.get']({ id: r.assetIds[0]! });
    // Rasterised at 2048 px on its long side: enough for any 1080×1920 placement without enlarging.
    expect([asset.ext, asset.width, asset.height]).toEqual(['svg', 2048, 1024]);
  });
});

describe.skipIf(!heifEnc)('HEIC (made with heif-enc from a generated picture)', () => {
  /** An 80×40 picture: left half red, right half blue; as PNG, or as JPEG with EXIF orientation 6, then HEIC. */
  async function heic(name: string, orientation: number | null, blue = '#0000ff'): Promise<string> {
    const left = await sharp({ create: { width: 40, height: 40, channels: 3, background: '#ff0000' } }).png().toBuffer();
    const base = sharp({ create: { width: 80, height: 40, channels: 3, background: blue } }).composite([{ input: left, left: 0, top: 0 }]);
    const src = path.join(dir, `${name}.${orientation ? 'jpg' : 'png'}`);
    if (orientation) await base.jpeg({ quality: 95 }).withMetadata({ orientation }).toFile(src);
    else await base.png().toFile(src);
    const out = path.join(dir, `${name}.heic`);
    execFileSync(heifEnc!, ['-q', '90', '-o', out, src], { stdio: 'ignore' });
    fs.rmSync(src);
    return out;
  }
  const rgbAt = async (file: string | Buffer, x: number, y: number): Promise<[number, number, number]> => {
    const { data, info } = await sharp(file).removeAlpha().raw().toBuffer({ resolveWithObject: true });
    const i = (y * info.width + x) * 3;
    return [data[i]!, data[i + 1]!, data[i + 2]!];
  };

  it('imports with dimensions, a thumbnail and an upright rendition (EXIF orientation honoured)', async () => {
    const flat = await heic('flat', null);
    const turned = await heic('turned', 6);
    const r = await importPaths([flat, turned]);
    expect(r.failed).toEqual([]);
    // Files import two at a time: find each by its name, not by the order they finished in.
    const assets = await Promise.all(r.assetIds.map((id) => studio.api['assets.get']({ id })));
    const a = assets.find((x) => x.name === 'flat.heic');
    const b = assets.find((x) => x.name === 'turned.heic');
    expect([a!.kind, a!.ext, a!.width, a!.height, a!.hasThumbnail]).toEqual(['image', 'heic', 80, 40, true]);
    // Orientation 6 turns the stored 80×40 a quarter clockwise: 40×80, the red half on top.
    expect([b!.width, b!.height]).toEqual([40, 80]);
    const rendition = (await studio.resolveMedia(b!.id, 'rendition'))!;
    expect(rendition.mime).toBe('image/jpeg');
    const [r1, , b1] = await rgbAt(rendition.path, 20, 10);
    const [r2, , b2] = await rgbAt(rendition.path, 20, 70);
    expect(r1 > 200 && b1 < 60).toBe(true);
    expect(b2 > 200 && r2 < 60).toBe(true);
    expect(fs.existsSync((await studio.resolveMedia(b!.id, 'thumb'))!.path)).toBe(true);
  });

  it('a turned HEIC exports upright from its rendition, which nothing turns again', async () => {
    // Another blue than the photo of the first test, or it would be a duplicate of it.
    const r = await importPaths([await heic('turned-export', 6, '#0000f0')]);
    expect(r.failed).toEqual([]);
    const asset = await studio.api['assets.get']({ id: r.assetIds[0]! });
    expect([asset.width, asset.height]).toEqual([40, 80]);
    // The rendition is upright pixels with no EXIF orientation left for a browser or ffmpeg to apply.
    const rendition = (await studio.resolveMedia(asset.id, 'rendition'))!;
    expect((await sharp(rendition.path).metadata()).orientation).toBeUndefined();
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Turned' });
    const doc = draft([track('main', 'main', [media('p', asset.id, 0, 0, 1)])], { preset: '9:16', width: 40, height: 80 });
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc: { ...doc, name: 'Turned' } });
    const frame = await exportedFrameAt(rec.id, 0.5);
    const [tr, , tb] = await rgbAt(frame, 20, 15);
    const [br, , bb] = await rgbAt(frame, 20, 65);
    expect(tr > 200 && tb < 60).toBe(true); // red on top
    expect(bb > 200 && br < 60).toBe(true); // blue below
  });

  it('the compiled CLI (what `postframe serve` runs) decodes a HEIC too', async () => {
    // The CLI is a bundle (vite.cli.config.ts): libheif-js finds its WebAssembly through __dirname, which a
    // bundled ESM copy does not have, so every HEIC failed in `serve` and `postframe import` while this
    // file's in-process imports passed.
    const photo = await heic('cli-photo', null);
    const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
    execFileSync(process.execPath, ['scripts/build-cli.mjs', '--if-stale'], { cwd: root, stdio: 'ignore' });
    const lib = path.join(temp.tmp, 'cli-lib');
    const cli = (...args: string[]) => spawnSync(process.execPath, ['bin/postframe.mjs', ...args], { cwd: root, env: { ...process.env, POSTFRAME_HOME: path.join(temp.tmp, 'cli-home') }, encoding: 'utf8' });
    expect(cli('library', 'init', lib).status).toBe(0);
    const run = cli('import', '--library', lib, photo, '--json');
    const out = JSON.parse(run.stdout) as { imported: number; failed: { reason: string }[] };
    expect(out.failed).toEqual([]);
    expect([run.status, out.imported]).toEqual([0, 1]);
  });

  it('an SVG logo over a HEIC photo exports as drawn, even after the cache lost the renditions', async () => {
    const photo = await heic('export-photo', null, '#1010f0');
    const logoFile = path.join(dir, 'green.svg');
    fs.writeFileSync(logoFile, '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><rect width="10" height="10" fill="#00ff00"/></svg>');
    const r = await importPaths([photo, logoFile]);
    expect(r.failed).toEqual([]);
    const named = await Promise.all(r.assetIds.map((id) => studio.api['assets.get']({ id })));
    const photoId = named.find((x) => x.ext === 'heic')?.id;
    const logoId = named.find((x) => x.ext === 'svg')?.id;
    fs.rmSync(path.join(studio.folder.cacheDir, 'renditions'), { recursive: true, force: true });
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Logo' });
    const fit = { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit' as const };
    const doc = draft([
      track('main', 'main', [media('p', photoId!, 0, 0, 1, { transform: fit })]),
      track('logo', 'overlay', [media('l', logoId!, 0, 0, 1, { transform: { ...fit, x: 0.5, y: 0.5, scale: 0.25 } })]),
    ], { preset: '16:9', width: 160, height: 80 });
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc: { ...doc, name: 'Logo' } });
    const frame = await exportedFrameAt(rec.id, 0.5);
    const [lr, lg, lb] = await rgbAt(frame, 80, 40);
    expect(lg > 200 && lr < 60 && lb < 60).toBe(true); // the logo in the middle
    const [pr, , pb] = await rgbAt(frame, 10, 20);
    expect(pr > 200 && pb < 60).toBe(true); // the photo's red half on the left
  });
});
