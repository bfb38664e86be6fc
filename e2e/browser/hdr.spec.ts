import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import sharp from 'sharp';
import type { Asset } from '../../electron/model/asset';
import type { Job } from '../../electron/model/job';
import { LibraryFolder } from '../../electron/library/folder';
import { execStep } from '../exec';
import { testLimit, waitStep } from '../limits';
import { frameAt, mediaClip, openDraft, saveDraft, seekPreview } from '../preview-kit';
import { callApi, expect, test } from '../serve';

// HDR phone footage (HLG in BT.2020, 10-bit HEVC, as an iPhone records by default) as a creator meets it: the
// Library says it is HDR and shown as SDR, and the preview (its tone-mapped proxy, played in Chromium) and the
// export show its colours as the SDR scene they were made from, not grey and washed out.

/** Flat bands (red, green, blue, skin) on the left half, moving textured footage on the right. */
const PATCHES: [number, number, number][] = [[220, 30, 30], [40, 200, 60], [30, 60, 220], [224, 164, 128]];
const BAND = 80;
const W = BAND * PATCHES.length * 2;
const H = 240;
const SEC = 2;
const CANVAS = { width: 1080, height: 1920 };
/** The preview is drawn smaller than the canvas and from an 8-bit proxy: a little more than the export's 5. */
const TOLERANCE = 10;
const hex = (c: readonly number[]) => c.map((v) => v.toString(16).padStart(2, '0')).join('');

/** Mean RGB of a small square at each patch's centre of a picture of the canvas (any scale), the clip fitted. */
async function patchesOf(png: Buffer | string): Promise<number[][]> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const k = info.width / CANVAS.width;
  const fit = CANVAS.width / W;
  const cy = (CANVAS.height / 2) * k;
  return PATCHES.map((_, i) => {
    const cx = (i + 0.5) * BAND * fit * k;
    const sum = [0, 0, 0];
    let n = 0;
    for (let y = Math.round(cy - 2); y <= Math.round(cy + 2); y++)
      for (let x = Math.round(cx - 2); x <= Math.round(cx + 2); x++, n++) for (let c = 0; c < 3; c++) sum[c]! += data[(y * info.width + x) * info.channels + c]!;
    return sum.map((v) => Math.round(v / n));
  });
}

const gaps = (seen: number[][]) => seen.map((rgb, i) => Math.max(...rgb.map((v, c) => Math.abs(v - PATCHES[i]![c]!))));

