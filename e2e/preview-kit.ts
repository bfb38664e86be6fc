import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Asset } from '../electron/model/asset';
import { defaultTextStyle, defaultTransform, type MediaClip, type TextClip, type Transform, type VideoDraft } from '../electron/model/draft';
import type { Job } from '../electron/model/job';
import { FOOTAGE_DIR } from '../scripts/fixtures';
import { execStep, stderrStep } from './exec';
import { type Work, limitFor, waitStep } from './limits';
import { callApi, expect } from './serve';

/**
 * Steps the preview specs share: phone footage into the library, drafts written through the API (the edit
 * itself is not what these tests are about), opening a draft in the editor, exporting it, and reading frames.
 */

export type Footage = 'pan' | 'life' | 'card';

/** The footage's keyframe interval (scripts/fixtures.ts): a seek decodes at most this much of each source it shows. */
export const KEYFRAME_SEC = 2;

/** What importing these clips is: a file each, and its megabytes uploaded, hashed, stored and read for the waveform. */
export function footageWork(names: readonly Footage[]): Work {
  const bytes = names.reduce((n, name) => n + fs.statSync(path.join(FOOTAGE_DIR, `${name}.mp4`)).size, 0);
  return { files: names.length, megabytes: Math.ceil(bytes / 1e6) };
}

/** What showing a frame is: decoding up to a keyframe interval of each source on it. */
export const decodeWork = (sources: number): Work => ({ decodeSec: sources * KEYFRAME_SEC });

/** Uploads footage clips as a user would (the Import button's file input) and returns their assets by name. */
export async function importFootage(page: Page, names: readonly Footage[]): Promise<Record<Footage, Asset>> {
  await page.getByTestId('import-file-input').setInputFiles(names.map((n) => path.join(FOOTAGE_DIR, `${n}.mp4`)));
  // Per clip: a 15 MB upload, hashing, a probe, a poster frame and a waveform of 10 s of 1080x1920 video.
  await waitStep(`${names.length} clips of footage imported`, footageWork(names), (timeout) =>
    expect(page.getByTestId('asset-cell')).toHaveCount(names.length, { timeout }),
  );
  const { items } = await callApi<{ items: Asset[] }>(page, 'assets.list', {});
  const byName = Object.fromEntries(items.map((a) => [a.name.replace(/\.mp4$/, ''), a])) as Record<Footage, Asset>;
  for (const n of names) expect(byName[n], `asset ${n}`).toBeTruthy();
  return byName;
}

let ids = 0;
export function mediaClip(asset: Asset, start: number, inT: number, outT: number, transform: Partial<Transform> = {}, extra: Partial<MediaClip> = {}): MediaClip {
  return {
    id: `clip${++ids}`, type: 'media', assetId: asset.id, start, in: inT, out: outT, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0,
    transform: { ...defaultTransform('fill'), ...transform }, transitionIn: null, brand: null, ...extra,
  };
}

export function textClip(text: string, start: number, duration: number, y: number): TextClip {
  return {
    id: `text${++ids}`, type: 'text', start, duration, text, x: 0.5, y, maxWidth: 0.9, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null,
    style: { ...defaultTextStyle, box: { color: '#202040', opacity: 0.8, padding: 24, radius: 12 } },
  };
}

/** Creates a 9:16, 30 fps draft and saves the tracks `fill` puts clips on. Returns its id. */
export async function saveDraft(page: Page, name: string, fill: (tracks: Record<'main' | 'overlay' | 'text', VideoDraft['tracks'][number]>) => void): Promise<string> {
  const draft = await callApi<{ id: string; revision: number; doc: VideoDraft }>(page, 'drafts.create', { name, preset: '9:16', fps: 30 });
  const doc = structuredClone(draft.doc);
  const find = (kind: 'main' | 'overlay' | 'text') => doc.tracks.find((t) => t.kind === kind)!;
  fill({ main: find('main'), overlay: find('overlay'), text: find('text') });
  await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
  return draft.id;
}

/** Opens a draft from the Library's Drafts view and waits until the preview shows its first frame (of `sources`). */
export async function openDraft(page: Page, name: string, sources: number): Promise<void> {
  await page.getByTestId('library-nav').click();
  await page.getByTestId('view-drafts').click();
  await page.locator(`[data-testid="draft-row"][data-name="${name}"]`).getByTestId('draft-open').click();
  await expect(page.getByTestId('editor-screen')).toBeVisible();
  const canvas = page.getByTestId('preview-canvas');
  await expect(canvas).toHaveAttribute('data-time', '0.000');
  await waitStep(`the preview shows the first frame of ${sources} sources`, decodeWork(sources), (timeout) =>
    expect(canvas).toHaveAttribute('data-ready', 'true', { timeout }),
  );
}

