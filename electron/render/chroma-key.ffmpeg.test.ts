import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import type { ChromaKey } from '../model/chroma-key';
import { applyChromaKeyToPixels, chromaKeyFilters } from '../model/chroma-key-math';
import { compileExport, type SourceFacts } from './compiler';
import { draft, media, track, videoFacts } from './test-drafts';
import { ssim } from './test-ssim';

// The chroma key's alpha from ffmpeg's `chromakey` (what the export runs) against the model maths the preview
// runs (chroma-key-math.ts) on the same frame: a textured, moving subject over a noisy green screen.

const bins = resolveBinaries({ env: process.env });
const W = 192;
const H = 320;
const FPS = 24;
let dir = '';

const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
const green = () => path.join(dir, 'green.mp4');

/** The frame at `t` as RGBA, decoded as a browser shows untagged HD video (BT.709): what the preview keys. */
const rgbaAt = (file: string, t: number, n = W * H) => new Uint8ClampedArray(ff(['-ss', String(t), '-i', file, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709,format=rgba', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']).subarray(0, n * 4));
/** ffmpeg's alpha for the key at `t` (the export's filters, then the alpha plane alone). */
const ffAlphaAt = (file: string, t: number, key: ChromaKey, video: boolean, n = W * H) =>
  new Uint8Array(ff(['-ss', String(t), '-i', file, '-frames:v', '1', '-vf', [...chromaKeyFilters(key, video), 'alphaextract'].join(','), '-f', 'rawvideo', '-pix_fmt', 'gray', '-']).subarray(0, n));

function jsAlpha(rgba: Uint8ClampedArray, w: number, h: number, key: ChromaKey): Uint8Array {
  const px = new Uint8ClampedArray(rgba);
  applyChromaKeyToPixels(px, w, h, key);
  const out = new Uint8Array(w * h);
  for (let i = 0; i < out.length; i++) out[i] = px[i * 4 + 3]!;
  return out;
}

const meanAbs = (a: Uint8Array, b: Uint8Array) => a.reduce((s, v, i) => s + Math.abs(v - b[i]!), 0) / a.length;
const share = (a: Uint8Array, test: (v: number) => boolean) => a.filter(test).length / a.length;

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-key-'));
  // A moving, textured subject (testsrc2) over #00ff00 with grain, made in RGB and stored as BT.709 video, as a
  // camera records a screen (a BT.601 file read as BT.709 would clip the green: see docs/looks.md limits).
  ff([
    '-f', 'lavfi', '-i', `color=c=0x00ff00:s=${W}x${H}:r=${FPS}:d=2,format=gbrp,noise=alls=12:allf=t`,
    '-f', 'lavfi', '-i', `testsrc2=s=96x120:r=${FPS}:d=2,hue=h=180`,
    '-filter_complex', '[0:v][1:v]overlay=x=20+40*t:y=60+30*t:format=gbrp,scale=out_color_matrix=bt709:out_range=tv', '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '1', '-qp', '0', green(),
  ]);
  ff(['-ss', '0.5', '-i', green(), '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709', path.join(dir, 'green.png')]);
  ff(['-f', 'lavfi', '-i', `testsrc2=s=${W}x${H}:r=${FPS}:d=2`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '1', '-qp', '0', path.join(dir, 'footage.mp4')]);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

// The bound: mean |alpha difference| ≤ 1.5 of 255 (measured 0.03–0.3). What remains is 4:2:0 chroma (ffmpeg
// keys half-resolution chroma samples; the preview keys the browser's upsampled RGB) and the outer ring of pixels.
const BOUND = 1.5;
const KEYS: ChromaKey[] = [
  { color: '#00ff00', similarity: 0.1, blend: 0 },
  { color: '#00ff00', similarity: 0.15, blend: 0.1 },
  { color: '#10f010', similarity: 0.2, blend: 0.05 },
  { color: '#00ff00', similarity: 0.05, blend: 0.3 },
];

