import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { resolveBinaries } from '../media/binaries';
import { defaultTransform } from '../model/draft';
import { type Job, exportResultOf } from '../model/job';
import { draft, media, track } from '../render/test-drafts';
import type { Studio } from '../studio';
import { type TempStudio, openTempStudio } from './__tests__/temp-studio';

// HDR phone footage (HLG in BT.2020, 10-bit HEVC, as iPhones record by default) is tone-mapped to SDR BT.709 by
// the same filters in its proxy (what the preview plays), its poster and its export: every colour patch comes out
// within a few code values of the SDR picture it was made from (BT.2408: SDR white at HLG's reference white).
// Before, the HLG signal was read as BT.709: red 220,30,30 came out about 170,80,50, grey and washed out.

const bins = resolveBinaries({ env: process.env });
const H = 240;
const PATCH_W = 80;
/** Flat bands (red, green, blue, skin) on the left; moving, textured test footage on the right. */
const PATCHES: [number, number, number][] = [[220, 30, 30], [40, 200, 60], [30, 60, 220], [224, 164, 128]];
const W = PATCH_W * PATCHES.length * 2;
const TOLERANCE = 5;
/** The poster is a JPEG (quality 3 of 31, chroma at half size): a little more is lost in it. */
const POSTER_TOLERANCE = 8;
const hex = (c: readonly number[]) => c.map((v) => v.toString(16).padStart(2, '0')).join('');
const ff = (args: string[]) => execFileSync(bins.ffmpeg, ['-v', 'error', '-y', ...args], { maxBuffer: 1 << 26 });
const probe = (file: string, entries: string) =>
  execFileSync(bins.ffprobe, ['-v', 'error', '-select_streams', 'v:0', '-show_entries', `stream=${entries}`, '-of', 'default=nw=1:nk=1', file]).toString().trim().split('\n');
const worst = (a: readonly number[], b: readonly number[]) => Math.max(...a.map((v, i) => Math.abs(v - b[i]!)));

/** RGB at (x, y) of the frame at `t`, decoded as BT.709 (what proxies and exports are tagged); a JPEG as JPEG. */
function colourAt(file: string, x: number, y: number, t = 0): number[] {
  const jpeg = file.endsWith('.jpg');
  const decode = jpeg ? 'format=rgb24' : 'scale=in_color_matrix=bt709:in_range=tv,format=rgb24';
  // A still has no time to seek to (`-ss` on it yields no frame).
  const px = ff([...(t > 0 ? ['-ss', t.toFixed(3)] : []), '-i', file, '-frames:v', '1', '-vf', `crop=2:2:${x}:${y},${decode}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  return [px[0]!, px[1]!, px[2]!];
}

let dir = '';
const hlgClip = () => path.join(dir, 'phone-hlg.mov');
/** The same scene in SDR, untagged, 1440 lines: Chromium decodes it as BT.709; its 540-line proxy untagged, as BT.601. */
const sdrClip = () => path.join(dir, 'camera-sdr.mp4');

beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-hdr-'));
  const bands = PATCHES.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=0x${hex(c)}:s=${PATCH_W}x${H}:r=24:d=2`]);
  const moving = ['-f', 'lavfi', '-i', `testsrc2=s=${W / 2}x${H}:r=24:d=2`];
  const stack = `${PATCHES.map((_, i) => `[${i}:v]`).join('')}hstack=inputs=${PATCHES.length}[b];[b][${PATCHES.length}:v]hstack,format=gbrp,`
    // SDR → HLG with SDR white at HLG's reference white (203 nits), as a phone's HDR recording of the same scene.
    + 'zscale=tin=709:pin=709:min=709:t=arib-std-b67:p=2020:m=2020_ncl:r=limited:npl=203,format=yuv420p10le';
  ff([...bands, ...moving, '-filter_complex', `${stack.slice(0, stack.indexOf('format=gbrp'))}scale=2560:1440:flags=neighbor,setsar=1,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p`, '-c:v', 'libx264', '-crf', '8', sdrClip()]);
  ff([...bands, ...moving, '-filter_complex', stack, '-c:v', 'libx265', '-x265-params', 'log-level=error:crf=10:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc', '-tag:v', 'hvc1', hlgClip()]);
}, 120_000);
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

