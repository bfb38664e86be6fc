import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import type { VideoDraft } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import type { SourceFacts, TextLayerFile } from './compiler';
import { runExport } from './export';
import { draft, media, text, track } from './test-drafts';

// Drafts without a main track, as the compiler's property test found them (compiler.property.test.ts), rendered
// by real ffmpeg on tiny inputs: each must be a playable MP4 of the draft's length with the right picture.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'small' };
let dir = '';
let sources: Map<string, SourceFacts>;
let badge: TextLayerFile;

type Probe = { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number }[] };
const probe = (file: string) => JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString()) as Probe;

function rgbAt(file: string, t: number, x: number, y: number, w: number): [number, number, number] {
  const raw = execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', String(t), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const i = (y * w + x) * 3;
  return [raw[i]!, raw[i + 1]!, raw[i + 2]!];
}

/** Peak level of the file's sound between a and b seconds, in dBFS (astats via ffmpeg). */
function peakDb(file: string, a: number, b: number): number {
  const r = spawnSync(bins.ffmpeg, ['-hide_banner', '-ss', String(a), '-t', String(b - a), '-i', file, '-af', 'astats=measure_overall=Peak_level:measure_perchannel=none', '-f', 'null', '-'], { encoding: 'utf8' });
  return Number(/Peak level dB: (-?[\d.]+|-inf)/.exec(r.stderr)?.[1]?.replace('-inf', '-Infinity') ?? NaN);
}

async function render(d: VideoDraft, name: string) {
  const outputPath = path.join(dir, `${name}.mp4`);
  await runExport(tools, {
    draft: d,
    sources,
    rasterize: async () => badge,
    preset,
    outputPath,
  });
  return outputPath;
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-shapes-'));
  execFileSync(bins.ffmpeg, ['-v', 'error', '-f', 'lavfi', '-i', 'sine=frequency=440:duration=3', '-c:a', 'aac', path.join(dir, 'tone.m4a')]);
  const logo = path.join(dir, 'logo.png');
  await sharp({ create: { width: 40, height: 40, channels: 4, background: { r: 255, g: 0, b: 0, alpha: 1 } } }).png().toFile(logo);
  const png = path.join(dir, 'badge.png');
  await sharp({ create: { width: 40, height: 20, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 1 } } }).png().toFile(png);
  badge = { path: png, left: 10, top: 10, width: 40, height: 20 };
  sources = new Map<string, SourceFacts>([
    ['tone', { path: path.join(dir, 'tone.m4a'), kind: 'audio', width: null, height: null, rotation: 0, durationSec: 3, hasAudio: true, fps: null }],
    ['logo', { path: logo, kind: 'image', width: 40, height: 40, rotation: 0, durationSec: null, hasAudio: false, fps: null }],
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const canvas = { preset: '16:9' as const, width: 160, height: 96, fps: 30 as const, background: '#0000ff' };

describe('drafts without a main track render with ffmpeg', () => {
  it('text only: the background colour, the title inside its window, silence, the draft length', async () => {
    const out = await render(draft([track('t', 'text', [text('t1', 'Hi', 0.5, 1.5)])], canvas), 'text-only');
    const p = probe(out);
    expect(Number(p.format.duration)).toBeCloseTo(2, 1);
    expect(p.streams.map((s) => [s.codec_type, s.codec_name])).toEqual([['video', 'h264'], ['audio', 'aac']]);
    const [r0, g0, b0] = rgbAt(out, 0.2, 30, 20, 160);
    expect(b0 > 200 && r0 < 50 && g0 < 50).toBe(true);
    const [r1, g1, b1] = rgbAt(out, 1, 30, 20, 160);
    expect(g1 > 200 && r1 < 60 && b1 < 60).toBe(true);
    expect(peakDb(out, 0, 2)).toBe(-Infinity);
  });

  it('overlay only: a logo over the background for its window', async () => {
    const logo = media('l', 'logo', 0, 0, 1.5, { transform: { ...media('x', 'x', 0, 0, 1).transform, reframe: 'fit', scale: 0.5 } });
    const out = await render(draft([track('o', 'overlay', [logo])], canvas), 'overlay-only');
    expect(Number(probe(out).format.duration)).toBeCloseTo(1.5, 1);
    const [r, g, b] = rgbAt(out, 0.7, 80, 48, 160);
    expect(r > 200 && g < 50 && b < 50).toBe(true);
    const [r2, , b2] = rgbAt(out, 0.7, 5, 5, 160);
    expect(b2 > 200 && r2 < 50).toBe(true);
  });

  it('audio only: the sound over the background colour for the clip length', async () => {
    const out = await render(draft([track('m', 'audio', [media('s', 'tone', 0, 0, 2.5)], { role: 'music' })], canvas), 'audio-only');
    const p = probe(out);
    expect(Number(p.format.duration)).toBeCloseTo(2.5, 1);
    expect(peakDb(out, 0.5, 2)).toBeGreaterThan(-30); // lavfi sine is -18 dBFS
    const [r, g, b] = rgbAt(out, 1, 80, 48, 160);
    expect(b > 200 && r < 50 && g < 50).toBe(true);
  });

  it('an odd canvas (the schema allows any size) exports at the nearest even size', async () => {
    const out = await render(draft([track('t', 'text', [text('t1', 'Hi', 0, 1)])], { ...canvas, width: 161, height: 97 }), 'odd');
    const v = probe(out).streams.find((s) => s.codec_type === 'video')!;
    expect([v.width, v.height]).toEqual([160, 96]);
  });
});