/**
 * Exports through the API and returns the file's path: the limit grows with the draft's length; an end other
 * than done fails with the job's error, not a timeout.
 */
export async function exportDraft(page: Page, draftId: string, durationSec: number): Promise<string> {
  const { jobId } = await callApi<{ jobId: string }>(page, 'exports.start', { draftId });
  let job: Job | undefined;
  await waitStep(`the ${durationSec.toFixed(1)} s export of 1080x1920 finished`, { mediaSec: durationSec }, (timeout) =>
    expect
      .poll(async () => {
        job = (await callApi<Job[]>(page, 'jobs.list', {})).find((j) => j.id === jobId);
        return job?.status;
      }, { timeout })
      .toMatch(/^(done|failed|cancelled)$/),
  );
  expect(job?.status, job?.error ?? '').toBe('done');
  const result = job!.result;
  if (result?.kind !== 'export') throw new Error('The export job finished without a file.');
  return result.outputPath;
}

/**
 * Extracts the frame shown at `t` seconds (on a frame of `fps`) as a PNG: the first frame from half a frame
 * before. Decoding up to `t` from the keyframe before it is the work: at most `t` seconds of the file. `bt709`
 * decodes with BT.709, as the browser decodes untagged footage (ffmpeg's default would be BT.601): for comparing
 * colours with the preview.
 */
export async function frameAt(file: string, t: number, fps: number, out: string, opts: { bt709?: boolean } = {}): Promise<void> {
  const colour = opts.bt709 ? ['-vf', 'scale=in_color_matrix=bt709'] : [];
  await execStep(`the exported frame at ${t.toFixed(3)} s`, { decodeSec: t }, 'ffmpeg', ['-v', 'error', '-y', '-ss', (t - 0.5 / fps).toFixed(4), '-i', file, '-frames:v', '1', ...colour, out]);
}

/** The editor's default zoom: the ruler's pixels per second. */
export const PX_PER_SEC = 80;

/**
 * Moves the playhead by clicking the ruler (Alt held, so it does not snap to a beat), then waits until the preview shows that exact frame: decoding up to
 * a keyframe interval of each of the `sources` it shows.
 */
export async function seekPreview(page: Page, t: number, sources: number): Promise<void> {
  // Alt: the exact frame asked for, not a beat of imported music within snapping distance of it.
  await page.getByTestId('ruler').click({ position: { x: t * PX_PER_SEC, y: 8 }, modifiers: ['Alt'] });
  const canvas = page.getByTestId('preview-canvas');
  await expect(canvas).toHaveAttribute('data-time', t.toFixed(3));
  await waitStep(`the preview shows ${t.toFixed(3)} s`, decodeWork(sources), (timeout) => expect(canvas).toHaveAttribute('data-ready', 'true', { timeout }));
}

/**
 * SSIM ("All:") of two images by ffmpeg's ssim filter, after scaling both to 270x480 (bicubic), or with `at`,
 * to that size by area averaging (what a picture shown smaller looks like: compare the export at the size of
 * the preview, so the preview is never enlarged).
 */
export async function ssimOf(a: string, b: string, at?: { width: number; height: number }): Promise<number> {
  const scale = at ? `scale=${at.width}:${at.height}:flags=area` : 'scale=270:480:flags=bicubic';
  const graph = `[0:v]${scale},format=yuv420p[a];[1:v]${scale},format=yuv420p[b];[a][b]ssim`;
  // ffmpeg prints the filter's summary on stderr. Two pictures: the fixed part of a step.
  const stderr = await stderrStep(`SSIM of ${path.basename(a)} and ${path.basename(b)}`, {}, 'ffmpeg', ['-hide_banner', '-i', a, '-i', b, '-lavfi', graph, '-f', 'null', '-']);
  const m = /All:([\d.]+)/.exec(stderr);
  if (!m) throw new Error(`ffmpeg printed no SSIM:\n${stderr}`);
  return Number(m[1]);
}

/**
 * Regions of a frame, in fractions of its width and height, that each show one layer (so a layer that goes
 * black is seen even while the others still draw).
 */
