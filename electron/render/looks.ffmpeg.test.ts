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
import { draft, media, track, videoFacts } from './test-drafts';
import { ssim } from './test-ssim';

// A clip's look in the export (lut3d with the baked table, vignette) against the model maths the preview runs
// (look.ts applyLookToPixels) on the source frame: textured, moving footage, three times.

const bins = resolveBinaries({ env: process.env });
const W = 180;
const H = 320;
const FPS = 24;
let dir = '';
let sources: Map<string, SourceFacts>;

const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
// Decoded as a browser shows untagged HD video (BT.709), which is what the preview's look works on.
const frameAt = (file: string, t: number) => new Uint8Array(ff(['-ss', String(t), '-i', file, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709,format=rgba', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']).subarray(0, W * H * 4));

const warm: ClipLook = { adjust: { exposure: 0.4, contrast: 0.25, saturation: 0.3 }, lut: { id: 'warm', strength: 0.9 } };
const framed: ClipLook = { adjust: { temperature: -0.5, tint: 0.3, vignette: 0.6 }, lut: { id: 'teal-orange', strength: 0.6 } };

async function render(look: ClipLook, name: string): Promise<string> {
  const doc = draft([track('m', 'main', [media('bg', 'footage', 0, 0, 3, { look })])], { width: W, height: H, fps: FPS });
  await writeLookFiles(doc);
  const out = path.join(dir, `${name}.mp4`);
  const { args } = compileExport(doc, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args.slice(1)]);
  return out;
}

/** The model maths on the source frame: what the preview draws. */
function expected(t: number, look: ClipLook): Uint8Array {
  const frame = frameAt(path.join(dir, 'footage.mp4'), t);
  const px = new Uint8ClampedArray(frame);
  applyLookToPixels(px, W, H, look, lookTable(look));
  return new Uint8Array(px);
}

/** Mean absolute difference per colour channel, 0..255. */
function meanDiff(a: Uint8Array, b: Uint8Array): number {
  let sum = 0;
  for (let i = 0; i < a.length; i++) if (i % 4 !== 3) sum += Math.abs(a[i]! - b[i]!);
  return sum / ((a.length / 4) * 3);
}

let warmOut = '';
let framedOut = '';
beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-looks-'));
  ff(['-f', 'lavfi', '-i', `testsrc2=s=${W}x${H}:r=${FPS}:d=3`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '1', '-qp', '0', path.join(dir, 'footage.mp4')]);
  sources = new Map([['footage', videoFacts(path.join(dir, 'footage.mp4'), W, H, { fps: FPS, durationSec: 3, hasAudio: false })]]);
  warmOut = await render(warm, 'warm');
  framedOut = await render(framed, 'framed');
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('looks: model maths against the export', () => {
  it.each([0.5, 1.4, 2.6])('Warm + exposure/contrast/saturation at %s s: SSIM ≥ 0.95 and the same colours', (t) => {
    const got = frameAt(warmOut, t);
    const want = expected(t, warm);
    expect(ssim(got, want, W, H)).toBeGreaterThanOrEqual(0.95);
    expect(meanDiff(got, want)).toBeLessThan(6);
    // The look really changed the picture (so the comparison is not of two unchanged frames).
    expect(meanDiff(frameAt(path.join(dir, 'footage.mp4'), t), want)).toBeGreaterThan(5);
  });
  it.each([0.5, 2.6])('teal & orange, cooler, tint and vignette at %s s: SSIM ≥ 0.95', (t) => {
    const got = frameAt(framedOut, t);
    const want = expected(t, framed);
    expect(ssim(got, want, W, H)).toBeGreaterThanOrEqual(0.95);
    expect(meanDiff(got, want)).toBeLessThan(8);
  });
});
