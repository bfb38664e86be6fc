import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { transitionKinds } from '../../electron/model/draft';
import { GOOD_DIR } from '../../scripts/fixtures';
import { download, exportInDialog } from '../editor-kit';
import { ffprobe } from '../exec';
import { allOf, testLimit, waitStep } from '../limits';
import {
  blackFramesOf,
  blackRegions,
  colourGap,
  decodeWork,
  exportDraft,
  footageWork,
  frameAt,
  importFootage,
  meanColour,
  mediaClip,
  openDraft,
  PX_PER_SEC,
  type Region,
  saveDraft,
  seekPreview,
  ssimOf,
  textClip,
} from '../preview-kit';
import { expect, test } from '../serve';

const good = (name: string) => path.join(GOOD_DIR, name);
const clip = (page: Page, name: string) => page.locator(`[data-testid="clip"][aria-label="${name}"]`);

/** Drags an edge handle horizontally by dx pixels in small steps, like a hand would. */
async function dragBy(page: Page, handle: Locator, dx: number): Promise<void> {
  const box = (await handle.boundingBox())!;
  const x = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await page.mouse.move(x, y);
  await page.mouse.down();
  for (let i = 1; i <= 8; i++) await page.mouse.move(x + (dx * i) / 8, y);
  await page.mouse.up();
}

/** The three times the first test compares the preview with the export, and the one picture shown at each. */
const CHECKS = [0.5, 2.5, 3.2];

