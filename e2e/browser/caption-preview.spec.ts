import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { type CaptionPicture, captionFrameAt } from '../../electron/model/caption-frames';
import type { CaptionTrack } from '../../electron/model/caption-track';
import type { VideoDraft } from '../../electron/model/draft';
import { allOf, testLimit, waitStep } from '../limits';
import { blackRegions, CENTRE, decodeWork, exportDraft, footageWork, frameAt, importFootage, mediaClip, openDraft, seekPreview, ssimOf } from '../preview-kit';
import { callApi, expect, test } from '../serve';

/**
 * Burned-in captions in the preview are the export's own pictures (docs/captions.md "Preview"): a karaoke track
 * over phone footage shows, paused and while playing, the word being spoken in the highlight colour exactly where
 * the rasterised PNG has it, and the export's frame at the same time agrees.
 */

// Twice the device pixels: the preview's canvas is then about half the export's size, so a letter's stem (≈10
// canvas pixels) covers whole preview pixels that can be read back.
test.use({ deviceScaleFactor: 2 });

const FPS = 30;
const DURATION = 6;
const HIGHLIGHT = [0xff, 0xd4, 0x00] as const; // the default highlight (no kit): yellow
const TRACK: CaptionTrack = {
  id: 'captions-1',
  language: 'en',
  name: 'English',
  styleId: 'karaoke',
  cues: [
    { id: 'cue-1', text: 'Morning light on the lab', startSec: 0.4, endSec: 2.6, words: [
      { text: 'Morning', startSec: 0.4, endSec: 0.9 }, { text: 'light', startSec: 0.95, endSec: 1.3 }, { text: 'on', startSec: 1.35, endSec: 1.5 },
      { text: 'the', startSec: 1.55, endSec: 1.7 }, { text: 'lab', startSec: 1.75, endSec: 2.5 },
    ] },
    { id: 'cue-2', text: 'Every word in its time', startSec: 3, endSec: 5.6, words: [
      { text: 'Every', startSec: 3, endSec: 3.4 }, { text: 'word', startSec: 3.5, endSec: 3.9 }, { text: 'in', startSec: 4, endSec: 4.2 },
      { text: 'its', startSec: 4.25, endSec: 4.5 }, { text: 'time', startSec: 4.6, endSec: 5.5 },
    ] },
  ],
};
/** Paused checks: "light" lit, "lab" lit (a long word), "time" lit. */
const CHECKS = [1.1, 2.2, 5];

type Point = { x: number; y: number };
/** Canvas points deep inside a picture's lit word (highlight colour) and inside its other words (white). */
type Samples = { lit: Point[]; white: Point[] };

const near = (px: ArrayLike<number>, c: readonly number[], tol: number) => Math.abs(px[0]! - c[0]!) < tol && Math.abs(px[1]! - c[1]!) < tol && Math.abs(px[2]! - c[2]!) < tol;
const isLit = (px: ArrayLike<number>) => near(px, HIGHLIGHT, 70);
const isWhite = (px: ArrayLike<number>) => px[0]! > 190 && px[1]! > 190 && px[2]! > 190;

/**
 * Reads a caption picture's PNG from the library's text cache and picks points whose whole neighbourhood of
 * `r` canvas pixels is the highlight (or white): at the preview's scale they are whole pixels of that colour.
 */
async function samplesOf(libraryPath: string, f: CaptionPicture, r: number): Promise<Samples> {
  const { data, info } = await sharp(path.join(libraryPath, 'cache', 'text', `${f.key}.png`)).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const at = (x: number, y: number) => data.subarray((y * info.width + x) * 4, (y * info.width + x) * 4 + 4);
  const solid = (x: number, y: number, test: (px: ArrayLike<number>) => boolean) => {
    for (let dy = -r; dy <= r; dy++) for (let dx = -r; dx <= r; dx++) {
      const px = at(x + dx, y + dy);
      if (px[3]! < 250 || !test(px)) return false;
    }
    return true;
  };
  const out: Samples = { lit: [], white: [] };
  for (let y = r; y < info.height - r; y += 2) {
    for (let x = r; x < info.width - r; x += 2) {
      if (solid(x, y, isLit)) out.lit.push({ x: f.left + x, y: f.top + y });
      else if (solid(x, y, isWhite)) out.white.push({ x: f.left + x, y: f.top + y });
    }
  }
  // At most 60 of each, spread over the word(s).
  const spread = (ps: Point[]) => ps.filter((_, i) => i % Math.max(1, Math.floor(ps.length / 60)) === 0);
  return { lit: spread(out.lit), white: spread(out.white) };
}

