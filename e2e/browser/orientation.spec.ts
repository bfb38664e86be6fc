import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { Asset } from '../../electron/model/asset';
import { defaultTransform, type VideoDraft } from '../../electron/model/draft';
import { place } from '../../electron/model/geometry';
import type { Job } from '../../electron/model/job';
import { PICTURE, UPRIGHT, cornersOf, pictureSource, storedPixels } from '../../electron/render/test-pictures';
import { execStep } from '../exec';
import { testLimit, waitStep } from '../limits';
import { frameAt, mediaClip, openDraft, seekPreview } from '../preview-kit';
import { callApi, expect, test } from '../serve';

// Turned pictures look the same in the preview (Chromium's decode) as in the export (ffmpeg, turned by the
// compiler): photos with an EXIF orientation, by the one rule of media/images.ts (Chromium turns JPEG and PNG by
// their EXIF and shows WebP as stored), and phone videos with a display matrix. Each is a clip on the main track;
// at each clip the preview's picture and the export's frame must show the expected corners (test-pictures.ts).

const CANVAS = { preset: '9:16', width: 288, height: 512, fps: 30, background: '#000000' } as const;
const CLIP = 0.4;

type Source = { file: string; expected: string };

/** The test files: every JPEG orientation, two PNG ones, a WebP (shown as stored), two phone videos. */
async function makeSources(dir: string): Promise<Source[]> {
  const out: Source[] = [];
  const photo = async (format: 'jpeg' | 'png' | 'webp', o: number, expected: string) => {
    const { data, width, height } = storedPixels(o);
    const file = path.join(dir, `${format}-o${o}.${format === 'jpeg' ? 'jpg' : format}`);
    const px = sharp(data, { raw: { width, height, channels: 3 } });
    await (format === 'jpeg' ? px.jpeg({ quality: 95 }) : format === 'png' ? px.png() : px.webp({ lossless: true })).withMetadata({ orientation: o }).toFile(file);
    out.push({ file, expected });
  };
  for (const o of [1, 2, 3, 4, 5, 6, 7, 8]) await photo('jpeg', o, UPRIGHT);
  await photo('png', 5, UPRIGHT);
  await photo('png', 6, UPRIGHT);
  // The stored picture of orientation 6, seen as stored: turned a quarter anticlockwise.
  await photo('webp', 6, 'G.R');
  for (const r of [90, 270]) {
    // Stored turned by r clockwise; the display matrix ffmpeg 5.1 writes for `rotate=r` turns it back.
    const stored = path.join(dir, `stored-${r}.mp4`);
    const file = path.join(dir, `phone-${r}.mp4`);
    await execStep(`a phone clip stored turned ${r}°`, { mediaSec: 1 }, 'ffmpeg', ['-v', 'error', '-f', 'lavfi', '-i', `${pictureSource(1)},transpose=${r === 90 ? 'clock' : 'cclock'}`, '-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p', stored]);
    await execStep(`its rotate=${r} display matrix`, { files: 1 }, 'ffmpeg', ['-v', 'error', '-i', stored, '-c', 'copy', '-metadata:s:v:0', `rotate=${r}`, file]);
    fs.rmSync(stored);
    out.push({ file, expected: UPRIGHT });
  }
  return out;
}

/** The corners of the picture a clip of `asset` shows on a frame (a PNG of the canvas at any scale). */
async function cornersOnFrame(png: Buffer | string, asset: Asset): Promise<string> {
  const { data, info } = await sharp(png).removeAlpha().raw().toBuffer({ resolveWithObject: true });
  const k = info.width / CANVAS.width;
  const { dest } = place(defaultTransform('fit'), { width: asset.width!, height: asset.height! }, CANVAS, true);
  return cornersOf(data, info.width, { x: dest.x * k, y: dest.y * k, width: dest.width * k, height: dest.height * k }, info.channels);
}

test('turned photos and phone videos: the preview and the export show them the same way up', async ({ app }) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-orientation-'));
  const sources = await makeSources(tmp);
  const mediaSec = sources.length * CLIP;
  test.setTimeout(testLimit({ files: sources.length, mediaSec }));

  await waitStep(`importing ${sources.length} photos and clips`, { files: sources.length }, async (timeout) => {
    await app.getByTestId('import-file-input').setInputFiles(sources.map((s) => s.file));
    await expect(app.getByTestId('asset-cell')).toHaveCount(sources.length, { timeout });
  });
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const assets = sources.map((s) => items.find((a) => a.name === path.basename(s.file))!);
  // The facts' size is the picture as shown: the WebP as stored (portrait), everything else upright (landscape).
  expect(assets.map((a) => `${a.name} ${a.width}x${a.height}`)).toEqual(
    sources.map((s) => `${path.basename(s.file)} ${s.file.endsWith('.webp') ? `${PICTURE.height}x${PICTURE.width}` : `${PICTURE.width}x${PICTURE.height}`}`),
  );

  const rec = await callApi<{ id: string; revision: number; doc: VideoDraft }>(app, 'drafts.create', { name: 'Turned', preset: '9:16', fps: 30 });
  const doc = structuredClone(rec.doc);
  doc.canvas = { ...CANVAS };
  doc.tracks.find((t) => t.kind === 'main')!.clips = assets.map((a, i) => mediaClip(a, i * CLIP, 0, CLIP, { reframe: 'fit' }));
  await callApi(app, 'drafts.save', { id: rec.id, baseRevision: rec.revision, doc });

  const output = await waitStep(`exporting ${mediaSec.toFixed(1)} s`, { mediaSec }, async (timeout) => {
    const { jobId } = await callApi<{ jobId: string }>(app, 'exports.start', { draftId: rec.id });
    let job: Job | undefined;
    await expect
      .poll(async () => (job = (await callApi<Job[]>(app, 'jobs.list', {})).find((j) => j.id === jobId))?.status, { timeout })
      .toMatch(/^(done|failed|cancelled)$/);
    expect(job?.status, job?.error ?? '').toBe('done');
    return job!.result?.kind === 'export' ? job!.result.outputPath : '';
  });

  await openDraft(app, 'Turned', 1);
  const seen: string[] = [];
  for (const [i, a] of assets.entries()) {
    const t = i * CLIP + CLIP / 2;
    await seekPreview(app, t, 1);
    const preview = await cornersOnFrame(await app.getByTestId('preview-canvas').screenshot(), a);
    const frame = path.join(tmp, `export-${i}.png`);
    await frameAt(output, t, CANVAS.fps, frame);
    seen.push(`${a.name}: preview ${preview}, export ${await cornersOnFrame(frame, a)}`);
  }
  expect(seen).toEqual(sources.map((s) => `${path.basename(s.file)}: preview ${s.expected}, export ${s.expected}`));
  fs.rmSync(tmp, { recursive: true, force: true });
});
