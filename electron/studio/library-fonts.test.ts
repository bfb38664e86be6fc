import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { defaultTextStyle, type TextStyle } from '../model/draft';
import { exportResultOf } from '../model/job';
import { draft, media, text, track } from '../render/test-drafts';
import { textLayerPath } from '../render/text';
import { openTempStudio, type TempStudio } from './__tests__/temp-studio';

// Library fonts drawn by the library's text rasteriser process (docs/fonts.md), through a real Studio: the text
// layer drawn with a font added to the library matches, glyph for glyph, the same words rasterised by sharp
// straight from the font file, and not the fallback; a font added after the first layer is seen; the export
// shows the same glyphs.

const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');
const WORDS = 'Summer Sale';
const canvas = { width: 1080, height: 1920 };
const style: TextStyle = { ...defaultTextStyle, font: 'Lobster', size: 120, color: '#ffffff', bold: false, italic: false, stroke: null, box: null };
const layer = (s: TextStyle = style) => ({ text: WORDS, style: s, x: 0.5, y: 0.5, maxWidth: 0.95 });

let t: TempStudio;
beforeAll(async () => {
  t = await openTempStudio('pf-libfonts-');
});
afterAll(() => t.close());

/** Alpha mask of an image trimmed to its ink, scaled to `w`×`h`, as 0/1 per pixel. */
async function mask(img: Buffer | string, w: number, h: number): Promise<Uint8Array> {
  const { data, info } = await sharp(img).ensureAlpha().extractChannel(3).trim({ background: '#000000', threshold: 10 }).resize(w, h, { fit: 'fill' }).raw().toBuffer({ resolveWithObject: true });
  expect(info.channels).toBe(1);
  return Uint8Array.from(data, (v) => (v > 127 ? 1 : 0));
}

/** The size of an image's ink (its pixels with any opacity). */
async function inkSize(img: Buffer): Promise<{ width: number; height: number }> {
  const { info } = await sharp(img).ensureAlpha().extractChannel(3).trim({ background: '#000000', threshold: 10 }).raw().toBuffer({ resolveWithObject: true });
  return { width: info.width, height: info.height };
}

/** Intersection over union of two masks: 1 = the same shapes. */
function iou(a: Uint8Array, b: Uint8Array): number {
  let both = 0;
  let either = 0;
  for (let i = 0; i < a.length; i++) {
    both += a[i]! & b[i]!;
    either += a[i]! | b[i]!;
  }
  return both / either;
}

/**
 * The reference: the same words rasterised by sharp (Pango) straight from the font file. Padded with no-break
 * spaces because Pango's image is the text's logical box, and a script face's ink overhangs it.
 */
async function reference(words: string): Promise<Buffer> {
  return sharp({ text: { text: `\u00a0${words}\u00a0`, font: 'Lobster 120px', fontfile: LOBSTER, dpi: 72, rgba: true } }).png().toBuffer();
}