/** Share of points whose pixel in an RGBA image of `w` wide at `k` image pixels per canvas pixel passes `test`. */
function shareOf(rgba: ArrayLike<number>, w: number, k: number, points: Point[], test: (px: ArrayLike<number>) => boolean): number {
  if (points.length === 0) return 0;
  let n = 0;
  for (const p of points) {
    const i = (Math.floor(p.y * k) * w + Math.floor(p.x * k)) * 4;
    if (test([rgba[i]!, rgba[i + 1]!, rgba[i + 2]!])) n++;
  }
  return n / points.length;
}

/** The preview canvas's pixels, its size, and what it shows (data-time, data-captions), read at one instant. */
async function readPreview(page: Page) {
  return page.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => {
    const copy = document.createElement('canvas');
    [copy.width, copy.height] = [c.width, c.height];
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(c, 0, 0);
    const bytes = ctx.getImageData(0, 0, c.width, c.height).data;
    let s = '';
    for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
    return { width: c.width, height: c.height, time: Number(c.dataset.time), captions: c.dataset.captions ?? '', rgba: btoa(s) };
  });
}

test('burned-in karaoke captions: the preview shows the export’s pictures, paused and while playing', async ({ app, server }) => {
  // Import, three seeks and export frames read back, a 6 s export of 1080x1920 with captions, 6 s of playback.
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(4), { mediaSec: DURATION, realSec: DURATION, decodeSec: CHECKS.reduce((a, b) => a + b, 0) })));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-caption-preview-'));
  const assets = await importFootage(app, ['pan']);

  const name = 'Lab morning';
  const created = await callApi<{ id: string; revision: number; doc: VideoDraft }>(app, 'drafts.create', { name, preset: '9:16', fps: FPS });
  const doc = structuredClone(created.doc);
  doc.tracks.find((t) => t.kind === 'main')!.clips.push(mediaClip(assets.pan, 0, 0, DURATION));
  doc.captions = [TRACK];
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await openDraft(app, name, 1);

  // The pictures the engine rasterised for this track (the preview asked for the same ones).
  const { frames } = await callApi<{ frames: CaptionPicture[] }>(app, 'captions.render', { canvas: { width: 1080, height: 1920 }, kitId: null, track: TRACK });
  expect(frames).toHaveLength(10);
  const { width: cw } = await readPreview(app);
  const k = cw / 1080;
  expect(k, 'the preview canvas is at least 0.4 of the export').toBeGreaterThan(0.4);
  const r = Math.ceil(1.5 / k);
  const samples = new Map<string, Samples>();
  for (const f of frames) {
    const s = await samplesOf(server.libraryPath, f, r);
    expect(s.lit.length, `lit-word points in ${f.key}`).toBeGreaterThan(5);
    expect(s.white.length, `white-word points in ${f.key}`).toBeGreaterThan(5);
    samples.set(f.key, s);
  }

  // (a) Paused at three times: the lit word in yellow where the PNG has it, the others white; the export agrees.
  const file = await exportDraft(app, created.id, DURATION);
  for (const t of CHECKS) {
    await seekPreview(app, t, 1);
    const want = captionFrameAt(frames, t, FPS)!;
    const shown = await readPreview(app);
    expect(shown.captions, `the picture shown at ${t} s`).toBe(want.key);
    const rgba = Buffer.from(shown.rgba, 'base64');
    const s = samples.get(want.key)!;
    expect(shareOf(rgba, shown.width, k, s.lit, isLit), `preview at ${t} s: lit word yellow`).toBeGreaterThan(0.9);
    expect(shareOf(rgba, shown.width, k, s.white, isWhite), `preview at ${t} s: other words white`).toBeGreaterThan(0.9);
    // Another word's lit pixels are white here (not a picture of another time).
    const other = frames.find((f) => f.key !== want.key && f.startSec > want.endSec && samples.get(f.key)!.lit.length > 0);
    if (other) expect(shareOf(rgba, shown.width, k, samples.get(other.key)!.lit, isLit), `preview at ${t} s: a later word is not lit`).toBeLessThan(0.2);

    const exported = path.join(tmp, `export-${t}.png`);
    await frameAt(file, t, FPS, exported);
    const ex = await sharp(exported).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect(shareOf(ex.data, ex.info.width, ex.info.width / 1080, s.lit, isLit), `export at ${t} s: lit word yellow`).toBeGreaterThan(0.9);
    expect(shareOf(ex.data, ex.info.width, ex.info.width / 1080, s.white, isWhite), `export at ${t} s: other words white`).toBeGreaterThan(0.9);
    const shot = path.join(tmp, `preview-${t}.png`);
    await sharp(rgba, { raw: { width: shown.width, height: shown.height, channels: 4 } }).png().toFile(shot);
    const score = await ssimOf(shot, exported, { width: shown.width, height: shown.height });
    test.info().annotations.push({ type: `ssim@${t}`, description: score.toFixed(4) });
    expect(score, `SSIM of preview and export at ${t} s`).toBeGreaterThanOrEqual(0.9);
  }

  if (process.env.POSTFRAME_SCREENSHOTS === '1') {
    await seekPreview(app, 3.6, 1);
    await app.screenshot({ path: path.join(process.cwd(), 'docs', 'screenshots', 'caption-preview.png'), scale: 'css' });
  }

  // (b) While playing: sample the canvas every few frames; each sample's caption is the one for its time, its
  // lit word is yellow where the PNG has it, and the footage under it is never black.
  await app.getByTestId('go-to-start').click();
  // Only the captions' band is copied (and an 18x32 copy of the whole for black), so sampling does not slow playing.
  const band = { y0: Math.floor(Math.min(...frames.map((f) => f.top)) * k), y1: Math.ceil(Math.max(...frames.map((f) => f.top + f.height)) * k) };
  await app.evaluate(([y0, y1]) => {
    const src = document.querySelector<HTMLCanvasElement>('[data-testid="preview-canvas"]')!;
    const copy = document.createElement('canvas');
    const ctx = copy.getContext('2d', { willReadFrequently: true })!;
    const tiny = document.createElement('canvas');
    [tiny.width, tiny.height] = [18, 32];
    const tctx = tiny.getContext('2d', { willReadFrequently: true })!;
    const b64 = (bytes: Uint8ClampedArray) => {
      let s = '';
      for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
      return btoa(s);
    };
    const taken: { t: number; frame: number; captions: string; band: string; tiny: string; width: number }[] = [];
    let on = true;
    let n = 0;
    const loop = () => {
      if (!on) return;
      if (n++ % 2 === 0 && Number(src.dataset.time) > 0) {
        [copy.width, copy.height] = [src.width, y1 - y0];
        ctx.drawImage(src, 0, -y0);
        tctx.drawImage(src, 0, 0, 18, 32);
        taken.push({ t: Number(src.dataset.time), frame: Number(src.dataset.frame), captions: src.dataset.captions ?? '', band: b64(ctx.getImageData(0, 0, copy.width, copy.height).data), tiny: b64(tctx.getImageData(0, 0, 18, 32).data), width: src.width });
      }
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    (window as unknown as { pfCaptions: { stop(): typeof taken } }).pfCaptions = { stop: () => ((on = false), taken) };
  }, [band.y0, band.y1] as const);
  await app.getByTestId('play-toggle').click();
  await waitStep(`playing ${DURATION} s to the end`, { realSec: DURATION }, (timeout) => expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false', { timeout }));
  const taken = await app.evaluate(() => (window as unknown as { pfCaptions: { stop(): { t: number; frame: number; captions: string; band: string; tiny: string; width: number }[] } }).pfCaptions.stop());
  const playing = taken.filter((s) => s.t > 0 && s.t < DURATION - 0.1);
  // On a starved machine the preview may draw only a few frames a second: a handful of samples is what there is.
  expect(playing.length, 'samples while playing').toBeGreaterThanOrEqual(4);
  // Points in the band's own pixels: shifted up by the band's top.
  const inBand = (ps: Point[]) => ps.map((p) => ({ x: p.x, y: p.y - band.y0 / k }));
  let withCaption = 0;
  for (const s of playing) {
    // By the frame drawn, not the rounded time: 4.600 may be 4.5996, the frame before "time" lights.
    const want = captionFrameAt(frames, s.frame / FPS, FPS);
    expect(s.captions, `the picture drawn on frame ${s.frame} (${s.t} s) while playing`).toBe(want?.key ?? '');
    expect(blackRegions(Buffer.from(s.tiny, 'base64'), 18, 32, [CENTRE]), `the footage at ${s.t} s while playing`).toEqual([]);
    if (!want) continue;
    withCaption++;
    const rgba = Buffer.from(s.band, 'base64');
    expect(shareOf(rgba, s.width, k, inBand(samples.get(want.key)!.lit), isLit), `lit word yellow at ${s.t} s while playing`).toBeGreaterThan(0.9);
    expect(shareOf(rgba, s.width, k, inBand(samples.get(want.key)!.white), isWhite), `other words white at ${s.t} s while playing`).toBeGreaterThan(0.9);
  }
  expect(withCaption, 'samples showing a caption while playing').toBeGreaterThanOrEqual(3);
  test.info().annotations.push({ type: 'playing samples', description: `${playing.length} (${withCaption} with a caption) at ${playing.map((p) => p.t.toFixed(2)).join(', ')}` });
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
