import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { parseProbe } from '../media/probe';
import type { Canvas } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import type { SourceFacts } from './compiler';
import { runExport } from './export';
import { photoSourceFacts } from './source-facts';
import { PICTURE, UPRIGHT, cornersOf, pictureSource, storedPixels } from './test-pictures';
import { draft, media, track } from './test-drafts';

// Photos with each EXIF orientation, and phone videos with each rotation, exported by real ffmpeg from the facts
// the library records for them: every one must come out upright, which the corner markers of the test picture
// (test-pictures.ts) show.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'small' };
let dir = '';

const { width: W, height: H } = PICTURE;

/** The corners of the export's frame at `t` seconds. */
function cornersAt(file: string, t: number, w: number, h: number): string {
  const raw = execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', String(t), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  return cornersOf(raw, w, { x: 0, y: 0, width: w, height: h });
}

/** The source facts the library's export gives the compiler for a photo (studio/media-jobs.ts). */
const imageFacts = photoSourceFacts;

type Format = 'jpeg' | 'png' | 'tiff' | 'webp';
async function photo(format: Format, o: number): Promise<string> {
  const { data, width, height } = storedPixels(o);
  const file = path.join(dir, `o${o}.${format}`);
  const px = sharp(data, { raw: { width, height, channels: 3 } });
  const encoded = {
    jpeg: () => px.jpeg({ quality: 95 }),
    png: () => px.png(),
    // LZW: ffmpeg 5.1 decodes the colours of a JPEG-compressed TIFF (sharp's default) wrongly, whatever its orientation.
    tiff: () => px.tiff({ compression: 'lzw' }),
    webp: () => px.webp({ lossless: true }),
  }[format]();
  await encoded.withMetadata({ orientation: o }).toFile(file);
  return file;
}

const canvas = (width: number, height: number): Partial<Canvas> => ({ preset: '16:9', width, height, fps: 30, background: '#000000' });
const CLIP = 0.4;

/** One clip per source on the main track, each filling a canvas of its own aspect; returns the export. */
async function exportEach(name: string, ids: string[], sources: Map<string, SourceFacts>, size: { width: number; height: number }): Promise<string> {
  const outputPath = path.join(dir, `${name}.mp4`);
  const d = draft([track('main', 'main', ids.map((id, i) => media(`c${i}`, id, i * CLIP, 0, CLIP)))], canvas(size.width, size.height));
  await runExport(tools, { draft: d, sources, rasterize: () => Promise.reject(new Error('no text in this draft')), preset, outputPath });
  return outputPath;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-orientation-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const ORIENTATIONS = [1, 2, 3, 4, 5, 6, 7, 8];

describe('photos with an EXIF orientation export upright', () => {
  it('the test photos are what libvips calls upright for each orientation', async () => {
    for (const o of ORIENTATIONS) {
      const { data, info } = await sharp(await photo('jpeg', o)).rotate().raw().toBuffer({ resolveWithObject: true });
      expect([info.width, info.height, cornersOf(data, info.width, { x: 0, y: 0, width: W, height: H }, info.channels)], `orientation ${o}`).toEqual([W, H, UPRIGHT]);
    }
  });

  for (const format of ['jpeg', 'png', 'tiff'] as const) {
    it(`${format}: every orientation 1–8, upright in the export, with the facts' size`, async () => {
      const sources = new Map<string, SourceFacts>();
      for (const o of ORIENTATIONS) sources.set(`o${o}`, await imageFacts(await photo(format, o)));
      for (const [id, f] of sources) expect([f.width, f.height], `${id}: display size`).toEqual([W, H]);
      const out = await exportEach(format, [...sources.keys()], sources, { width: W, height: H });
      const seen = ORIENTATIONS.map((o, i) => `${o}:${cornersAt(out, i * CLIP + CLIP / 2, W, H)}`);
      expect(seen).toEqual(ORIENTATIONS.map((o) => `${o}:${UPRIGHT}`));
    });
  }

  it('webp: shown as stored, as Chromium (the preview) and ffmpeg show it, whatever its EXIF says', async () => {
    const sources = new Map<string, SourceFacts>();
    for (const o of [3, 6]) sources.set(`o${o}`, await imageFacts(await photo('webp', o)));
    expect([...sources.values()].map((f) => [f.width, f.height, f.orientation])).toEqual([[W, H, 1], [H, W, 1]]);
    const half = await exportEach('webp-3', ['o3'], sources, { width: W, height: H });
    const quarter = await exportEach('webp-6', ['o6'], sources, { width: H, height: W });
    // The stored pixels' corners (storedPixels): upside down, and turned a quarter anticlockwise.
    expect([cornersAt(half, CLIP / 2, W, H), cornersAt(quarter, CLIP / 2, H, W)]).toEqual(['.BG', 'G.R']);
  });

  it('a photo filling a canvas of another shape is cropped from the upright picture', async () => {
    // The beach-sunset fixture's failure: the crop is measured on the upright picture, so a picture turned twice
    // is too small for it ("Invalid too big … size", Conversion failed!). 16:9 fill keeps the full width of the
    // 96x64 picture and cuts 5 rows from top and bottom: the three markers stay in their corners.
    const sources = new Map([['o6', await imageFacts(await photo('jpeg', 6))], ['o8', await imageFacts(await photo('png', 8))]]);
    const out = await exportEach('fill', ['o6', 'o8'], sources, { width: 64, height: 36 });
    expect([cornersAt(out, CLIP / 2, 64, 36), cornersAt(out, CLIP * 1.5, 64, 36)]).toEqual([UPRIGHT, UPRIGHT]);
  });
});

describe('phone videos with a rotation export upright', () => {
  /**
   * A phone-style clip: the upright 96×64 picture stored turned by `r` degrees clockwise, with a display matrix
   * that turns it back (ffmpeg 5.1 writes one from the legacy `rotate` tag only when stream-copying).
   */
  function phoneClip(r: 0 | 90 | 180 | 270): string {
    const stored = path.join(dir, `stored${r}.mp4`);
    const out = path.join(dir, `phone${r}.mp4`);
    const turn = { 0: 'null', 90: 'transpose=clock', 180: 'hflip,vflip', 270: 'transpose=cclock' }[r];
    execFileSync(bins.ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', `${pictureSource(1)},${turn}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', stored]);
    execFileSync(bins.ffmpeg, ['-v', 'error', '-i', stored, '-c', 'copy', '-metadata:s:v:0', `rotate=${r}`, out]);
    return out;
  }

  it('0, 90, 180 and 270 degrees: the probe gives the display size and the export shows the picture upright', async () => {
    const sources = new Map<string, SourceFacts>();
    const rotations = [0, 90, 180, 270] as const;
    for (const r of rotations) {
      const file = phoneClip(r);
      const { facts } = parseProbe(await tools.probe(file));
      expect([facts.width, facts.height], `${r}°: display size`).toEqual([W, H]);
      sources.set(`r${r}`, { path: file, kind: 'video', width: facts.width, height: facts.height, rotation: facts.rotation, durationSec: facts.durationSec, hasAudio: facts.hasAudio, fps: facts.fps });
    }
    const out = await exportEach('phone', [...sources.keys()], sources, { width: W, height: H });
    const seen = rotations.map((r, i) => `${r}:${cornersAt(out, i * CLIP + CLIP / 2, W, H)}`);
    expect(seen).toEqual(rotations.map((r) => `${r}:${UPRIGHT}`));
  });
});