export type Region = { name: string; x0: number; y0: number; x1: number; y1: number };

/** Near black: every channel below this (8-bit). The footage never gets this dark. */
export const NEAR_BLACK = 32;
/** A region is "black" when more than this share of its pixels is near black. */
export const MOSTLY = 0.9;

/** Which regions of an RGBA image (w×h) are mostly black. */
export function blackRegions(rgba: Uint8Array | Uint8ClampedArray, w: number, h: number, regions: readonly Region[], channels = 4): string[] {
  const out: string[] = [];
  for (const r of regions) {
    let n = 0;
    let dark = 0;
    for (let y = Math.floor(r.y0 * h); y < Math.ceil(r.y1 * h); y++) {
      for (let x = Math.floor(r.x0 * w); x < Math.ceil(r.x1 * w); x++) {
        const i = (y * w + x) * channels;
        n++;
        if (rgba[i]! < NEAR_BLACK && rgba[i + 1]! < NEAR_BLACK && rgba[i + 2]! < NEAR_BLACK) dark++;
      }
    }
    if (n > 0 && dark / n > MOSTLY) out.push(r.name);
  }
  return out;
}

/** Frames of a file (`durationSec` long: decoding it is the work) at `fps`, scaled to w×h RGB, with the regions that are mostly black in each. */
export async function blackFramesOf(
  file: string,
  durationSec: number,
  fps: number,
  w: number,
  h: number,
  regions: readonly Region[],
): Promise<{ frames: number; black: { t: number; regions: string[] }[] }> {
  const raw = await execStep(`the export's ${durationSec} s decoded for black frames`, { decodeSec: durationSec }, 'ffmpeg', [
    '-v', 'error', '-i', file, '-vf', `fps=${fps},scale=${w}:${h}`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-',
  ]);
  const size = w * h * 3;
  const frames = Math.floor(raw.length / size);
  const black: { t: number; regions: string[] }[] = [];
  for (let i = 0; i < frames; i++) {
    const names = blackRegions(raw.subarray(i * size, (i + 1) * size), w, h, regions, 3);
    if (names.length) black.push({ t: i / fps, regions: names });
  }
  return { frames, black };
}

/** The middle half of the picture: a layer that fills the canvas shows there. */
export const CENTRE: Region = { name: 'centre', x0: 0.25, y0: 0.25, x1: 0.75, y1: 0.75 };

/**
 * Which regions of the preview are mostly black once it shows the frame at `t` (its data-time) with every layer
 * drawn (data-ready), read from an 18x32 copy of the canvas (enough to see a black layer).
 */
export async function previewBlackAt(page: Page, t: number, regions: readonly Region[] = [CENTRE]): Promise<string[]> {
  const canvas = page.getByTestId('preview-canvas');
  await expect(canvas, `the preview at ${t.toFixed(3)} s`).toHaveAttribute('data-time', t.toFixed(3));
  // Decoding up to a keyframe interval (2 s) of each visible clip.
  await expect(canvas, `the preview showing ${t.toFixed(3)} s`).toHaveAttribute('data-ready', 'true', { timeout: limitFor({ decodeSec: 2 }) });
  const [w, h] = [18, 32];
  const px = await canvas.evaluate((src: HTMLCanvasElement, [cw, ch]) => {
    const tiny = document.createElement('canvas');
    [tiny.width, tiny.height] = [cw, ch];
    const ctx = tiny.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(src, 0, 0, cw, ch);
    return Array.from(ctx.getImageData(0, 0, cw, ch).data);
  }, [w, h] as const);
  return blackRegions(Uint8Array.from(px), w, h, regions);
}

/** Mean colour (r, g, b, 0..255) of a picture, read by ffmpeg at 90x160: SSIM alone hardly sees a colour shift. */
export function meanColour(file: string): number[] {
  const px = execFileSync('ffmpeg', ['-v', 'error', '-i', file, '-vf', 'scale=90:160:flags=area', '-frames:v', '1', '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-']);
  const sum = [0, 0, 0];
  for (let i = 0; i < px.length; i++) sum[i % 3]! += px[i]!;
  return sum.map((v) => v / (px.length / 3));
}

/** The largest per-channel difference of two mean colours. */
export const colourGap = (a: number[], b: number[]): number => Math.max(...a.map((v, c) => Math.abs(v - b[c]!)));