test('HDR phone footage: the Library says so, and the preview and the export show its colours, not washed out', async ({ app }) => {
  test.setTimeout(testLimit({ files: 1, mediaSec: 3 * SEC, decodeSec: 4 * SEC }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-hdr-'));
  const file = path.join(tmp, 'IMG_0001.MOV');
  const bands = PATCHES.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=0x${hex(c)}:s=${BAND}x${H}:r=30:d=${SEC}`]);
  const graph = `${PATCHES.map((_, i) => `[${i}:v]`).join('')}hstack=inputs=${PATCHES.length}[b];[b][${PATCHES.length}:v]hstack,format=gbrp,`
    + 'zscale=tin=709:pin=709:min=709:t=arib-std-b67:p=2020:m=2020_ncl:r=limited:npl=203,format=yuv420p10le';
  await execStep('an HLG HEVC phone clip', { mediaSec: SEC }, 'ffmpeg', [
    '-v', 'error', ...bands, '-f', 'lavfi', '-i', `testsrc2=s=${W / 2}x${H}:r=30:d=${SEC}`, '-filter_complex', graph,
    '-c:v', 'libx265', '-x265-params', 'log-level=error:crf=12:colorprim=bt2020:transfer=arib-std-b67:colormatrix=bt2020nc', '-tag:v', 'hvc1', file,
  ]);

  await waitStep('importing the clip and making its proxy', { files: 1, mediaSec: SEC }, async (timeout) => {
    await app.getByTestId('import-file-input').setInputFiles([file]);
    await expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout });
    await expect.poll(async () => (await callApi<Job[]>(app, 'jobs.list', {})).filter((j) => j.kind === 'proxy').map((j) => j.status).join(), { timeout }).toBe('done');
  });
  await app.getByTestId('asset-cell').dblclick();
  await expect(app.getByTestId('detail-panel').getByTestId('facts')).toContainText('HDR (HLG) · shown and exported as SDR');
  // The Library's player plays it: its proxy (the HEVC original is not playable in the browser), not a spinner.
  const player = app.getByTestId('detail-video');
  await expect(player).toHaveAttribute('data-variant', 'proxy');
  await player.evaluate((v: HTMLVideoElement) => {
    v.muted = true;
    return v.play();
  });
  await waitStep('the Library player plays past 0.5 s', { realSec: 0.5, decodeSec: 1 }, (timeout) =>
    expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout }).toBeGreaterThan(0.5),
  );
  await player.evaluate((v: HTMLVideoElement) => v.pause());
  await app.keyboard.press('Escape');

  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const asset = items[0]!;
  expect(asset.hasProxy).toBe(true);
  const draftId = await saveDraft(app, 'Phone HDR', (t) => {
    t.main.clips = [mediaClip(asset, 0, 0, SEC, { reframe: 'fit' })];
  });
  const output = await waitStep(`exporting ${SEC} s`, { mediaSec: SEC }, async (timeout) => {
    const { jobId } = await callApi<{ jobId: string }>(app, 'exports.start', { draftId });
    let job: Job | undefined;
    await expect.poll(async () => (job = (await callApi<Job[]>(app, 'jobs.list', {})).find((j) => j.id === jobId))?.status, { timeout }).toMatch(/^(done|failed|cancelled)$/);
    expect(job?.status, job?.error ?? '').toBe('done');
    return job!.result?.kind === 'export' ? job!.result.outputPath : '';
  });

  await openDraft(app, 'Phone HDR', 1);
  const t = 1;
  await seekPreview(app, t, 1);
  const preview = await patchesOf(await app.getByTestId('preview-canvas').screenshot());
  const frame = path.join(tmp, 'export.png');
  await frameAt(output, t, 30, frame, { bt709: true });
  const exported = await patchesOf(frame);
  // Read as BT.709 (as before) red came out about 160,90,60: 60 code values off.
  expect({ preview: gaps(preview), exported: gaps(exported) }, JSON.stringify({ preview, exported })).toEqual({
    preview: gaps(preview).map((g) => Math.min(g, TOLERANCE)),
    exported: gaps(exported).map((g) => Math.min(g, TOLERANCE)),
  });
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('a library from before: a proxy Chromium decodes wrongly is checked and replaced while the draft is open, and the preview shows the new one', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 1, mediaSec: 3 * SEC, decodeSec: 4 * SEC }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-old-proxy-'));
  // Untagged 2560x960 SDR footage: Chromium decodes it as BT.709, but an untagged 960x360 proxy of it as BT.601.
  const file = path.join(tmp, 'camera.mp4');
  const bands = PATCHES.flatMap((c) => ['-f', 'lavfi', '-i', `color=c=0x${hex(c)}:s=${BAND}x${H}:r=30:d=${SEC}`]);
  const graph = `${PATCHES.map((_, i) => `[${i}:v]`).join('')}hstack=inputs=${PATCHES.length}[b];[b][${PATCHES.length}:v]hstack,scale=2560:960:flags=neighbor,setsar=1,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p`;
  await execStep('an untagged 2560x960 clip', { mediaSec: SEC }, 'ffmpeg', ['-v', 'error', ...bands, '-f', 'lavfi', '-i', `testsrc2=s=${W / 2}x${H}:r=30:d=${SEC}`, '-filter_complex', graph, '-c:v', 'libx264', '-crf', '10', file]);
  await waitStep('importing the clip and making its proxy', { files: 1, mediaSec: SEC }, async (timeout) => {
    await app.getByTestId('import-file-input').setInputFiles([file]);
    await expect.poll(async () => (await callApi<Job[]>(app, 'jobs.list', {})).filter((j) => j.kind === 'proxy').map((j) => j.status).join(), { timeout }).toBe('done');
  });
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const asset = await callApi<Asset>(app, 'assets.get', { id: items[0]!.id });
  // As a library from before: no dynamic range kept, and the proxy made untagged, as proxies were.
  const proxy = new LibraryFolder(server.libraryPath).proxyPath(asset.sha256);
  await execStep('an untagged proxy, as before', { mediaSec: SEC }, 'ffmpeg', ['-v', 'error', '-y', '-i', file, '-vf', 'scale=960:360', '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', proxy]);
  const db = new Database(path.join(server.libraryPath, 'library.sqlite'));
  db.prepare('UPDATE assets SET dynamic_range = NULL WHERE id = ?').run(asset.id);
  db.close();

  await saveDraft(app, 'Old footage', (t) => {
    t.main.clips = [mediaClip(asset, 0, 0, SEC, { reframe: 'fit' })];
  });
  // Opening the draft checks the clip ("Checking a video's colours") and makes its proxy again.
  await openDraft(app, 'Old footage', 1);
  await waitStep('the proxy checked and made again', { mediaSec: SEC }, (timeout) =>
    expect.poll(async () => (await callApi<Job[]>(app, 'jobs.list', {})).filter((j) => j.title === 'Checking a video’s colours').map((j) => j.status).join(), { timeout }).toBe('done'),
  );
  // Its poster and its proxy were made again: two new addresses.
  expect((await callApi<Asset>(app, 'assets.get', { id: asset.id })).mediaRev).toBe(2);
  // The preview plays the new proxy (a new address), not the one it had loaded: the colours are the scene's.
  await expect.poll(async () => {
    await seekPreview(app, 1, 1);
    return gaps(await patchesOf(await app.getByTestId('preview-canvas').screenshot())).every((g) => g <= TOLERANCE);
  }, { timeout: testLimit({ decodeSec: 2 }) }).toBe(true);
  fs.rmSync(tmp, { recursive: true, force: true });
});