describe('chroma key: model maths against ffmpeg chromakey', () => {
  it.each(KEYS.flatMap((k) => [0.4, 1.5].map((t) => [t, k] as const)))('video at %s s, %j: alpha within the bound', (t, key) => {
    const want = ffAlphaAt(green(), t, key, true);
    const got = jsAlpha(rgbaAt(green(), t), W, H, key);
    expect(meanAbs(got, want)).toBeLessThanOrEqual(BOUND);
    // Not a trivial comparison: the screen is keyed out and the subject kept, on both sides.
    expect(share(want, (v) => v < 32)).toBeGreaterThan(0.5);
    expect(share(want, (v) => v > 223)).toBeGreaterThan(0.1);
    expect(share(got, (v) => v < 32)).toBeGreaterThan(0.5);
  });

  it('a photo (RGB, turned into BT.709 YUV by the export): alpha within the bound', () => {
    const png = path.join(dir, 'green.png');
    const rgba = new Uint8ClampedArray(ff(['-i', png, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']));
    for (const key of KEYS) {
      const want = ffAlphaAt(png, 0, key, false);
      expect(meanAbs(jsAlpha(rgba, W, H, key), want)).toBeLessThanOrEqual(BOUND);
    }
  });

  it('a key colour far from the screen keeps the screen, on both sides', () => {
    const key: ChromaKey = { color: '#ff00ff', similarity: 0.1, blend: 0 };
    const want = ffAlphaAt(green(), 1, key, true);
    expect(share(want, (v) => v === 255)).toBeGreaterThan(0.95);
    expect(meanAbs(jsAlpha(rgbaAt(green(), 1), W, H, key), want)).toBeLessThanOrEqual(BOUND);
  });
});

describe('chroma key: the export places the keyed picture over what lies beneath', () => {
  const key: ChromaKey = { color: '#00ff00', similarity: 0.15, blend: 0.08 };
  const facts = () => new Map<string, SourceFacts>([
    ['green', videoFacts(green(), W, H, { fps: FPS, durationSec: 2, hasAudio: false })],
    ['footage', videoFacts(path.join(dir, 'footage.mp4'), W, H, { fps: FPS, durationSec: 2, hasAudio: false })],
  ]);
  const exportOf = (name: string, tracks: Parameters<typeof draft>[0], background = '#000000') => {
    const out = path.join(dir, `${name}.mp4`);
    const { args } = compileExport(draft(tracks, { width: W, height: H, fps: FPS, background }), facts(), new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
    execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args.slice(1)]);
    return out;
  };
  /** The preview's sum: the keyed picture (model maths) drawn over `under` (RGBA, opaque). */
  const composite = (t: number, under: (i: number) => [number, number, number]) => {
    const px = new Uint8ClampedArray(rgbaAt(green(), t));
    applyChromaKeyToPixels(px, W, H, key);
    const out = new Uint8Array(W * H * 4);
    for (let i = 0; i < W * H; i++) {
      const a = px[i * 4 + 3]! / 255;
      const u = under(i);
      for (let c = 0; c < 3; c++) out[i * 4 + c] = Math.round(px[i * 4 + c]! * a + u[c]! * (1 - a));
      out[i * 4 + 3] = 255;
    }
    return out;
  };
  /** Which pixels the key makes fully see-through at `t`. */
  const keyedShare = (t: number) => {
    const px = new Uint8ClampedArray(rgbaAt(green(), t));
    applyChromaKeyToPixels(px, W, H, key);
    return (i: number) => px[i * 4 + 3]! === 0;
  };

  it.each([0.4, 1.5])('on an overlay track over moving footage at %s s: SSIM ≥ 0.9 to the preview maths, footage where the green was', (t) => {
    const out = exportOf('over', [track('m', 'main', [media('bg', 'footage', 0, 0, 2)]), track('o', 'overlay', [media('fg', 'green', 0, 0, 2, { chromaKey: key })])]);
    const footage = rgbaAt(path.join(dir, 'footage.mp4'), t);
    const got = new Uint8Array(rgbaAt(out, t));
    const want = composite(t, (i) => [footage[i * 4]!, footage[i * 4 + 1]!, footage[i * 4 + 2]!]);
    expect(ssim(got, want, W, H)).toBeGreaterThanOrEqual(0.9);
    // Where the screen was keyed out, the export shows the footage (not green): mean difference under 10 levels.
    const keyed = keyedShare(t);
    let sum = 0;
    let n = 0;
    for (let i = 0; i < W * H; i++) if (keyed(i)) [sum, n] = [sum + Math.abs(got[i * 4]! - footage[i * 4]!) + Math.abs(got[i * 4 + 1]! - footage[i * 4 + 1]!) + Math.abs(got[i * 4 + 2]! - footage[i * 4 + 2]!), n + 3];
    expect(n / 3).toBeGreaterThan(W * H * 0.5);
    expect(sum / n).toBeLessThan(10);
  });

  it('on the main track: keyed pixels show the canvas background', () => {
    const out = exportOf('main', [track('m', 'main', [media('fg', 'green', 0, 0, 2, { chromaKey: key })])], '#3050c0');
    const got = new Uint8Array(rgbaAt(out, 1));
    const want = composite(1, () => [0x30, 0x50, 0xc0]);
    expect(ssim(got, want, W, H)).toBeGreaterThanOrEqual(0.9);
  });
});
