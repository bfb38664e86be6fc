import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { readVideoColour } from '../media/video-colour';
import type { ChromaKey } from '../model/chroma-key';
import { type ClipLook, defaultTransform } from '../model/draft';
import { applyLookToPixels, lookTable } from '../model/look';
import { compileExport, type SourceFacts } from './compiler';
import { writeLookFiles } from './look-files';
import { draft, media, track, videoFacts } from './test-drafts';

// SD footage coded with BT.601 (tagged smpte170m, or untagged: Chromium guesses BT.601 under 720 lines) keeps
// its colours through the export, plain, with a look and with a chroma key: each patch comes out within a few
// code values of the RGB the preview shows (the source decoded with its own matrix). Before each video was
// converted with its own matrix, red came out 15–17 code values off and a tight key on the green missed.

const bins = resolveBinaries({ env: process.env });
const W = 320;
const H = 240;
const CANVAS = { width: 360, height: 640, fps: 24 as const, background: '#000000' };
/** Flat vertical bands: red, green, blue, skin. */
const PATCHES: [number, number, number][] = [[220, 30, 30], [40, 200, 60], [30, 60, 220], [224, 164, 128]];
const BAND = W / PATCHES.length;
const TOLERANCE = 4;
let dir = '';
const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
const hex = (c: readonly number[]) => c.map((v) => v.toString(16).padStart(2, '0')).join('');
const clip = (name: string) => path.join(dir, `${name}.mp4`);

/** The patches coded with `matrix`, lossless, tagged as `tags` say (none: untagged). */
function makeClip(name: string, matrix: 'bt601' | 'bt709', tags: string[]) {
  const inputs = PATCHES.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=0x${hex(c)}:s=${BAND}x${H}:r=24:d=1,format=gbrp`]);
  const stack = `${PATCHES.map((_, i) => `[${i}:v]`).join('')}hstack=inputs=${PATCHES.length},scale=out_color_matrix=${matrix}:out_range=tv,format=yuv420p`;
  ff([...inputs, '-filter_complex', stack, '-c:v', 'libx264', '-qp', '0', '-g', '1', ...tags, clip(name)]);
}

/** The colour at (x, y) of a file's first frame, decoded with the matrix it is tagged with (as a player does). */
function colourAt(file: string, x: number, y: number): number[] {
  const tag = execFileSync(bins.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_space', '-of', 'csv=p=0', file]).toString().trim();
  const matrix = tag === 'smpte170m' || tag === 'bt470bg' ? 'bt601' : 'bt709';
  const px = ff(['-i', file, '-frames:v', '1', '-vf', `crop=2:2:${x}:${y},scale=in_color_matrix=${matrix}:in_range=tv,format=rgb24`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  return [px[0]!, px[1]!, px[2]!];
}

/** Exports the clip alone, fitted to the 9:16 canvas (so it is scaled too); where each patch's centre lands. */
async function exportOf(name: string, extra: Parameters<typeof media>[5] = {}) {
  const tools = new MediaTools(bins);
  const colour = await readVideoColour(tools, clip(name));
  const doc = draft([track('m', 'main', [media('a', 'a', 0, 0, 0.5, { transform: defaultTransform('fit'), ...extra })])], CANVAS);
  await writeLookFiles(doc);
  const sources = new Map<string, SourceFacts>([['a', videoFacts(clip(name), W, H, { fps: 24, durationSec: 1, hasAudio: false, colour })]]);
  const out = path.join(dir, `${name}-out-${fs.readdirSync(dir).length}.mp4`);
  const { args } = compileExport(doc, sources, new Map(), { height: 'canvas', fps: 'canvas', quality: 'high' }, out);
  ff(args.slice(1));
  const k = CANVAS.width / W;
  const top = (CANVAS.height - H * k) / 2;
  return { out, centre: (i: number) => [Math.round((i + 0.5) * BAND * k), Math.round(top + (H / 2) * k)] as const };
}

const worst = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-colour-'));
  makeClip('sd601', 'bt601', ['-colorspace', 'smpte170m', '-color_primaries', 'smpte170m', '-color_trc', 'smpte170m', '-color_range', 'tv']);
  makeClip('sdUntagged', 'bt601', []);
  makeClip('sd709', 'bt709', ['-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', '-color_range', 'tv']);
}, 60_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('SD and BT.601 video keeps its colours through the export', () => {
  it('reads each clip’s matrix as the preview decodes it', async () => {
    const tools = new MediaTools(bins);
    expect(await readVideoColour(tools, clip('sd601'))).toEqual({ matrix: 'bt601', fullRange: false });
    expect(await readVideoColour(tools, clip('sdUntagged'))).toEqual({ matrix: 'bt601', fullRange: false });
    expect(await readVideoColour(tools, clip('sd709'))).toEqual({ matrix: 'bt709', fullRange: false });
  });

  it.each(['sd601', 'sdUntagged', 'sd709'])('%s, plain: every patch within a few code values of its RGB', async (name) => {
    const { out, centre } = await exportOf(name);
    PATCHES.forEach((rgb, i) => expect(worst(colourAt(out, ...centre(i)), rgb), `patch ${i}`).toBeLessThanOrEqual(TOLERANCE));
  });

  it.each(['sd601', 'sdUntagged'])('%s with a look: every patch as the preview’s look maths makes it', async (name) => {
    const look: ClipLook = { adjust: { saturation: 0.4, contrast: 0.2 }, lut: null };
    const { out, centre } = await exportOf(name, { look });
    const want = new Uint8ClampedArray(PATCHES.flatMap((c) => [...c, 255]));
    applyLookToPixels(want, PATCHES.length, 1, look, lookTable(look));
    PATCHES.forEach((_, i) => expect(worst(colourAt(out, ...centre(i)), [...want.subarray(i * 4, i * 4 + 3)]), `patch ${i}`).toBeLessThanOrEqual(TOLERANCE));
  });

  it.each(['sd601', 'sdUntagged'])('%s with a tight key picked on the green patch: the green goes, the rest stays', async (name) => {
    const key: ChromaKey = { color: `#${hex(PATCHES[1]!)}`, similarity: 0.02, blend: 0 };
    const { out, centre } = await exportOf(name, { chromaKey: key });
    // Keyed: what lies beneath (black), not the green.
    expect(Math.max(...colourAt(out, ...centre(1)))).toBeLessThanOrEqual(TOLERANCE);
    for (const i of [0, 2, 3]) expect(worst(colourAt(out, ...centre(i)), PATCHES[i]!), `patch ${i}`).toBeLessThanOrEqual(TOLERANCE);
  });
});
