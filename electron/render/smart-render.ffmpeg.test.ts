import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { MediaTools } from '../media/ffmpeg';
import { readStreamFacts } from '../media/stream-facts';
import type { VideoDraft } from '../model/draft';
import { exportResultOf } from '../model/job';
import { openTempStudio } from '../studio/__tests__/temp-studio';
import type { SourceFacts } from './compiler';
import { partPathFor, runExport } from './export';
import { draft, media, track, videoFacts } from './test-drafts';

// Smart render on real files: a copy must look like the sources packet for packet, and anything it cannot
// copy exactly must still export, by rendering.

const bins = resolveBinaries({ env: process.env });
const tools = new MediaTools(bins);
const W = 160;
const H = 96;
const canvas = { preset: '16:9' as const, width: W, height: H, fps: 30 as const };
let dir = '';
let sources: Map<string, SourceFacts>;

const run = (bin: string, args: string[]) => execFileSync(bin, args, { stdio: ['ignore', 'pipe', 'inherit'] }).toString();

/**
 * Hashes of the first `n` video packets: equal hashes mean the bytes were copied, not re-encoded. Keyframes
 * (every 30th here) are left out: the join writes the stream's parameter sets into them again.
 */
function packetHashes(file: string, fromSec: number, n: number): string[] {
  const out = run(bins.ffmpeg, ['-v', 'error', '-ss', String(fromSec), '-i', file, '-map', '0:v:0', '-c', 'copy', '-frames:v', String(n), '-f', 'framemd5', '-']);
  const hashes = out.split('\n').filter((l) => l && !l.startsWith('#')).map((l) => l.split(',').at(-1)!.trim());
  return hashes.filter((_, i) => i % 30 !== 0);
}

function durationOf(file: string): number {
  return Number(run(bins.ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]));
}

async function exportDraft(d: VideoDraft, name: string) {
  const outputPath = path.join(dir, `${name}.mp4`);
  const log: string[] = [];
  const out = await runExport(tools, {
    draft: d,
    sources,
    rasterize: () => Promise.reject(new Error('no text in these drafts')),
    preset: { height: 'canvas', fps: 'canvas', quality: 'standard' },
    outputPath,
    streamFacts: async (id) => readStreamFacts(tools, sources.get(id)!.path),
    log: (m) => log.push(m),
  });
  return { ...out, log };
}

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-smart-'));
  // A keyframe every second (30 frames, no scene-cut keyframes), like a phone's recording.
  for (const [name, color, freq] of [['red', 'red', 440], ['blue', 'blue', 660]] as const) {
    run(bins.ffmpeg, ['-v', 'error', '-y', '-f', 'lavfi', '-i', `testsrc2=size=${W}x${H}:rate=30:duration=4,drawbox=c=${color}:t=fill:w=40:h=40`, '-f', 'lavfi', '-i', `sine=frequency=${freq}:duration=4`,
      '-c:v', 'libx264', '-preset', 'ultrafast', '-g', '30', '-keyint_min', '30', '-sc_threshold', '0', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-ar', '48000', '-ac', '2', '-shortest', path.join(dir, `${name}.mp4`)]);
  }
  sources = new Map([
    ['red', videoFacts(path.join(dir, 'red.mp4'), W, H, { durationSec: 4 })],
    ['blue', videoFacts(path.join(dir, 'blue.mp4'), W, H, { durationSec: 4 })],
  ]);
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('smart render', () => {
  it('joins cuts that start on keyframes by stream copy: the packets are the sources\' own', async () => {
    const d = draft([track('main', 'main', [media('a', 'red', 0, 0, 2), media('b', 'blue', 2, 1, 3)])], canvas);
    const out = await exportDraft(d, 'copied');
    expect(out.method).toBe('copy');
    expect(out.log).toEqual([]);
    expect(durationOf(out.outputPath)).toBeCloseTo(4, 1);
    const streams = run(bins.ffprobe, ['-v', 'error', '-show_entries', 'stream=codec_name', '-of', 'csv=p=0', out.outputPath]).trim().split('\n');
    expect(streams.sort()).toEqual(['aac', 'h264']);
    // The first two seconds are red.mp4's first 60 packets, then blue.mp4's from its keyframe at 1 s.
    expect(packetHashes(out.outputPath, 0, 60)).toEqual(packetHashes(path.join(dir, 'red.mp4'), 0, 60));
    expect(packetHashes(out.outputPath, 2, 30)).toEqual(packetHashes(path.join(dir, 'blue.mp4'), 1, 30));
    expect(fs.existsSync(partPathFor(out.outputPath))).toBe(false);
  });

  it('renders instead when a cut starts between keyframes, and says why in the log', async () => {
    const d = draft([track('main', 'main', [media('a', 'red', 0, 0.5, 2)])], canvas);
    const out = await exportDraft(d, 'rendered');
    expect(out.method).toBe('encode');
    expect(out.log).toEqual(['export: rendering, not copying: a cut does not start on a keyframe']);
    expect(durationOf(out.outputPath)).toBeCloseTo(1.5, 1);
  });
});

describe('smart render through the Studio', () => {
  it('an export job of plain cuts reports that it copied', async () => {
    const temp = await openTempStudio('pf-smart-studio-');
    try {
      const { studio } = temp;
      await studio.api['imports.start']({ paths: [path.join(dir, 'red.mp4'), path.join(dir, 'blue.mp4')], uploads: [] });
      await studio.whenIdle();
      const assets = (await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: false, offset: 0, limit: 10 })).items;
      const [blue, red] = assets.map((a) => a.id);
      const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Cuts' });
      const doc = { ...draft([track('main', 'main', [media('a', red!, 0, 0, 2), media('b', blue!, 2, 1, 3)])], { ...canvas, background: '#000000' }), name: 'Cuts' };
      await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
      const { jobId } = await studio.api['exports.start']({ draftId: rec.id, preset: { height: 'canvas', fps: 'canvas', quality: 'standard' } });
      const job = await studio.waitForJob(jobId);
      expect(job.status).toBe('done');
      expect(exportResultOf(job)).toMatchObject({ method: 'copy', durationSec: 4 });
    } finally {
      await temp.close();
    }
  });
});