describe('HDR footage', () => {
  let temp: TempStudio;
  let studio: Studio;
  const proxyJobs = () => temp.events.filter((e) => e.name === 'job.updated').map((e) => e.payload as Job).filter((j) => j.kind === 'proxy');

  beforeEach(async () => {
    temp = await openTempStudio('pf-hdr-studio-');
    studio = temp.studio;
  });
  afterEach(() => temp.close());

  async function importHlg(file = hlgClip()): Promise<string> {
    await studio.api['imports.start']({ paths: [file], uploads: [] });
    await studio.whenIdle();
    const ids = await studio.api['assets.ids']({ query: '', kind: null, tag: null, trashed: false });
    expect(ids).toHaveLength(1);
    return ids[0]!;
  }

  const expectPatches = (file: string, at: (i: number) => [number, number], t = 0, tolerance = TOLERANCE) =>
    PATCHES.forEach((rgb, i) => expect(worst(colourAt(file, ...at(i), t), rgb), `${path.basename(file)} patch ${i}`).toBeLessThanOrEqual(tolerance));

  it('is recognised at import; its proxy and poster are tone-mapped SDR BT.709 with the colours of the scene', async () => {
    const id = await importHlg();
    const asset = await studio.api['assets.get']({ id });
    expect(asset.facts.dynamicRange).toBe('hlg');
    expect(asset.hasProxy).toBe(true);
    expect(asset).not.toHaveProperty('mediaRev');
    const proxy = studio.folder.proxyPath(asset.sha256);
    expect(probe(proxy, 'pix_fmt,color_space,color_transfer,color_primaries')).toEqual(['yuv420p', 'bt709', 'bt709', 'bt709']);
    // The proxy is the original's size here (under 960 px): the patches are where they were.
    expectPatches(proxy, (i) => [(i + 0.5) * PATCH_W, H / 2], 0.5);
    expectPatches(studio.folder.posterPath(asset.sha256), (i) => [(i + 0.5) * PATCH_W, H / 2], 0, POSTER_TOLERANCE);
  });

  it.each([false, true])('exports with the colours its proxy shows (the preview), tagged BT.709 (reversed: %s)', async (reversed) => {
    const id = await importHlg();
    if (reversed) {
      // The reversed copy is tone-mapped when made; the export must not map it again.
      const { jobId } = await studio.api['reverse.start']({ assetId: id });
      expect((await studio.waitForJob(jobId!)).status).toBe('done');
    }
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'HDR' });
    const canvas = { width: 360, height: 640, fps: 24 as const, background: '#000000' };
    const doc = { ...draft([track('main', 'main', [media('a', id, 0, 0, 1.5, { transform: defaultTransform('fit'), reversed })])], canvas), name: 'HDR' };
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
    const { jobId } = await studio.api['exports.start']({ draftId: rec.id, preset: { height: 'canvas', fps: 'canvas', quality: 'high' } });
    const job = await studio.waitForJob(jobId);
    expect(job.status, job.error ?? '').toBe('done');
    const out = exportResultOf(job)!.outputPath;
    expect(probe(out, 'color_space,color_transfer,color_primaries')).toEqual(['bt709', 'bt709', 'bt709']);
    const k = canvas.width / W;
    const top = (canvas.height - H * k) / 2;
    // Patch centres, scaled into the canvas (each band is 36 px wide there).
    expectPatches(out, (i) => [Math.round((i + 0.5) * PATCH_W * k), Math.round(top + (H / 2) * k)], 0.5);
  });

  it('imported before its dynamic range was kept: the next draft open checks it and remakes the proxy, once', async () => {
    const id = await importHlg();
    const asset = await studio.api['assets.get']({ id });
    const proxy = studio.folder.proxyPath(asset.sha256);
    // As a library from before: no dynamic range, and a proxy made without tone mapping (BT.2020 HLG tags kept).
    studio.database.prepare('UPDATE assets SET dynamic_range = NULL WHERE id = ?').run(id);
    ff(['-i', hlgClip(), '-vf', 'format=yuv420p', '-c:v', 'libx264', '-preset', 'ultrafast', '-colorspace', 'bt2020nc', '-color_primaries', 'bt2020', '-color_trc', 'arib-std-b67', proxy]);
    expect(worst(colourAt(proxy, PATCH_W / 2, H / 2), PATCHES[0]!)).toBeGreaterThan(20);
    expect((await studio.api['assets.get']({ id })).facts.dynamicRange).toBeUndefined();

    const before = proxyJobs().length;
    const rec = await studio.api['drafts.create']({ kind: 'video', name: 'Old HDR' });
    const doc = { ...draft([track('main', 'main', [media('a', id, 0, 0, 1)])]), name: 'Old HDR' };
    await studio.api['drafts.save']({ id: rec.id, baseRevision: rec.revision, doc });
    await studio.api['drafts.get']({ id: rec.id });
    await studio.whenIdle();
    const started = proxyJobs().slice(before);
    expect(started.at(-1)).toMatchObject({ status: 'done', title: 'Checking a video’s colours', result: { kind: 'proxy', assetIds: [id], made: 1 } });
    const checked = await studio.api['assets.get']({ id });
    expect(checked.facts.dynamicRange).toBe('hlg');
    // Its poster and its proxy were made again: their addresses change, so the browser does not show cached ones.
    expect(checked.mediaRev).toBe(2);
    expect(probe(proxy, 'color_space,color_transfer')).toEqual(['bt709', 'bt709']);
    expectPatches(proxy, (i) => [(i + 0.5) * PATCH_W, H / 2]);
    // Checked: opening again starts nothing.
    const count = new Set(proxyJobs().map((j) => j.id)).size;
    await studio.api['drafts.get']({ id: rec.id });
    await studio.whenIdle();
    expect(new Set(proxyJobs().map((j) => j.id)).size).toBe(count);
  });

  it('SDR footage imported before: checked once; a proxy from before colours were tagged is made again, tagged', async () => {
    const id = await importHlg(sdrClip());
    const asset = await studio.api['assets.get']({ id });
    expect(asset.facts.dynamicRange).toBe('sdr');
    // Its poster keeps the colours (BT.709 read as BT.709, not as JPEG's BT.601).
    // The 2560x1440 clip's poster is 1280x720: each band 160 px wide.
    expectPatches(studio.folder.posterPath(asset.sha256), (i) => [(i + 0.5) * PATCH_W * 2, 360], 0, POSTER_TOLERANCE);
    const proxy = studio.folder.proxyPath(asset.sha256);
    // As before session 18: an untagged 960x540 proxy, which Chromium decodes as BT.601.
    studio.database.prepare('UPDATE assets SET dynamic_range = NULL WHERE id = ?').run(id);
    ff(['-i', sdrClip(), '-vf', 'scale=960:540', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', proxy]);
    expect(probe(proxy, 'color_space')).toEqual(['unknown']);
    studio.ensureProxies([id]);
    await studio.whenIdle();
    expect(proxyJobs().at(-1)).toMatchObject({ status: 'done', title: 'Checking a video’s colours', result: { made: 1 } });
    expect(probe(proxy, 'color_space')).toEqual(['bt709']);
    // Its poster was made again too (posters from before read BT.709 as BT.601), and its proxy: two new addresses.
    expect(await studio.api['assets.get']({ id })).toMatchObject({ facts: { dynamicRange: 'sdr' }, mediaRev: 2 });
    expect(studio.ensureProxies([id])).toBeNull();
    // A proxy that is right is left alone when checked.
    studio.database.prepare('UPDATE assets SET dynamic_range = NULL WHERE id = ?').run(id);
    const made = fs.statSync(proxy).mtimeMs;
    studio.ensureProxies([id]);
    await studio.whenIdle();
    expect(proxyJobs().at(-1)).toMatchObject({ status: 'done', result: { made: 0 } });
    expect(fs.statSync(proxy).mtimeMs).toBe(made);
    expect((await studio.api['assets.get']({ id })).mediaRev).toBe(3);
  });
});