describe('library fonts in text layers', () => {
  it('refuses a family the library does not have, saying how to get it', async () => {
    await expect(t.studio.api['text.render']({ text: layer(), canvas })).rejects.toMatchObject({
      code: 'not_found',
      message: 'This draft uses the font “Lobster”, which is not in this library: add the font file in Brand → Fonts or import the kit that has it.',
    });
  });

  it('draws with a font added after the rasteriser started: glyph for glyph the font file, not the fallback', async () => {
    // A first layer starts the rasteriser process before the font exists.
    await t.studio.api['text.render']({ text: layer({ ...style, font: 'DejaVu Sans' }), canvas });
    const startsBefore = t.studio.rooms.text.starts;
    expect(startsBefore).toBe(1);
    // fontconfig trusts a folder's cache while the folder's time matches it to the second: a font added within
    // the second of the first process's scan was missed (the fallback drawn). Made certain here by putting the
    // folder's time back to what the first process saw.
    const fontsDir = t.studio.rooms.folder.fontsDir;
    const seen = fs.statSync(fontsDir);
    const { font } = await t.studio.api['fonts.add']({ actorId: 'owner', path: LOBSTER, licenceNote: 'OFL' });
    fs.utimesSync(fontsDir, seen.atime, seen.mtime);

    const drawn = await t.studio.api['text.render']({ text: layer(), canvas });
    expect(t.studio.rooms.text.starts).toBe(2);
    const dir = t.studio.rooms.folder.textCacheDir;
    // Glyph for glyph: each letter alone, so Pango's (the reference's) and librsvg's (the layer's) slightly
    // different advances over a whole line do not count, only the shapes. Capitals: Lobster's lower-case letters
    // have contextual joining strokes that the two shapers pick differently for a letter on its own.
    for (const glyph of ['S', 'L', 'H', 'W', 'B', 'P']) {
      const ref = await reference(glyph);
      const { width, height } = await inkSize(ref);
      const lobster = await t.studio.api['text.render']({ text: { ...layer(), text: glyph }, canvas });
      const dejavu = await t.studio.api['text.render']({ text: { ...layer({ ...style, font: 'DejaVu Sans' }), text: glyph }, canvas });
      const same = iou(await mask(textLayerPath(dir, lobster.key), width, height), await mask(ref, width, height));
      const fallback = iou(await mask(textLayerPath(dir, dejavu.key), width, height), await mask(ref, width, height));
      expect(same, `“${glyph}” in the library font vs the font file`).toBeGreaterThan(0.85);
      expect(fallback, `“${glyph}” in the fallback vs the font file`).toBeLessThan(0.5);
      expect(Math.abs(lobster.width - width), `“${glyph}” ink width`).toBeLessThanOrEqual(2);
      expect(Math.abs(lobster.height - height), `“${glyph}” ink height`).toBeLessThanOrEqual(2);
    }
    // The whole line: as wide as the reference within the advances' drift (under 2 %).
    const line = await inkSize(await reference(WORDS));
    expect(Math.abs(drawn.width - line.width) / line.width).toBeLessThan(0.02);

    // The key carries the font file's id: the same words in a family of the same name from other bytes would not reuse it.
    expect(drawn.key).not.toBe((await t.studio.api['text.render']({ text: layer({ ...style, font: 'DejaVu Sans' }), canvas })).key);
    expect(t.studio.rooms.textFonts.resolve('lobster')).toEqual({ ids: [font.id], metrics: { ascent: 1, descent: 0.25 } });
  });

  it('a dead rasteriser fails the layer being drawn clearly, and the next call starts a new one', async () => {
    const r = t.studio.rooms.text;
    const dir = t.studio.rooms.folder.textCacheDir;
    const req = (words: string) => ({ text: { text: words, style, maxWidth: 0.95 }, canvas, cacheDir: dir, key: `${words.length}`.padStart(64, '0'), metrics: { ascent: 1, descent: 0.25 } });
    await r.draw(req('warm up'));
    const starts = r.starts;
    const drawing = r.draw(req('killed while drawing'));
    (r as unknown as { current: { kill(): void } }).current.kill();
    await expect(drawing).rejects.toMatchObject({ code: 'internal', message: expect.stringMatching(/text renderer stopped before it finished[^]*Try again/) });
    expect((await r.draw(req('after the crash'))).width).toBeGreaterThan(100);
    expect(r.starts).toBe(starts + 1);
  });

  it('a font change lets the layer being drawn finish in the old process, and the next one uses a new process', async () => {
    const r = t.studio.rooms.text;
    const dir = t.studio.rooms.folder.textCacheDir;
    const req = (words: string) => ({ text: { text: words, style, maxWidth: 0.95 }, canvas, cacheDir: dir, key: `${words.length}`.padStart(64, '1'), metrics: { ascent: 1, descent: 0.25 } });
    await r.draw(req('warm'));
    const starts = r.starts;
    const drawing = r.draw(req('drawn while fonts change'));
    r.restart();
    expect((await drawing).width).toBeGreaterThan(100);
    expect(r.starts).toBe(starts);
    await r.draw(req('next'));
    expect(r.starts).toBe(starts + 1);
  });

  it('the exported MP4 shows the library font glyphs where the text layer is', async () => {
    const bins = resolveBinaries({ env: process.env });
    const dir = path.join(t.tmp, 'in');
    fs.mkdirSync(dir, { recursive: true });
    const bg = path.join(dir, 'black.png');
    await sharp({ create: { width: 540, height: 960, channels: 3, background: '#000000' } }).png().toFile(bg);
    const { jobId: imp } = await t.studio.api['imports.start']({ paths: [bg], uploads: [] });
    const imported = await t.studio.waitForJob(imp);
    const assetId = (imported.result as { assetIds: string[] }).assetIds[0]!;
    const small = { width: 540, height: 960 };
    const s = { ...style, size: 90 };
    const doc = draft([track('main', 'main', [media('bg', assetId, 0, 0, 1)]), track('title', 'text', [text('t', WORDS, 0, 1, { style: s, maxWidth: 0.95 })])], { ...small, preset: '9:16' });
    const rec = await t.studio.api['drafts.create']({ kind: 'video', name: 'Lobster export' });
    await t.studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc: { ...doc, name: 'Lobster export' } });
    const { jobId } = await t.studio.api['exports.start']({ draftId: rec.id, preset: { height: 'canvas', fps: 'canvas', quality: 'high' } });
    const job = await t.studio.waitForJob(jobId);
    expect(job.error).toBeNull();
    const frame = execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', '0.5', '-i', exportResultOf(job)!.outputPath, '-frames:v', '1', '-f', 'image2', '-c:v', 'png', '-']);
    const placed = await t.studio.api['text.render']({ text: { text: WORDS, style: s, x: 0.5, y: 0.5, maxWidth: 0.95 }, canvas: small });
    const region = await sharp(frame).extract({ left: placed.left, top: placed.top, width: placed.width, height: placed.height }).greyscale().raw().toBuffer();
    // The layer's alpha over black is the frame's brightness there (white text).
    const alpha = await sharp(textLayerPath(t.studio.rooms.folder.textCacheDir, placed.key)).ensureAlpha().extractChannel(3).raw().toBuffer();
    const a = Uint8Array.from(alpha, (v) => (v > 127 ? 1 : 0));
    const b = Uint8Array.from(region, (v) => (v > 127 ? 1 : 0));
    expect(iou(a, b), 'export frame vs text layer').toBeGreaterThan(0.85);
  });
});
