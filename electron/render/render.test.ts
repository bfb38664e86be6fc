import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import type { Job } from '../model/job';
import { exportResultOf, isFinished } from '../model/job';
import type { VideoDraft } from '../model/draft';
import type { ExportPreset } from '../model/draft-record';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import type { SourceFacts, TextLayerFile } from './compiler';
import { partPathFor, runExport } from './export';
import { draft, media, text, track, videoFacts } from './test-drafts';

// Real ffmpeg on tiny generated clips: probe the result and read pixels at known times.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const preset: ExportPreset = { height: 'canvas', fps: 'canvas', quality: 'standard' };
const W = 160;
const H = 96;
let dir = '';
let sources: Map<string, SourceFacts>;
let badge: TextLayerFile;

function ffmpeg(args: string[]): void {
  execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

type Probe = { format: { duration: string }; streams: { codec_type: string; codec_name: string; width?: number; height?: number; sample_rate?: string; channels?: number }[] };
function probe(file: string): Probe {
  return JSON.parse(execFileSync(bins.ffprobe, ['-v', 'error', '-show_format', '-show_streams', '-of', 'json', file]).toString()) as Probe;
}

/** RGB of the pixel at (x, y) of the frame shown at `t` seconds. */
function pixelAt(file: string, t: number, x: number, y: number): [number, number, number] {
  const raw = execFileSync(bins.ffmpeg, ['-v', 'error', '-ss', String(t), '-i', file, '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const i = (y * W + x) * 3;
  return [raw[i]!, raw[i + 1]!, raw[i + 2]!];
}
const centre = (file: string, t: number) => pixelAt(file, t, W / 2, H / 2);
const isRed = ([r, g, b]: number[]) => r! > 200 && g! < 50 && b! < 50;
const isBlue = ([r, g, b]: number[]) => b! > 200 && r! < 50 && g! < 50;
const isGreen = ([r, g, b]: number[]) => g! > 200 && r! < 60 && b! < 60;

const canvas = { preset: '16:9' as const, width: W, height: H };

async function render(d: VideoDraft, name: string, texts = new Map<string, TextLayerFile>()) {
  const outputPath = path.join(dir, `${name}.mp4`);
  const progress: number[] = [];
  const out = await runExport(tools, {
    draft: d,
    sources,
    rasterize: async (c) => {
      const t = texts.get(c.id);
      if (!t) throw new Error(`no test PNG for ${c.id}`);
      return t;
    },
    preset,
    outputPath,
    onProgress: (f) => progress.push(f),
  });
  return { ...out, progress };
}

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-render-'));
  for (const [name, color, freq] of [['red', 'red', 440], ['blue', 'blue', 660]] as const) {
    ffmpeg(['-f', 'lavfi', '-i', `color=c=${color}:size=320x240:rate=30:duration=2`, '-f', 'lavfi', '-i', `sine=frequency=${freq}:duration=2`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(dir, `${name}.mp4`)]);
  }
  const png = path.join(dir, 'badge.png');
  await sharp({ create: { width: 40, height: 20, channels: 4, background: { r: 0, g: 255, b: 0, alpha: 1 } } }).png().toFile(png);
  badge = { path: png, left: 10, top: 10, width: 40, height: 20 };
  const long = path.join(dir, 'long.png');
  await sharp({ create: { width: 64, height: 64, channels: 3, background: '#808080', noise: { type: 'gaussian', mean: 128, sigma: 60 } } }).png().toFile(long);
  sources = new Map([
    ['red', videoFacts(path.join(dir, 'red.mp4'), 320, 240, { durationSec: 2 })],
    ['blue', videoFacts(path.join(dir, 'blue.mp4'), 320, 240, { durationSec: 2 })],
    ['still', { path: long, kind: 'image', width: 64, height: 64, rotation: 0, durationSec: null, hasAudio: false, fps: null }],
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('render', () => {
  it('a red clip then a blue clip: duration, size, one H.264 and one AAC stream, colours at known times', async () => {
    const d = draft([track('main', 'main', [media('a', 'red', 0, 0, 2), media('b', 'blue', 2, 0, 2)])], canvas);
    const out = await render(d, 'cuts');
    const p = probe(out.outputPath);
    expect(Number(p.format.duration)).toBeCloseTo(4, 1);
    const video = p.streams.filter((s) => s.codec_type === 'video');
    const audio = p.streams.filter((s) => s.codec_type === 'audio');
    expect(video.map((s) => [s.codec_name, s.width, s.height])).toEqual([['h264', W, H]]);
    expect(audio.map((s) => [s.codec_name, s.sample_rate, s.channels])).toEqual([['aac', '48000', 2]]);
    expect(isRed(centre(out.outputPath, 0.5))).toBe(true);
    expect(isBlue(centre(out.outputPath, 3))).toBe(true);
    expect(out.sizeBytes).toBe(fs.statSync(out.outputPath).size);
    expect(out.progress.at(-1)).toBe(1);
    expect(fs.existsSync(partPathFor(out.outputPath))).toBe(false);
  });

  it('shows a text layer inside its window and not outside', async () => {
    const d = draft([track('main', 'main', [media('a', 'red', 0, 0, 2), media('b', 'blue', 2, 0, 2)]), track('t', 'text', [text('t1', 'Hi', 1, 2)])], canvas);
    const out = await render(d, 'text', new Map([['t1', badge]]));
    const inBox = (t: number) => pixelAt(out.outputPath, t, 30, 20);
    expect(isRed(inBox(0.5))).toBe(true);
    expect(isGreen(inBox(1.5))).toBe(true);
    expect(isGreen(inBox(2.5))).toBe(true);
    expect(isBlue(inBox(3.5))).toBe(true);
    // Outside the box the picture is untouched.
    expect(isRed(centre(out.outputPath, 1.5))).toBe(true);
  });

  it('blends red into blue during a crossfade', async () => {
    const d = draft([track('main', 'main', [media('a', 'red', 0, 0, 2), media('b', 'blue', 1, 0, 2, { transitionIn: { kind: 'fade', duration: 1 } })])], canvas);
    const out = await render(d, 'xfade');
    expect(Number(probe(out.outputPath).format.duration)).toBeCloseTo(3, 1);
    expect(isRed(centre(out.outputPath, 0.5))).toBe(true);
    const [r, g, b] = centre(out.outputPath, 1.5);
    expect(r).toBeGreaterThan(70);
    expect(b).toBeGreaterThan(70);
    expect(g).toBeLessThan(60);
    expect(isBlue(centre(out.outputPath, 2.6))).toBe(true);
  });

  it('speed 2× halves the duration', async () => {
    const d = draft([track('main', 'main', [media('a', 'red', 0, 0, 2, { speed: 2 })])], canvas);
    const out = await render(d, 'speed');
    const p = probe(out.outputPath);
    expect(Number(p.format.duration)).toBeCloseTo(1, 1);
    expect(p.streams.map((s) => s.codec_type).sort()).toEqual(['audio', 'video']);
    expect(out.durationSec).toBe(1);
  });

  it('cancel kills ffmpeg and leaves neither the output nor its part file', async () => {
    const big = draft([track('main', 'main', [media('a', 'still', 0, 0, 600)])], { ...canvas, width: 1080, height: 1920 });
    const ctl = new AbortController();
    const outputPath = path.join(dir, 'cancelled.mp4');
    const run = runExport(tools, {
      draft: big, sources, rasterize: () => Promise.reject(new Error('no text')), preset, outputPath, signal: ctl.signal,
      onProgress: () => ctl.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'cancelled' });
    expect(fs.existsSync(outputPath)).toBe(false);
    expect(fs.existsSync(partPathFor(outputPath))).toBe(false);
    expect(tools.runningCount).toBe(0);
  });
});

describe('export jobs through the Studio', () => {
  let temp: TempStudio;
  let studio: Studio;
  beforeAll(async () => {
    temp = await openTempStudio('pf-export-job-');
    studio = temp.studio;
  });
  afterAll(() => temp.close());

  function waitFor(jobId: string, pred: (j: Job) => boolean): Promise<Job> {
    return new Promise((resolve) => {
      const off = studio.onEvent((name, payload) => {
        const j = payload as Job;
        if (name === 'job.updated' && j.id === jobId && pred(j)) {
          off();
          resolve(j);
        }
      });
      void studio.api['jobs.list']({}).then((jobs) => {
        const now = jobs.find((j) => j.id === jobId);
        if (now && pred(now)) {
          off();
          resolve(now);
        }
      });
    });
  }

  async function importClips(): Promise<string[]> {
    const { jobId } = await studio.api['imports.start']({ paths: [path.join(dir, 'red.mp4'), path.join(dir, 'blue.mp4'), path.join(dir, 'long.png')], uploads: [] });
    const job = await waitFor(jobId, (j) => isFinished(j.status));
    const ids = job.result?.kind === 'import' ? job.result.assetIds : [];
    expect(ids).toHaveLength(3);
    return ids;
  }

  it('exports a stored draft into <Library>/exports, and a cancelled one ends cancelled with no part file', async () => {
    const [red, blue, still] = await importClips();
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Trip: day/1' });
    const doc = draft([track('main', 'main', [media('a', red!, 0, 0, 2), media('b', blue!, 2, 0, 1)])], canvas);
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc: { ...doc, name: 'Trip: day/1' } });
    const { jobId } = await studio.api['exports.start']({ draftId: rec.id, preset });
    const done = await waitFor(jobId, (j) => isFinished(j.status));
    expect(done.status).toBe('done');
    const r = exportResultOf(done)!;
    expect(r.fileName).toMatch(/^Trip day 1-\d{8}-\d{6}\.mp4$/);
    expect(path.dirname(r.outputPath)).toBe(studio.folder.exportsDir);
    expect(r.durationSec).toBe(3);
    expect(Number(probe(r.outputPath).format.duration)).toBeCloseTo(3, 1);
    expect(r.sizeBytes).toBe(fs.statSync(r.outputPath).size);
    // The frame size is kept with the result, so the app can say what was made (walk #73).
    const stream = probe(r.outputPath).streams.find((s) => s.codec_type === 'video')!;
    expect([r.width, r.height]).toEqual([stream.width, stream.height]);

    const long = await studio.api['drafts.create']({ kind: 'video', name: 'Long' });
    const longDoc = draft([track('main', 'main', [media('a', still!, 0, 0, 600)])], { ...canvas, width: 1080, height: 1920 });
    await studio.api['drafts.save']({ id: long.id, baseRevision: long.revision, doc: { ...longDoc, name: 'Long' } });
    const started = await studio.api['exports.start']({ draftId: long.id, preset });
    await waitFor(started.jobId, (j) => j.status === 'running' && (j.progress ?? 0) > 0);
    await studio.api['jobs.cancel']({ id: started.jobId });
    const cancelled = await waitFor(started.jobId, (j) => isFinished(j.status));
    expect(cancelled.status).toBe('cancelled');
    expect(fs.readdirSync(studio.folder.exportsDir)).toEqual([r.fileName]);
  });

  it('removes part files a crash left in exports/ when the library opens, and keeps finished exports', async () => {
    const crashed = await openTempStudio('pf-export-crash-');
    const exportsDir = crashed.studio.folder.exportsDir;
    try {
      fs.writeFileSync(path.join(exportsDir, '.Trip-20250101-101010.part.mp4'), 'half a file');
      fs.writeFileSync(path.join(exportsDir, 'Done-20250101-101010.mp4'), 'a finished file');
      await crashed.restart();
      expect(fs.readdirSync(exportsDir)).toEqual(['Done-20250101-101010.mp4']);
    } finally {
      await crashed.close();
    }
  });

  it('names the clip whose media is gone', async () => {
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Broken' });
    const doc = draft([track('main', 'main', [media('a', 'no-such-asset', 0, 0, 2)], { name: 'Main' })], canvas);
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc: { ...doc, name: 'Broken' } });
    const { jobId } = await studio.api['exports.start']({ draftId: rec.id, preset });
    const failed = await waitFor(jobId, (j) => isFinished(j.status));
    expect(failed.status).toBe('failed');
    expect(failed.error).toContain('clip 1 on the Main track');
  });
});
