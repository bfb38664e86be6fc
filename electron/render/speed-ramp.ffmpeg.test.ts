import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { sourceOffsetAt } from '../model/clip-speed';
import { clipDuration, type MediaClip, type VideoDraft } from '../model/draft';
import { rampPreset } from '../model/speed-ramp-time';
import { normalizeDraft } from '../model/timeline';
import { compileExport, type SourceFacts } from './compiler';
import { draft, media, track, videoFacts } from './test-drafts';

// A ramped clip exported for real: footage whose every frame carries its own number as ten black/white bars, so
// each exported frame says which source frame it shows. The model (clip-speed.ts sourceOffsetAt, what the preview
// seeks to) says which one it should be.

const bins = resolveBinaries({ env: process.env });
const W = 160;
const H = 96;
const FPS = 24;
const SRC_SEC = 8;
let dir = '';
let sources: Map<string, SourceFacts>;

const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 28 });

/** Every frame of a file as 8-bit grey, W×H each. */
function framesOf(file: string): Uint8Array[] {
  const raw = new Uint8Array(ff(['-i', file, '-f', 'rawvideo', '-pix_fmt', 'gray', '-']));
  const n = Math.floor(raw.length / (W * H));
  return Array.from({ length: n }, (_, i) => raw.subarray(i * W * H, (i + 1) * W * H));
}

/** The source frame number a frame shows: bit i is bar i (16 px wide), read in the middle row. */
function numberOf(frame: Uint8Array): number {
  let n = 0;
  for (let i = 0; i < 10; i++) if (frame[(H / 2) * W + i * 16 + 8]! > 128) n += 1 << i;
  return n;
}

function probe(file: string, stream: 'v' | 'a'): number {
  const out = execFileSync(bins.ffprobe, ['-v', 'error', '-select_streams', `${stream}:0`, '-show_entries', 'stream=duration', '-of', 'csv=p=0', file]).toString();
  return Number(out.trim());
}

function exportOf(doc: VideoDraft, name: string): string {
  const out = path.join(dir, name);
  const { args } = compileExport(doc, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args.slice(1)]);
  return out;
}

const info = () => ({ kind: 'video' as const, durationSec: SRC_SEC });

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-ramp-'));
  ff([
    '-f', 'lavfi', '-i', `color=c=gray:s=${W}x${H}:r=${FPS}:d=${SRC_SEC}`,
    '-f', 'lavfi', '-i', `sine=f=440:d=${SRC_SEC}`,
    '-vf', "geq=lum='if(bitand(N,pow(2,floor(X/16))),235,16)':cb=128:cr=128",
    '-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-g', '1', '-qp', '0', '-c:a', 'aac', '-shortest', path.join(dir, 'counter.mp4'),
  ]);
  sources = new Map([['counter', videoFacts(path.join(dir, 'counter.mp4'), W, H, { fps: FPS, durationSec: SRC_SEC, hasAudio: true })]]);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('speed ramp export (ffmpeg)', () => {
  it('footage numbers its frames', () => {
    const frames = framesOf(path.join(dir, 'counter.mp4'));
    expect(frames.map(numberOf).slice(0, 50)).toEqual(Array.from({ length: 50 }, (_, i) => i));
  });

  for (const [name, where] of [['main', 'main'], ['overlay', 'overlay']] as const) {
    it(`a ramped ${name}-track clip lasts clipDuration and shows the source frame the model says, sound included`, () => {
      const ramped = media('r', 'counter', 0, 0.5, 7.5, { speedRamp: rampPreset('bullet') });
      const tracks = where === 'main' ? [track('m', 'main', [ramped])] : [track('m', 'main', []), track('o', 'overlay', [ramped])];
      const doc = normalizeDraft(draft(tracks, { width: W, height: H, fps: FPS }), info);
      const c = doc.tracks.flatMap((t) => t.clips).find((x) => x.id === 'r') as MediaClip;
      const dur = clipDuration(c);
      expect(Math.abs(dur * FPS - Math.round(dur * FPS))).toBeLessThan(1e-6);
      const out = exportOf(doc, `${name}.mp4`);
      const frames = framesOf(out);
      expect(Math.abs(frames.length - dur * FPS)).toBeLessThanOrEqual(1);
      if (where === 'main') expect(Math.abs(probe(out, 'a') - dur)).toBeLessThan(1 / FPS + 0.03);
      let exact = 0;
      for (let k = 0; k < frames.length; k++) {
        // The frame the preview shows at k / fps: the last source frame that starts at or before that source time.
        const want = Math.floor((c.in + sourceOffsetAt(c, k / FPS)) * FPS + 1e-6);
        const got = numberOf(frames[k]!);
        expect(Math.abs(got - want), `frame ${k}`).toBeLessThanOrEqual(1);
        if (got === want) exact++;
      }
      // Every frame is exact here; a frame due within float noise of a canvas frame may fall either side.
      expect(exact / frames.length).toBeGreaterThan(0.98);
    }, 120_000);
  }
});
