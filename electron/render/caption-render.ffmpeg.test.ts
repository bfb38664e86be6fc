import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { segmentAt } from '../model/caption-style';
import type { CaptionTrack } from '../model/caption-track';
import type { ExportPreset } from '../model/draft-record';
import { rasterizeCaptionTrack } from './caption';
import type { SourceFacts } from './compiler';
import { runExport } from './export';
import { draft, media, track, videoFacts } from './test-drafts';

// Burned-in karaoke captions exported for real: at three known times the exported frame shows the caption PNG the
// rasteriser drew for that moment, the spoken word in the highlight colour and the others in the text colour.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'high' };
const W = 720;
const H = 1280;
let dir = '';
let sources: Map<string, SourceFacts>;

const captions: CaptionTrack = {
  id: 'captions-1',
  language: 'en',
  name: 'English',
  styleId: 'karaoke',
  cues: [
    { id: 'cue-1', text: 'Morning light', startSec: 0, endSec: 1, words: [{ text: 'Morning', startSec: 0, endSec: 0.5 }, { text: 'light', startSec: 0.5, endSec: 1 }] },
    { id: 'cue-2', text: 'over the bay', startSec: 1, endSec: 2, words: [{ text: 'over', startSec: 1, endSec: 1.3 }, { text: 'the', startSec: 1.3, endSec: 1.5 }, { text: 'bay', startSec: 1.5, endSec: 2 }] },
    { id: 'cue-3', text: 'see you soon', startSec: 2, endSec: 3, words: [{ text: 'see', startSec: 2, endSec: 2.4 }, { text: 'you', startSec: 2.4, endSec: 2.7 }, { text: 'soon', startSec: 2.7, endSec: 3 }] },
  ],
};

function frameAt(file: string, t: number): Buffer {
  return execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', String(t), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'], { maxBuffer: W * H * 3 + 1024 });
}

type Rgba = { data: Buffer; width: number; height: number };
const yellow = ([r, g, b]: number[]) => r! > 200 && g! > 170 && b! < 90;
const white = ([r, g, b]: number[]) => r! > 200 && g! > 200 && b! > 200;

/**
 * Pixels of the PNG, deep inside a glyph of one colour (every neighbour within 2 px opaque and of that class), so
 * 4:2:0 chroma and the encoder cannot blur them into the outline.
 */
function solidPixels(png: Rgba, is: (rgb: number[]) => boolean): [number, number][] {
  const out: [number, number][] = [];
  const px = (x: number, y: number) => Array.from(png.data.subarray((y * png.width + x) * 4, (y * png.width + x) * 4 + 4));
  for (let y = 2; y < png.height - 2; y++) {
    for (let x = 2; x < png.width - 2; x++) {
      let ok = true;
      for (let dy = -2; dy <= 2 && ok; dy++) for (let dx = -2; dx <= 2 && ok; dx++) {
        const p = px(x + dx, y + dy);
        ok = p[3] === 255 && is(p);
      }
      if (ok) out.push([x, y]);
    }
  }
  return out;
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-captions-'));
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `color=c=0x305070:size=${W}x${H}:rate=30:duration=3`, '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(dir, 'bg.mp4')]);
  sources = new Map([['bg', videoFacts(path.join(dir, 'bg.mp4'), W, H, { durationSec: 3 })]]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('burned-in captions', () => {
  it('show the spoken word in the highlight colour at three known times, as the rasterised PNGs have it', async () => {
    const cacheDir = path.join(dir, 'cache');
    const d = { ...draft([track('main', 'main', [media('c1', 'bg', 0, 0, 3)])], { width: W, height: H }), captions: [captions] };
    const outputPath = path.join(dir, 'out.mp4');
    let calls = 0;
    await runExport(tools, {
      draft: d,
      sources,
      rasterize: () => Promise.reject(new Error('no text clips here')),
      rasterizeCaptions: (t) => {
        calls++;
        return rasterizeCaptionTrack(t, { kit: null, canvas: d.canvas, cacheDir });
      },
      captionCacheDir: cacheDir,
      preset,
      outputPath,
    });
    expect(calls).toBe(1);
    // The same call the preview makes: it answers from the cache the export filled.
    const raster = (await rasterizeCaptionTrack(captions, { kit: null, canvas: d.canvas, cacheDir }))!;
    const probes: [number, string, string][] = [
      [0.2, 'cue-1', 'Morning'],
      [1.6, 'cue-2', 'bay'],
      [2.5, 'cue-3', 'you'],
    ];
    const shown = new Set<string>();
    for (const [t, cueId, word] of probes) {
      const f = segmentAt(raster.frames, t);
      expect(f?.cueId, `caption at ${t} s`).toBe(cueId);
      shown.add(f!.key);
      const { data, info } = await sharp(f!.path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
      const png = { data, width: info.width, height: info.height };
      const lit = solidPixels(png, yellow);
      const plain = solidPixels(png, white);
      expect(lit.length, `highlighted pixels of "${word}" at ${t} s`).toBeGreaterThan(10);
      expect(plain.length, `plain pixels at ${t} s`).toBeGreaterThan(10);
      const frame = frameAt(outputPath, t);
      const rgb = (x: number, y: number) => Array.from(frame.subarray(((f!.top + y) * W + f!.left + x) * 3, ((f!.top + y) * W + f!.left + x) * 3 + 3));
      const share = (pts: [number, number][], is: (p: number[]) => boolean) => pts.filter(([x, y]) => is(rgb(x, y))).length / pts.length;
      expect(share(lit, yellow), `exported highlight at ${t} s`).toBeGreaterThan(0.95);
      expect(share(plain, white), `exported plain words at ${t} s`).toBeGreaterThan(0.95);
      // The lit word is the spoken one: the highlighted pixels lie where that word is, and only one word is lit
      // (a single run of columns, narrower than the whole caption).
      const xs = lit.map(([x]) => x);
      expect(Math.max(...xs) - Math.min(...xs)).toBeLessThan(png.width * 0.75);
    }
    expect(shown.size).toBe(3);
  }, 120_000);
});
