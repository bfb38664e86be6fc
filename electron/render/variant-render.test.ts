import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import type { ExportPreset } from '../model/draft-record';
import { VBV_BUFFER_SEC, type VariantPlan, bitrateCapKbps, planVariant } from '../model/render-variant';
import type { SourceFacts } from './compiler';
import { runExport } from './export';
import { draft, media, track, videoFacts } from './test-drafts';

// Render variants on tiny generated clips: the file has the planned size, fps and duration (ffprobe), the reframe
// shows where the pixels say it should, and a bitrate cap keeps a file that would be too big inside its limit.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };
let dir = '';
let sources: Map<string, SourceFacts>;

function ffmpeg(args: string[]): void {
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

type Probe = { format: { duration: string }; streams: { codec_type: string; width?: number; height?: number; avg_frame_rate?: string }[] };
const probe = (file: string) => JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString()) as Probe;

function pixelAt(file: string, width: number, t: number, x: number, y: number): [number, number, number] {
  const raw = execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', String(t), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const i = (y * width + x) * 3;
  return [raw[i]!, raw[i + 1]!, raw[i + 2]!];
}
const isRed = ([r, g, b]: number[]) => r! > 180 && g! < 60 && b! < 60;
const isBlack = ([r, g, b]: number[]) => r! < 30 && g! < 30 && b! < 30;

async function render(name: string, d: ReturnType<typeof draft>, variant: VariantPlan | null) {
  return runExport(tools, { draft: d, sources, rasterize: () => Promise.reject(new Error('no text')), preset, variant, outputPath: path.join(dir, `${name}.mp4`) });
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-variant-'));
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=red:size=320x180:rate=30:duration=3', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(dir, 'red.mp4')]);
  // Noise compresses badly: at the preset's CRF this is far bigger than the small limit below.
  ffmpeg(['-f', 'lavfi', '-i', 'color=c=gray:size=180x320:rate=30:duration=3,noise=alls=100:allf=t', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3',
    '-c:v', 'libx264', '-preset', 'ultrafast', '-crf', '10', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(dir, 'noise.mp4')]);
  sources = new Map([
    ['red', videoFacts(path.join(dir, 'red.mp4'), 320, 180, { durationSec: 3 })],
    ['noise', videoFacts(path.join(dir, 'noise.mp4'), 180, 320, { durationSec: 3 })],
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('render variants', () => {
  const wide = () => draft([track('main', 'main', [media('a', 'red', 0, 0, 3)])], { preset: '16:9', width: 320, height: 180 });

  it('a 16:9 draft for TikTok: the planned 9:16 size and fps, the whole picture on a blurred copy of itself', async () => {
    // TikTok's minimum width takes the 180 px short side up to 360.
    const plan = planVariant({ width: 320, height: 180, fps: 30 }, 3, 'tiktok');
    expect(plan).toMatchObject({ width: 360, height: 640, reframe: 'blur' });
    const out = await render('tiktok', wide(), { ...plan, fps: 24 });
    const p = probe(out.outputPath);
    const video = p.streams.find((s) => s.codec_type === 'video')!;
    expect([video.width, video.height, video.avg_frame_rate]).toEqual([360, 640, '24/1']);
    expect(Number(p.format.duration)).toBeCloseTo(3, 1);
    // The picture in the middle; above it the blurred copy (red too), not black bars.
    expect(isRed(pixelAt(out.outputPath, 360, 1, 180, 320))).toBe(true);
    expect(isRed(pixelAt(out.outputPath, 360, 1, 180, 40))).toBe(true);
  });

  it('fit pads with black where blur would fill, and the duration cap cuts the file', async () => {
    const out = await render('fit', wide(), { width: 180, height: 320, reframe: 'fit', maxDurationSec: 1.5, videoBitrateKbps: null, fps: 30 });
    expect(out.durationSec).toBe(1.5);
    expect(Number(probe(out.outputPath).format.duration)).toBeCloseTo(1.5, 1);
    expect(isRed(pixelAt(out.outputPath, 180, 1, 90, 160))).toBe(true);
    expect(isBlack(pixelAt(out.outputPath, 180, 1, 90, 20))).toBe(true);
  });

  it('the bitrate cap keeps a file that would be too big inside the size limit', async () => {
    const limit = 160_000;
    const d = draft([track('main', 'main', [media('a', 'noise', 0, 0, 3)])], { width: 180, height: 320 });
    const free = await render('uncapped', d, null);
    // The test means something only if the same export without the cap breaks the limit.
    expect(free.sizeBytes).toBeGreaterThan(limit * 2);
    const plan: VariantPlan = { width: 180, height: 320, reframe: 'fill', maxDurationSec: null, videoBitrateKbps: bitrateCapKbps(limit, 3 + VBV_BUFFER_SEC), fps: 30 };
    const capped = await render('capped', d, plan);
    expect(capped.sizeBytes).toBeLessThanOrEqual(limit);
    expect(Number(probe(capped.outputPath).format.duration)).toBeCloseTo(3, 1);
  });
});
