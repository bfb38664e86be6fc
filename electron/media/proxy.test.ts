import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EventPayload } from '../api/contract';
import { defaultTransform } from '../model/draft';
import type { Job } from '../model/job';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from '../studio/__tests__/temp-studio';
import { toneMapFilters } from '../model/video-colour';
import { proxyArgs, proxyPartPath } from './proxy';

const FFMPEG = process.env.POSTFRAME_FFMPEG ?? 'ffmpeg';
const FFPROBE = process.env.POSTFRAME_FFPROBE ?? 'ffprobe';

function ffmpeg(args: string[]): void {
  execFileSync(FFMPEG, ['-v', 'error', '-y', ...args], { stdio: ['ignore', 'ignore', 'inherit'] });
}

function probeVideo(file: string): { codec_name: string; width: number; height: number; pix_fmt: string } {
  const out = execFileSync(FFPROBE, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=codec_name,width,height,pix_fmt', '-of', 'json', file]);
  return (JSON.parse(out.toString()) as { streams: { codec_name: string; width: number; height: number; pix_fmt: string }[] }).streams[0]!;
}

function filesUnder(dir: string): string[] {
  if (!fs.existsSync(dir)) return [];
  return (fs.readdirSync(dir, { recursive: true }) as string[]).filter((f) => fs.statSync(path.join(dir, f)).isFile());
}

describe('proxy arguments', () => {
  it('scales to the planned size, caps the rate, keeps audio only when there is some', () => {
    const a = proxyArgs({ width: 3840, height: 2160, fps: 120, hasAudio: true });
    expect(a.join(' ')).toContain('-vf fps=60,scale=960:540,setsar=1');
    expect(a.join(' ')).toContain('-c:v libx264 -preset veryfast -crf 18 -pix_fmt yuv420p -g 30 -keyint_min 30');
    expect(a.join(' ')).toContain('-map 0:a:0');
    expect(a.join(' ')).toContain('-c:a aac -b:a 96k -movflags +faststart');
    const silent = proxyArgs({ width: 1080, height: 2400, fps: 30, hasAudio: false });
    expect(silent.join(' ')).toContain('-vf scale=432:960,setsar=1 ');
    expect(silent.join(' ')).toContain('-g 15 ');
    expect(silent).not.toContain('0:a:0');
    expect(silent).not.toContain('aac');
  });

  it('tags the proxy with the matrix the original is decoded with (the proxy keeps its YUV), none when unknown', () => {
    const tags = (m: 'bt601' | 'bt709') => proxyArgs({ width: 1920, height: 1080, fps: 30, hasAudio: false }, { matrix: m, fullRange: false }).join(' ');
    expect(tags('bt709')).toContain('-colorspace bt709 -color_primaries bt709 -color_trc bt709');
    expect(tags('bt601')).toContain('-colorspace smpte170m -color_primaries smpte170m -color_trc smpte170m');
    expect(proxyArgs({ width: 1920, height: 1080, fps: 30, hasAudio: false }).join(' ')).not.toContain('-colorspace');
  });

  it('tone-maps HDR footage with the export’s filters (after dropping frames, before scaling) and tags it BT.709', () => {
    const a = proxyArgs({ width: 1080, height: 1920, fps: 120, hasAudio: false }, { matrix: 'bt2020', fullRange: false, dynamicRange: 'hlg' }).join(' ');
    expect(a).toContain(`-vf fps=60,${toneMapFilters({ matrix: 'bt2020', fullRange: false, dynamicRange: 'hlg' }).join(',')},scale=540:960,setsar=1 `);
    expect(a).toContain('-colorspace bt709 -color_primaries bt709 -color_trc bt709');
  });

  it('writes to a hidden part file beside the proxy', () => {
    expect(proxyPartPath('/lib/cache/proxies/ab/abc.mp4')).toBe('/lib/cache/proxies/ab/.abc.part.mp4');
  });
});

describe('proxies through the Studio', () => {
  let media: string;
  let temp: TempStudio;
  let studio: Studio;
  let events: TempStudio['events'];
  const jobsOf = (kind: Job['kind']) => events.filter((e) => e.name === 'job.updated').map((e) => e.payload as Job).filter((j) => j.kind === kind);

  beforeAll(() => {
    media = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-proxy-media-'));
    const tone = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1'];
    // Heavy by size: 2560x1440 H.264 with audio.
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=2560x1440:rate=30:duration=1', ...tone, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-shortest', path.join(media, 'wide.mp4')]);
    // Light: 640x360 H.264, which Chromium plays as it is.
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=640x360:rate=30:duration=1', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', path.join(media, 'small.mp4')]);
    // Undecodable in Chromium whatever its size: a long MPEG-4 Part 2 clip, long enough to cancel its proxy mid-way.
    ffmpeg(['-f', 'lavfi', '-i', 'testsrc2=size=480x270:rate=30:duration=90', '-c:v', 'mpeg4', '-q:v', '10', path.join(media, 'long-mpeg4.mp4')]);
  });
  afterAll(() => fs.rmSync(media, { recursive: true, force: true }));

  beforeEach(async () => {
    temp = await openTempStudio('pf-proxy-');
    ({ studio, events } = temp);
  });
  afterEach(() => temp.close());

  async function importFile(name: string): Promise<string> {
    await studio.api['imports.start']({ paths: [path.join(media, name)], uploads: [] });
    await studio.whenIdle();
    const ids = await studio.api['assets.ids']({ query: '', kind: null, tag: null, trashed: false });
    expect(ids).toHaveLength(1);
    return ids[0]!;
  }

  it('makes a 960 px H.264 proxy of a 2560x1440 video after its import, serves it, and removes it with the asset', async () => {
    const id = await importFile('wide.mp4');
    const imports = jobsOf('import');
    expect(imports.at(-1)?.status).toBe('done');
    const proxyJob = jobsOf('proxy').at(-1);
    expect(proxyJob).toMatchObject({ status: 'done', result: { kind: 'proxy', assetIds: [id], made: 1 } });

    const asset = await studio.api['assets.get']({ id });
    expect(asset.hasProxy).toBe(true);
    expect((await studio.api['assets.list']({ query: '', kind: null, tag: null, trashed: false, sort: 'imported', order: 'desc', offset: 0, limit: 10 })).items[0]?.hasProxy).toBe(true);
    const file = studio.folder.proxyPath(asset.sha256);
    expect(fs.existsSync(file)).toBe(true);
    expect(probeVideo(file)).toEqual({ codec_name: 'h264', width: 960, height: 540, pix_fmt: 'yuv420p' });
    // The untagged 1440p original is BT.709 to Chromium; untagged, its 540-line proxy would be shown as BT.601.
    expect(execFileSync(FFPROBE, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=color_space', '-of', 'csv=p=0', file]).toString().trim()).toBe('bt709');
    expect(events).toContainEqual({ name: 'assets.changed', payload: { reason: 'updated', ids: [id] } satisfies EventPayload<'assets.changed'> });
    expect(await studio.resolveMedia(id, 'proxy')).toEqual({ path: file, mime: 'video/mp4' });
    // Asking again does nothing: it has its proxy.
    expect(studio.ensureProxies([id])).toBeNull();

    await studio.api['assets.trash']({ ids: [id] });
    await studio.api['assets.purge']({ ids: [id] });
    expect(fs.existsSync(file)).toBe(false);
  });

  it('opening a draft starts a proxy for a video of it that has none (imported before it needed one), once', async () => {
    const id = await importFile('wide.mp4');
    // As a library from before the trigger was lowered: the asset has no proxy.
    const asset = await studio.api['assets.get']({ id });
    fs.rmSync(studio.folder.proxyPath(asset.sha256), { force: true });
    expect(studio.rooms.assets.setHasProxy(id, false)).toBe(true);
    const before = jobsOf('proxy').length;
    const d = await studio.api['drafts.create']({ kind: 'video', name: 'Old footage', preset: '9:16', fps: 30 });
    if (d.doc.kind !== 'video') throw new Error('video draft expected');
    const clip = { id: 'c1', type: 'media' as const, assetId: id, start: 0, in: 0, out: 1, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transform: defaultTransform(), transitionIn: null, brand: null };
    const doc = { ...d.doc, tracks: d.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
    await studio.api['drafts.save']({ id: d.id, baseRevision: d.revision, doc });
    // Opened twice while its proxy is being made: one job, not two.
    await studio.api['drafts.get']({ id: d.id });
    await studio.api['drafts.get']({ id: d.id });
    await studio.whenIdle();
    const started = jobsOf('proxy').slice(before);
    expect(new Set(started.map((j) => j.id)).size).toBe(1);
    expect(started.at(-1)).toMatchObject({ status: 'done', result: { kind: 'proxy', assetIds: [id], made: 1 } });
    expect((await studio.api['assets.get']({ id })).hasProxy).toBe(true);
    // Opened again with its proxy made: nothing starts.
    await studio.api['drafts.get']({ id: d.id });
    expect(new Set(jobsOf('proxy').map((j) => j.id)).size).toBe(new Set(jobsOf('proxy').slice(0, before).map((j) => j.id)).size + 1);
  });

  it('makes no proxy job for a small H.264 clip, and serves no proxy for it', async () => {
    const id = await importFile('small.mp4');
    expect(jobsOf('import').at(-1)?.status).toBe('done');
    expect(jobsOf('proxy')).toEqual([]);
    expect((await studio.api['assets.get']({ id })).hasProxy).toBe(false);
    expect(studio.ensureProxies([id])).toBeNull();
    expect(await studio.resolveMedia(id, 'proxy')).toBeNull();
    expect(filesUnder(studio.folder.proxiesDir)).toEqual([]);
  });

  it('cancelling a proxy job kills ffmpeg and leaves no part file and no proxy', async () => {
    let cancelled = false;
    let atCancel: string[] = [];
    studio.onEvent((name, payload) => {
      const job = payload as Job;
      // Cancel once ffmpeg has reported progress, i.e. while it is writing the part file.
      if (name === 'job.updated' && job.kind === 'proxy' && job.status === 'running' && (job.progress ?? 0) > 0 && !cancelled) {
        cancelled = true;
        atCancel = filesUnder(studio.folder.proxiesDir);
        studio.api['jobs.cancel']({ id: job.id }).catch(() => {});
      }
    });
    const id = await importFile('long-mpeg4.mp4');
    expect(cancelled).toBe(true);
    expect(atCancel.map((f) => path.basename(f))).toEqual([expect.stringMatching(/^\.[0-9a-f]{64}\.part\.mp4$/)]);
    expect(jobsOf('import').at(-1)?.status).toBe('done');
    expect(jobsOf('proxy').at(-1)?.status).toBe('cancelled');
    expect((await studio.api['assets.get']({ id })).hasProxy).toBe(false);
    expect(filesUnder(studio.folder.proxiesDir)).toEqual([]);
  });
});
