import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import type { ClipLook } from '../model/draft';
import { applyLookToPixels, lookTable } from '../model/look';
import { compileExport, type SourceFacts } from './compiler';
import { writeLookFiles } from './look-files';
import { draft, media, track } from './test-drafts';
import { ssim } from './test-ssim';

// A vignette on a photo with transparent parts (a PNG logo) keeps them transparent in the export, as the preview
// (look.ts applyLookToPixels keeps alpha) shows it: ffmpeg's vignette has no alpha format, so the compiler splits
// the alpha off around it.

const bins = resolveBinaries({ env: process.env });
const W = 160;
const H = 160;
const BG: [number, number, number] = [40, 90, 200];
let dir = '';
const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
const rgba = (file: string) => new Uint8ClampedArray(ff(['-i', file, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709,format=rgba', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']).subarray(0, W * H * 4));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-look-alpha-'));
  // Textured picture whose left half is fully transparent.
  ff(['-f', 'lavfi', '-i', `testsrc2=s=${W}x${H}:d=1,format=rgba,geq=r='r(X,Y)':g='g(X,Y)':b='b(X,Y)':a='if(lt(X,${W / 2}),0,255)'`, '-frames:v', '1', path.join(dir, 'logo.png')]);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('a vignette keeps a photo’s transparency', () => {
  it('exported over the background: the transparent half shows the background, the rest matches the model maths', async () => {
    const look: ClipLook = { adjust: { vignette: 0.8, exposure: 0.3 }, lut: null };
    const doc = draft([track('m', 'main', []), track('o', 'overlay', [media('logo', 'logo', 0, 0, 1, { look })])], { width: W, height: H, fps: 24, background: `#${BG.map((c) => c.toString(16).padStart(2, '0')).join('')}` });
    await writeLookFiles(doc);
    const sources = new Map<string, SourceFacts>([['logo', { path: path.join(dir, 'logo.png'), kind: 'image', width: W, height: H, rotation: 0, durationSec: null, hasAudio: false, fps: null }]]);
    const out = path.join(dir, 'out.mp4');
    const { args } = compileExport(doc, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
    execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args.slice(1)]);
    const got = new Uint8Array(rgba(out));

    // The preview's sum: the look on the picture (alpha kept), drawn over the background.
    const px = new Uint8ClampedArray(ff(['-i', path.join(dir, 'logo.png'), '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']));
    applyLookToPixels(px, W, H, look, lookTable(look));
    const want = new Uint8Array(W * H * 4);
    for (let i = 0; i < W * H; i++) {
      const a = px[i * 4 + 3]! / 255;
      for (let c = 0; c < 3; c++) want[i * 4 + c] = Math.round(px[i * 4 + c]! * a + BG[c]! * (1 - a));
      want[i * 4 + 3] = 255;
    }
    expect(ssim(got, want, W, H)).toBeGreaterThanOrEqual(0.9);
    // The left half is the background colour (within encoding error), not the vignetted picture.
    let worst = 0;
    for (let y = 4; y < H - 4; y++) for (let x = 4; x < W / 2 - 4; x++) for (let c = 0; c < 3; c++) worst = Math.max(worst, Math.abs(got[(y * W + x) * 4 + c]! - BG[c]!));
    expect(worst).toBeLessThan(12);
  });
});
