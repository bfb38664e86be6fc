import fs from 'node:fs';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BROKEN_DIR, GOOD_DIR } from '../../scripts/fixtures';
import { type Job, importResultOf } from '../model/job';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';

/** Every file under `dir`, relative, so tests can say exactly what the library holds on disk. */
function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return fs.readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('import', () => {
  let temp: TempStudio;
  let studio: Studio;

  beforeEach(async () => {
    temp = await openTempStudio('pf-import-');
    studio = temp.studio;
  });
  afterEach(() => temp.close());

  async function importPaths(paths: string[]): Promise<Job> {
    const jobs: Job[] = [];
    studio.onEvent((name, payload) => {
      if (name === 'job.updated') jobs.push(payload as Job);
    });
    const { jobId } = await studio.api['imports.start']({ paths, uploads: [] });
    await studio.whenIdle();
    const job = (await studio.api['jobs.list']({})).find((j) => j.id === jobId)!;
    expect(jobs.some((j) => j.id === jobId && j.status === 'running')).toBe(true);
    return job;
  }

  it('imports good files, reports duplicates and a clear reason for each broken file', async () => {
    const job = await importPaths([GOOD_DIR, BROKEN_DIR]);
    expect(job.status).toBe('done');
    const r = importResultOf(job)!;
    // good/: 2 clips, a rotated phone clip, a wav, an mp3, a jpg, a png; beach-copy.jpg duplicates the jpg.
    expect(r.imported).toBe(7);
    expect(r.duplicates).toBe(1);
    const reasons = Object.fromEntries(r.failed.map((f) => [path.basename(f.path), f.reason]));
    expect(Object.keys(reasons).sort()).toEqual(
      ['empty.mp4', 'huge-dimensions.png', 'notes-not-a-photo.jpg', 'random-bytes.mov', 'truncated.jpg', 'truncated.mp4'].sort(),
    );
    expect(reasons['empty.mp4']).toMatch(/empty/);
    expect(reasons['notes-not-a-photo.jpg']).toMatch(/text file/);
    expect(reasons['truncated.jpg']).toMatch(/damaged or truncated/);
    expect(reasons['truncated.mp4']).toMatch(/damaged or incomplete/);
    expect(reasons['random-bytes.mov']).toMatch(/not a video, image or audio format/);
    expect(reasons['huge-dimensions.png']).toMatch(/30000×30000 .* over the 200 MP limit/);

    const db = studio.database;
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.prepare("INSERT INTO assets_fts(assets_fts, rank) VALUES ('integrity-check', 0)").run()).toBeTruthy();

    // Exactly one original per imported asset, nothing left in staging.
    expect(filesUnder(studio.folder.mediaDir)).toHaveLength(7);
    expect(filesUnder(studio.folder.stagingDir)).toEqual([]);
  });

  it('reads facts: rotation, dimensions, duration, codecs, capture time, audio', async () => {
    await importPaths([GOOD_DIR]);
    const { items } = await studio.api['assets.list']({ query: '', kind: null, tag: null, sort: 'name', order: 'asc', trashed: false, offset: 0, limit: 50 });
    const byName = new Map(items.map((a) => [a.name, a]));
    const phone = await studio.api['assets.get']({ id: byName.get('phone-portrait.mp4')!.id });
    expect(phone.kind).toBe('video');
    expect([phone.facts.width, phone.facts.height]).toEqual([180, 320]);
    expect(phone.facts.rotation % 180).toBe(90);
    expect(phone.facts.fps).toBe(25);
    expect(phone.facts.createdAt).toBe('2024-06-01T10:20:30.000Z');
    expect(phone.facts.hasAudio).toBe(false);

    const red = await studio.api['assets.get']({ id: byName.get('red-clip.mp4')!.id });
    expect(red.facts.videoCodec).toBe('h264');
    expect(red.facts.audioCodec).toBe('aac');
    expect(red.facts.durationSec).toBeGreaterThan(1.9);
    expect(red.facts.durationSec).toBeLessThan(2.2);
    expect(red.hasThumbnail && red.hasWaveform).toBe(true);

    const photo = await studio.api['assets.get']({ id: byName.get('beach-sunset.jpg')!.id });
    // Stored 600x400 with EXIF orientation 6: shown portrait.
    expect([photo.facts.width, photo.facts.height]).toEqual([400, 600]);
    const thumb = await studio.resolveMedia(photo.id, 'thumb');
    const sharp = (await import('sharp')).default;
    const meta = await sharp(thumb!.path).metadata();
    expect(meta.height > meta.width).toBe(true);

    const voice = await studio.api['assets.get']({ id: byName.get('voice-note.wav')!.id });
    expect(voice.kind).toBe('audio');
    // Its grid thumbnail is its waveform.
    expect(voice.hasThumbnail).toBe(true);
    expect((await studio.resolveMedia(voice.id, 'thumb'))!.mime).toBe('image/webp');
    const wave = JSON.parse(fs.readFileSync((await studio.resolveMedia(voice.id, 'waveform'))!.path, 'utf8')) as { peaksPerSecond: number; peaks: number[] };
    expect(wave.peaks.length).toBeGreaterThan(60);
    // lavfi's sine source plays at 1/8 of full scale.
    expect(Math.max(...wave.peaks)).toBeCloseTo(0.125, 2);
  });

  it('adds nothing when the same folder is imported again', async () => {
    await importPaths([GOOD_DIR]);
    const before = filesUnder(studio.folder.root).filter((f) => !f.startsWith('library.sqlite'));
    const again = await importPaths([GOOD_DIR]);
    expect(again.result).toMatchObject({ imported: 0, duplicates: 8, failed: [] });
    expect(filesUnder(studio.folder.root).filter((f) => !f.startsWith('library.sqlite'))).toEqual(before);
    expect(studio.assetsRepo.liveCount()).toBe(7);
  });

  it('leaves no row and no file behind for failed files', async () => {
    const job = await importPaths([BROKEN_DIR]);
    expect(job.result).toMatchObject({ imported: 0, duplicates: 0 });
    expect(importResultOf(job)!.failed).toHaveLength(6);
    expect(studio.assetsRepo.liveCount()).toBe(0);
    expect(filesUnder(studio.folder.mediaDir)).toEqual([]);
    expect(filesUnder(path.join(studio.folder.cacheDir))).toEqual([]);
  });

  it('imports uploads by moving them and removes what it did not keep', async () => {
    const up1 = await studio.stageUpload('clip.mp4', fs.createReadStream(path.join(GOOD_DIR, 'red-clip.mp4')));
    const up2 = await studio.stageUpload('fake.jpg', fs.createReadStream(path.join(BROKEN_DIR, 'notes-not-a-photo.jpg')));
    const { jobId } = await studio.api['imports.start']({ paths: [], uploads: [up1, up2] });
    await studio.whenIdle();
    const job = (await studio.api['jobs.list']({})).find((j) => j.id === jobId)!;
    expect(job.result).toMatchObject({ imported: 1, failed: [{ path: 'fake.jpg' }] });
    expect(filesUnder(studio.folder.uploadsDir)).toEqual([]);
    const asset = await studio.api['assets.get']({ id: importResultOf(job)!.assetIds[0]! });
    expect(asset.name).toBe('clip.mp4');
  });

  // HEIC photos import (svg-heic.test.ts); one that is only a header says it cannot be decoded and what to do.
  it('explains that a damaged HEIC photo cannot be decoded', async () => {
    const heic = path.join(temp.tmp, 'IMG_0001.HEIC');
    fs.writeFileSync(heic, Buffer.concat([Buffer.from([0, 0, 0, 0x18]), Buffer.from('ftypheic'), Buffer.alloc(64)]));
    const job = await importPaths([heic]);
    expect(importResultOf(job)!.failed).toEqual([{ path: heic, reason: expect.stringMatching(/^The HEIC photo could not be decoded \(.*\)\. It may be damaged; export it from Photos as JPEG/) }]);
  });

  it('refuses upload ids that could escape the uploads folder', async () => {
    await expect(studio.api['imports.start']({ paths: [], uploads: [{ id: '../../library.sqlite', name: 'x.jpg' }] })).rejects.toMatchObject({ code: 'invalid_input' });
  });

  it('cancels: the job ends cancelled and no partial file remains', async () => {
    const seen: Job[] = [];
    let jobId = '';
    const cancelled = new Promise<void>((resolve) => {
      studio.onEvent((name, payload) => {
        if (name !== 'job.updated') return;
        const j = payload as Job;
        seen.push(j);
        if (j.id === jobId && j.status === 'running') void studio.api['jobs.cancel']({ id: jobId });
        if (j.id === jobId && j.status === 'cancelled') resolve();
      });
    });
    jobId = (await studio.api['imports.start']({ paths: [GOOD_DIR], uploads: [] })).jobId;
    await cancelled;
    await studio.whenIdle();
    expect(filesUnder(studio.folder.stagingDir)).toEqual([]);
    // Whatever finished before the cancel is complete: each row has its original on disk.
    const ids = await studio.api['assets.ids']({ query: '', kind: null, tag: null, trashed: false });
    for (const id of ids) expect(await studio.resolveMedia(id, 'original')).not.toBeNull();
    expect(filesUnder(studio.folder.mediaDir)).toHaveLength(ids.length);
  });

  it('marks a job left running by a crash as failed when the library opens again', async () => {
    studio.database.prepare(
      "INSERT INTO jobs (id, kind, status, title, input, created_at, updated_at) VALUES ('stale', 'import', 'running', 'Import', '{}', '2026-01-01', '2026-01-01')",
    ).run();
    studio = await temp.restart();
    const stale = (await studio.api['jobs.list']({})).find((j) => j.id === 'stale')!;
    expect(stale.status).toBe('failed');
    expect(stale.error).toMatch(/closed before this finished/);
  });
});