test('build an edit, survive a reload, export it, and the preview matches the file', async ({ app }) => {
  // Three files imported, a 3.5 s export, then a seek and a frame read back at each check.
  test.setTimeout(testLimit(allOf({ files: 3, mediaSec: 3.5 }, ...CHECKS.map((at) => allOf(decodeWork(1), { decodeSec: at })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-editor-'));

  await app.getByTestId('import-file-input').setInputFiles([good('red-clip.mp4'), good('blue-clip.mp4'), good('music-loop.mp3')]);
  await waitStep('3 files imported', { files: 3 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(3, { timeout }));

  // Drafts: the empty state teaches the first step.
  await app.getByTestId('view-drafts').click();
  await expect(app.getByTestId('drafts-empty')).toContainText('Create your first video');
  await app.getByTestId('new-draft-empty').click();
  await app.getByTestId('new-draft-name').fill('Red then blue');
  await app.getByTestId('preset-9:16').click();
  await app.getByTestId('fps-30').click();
  await app.getByTestId('new-draft-create').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await expect(app.getByTestId('draft-name')).toHaveValue('Red then blue');
  // An empty draft says where to begin instead of showing a black frame.
  await expect(app.getByTestId('preview-empty')).toContainText('Add media from the left');

  // Clips from the bin: "+" appends to the main track (pictures), or puts a sound at the playhead (0 s) on the music track.
  const bin = app.getByTestId('media-bin');
  await bin.locator('[data-testid="bin-item"][data-name="red-clip.mp4"]').getByTestId('bin-add').click();
  await expect(clip(app, 'red-clip.mp4')).toHaveCount(1);
  await bin.locator('[data-testid="bin-item"][data-name="blue-clip.mp4"]').getByTestId('bin-add').click();
  await bin.locator('[data-testid="bin-item"][data-name="music-loop.mp3"]').getByTestId('bin-add').click();
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(2);
  await expect(app.getByTestId('preview-empty'), 'the empty hint goes once the draft has clips').toHaveCount(0);
  await expect(app.getByTestId('lane-audio').first().getByTestId('clip')).toHaveCount(1);
  await expect(clip(app, 'blue-clip.mp4')).toHaveAttribute('data-start', '2.000');

  // A text at the playhead (0 s), moved up so it sits over the red clip's picture.
  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveCount(1);
  await app.getByTestId('insp-text').fill('Hello red');
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Hello red');

  // Trim the blue clip's end by half a second; the blue clip is fitted (letterboxed) for the third check.
  const blue = clip(app, 'blue-clip.mp4');
  await dragBy(app, blue.getByTestId('clip-trim-end'), -0.5 * PX_PER_SEC);
  await expect(blue).toHaveAttribute('data-duration', '1.500');
  await app.getByTestId('undo').click();
  await expect(blue).toHaveAttribute('data-duration', '2.000');
  await app.getByTestId('redo').click();
  await expect(blue).toHaveAttribute('data-duration', '1.500');
  await blue.click();
  await app.getByTestId('insp-reframe-fit').click();
  await expect(app.getByTestId('insp-reframe-fit')).toHaveAttribute('aria-checked', 'true');

  // Autosave: the edit is on disk within 2 s, and a reload reopens it.
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  await app.reload();
  await app.getByTestId('editor-nav').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await expect(clip(app, 'blue-clip.mp4')).toHaveAttribute('data-duration', '1.500');
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Hello red');
  await expect(app.getByTestId('timecode')).toContainText('00:00:03:15');

  // Export, with progress in the dialog, then download the file.
  await app.getByTestId('export-button').click();
  await exportInDialog(app, 3.5);
  await expect(app.getByTestId('export-path')).toContainText('.mp4');
  const file = path.join(tmp, 'export.mp4');
  await (await download(app, app.getByTestId('export-download'), 'the export')).saveAs(file);
  const probe = await ffprobe(file);
  const video = probe.streams.find((s) => s.codec_type === 'video')!;
  const audio = probe.streams.find((s) => s.codec_type === 'audio')!;
  expect(video.codec_name).toBe('h264');
  expect(audio.codec_name).toBe('aac');
  expect([video.width, video.height]).toEqual([1080, 1920]);
  expect(Math.abs(Number(probe.format.duration) - 3.5)).toBeLessThan(0.15);
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('export-dialog')).toBeHidden();
  // Nothing selected: the preview's selection outline and handles are drawn over the picture, not in it.
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('dm-selection')).toHaveCount(0);

  // What you see is what you export: preview screenshots vs exported frames at three times.
  for (const at of CHECKS) {
    await seekPreview(app, at, 1);
    const shot = path.join(tmp, `preview-${at}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const frame = path.join(tmp, `export-${at}.png`);
    // Decoded as Chromium and players show a 1080x1920 file: BT.709 (its tag, or their guess for untagged HD).
    await frameAt(file, at, 30, frame, { bt709: true });
    const score = await ssimOf(shot, frame);
    test.info().annotations.push({ type: `ssim@${at}`, description: score.toFixed(4) });
    if (process.env.POSTFRAME_KEEP_E2E) console.log(`SSIM at ${at}s: ${score.toFixed(4)}`);
    expect(score, `SSIM at ${at} s`).toBeGreaterThanOrEqual(0.9);
    // The clips are 320x240 and untagged: Chromium shows them as BT.601, and the export must too (SSIM alone
    // hardly sees a colour shift; read as BT.709, the red clip showed 255,23,0).
    const [p, e] = [meanColour(shot), meanColour(frame)];
    expect(colourGap(p, e), `mean colour of preview ${p.map(Math.round).join(',')} vs export ${e.map(Math.round).join(',')} at ${at} s`).toBeLessThan(6);
  }
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log('e2e files kept in', tmp);
});

/** Where each layer of the playback edit is alone on the frame (fractions of width and height). */
const PLAYBACK_REGIONS: Region[] = [
  { name: 'main', x0: 0.05, y0: 0.5, x1: 0.95, y1: 0.68 },
  { name: 'overlay', x0: 0.56, y0: 0.1, x1: 0.84, y1: 0.4 },
];

/** The footage both preview tests import. */
const FOOTAGE = ['pan', 'life', 'card'] as const;

test('playing a 3-layer edit of phone footage never shows a black frame', async ({ app }, testInfo) => {
  const duration = 9;
  // Import, the first frame, 9 s of playback (real time), a 9 s export of 1080x1920 with a picture-in-picture,
  // and the export decoded again.
  test.setTimeout(testLimit(allOf(footageWork(FOOTAGE), decodeWork(2), { realSec: duration, mediaSec: duration, decodeSec: duration })));
  const assets = await importFootage(app, FOOTAGE);
  // Three cuts on the main track (in-points between keyframes, as edits are), a picture-in-picture and a title.
  const name = 'Three layers';
  const draftId = await saveDraft(app, name, ({ main, overlay, text }) => {
    main.clips.push(mediaClip(assets.pan, 0, 0.5, 3.5), mediaClip(assets.card, 3, 1.3, 4.3), mediaClip(assets.pan, 6, 5.1, 8.1));
    overlay.clips.push(mediaClip(assets.life, 0.5, 0.7, 8.7, { scale: 0.4, x: 0.7, y: 0.25 }));
    text.clips.push(textClip('Day one at the lab', 0, 9, 0.82));
  });
  await openDraft(app, name, 2);

  // Sample the preview on every animation frame while it plays: an 18x32 copy is enough to see a black layer.
  const [W, H] = [18, 32];
  await app.evaluate(([w, h]) => {
    const src = document.querySelector<HTMLCanvasElement>('[data-testid="preview-canvas"]')!;
    const tiny = document.createElement('canvas');
    tiny.width = w;
    tiny.height = h;
    const ctx = tiny.getContext('2d', { willReadFrequently: true })!;
    const samples: { now: number; t: number; px: string }[] = [];
    let on = true;
    const loop = (now: number) => {
      if (!on) return;
      ctx.drawImage(src, 0, 0, w, h);
      const bytes = ctx.getImageData(0, 0, w, h).data;
      samples.push({ now, t: Number(src.dataset.time), px: btoa(String.fromCharCode(...bytes)) });
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    (window as unknown as { pfSampler: { stop(): typeof samples } }).pfSampler = { stop: () => ((on = false), samples) };
  }, [W, H] as const);
  await app.getByTestId('play-toggle').click();
  // Playback runs on the clock, so on a starved machine it may already be over when the button is next read:
  // that it started and ran is read from the samples below, not from a 'playing' state caught in passing.
  await expect.poll(() => app.getByTestId('preview-canvas').evaluate((c) => Number((c as HTMLCanvasElement).dataset.time)), { message: 'the playhead moves' }).toBeGreaterThan(0);
  await waitStep(`playing ${duration} s to the end`, { realSec: duration }, (timeout) =>
    expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false', { timeout }),
  );
  const samples = await app.evaluate(() => (window as unknown as { pfSampler: { stop(): { now: number; t: number; px: string }[] } }).pfSampler.stop());

  const playing = samples.filter((s) => s.t > 0 && s.t < duration);
  expect(playing.length, 'frames drawn while playing').toBeGreaterThan(1);
  expect(Math.max(...playing.map((s) => s.t)), 'playback reached the second half').toBeGreaterThan(duration / 2);
  const black = playing
    .map((s) => ({ t: s.t, regions: blackRegions(Buffer.from(s.px, 'base64'), W, H, PLAYBACK_REGIONS) }))
    .filter((s) => s.regions.length > 0);
  const gaps = playing.slice(1).map((s, i) => s.now - playing[i]!.now);
  const elapsed = (playing.at(-1)!.now - playing[0]!.now) / 1000;
  const report = {
    frames: playing.length,
    fps: Number((playing.length / elapsed).toFixed(1)),
    stalls: gaps.filter((g) => g > 50).length,
    longestGapMs: Math.round(Math.max(...gaps)),
    blackFrames: black.length,
    blackShare: Number((black.length / playing.length).toFixed(3)),
    blackAt: black.slice(0, 40).map((b) => `${b.t.toFixed(2)}:${b.regions.join('+')}`),
  };
  for (const k of ['frames', 'fps', 'stalls', 'longestGapMs', 'blackFrames', 'blackShare'] as const) testInfo.annotations.push({ type: `playback.${k}`, description: String(report[k]) });
  await testInfo.attach('playback.json', { body: JSON.stringify(report, null, 2), contentType: 'application/json' });
  console.log('playback', JSON.stringify(report));

  // The export of the same edit has no black frame: so none in the preview either.
  const file = await exportDraft(app, draftId, duration);
  const exported = await blackFramesOf(file, duration, 10, W, H, PLAYBACK_REGIONS);
  expect(exported.frames).toBeGreaterThan(duration * 10 - 2);
  expect(exported.black, 'black frames in the export').toEqual([]);
  expect(report.blackAt, 'black frames in the preview while playing').toEqual([]);
});

test('every transition previews as it exports, mid-way, on moving footage', async ({ app }, testInfo) => {
  // One clip per kind after the first, each coming in with that kind; sources alternate so both sides differ.
  const fps = 30;
  const [clipSec, trSec] = [0.8, 0.4];
  const step = clipSec - trSec;
  const duration = transitionKinds.length * step + clipSec;
  // Half-way through each transition (a whole frame), and a frame of moving footage outside any.
  const times = [{ label: 'moving', t: 0.5 }, ...transitionKinds.map((kind, i) => ({ label: kind, t: Math.round(((i + 1) * step + trSec / 2) * fps) / fps }))];
  // Import, a 4.8 s export of 1080x1920 with ten transitions, then at each time a seek of two 1080x1920 sources
  // and the exported frame read back.
  test.setTimeout(testLimit(allOf(footageWork(FOOTAGE), decodeWork(2), { mediaSec: duration }, ...times.map(({ t }) => allOf(decodeWork(2), { decodeSec: t })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-transitions-'));
  const assets = await importFootage(app, FOOTAGE);
  const order = [assets.pan, assets.life, assets.card];
  const name = 'Every transition';
  const draftId = await saveDraft(app, name, ({ main }) => {
    for (let i = 0; i <= transitionKinds.length; i++) {
      const inT = 0.4 + ((i * 1.7) % 7);
      const kind = i > 0 ? transitionKinds[i - 1]! : null;
      main.clips.push(mediaClip(order[i % 3]!, i * step, inT, inT + clipSec, {}, { transitionIn: kind ? { kind, duration: trSec } : null }));
    }
  });
  expect(duration * PX_PER_SEC, 'the whole draft fits the ruler').toBeLessThan(1000);
  await openDraft(app, name, 2);
  const file = await exportDraft(app, draftId, duration);

  const scores: Record<string, number> = {};
  // Compared at the preview's own size: a dissolve is per-pixel noise, and enlarging a 250 px preview to compare
  // it would measure the enlargement.
  const size = await app.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  for (const { label, t } of times) {
    await seekPreview(app, t, 2);
    const shot = path.join(tmp, `preview-${label}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const frame = path.join(tmp, `export-${label}.png`);
    await frameAt(file, t, fps, frame);
    scores[label] = Number((await ssimOf(shot, frame, size)).toFixed(4));
    testInfo.annotations.push({ type: `ssim@${label}`, description: `${scores[label]} at ${t.toFixed(3)} s` });
  }
  console.log('transition SSIM', JSON.stringify(scores));
  await testInfo.attach('transition-ssim.json', { body: JSON.stringify(scores, null, 2), contentType: 'application/json' });
  const below = Object.entries(scores).filter(([, s]) => s < 0.9);
  expect(below, 'preview vs export below SSIM 0.90').toEqual([]);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
  else console.log('e2e files kept in', tmp);
});
