import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileExport, type SourceFacts } from '../render/compiler';
import { draft, media, track, videoFacts } from '../render/test-drafts';
import { ssim } from '../render/test-ssim';
import { reversedKey } from '../model/reverse';
import { resolveBinaries } from './binaries';
import { MediaTools } from './ffmpeg';
import type { MediaFacts } from '../model/asset';
import { needsProxy, proxyPlan } from '../model/proxy';
import { writeProxy } from './proxy';
import { writeReversed } from './reverse';

// The chunked reverse on generated moving footage (testsrc2: every frame differs) with a rising chirp: frame i of
// the copy is frame N−1−i of the source, and the chirp falls. Then a draft with a reversed clip exports from it.

const bins = resolveBinaries({ env: process.env });
const W = 180;
const H = 320;
const FPS = 24;
const DUR = 3;
const N = FPS * DUR;
const FRAME = W * H * 4;
let dir = '';
let src = '';
let copy = '';

const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 28 });
const frames = (file: string) => {
  const raw = ff(['-i', file, '-vf', 'format=rgba', '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
  return Array.from({ length: Math.floor(raw.length / FRAME) }, (_, i) => new Uint8Array(raw.subarray(i * FRAME, (i + 1) * FRAME)));
};
/** Mono samples at 8 kHz of [from, from + len) seconds. */
const pcm = (file: string, from: number, len: number) => {
  const raw = ff(['-ss', String(from), '-t', String(len), '-i', file, '-vn', '-ac', '1', '-ar', '8000', '-f', 'f32le', '-']);
  return new Float32Array(raw.buffer.slice(raw.byteOffset, raw.byteOffset + raw.length));
};
/** Frequency from zero crossings (a clean sine): crossings / 2 / seconds. */
const pitch = (s: Float32Array) => {
  let n = 0;
  for (let i = 1; i < s.length; i++) if ((s[i - 1]! < 0) !== (s[i]! < 0)) n++;
  return n / 2 / (s.length / 8000);
};

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-reverse-'));
  src = path.join(dir, 'src.mp4');
  copy = path.join(dir, 'cache', 'reversed.mp4');
  // A chirp from 200 Hz rising 400 Hz a second (200 → 1400 Hz over 3 s).
  ff([
    '-f', 'lavfi', '-i', `testsrc2=s=${W}x${H}:r=${FPS}:d=${DUR}`,
    '-f', 'lavfi', '-i', `aevalsrc=0.5*sin(2*PI*(200*t+200*t*t)):s=48000:d=${DUR}`,
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-qp', '0', '-c:a', 'aac', '-b:a', '192k', '-shortest', src,
  ]);
  const progress: number[] = [];
  await writeReversed(new MediaTools(bins), src, { durationSec: DUR, fps: FPS, hasAudio: true }, copy, dir, { onProgress: (f) => progress.push(f) });
  expect(progress.at(-1)).toBe(1);
}, 120_000);

afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('the chunked reverse', () => {
  it('plays frame N−1−i of the source as its frame i, with every frame once', () => {
    const a = frames(src);
    const b = frames(copy);
    expect(a.length).toBe(N);
    expect(b.length).toBe(N);
    for (const i of [0, 1, 23, 24, 40, 47, 48, N - 1]) {
      expect(ssim(b[i]!, a[N - 1 - i]!, W, H), `frame ${i}`).toBeGreaterThanOrEqual(0.95);
    }
    // Not a forwards copy: the first frame is not the source's first.
    expect(ssim(b[0]!, a[0]!, W, H)).toBeLessThan(0.9);
  });

  it('reverses the sound: the rising chirp falls', () => {
    const start = pitch(pcm(copy, 0.1, 0.4));
    const end = pitch(pcm(copy, 2.5, 0.4));
    // The source rises from ~240 Hz (0.1–0.5 s) to ~1260 Hz (2.5–2.9 s); the copy must do the opposite.
    expect(start).toBeGreaterThan(1100);
    expect(start).toBeLessThan(1400);
    expect(end).toBeGreaterThan(150);
    expect(end).toBeLessThan(400);
  });

  it('tags the copy with the matrix the source is decoded with (untagged 180x320: BT.601, as Chromium guesses)', () => {
    // Without the tag Chromium would guess from the copy's own size, which a baked-in rotation can change.
    const tag = execFileSync(bins.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_space', '-of', 'default=nw=1:nk=1', copy]).toString().trim();
    expect(tag).toBe('smpte170m');
  });

  it('leaves no part file or window behind', () => {
    expect(fs.readdirSync(path.dirname(copy)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(fs.readdirSync(dir).filter((n) => n.startsWith('reverse-'))).toEqual([]);
  });
});

describe('exporting a reversed clip', () => {
  const facts = (file: string) => videoFacts(file, W, H, { fps: FPS, durationSec: DUR, hasAudio: true });
  const doc = () => draft([track('m', 'main', [media('c', 'a1', 0, 0.5, 2.5, { reversed: true })])], { width: W, height: H, fps: FPS });

  it('reads the reversed copy: the export at t shows the source at out − t', () => {
    const sources = new Map<string, SourceFacts>([['a1', facts(src)], [reversedKey('a1'), facts(copy)]]);
    const out = path.join(dir, 'export.mp4');
    const { args } = compileExport(doc(), sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
    execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args.slice(1)]);
    const a = frames(src);
    const e = frames(out);
    expect(e.length).toBe(2 * FPS);
    // Timeline frame k shows source frame 59 − k (out = 2.5 s = frame 60, played backwards).
    for (const k of [0, 20, 47]) expect(ssim(e[k]!, a[59 - k]!, W, H), `frame ${k}`).toBeGreaterThanOrEqual(0.9);
  }, 60_000);

  it('refuses, naming the clip, while the reversed copy is not there', () => {
    const sources = new Map<string, SourceFacts>([['a1', facts(src)]]);
    expect(() => compileExport(doc(), sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, path.join(dir, 'x.mp4'))).toThrow(
      /Reversing clip 1 on the .* track is not finished\. Wait for it \(see Jobs\) or turn Reverse off/,
    );
  });
});

describe('the preview proxy of a reversed copy', () => {
  // Phone-sized footage (1080x1920, above the proxy trigger): the reverse job then makes the copy's proxy with the
  // forward proxy's recipe. One second at 12 fps keeps it quick.
  const PW = 1080;
  const PH = 1920;
  const PFPS = 12;
  const facts: MediaFacts = { videoCodec: 'h264', audioCodec: 'aac', width: PW, height: PH, rotation: 0, fps: PFPS, durationSec: 1, hasAudio: true, createdAt: null, format: 'mp4' };
  const plan = proxyPlan(facts);
  const rgba = (file: string, vf: string, w: number, h: number) => {
    const raw = ff(['-i', file, '-vf', `${vf}format=rgba`, '-f', 'rawvideo', '-pix_fmt', 'rgba', '-']);
    const size = w * h * 4;
    return Array.from({ length: Math.floor(raw.length / size) }, (_, i) => new Uint8Array(raw.subarray(i * size, (i + 1) * size)));
  };

  it('is at proxy size and its frame i is the reversed copy’s frame i', async () => {
    const big = path.join(dir, 'big.mp4');
    const bigCopy = path.join(dir, 'cache', 'big-reversed.mp4');
    const proxy = path.join(dir, 'cache', 'reversed-proxies', 'big.mp4');
    ff([
      '-f', 'lavfi', '-i', `testsrc2=s=${PW}x${PH}:r=${PFPS}:d=1`, '-f', 'lavfi', '-i', 'sine=f=440:d=1',
      '-c:v', 'libx264', '-preset', 'veryfast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', big,
    ]);
    const tools = new MediaTools(bins);
    await writeReversed(tools, big, facts, bigCopy, dir);
    expect(needsProxy(facts)).toBe(true);
    await writeProxy(tools, bigCopy, facts, proxy);
    expect(plan).toMatchObject({ width: 540, height: 960 });
    const p = rgba(proxy, '', plan.width, plan.height);
    // The copy scaled to the proxy's size: the preview draws the proxy where the copy's pixels would be.
    const c = rgba(bigCopy, `scale=${plan.width}:${plan.height},`, plan.width, plan.height);
    expect(p.length).toBe(PFPS);
    expect(c.length).toBe(PFPS);
    for (const i of [0, 3, 6, PFPS - 1]) expect(ssim(p[i]!, c[i]!, plan.width, plan.height), `frame ${i}`).toBeGreaterThanOrEqual(0.95);
    // Frame for frame, not merely alike (testsrc2's frames a second apart share most of the picture): frame 0 is
    // closer to the copy's frame 0 than to its last, which is where a forwards proxy's frame 0 would match.
    expect(ssim(p[0]!, c[0]!, plan.width, plan.height)).toBeGreaterThan(ssim(p[0]!, c[PFPS - 1]!, plan.width, plan.height));
  }, 120_000);
});
