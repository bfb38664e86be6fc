import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { durationFromTimestamps } from '../media/duration';
import { MediaTools } from '../media/ffmpeg';
import { type ImportResult, importResultOf } from '../model/job';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

// Classes of files real users have (issue 9, item 10): a browser recording with no duration in its header, an
// MP4 whose index is whole but whose media was cut off, and a file whose name is not UTF-8.

const bins = resolveBinaries({ env: process.env });
const ffmpeg = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'pipe', 'inherit'] });
const formatDuration = (file: string) => execFileSync(bins.ffprobe, ['-v', 'error', '-show_entries', 'format=duration', '-of', 'csv=p=0', file]).toString().trim();

/**
 * A WebM written the way MediaRecorder writes one: as a live stream to a pipe, so the muxer can never go back
 * to fill in the duration. (Chromium's recorder and ffmpeg's `-f webm pipe:` both leave it out.)
 */
function liveWebm(file: string, seconds: number): void {
  const bytes = execFileSync(bins.ffmpeg, [
    '-v', 'error', '-f', 'lavfi', '-i', `testsrc=size=160x96:rate=30:duration=${seconds}`, '-f', 'lavfi', '-i', `sine=frequency=330:duration=${seconds}`,
    '-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '150k', '-c:a', 'libopus', '-f', 'webm', 'pipe:1',
  ], { maxBuffer: 64 * 1024 * 1024 });
  fs.writeFileSync(file, bytes);
}

describe('files real users have', () => {
  let temp: TempStudio;
  let studio: Studio;
  let dir: string;

  beforeEach(async () => {
    temp = await openTempStudio('pf-realfiles-');
    studio = temp.studio;
    dir = path.join(temp.tmp, 'in');
    fs.mkdirSync(dir);
  });
  afterEach(() => temp.close());

  async function importPaths(paths: string[]): Promise<ImportResult> {
    const { jobId } = await studio.api['imports.start']({ paths, uploads: [] });
    await studio.whenIdle();
    const job = (await studio.api['jobs.list']({})).find((j) => j.id === jobId)!;
    return importResultOf(job)!;
  }

  it('a browser-made WebM (no duration in its header) gets its duration from its timestamps', async () => {
    const file = path.join(dir, 'recording.webm');
    liveWebm(file, 3);
    // The premise: the header really has no duration.
    expect(['', 'N/A']).toContain(formatDuration(file));
    const r = await importPaths([file]);
    expect(r.failed).toEqual([]);
    const asset = await studio.api['assets.get']({ id: r.assetIds[0]! });
    expect(asset.kind).toBe('video');
    expect(asset.durationSec).not.toBeNull();
    expect(asset.durationSec!).toBeGreaterThan(2.95);
    expect(asset.durationSec!).toBeLessThan(3.1);
  });

  it('reads only the header and the last cluster of a long recording, and agrees with a whole scan', async () => {
    const file = path.join(dir, 'long.webm');
    liveWebm(file, 20);
    const tools = new MediaTools(bins);
    const size = fs.statSync(file).size;
    // A tail window of a tenth of the file: the answer must come from it, not from reading everything.
    const tail = await durationFromTimestamps(tools, file, { scratch: path.join(dir, 'scratch.mkv'), tailBytes: Math.floor(size / 10) });
    expect(tail?.method).toBe('tail');
    expect(tail!.durationSec).toBeCloseTo(20, 1);
    // Not Matroska at all (an MPEG-TS stream has no duration either): the whole-file packet scan answers.
    const ts = path.join(dir, 'stream.ts');
    ffmpeg(['-i', file, '-c:v', 'copy', '-an', '-f', 'mpegts', ts]);
    const start = Number(execFileSync(bins.ffprobe, ['-v', 'error', '-show_entries', 'format=start_time', '-of', 'csv=p=0', ts]).toString());
    const scan = await durationFromTimestamps(tools, ts, { startSec: start, scratch: path.join(dir, 'scratch2.mkv') });
    expect(scan?.method).toBe('scan');
    expect(Math.abs(scan!.durationSec - tail!.durationSec)).toBeLessThan(0.1);
    expect(fs.existsSync(path.join(dir, 'scratch.mkv'))).toBe(false);
  });

  it('refuses an MP4 whose index is whole but whose media data was cut off, and keeps healthy ones', async () => {
    const full = path.join(dir, 'full.mp4');
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc=size=160x96:rate=30:duration=4', '-f', 'lavfi', '-i', 'sine=duration=4', '-c:v', 'libx264', '-preset', 'ultrafast', '-c:a', 'aac', '-movflags', '+faststart', full]);
    const cut = path.join(dir, 'cut.mp4');
    const bytes = fs.readFileSync(full);
    fs.writeFileSync(cut, bytes.subarray(0, Math.floor(bytes.length * 0.7)));
    // The premise: ffprobe still reports the whole duration from the intact index.
    expect(Number(formatDuration(cut))).toBeCloseTo(4, 0);
    const r = await importPaths([cut, full]);
    expect(r.imported).toBe(1);
    expect(r.failed.map((f) => path.basename(f.path))).toEqual(['cut.mp4']);
    expect(r.failed[0]!.reason).toMatch(/^The file is cut off: .* \(about \d+% missing\)\. .*copy it again from its source\.$/);
    expect(fs.readdirSync(studio.folder.stagingDir)).toEqual([]);
  });

  it.skipIf(process.platform !== 'linux')('imports a file whose name is Latin-1 bytes (not UTF-8) by its bytes, with a readable name', async () => {
    const folder = Buffer.from(path.join(dir, 'old-zip'));
    fs.mkdirSync(folder);
    // "café.png" as an old ZIP tool wrote it: é is the single byte 0xE9, which is not UTF-8.
    const name = Buffer.concat([Buffer.from('caf'), Buffer.from([0xe9]), Buffer.from('.png')]);
    const file = Buffer.concat([folder, Buffer.from('/'), name]);
    fs.writeFileSync(file, await sharp({ create: { width: 8, height: 8, channels: 3, background: '#336699' } }).png().toBuffer());
    // Node's own string reading of the folder has lost the byte: that path does not open.
    const lossy = fs.readdirSync(folder.toString())[0]!;
    expect(lossy).toContain('\uFFFD');
    expect(fs.existsSync(path.join(folder.toString(), lossy))).toBe(false);

    const r = await importPaths([folder.toString()]);
    expect(r.failed).toEqual([]);
    expect(r.imported).toBe(1);
    const asset = await studio.api['assets.get']({ id: r.assetIds[0]! });
    expect(asset.name).toBe('café.png');
    expect([asset.kind, asset.width]).toEqual(['image', 8]);

    // Named directly as a string, the bytes are already gone: refused with why, not "not found".
    const direct = await importPaths([path.join(folder.toString(), lossy)]);
    expect(direct.failed).toHaveLength(1);
    expect(direct.failed[0]!.reason).toMatch(/not valid UTF-8.*Import the folder that holds it/);
    expect(direct.failed[0]!.reason).not.toMatch(/not found/i);
  });
});
