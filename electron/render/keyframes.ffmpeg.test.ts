import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import type { ClipKeyframes } from '../model/draft';
import { clipStateAt, scaledSize } from '../model/keyframes';
import { compileExport, type SourceFacts } from './compiler';
import { draft, media, track, videoFacts } from './test-drafts';
import { ssim } from './test-ssim';

// The preview's keyframe maths (model/keyframes.ts clipStateAt, drawn as preview/draw.ts drawMoving draws it:
// unit × scale in even pixels, turned about its centre) against the export: a textured picture that moves,
// grows, turns and fades over textured moving footage, compared at three times, one of them mid-animation.

const bins = resolveBinaries({ env: process.env });
const W = 180;
const H = 320;
const FPS = 24;
let dir = '';
let sources: Map<string, SourceFacts>;
let out = '';

const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
const frameAt = (file: string, t: number, w: number, h: number, scale = '') =>
  new Uint8Array(ff(['-ss', String(t), '-i', file, '-frames:v', '1', ...(scale ? ['-vf', scale] : []), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']).subarray(0, w * h * 3));

const keyframes: ClipKeyframes = {
  position: [{ t: 0, value: { x: 0.3, y: 0.3 }, easing: 'easeInOut' }, { t: 2, value: { x: 0.7, y: 0.65 }, easing: 'linear' }],
  scale: [{ t: 0, value: 0.4, easing: 'easeOut' }, { t: 2, value: 0.7, easing: 'linear' }],
  rotation: [{ t: 0, value: -20, easing: 'linear' }, { t: 2, value: 35, easing: 'linear' }],
  opacity: [{ t: 0, value: 0.6, easing: 'linear' }, { t: 1, value: 1, easing: 'hold' }],
};
const logo = media('logo', 'pic', 0.5, 0, 2.5, { transform: { reframe: 'fit', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1, rotation: 0 }, keyframes });
const doc = draft([track('m', 'main', [media('bg', 'footage', 0, 0, 3)]), track('o', 'overlay', [logo])], { width: W, height: H, fps: FPS });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-kf-'));
  // Textured, moving footage of the canvas's aspect (fill = a plain scale) and a textured picture.
  ff(['-f', 'lavfi', '-i', `testsrc2=s=${W}x${H}:r=${FPS}:d=3`, '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '1', path.join(dir, 'footage.mp4')]);
  ff(['-f', 'lavfi', '-i', 'testsrc=s=160x120:r=1:d=1', '-frames:v', '1', path.join(dir, 'pic.png')]);
  sources = new Map([
    ['footage', videoFacts(path.join(dir, 'footage.mp4'), W, H, { fps: FPS, durationSec: 3, hasAudio: false })],
    ['pic', { path: path.join(dir, 'pic.png'), kind: 'image', width: 160, height: 120, rotation: 0, durationSec: null, hasAudio: false, fps: null }],
  ]);
  out = path.join(dir, 'out.mp4');
  const { args } = compileExport(doc, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args.slice(1)]);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** The frame the preview maths gives at timeline time t: footage, then the picture placed by clipStateAt. */
function expected(t: number): Uint8Array {
  const frame = frameAt(path.join(dir, 'footage.mp4'), t, W, H);
  const pic = new Uint8Array(ff(['-i', path.join(dir, 'pic.png'), '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']));
  const st = clipStateAt(logo, t);
  const k = Math.min(W / 160, H / 120);
  const size = scaledSize({ width: 160 * k, height: 120 * k }, st.scale);
  const cx = Math.round(st.x * W - size.width / 2) + size.width / 2;
  const cy = Math.round(st.y * H - size.height / 2) + size.height / 2;
  const a = (-st.rotation * Math.PI) / 180;
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      const dx = x + 0.5 - cx;
      const dy = y + 0.5 - cy;
      const u = ((dx * Math.cos(a) - dy * Math.sin(a)) / size.width + 0.5) * 160;
      const v = ((dx * Math.sin(a) + dy * Math.cos(a)) / size.height + 0.5) * 120;
      if (u < 0 || v < 0 || u >= 160 || v >= 120) continue;
      const s = (Math.floor(v) * 160 + Math.floor(u)) * 3;
      const d = (y * W + x) * 3;
      for (let c = 0; c < 3; c++) frame[d + c] = Math.round(frame[d + c]! * (1 - st.opacity) + pic[s + c]! * st.opacity);
    }
  }
  return frame;
}

const rgba = (rgb: Uint8Array) => {
  const o = new Uint8Array((rgb.length / 3) * 4);
  for (let i = 0; i < rgb.length / 3; i++) o.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return o;
};

describe('keyframes: preview maths against the export', () => {
  it.each([0.8, 1.5, 2.8])('at %s s the exported frame matches (SSIM ≥ 0.90)', (t) => {
    const got = frameAt(out, t, W, H);
    const want = expected(t);
    const score = ssim(rgba(got), rgba(want), W, H);
    expect(score).toBeGreaterThanOrEqual(0.9);
  });
  it('the picture really moves: frames at different times differ from each other', () => {
    const a = rgba(expected(0.8));
    const b = rgba(expected(1.5));
    expect(ssim(a, b, W, H)).toBeLessThan(0.9);
  });
});
