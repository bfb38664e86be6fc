import { openSignedIn } from '../accounts-kit';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import config from '../../playwright.config';
import { bubbleRect } from '../../renderer/src/features/capture/captureLogic';
import { GOOD_DIR } from '../../scripts/fixtures';
import { execStep } from '../exec';
import { testLimit, waitStep } from '../limits';
import { callApi, expect, initLibrary, startServe, test, type Server } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * Capture in Chromium with its fake camera and microphone (a moving test pattern and a beep): record a take,
 * recover one after kill -9 of the host, and record a voiceover onto a draft. The fake-device switches are set
 * for this file only; the other specs run the browser as configured.
 */
const base = config.use?.launchOptions ?? {};
test.use({ launchOptions: { ...base, args: [...(base.args ?? []), '--use-fake-device-for-media-stream', '--use-fake-ui-for-media-stream'] } });

type Asset = { id: string; name: string; kind: string; sha256: string; ext: string; durationSec: number | null; tags: string[] };
type Probe = { streams: { codec_type: string; codec_name: string; r_frame_rate: string; avg_frame_rate: string }[] };

const originalOf = (lib: string, a: Asset) => path.join(lib, 'media', a.sha256.slice(0, 2), `${a.sha256}.${a.ext}`);
/** Reading a take's header and its packet list (a few seconds long): the fixed part of a step. */
const ffprobeText = async (what: string, args: string[]) => (await execStep(what, {}, 'ffprobe', ['-v', 'error', ...args])).toString();

/** A finished take: H.264 + AAC, one frame every 1/30 s (constant frame rate), whatever the camera delivered. */
async function expectConstantRateMp4(file: string): Promise<void> {
  const probe = JSON.parse(await ffprobeText("ffprobe of the take's streams", ['-show_streams', '-of', 'json', file])) as Probe;
  const video = probe.streams.find((s) => s.codec_type === 'video');
  const audio = probe.streams.find((s) => s.codec_type === 'audio');
  expect(video?.codec_name).toBe('h264');
  expect(audio?.codec_name).toBe('aac');
  expect(video?.r_frame_rate).toBe('30/1');
  expect(video?.avg_frame_rate).toBe(video?.r_frame_rate);
  const times = (await ffprobeText("ffprobe of the take's frame times", ['-select_streams', 'v:0', '-show_entries', 'packet=pts_time', '-of', 'csv=p=0', file]))
    .split('\n')
    .filter(Boolean)
    .map(Number)
    .sort((a, b) => a - b);
  const steps = new Set(times.slice(1).map((t, i) => Math.round((t - times[i]!) * 30_000)));
  expect([...steps]).toEqual([1000]);
}

async function openCapture(page: Page, o: { countdown: 0 | 3 }): Promise<void> {
  await page.getByTestId('capture-nav').click();
  const video = page.getByTestId('capture-video');
  await expect(video).toHaveAttribute('data-live', 'true');
  // 720p keeps the browser's real-time encoder comfortable on a small CI machine.
  await page.getByTestId('res-720').click();
  await page.getByTestId(`countdown-${o.countdown}`).click();
  await expect(video).toHaveAttribute('data-live', 'true');
  await expect(page.getByTestId('capture-record')).toBeEnabled();
}

/** Mean R, G, B of a region of an image. */
async function meanColour(file: string, region: { left: number; top: number; width: number; height: number }): Promise<number[]> {
  const { data, info } = await sharp(file).extract(region).raw().toBuffer({ resolveWithObject: true });
  const sums = [0, 0, 0];
  for (let i = 0; i < data.length; i += info.channels) for (let c = 0; c < 3; c++) sums[c]! += data[i + c]!;
  return sums.map((v) => v / (info.width * info.height));
}

/**
 * Waits until the take's save job has ended, saved or failed (a state, however long finalizing takes), and fails
 * at once with the engine's words when it failed rather than waiting out the limit for a "saved" that cannot come.
 */
async function takeSaved(page: Page, takeSec: number): Promise<Locator> {
  const saved = page.getByTestId('take-saved');
  const failed = page.getByTestId('take-failed');
  await waitStep(`the ${takeSec.toFixed(1)} s take is finalized and imported`, { mediaSec: takeSec, files: 1 }, (timeout) => expect(saved.or(failed)).toBeVisible({ timeout }));
  if (await failed.isVisible()) throw new Error(`The ${takeSec.toFixed(1)} s take was not saved: ${await failed.innerText()}`);
  return saved;
}

async function recordedMs(page: Page): Promise<number> {
  return Number(await page.getByTestId('capture-elapsed').getAttribute('data-ms'));
}

test('record 3 s with the teleprompter on: the take is a constant frame rate MP4 with sound, tagged as a recording', async ({ app, server }) => {
  // A 3 s countdown and 3 s of recording pass by design; the take (about 4 s) is finalized and imported.
  test.setTimeout(testLimit({ realSec: 6, mediaSec: 4, files: 1 }));
  await openCapture(app, { countdown: 3 });
  await app.getByTestId('prompter-on').check();
  await app.getByTestId('prompter-script').fill('Hi! Three tips for filming at home.\n\nOne: face the window.\nTwo: camera at eye level.\nThree: keep it short.');
  await expect(app.getByTestId('teleprompter')).toBeVisible();
  await expect(app.getByTestId('capture-guide')).toHaveAttribute('data-framing', '9:16');

  const clickedRecord = Date.now();
  await app.getByTestId('capture-record').click();
  await expect(app.getByTestId('capture-countdown')).toBeVisible();
  await waitStep('the 3 s countdown ends and recording starts', { realSec: 3 }, (timeout) =>
    expect(app.getByTestId('capture-controls')).toHaveAttribute('data-phase', 'recording', { timeout }),
  );
  await expect(app.getByTestId('rec-badge')).toBeVisible();
  await expect(app.getByTestId('teleprompter')).toHaveAttribute('data-playing', 'true');
  await expect(app.getByTestId('rail-recording')).toBeVisible();
  await waitStep('3 s are recorded', { realSec: 3 }, (timeout) => expect.poll(() => recordedMs(app), { timeout }).toBeGreaterThanOrEqual(3000));
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'capture.png') });
  const takeSec = (await recordedMs(app)) / 1000;
  await app.getByTestId('capture-stop').click();
  const clickedStop = Date.now();

  const saved = await takeSaved(app, takeSec);
  await expect(app.getByTestId('rail-recording')).toHaveCount(0);
  const asset = await callApi<Asset>(app, 'assets.get', { id: (await saved.getAttribute('data-asset-id'))! });
  expect(asset.kind).toBe('video');
  expect(asset.tags).toEqual(expect.arrayContaining(['recording', 'camera']));
  // About 3 s: stop was pressed once 3 s were recorded. How much later the click landed depends on the machine,
  // so the upper bound is what the test itself saw pass between the clicks, less the 3 s countdown.
  expect(asset.durationSec).toBeGreaterThan(2.5);
  expect(asset.durationSec).toBeLessThan((clickedStop - clickedRecord) / 1000 - 3 + 1);
  const file = originalOf(server.libraryPath, asset);
  await expectConstantRateMp4(file);

  // The teleprompter is only on the page: the recorded picture under it is the camera's (the fake camera's green).
  const frame = path.join(path.dirname(server.libraryPath), 'frame.png');
  await execStep("the take's frame at 1.5 s", { decodeSec: 1.5 }, 'ffmpeg', ['-v', 'error', '-y', '-ss', '1.5', '-i', file, '-frames:v', '1', frame]);
  const { width = 0, height = 0 } = await sharp(frame).metadata();
  const [r, g, b] = await meanColour(frame, { left: Math.round(width * 0.3), top: Math.round(height * 0.1), width: Math.round(width * 0.4), height: Math.round(height * 0.2) });
  expect(g!).toBeGreaterThan(2 * Math.max(r!, b!));

  // The take is one click away in the library.
  await app.getByTestId('take-show').click();
  await expect(app.getByTestId('detail-panel')).toHaveAttribute('data-asset-id', asset.id);
  await expect(app.getByTestId('asset-cell')).toHaveCount(1);
});

test('screen recording with the camera bubble: the take has the camera drawn in its corner', async ({ app, server }) => {
  // 2 s of recording pass by design; the take (about 3 s) is finalized and imported.
  test.setTimeout(testLimit({ realSec: 2, mediaSec: 3, files: 1 }));
  await app.getByTestId('capture-nav').click();
  await app.getByTestId('capture-mode-screen').click();
  await expect(app.getByTestId('screen-empty')).toBeVisible();
  await app.getByTestId('countdown-0').click();
  await expect(app.getByTestId('bubble-toggle')).toBeChecked();
  // Chromium's fake screen picker answers at once with a test pattern.
  await app.getByTestId('screen-choose').click();
  await expect(app.getByTestId('capture-video')).toHaveAttribute('data-live', 'true');
  await app.getByTestId('capture-record').click();
  await expect(app.getByTestId('capture-controls')).toHaveAttribute('data-phase', 'recording');
  await waitStep('2 s of the screen are recorded', { realSec: 2 }, (timeout) => expect.poll(() => recordedMs(app), { timeout }).toBeGreaterThanOrEqual(2000));
  const takeSec = (await recordedMs(app)) / 1000;
  await app.getByTestId('capture-stop').click();
  const saved = await takeSaved(app, takeSec);

  const asset = await callApi<Asset & { width: number; height: number }>(app, 'assets.get', { id: (await saved.getAttribute('data-asset-id'))! });
  expect(asset.tags).toEqual(expect.arrayContaining(['recording', 'screen']));
  const file = originalOf(server.libraryPath, asset);
  await expectConstantRateMp4(file);
  // The bubble's white ring, at the right edge of the circle in the bottom-right corner.
  const frame = path.join(path.dirname(server.libraryPath), 'screen-frame.png');
  await execStep("the take's frame at 1 s", { decodeSec: 1 }, 'ffmpeg', ['-v', 'error', '-y', '-ss', '1', '-i', file, '-frames:v', '1', frame]);
  const { data, info } = await sharp(frame).raw().toBuffer({ resolveWithObject: true });
  const b = bubbleRect(info.width, info.height, 'bottom-right');
  const row = Math.round(b.y + b.height / 2);
  const whitest = Math.max(
    ...Array.from({ length: 12 }, (_, i) => {
      const at = (row * info.width + Math.round(b.x + b.width) - 10 + i) * info.channels;
      return Math.min(data[at]!, data[at + 1]!, data[at + 2]!);
    }),
  );
  expect(whitest).toBeGreaterThan(200);
});

test.describe('kill -9 during a recording', () => {
  let tmp: string;
  let lib: string;
  let home: string;
  let host: Server | null = null;

  test.beforeEach(() => {
    tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-capture-'));
    lib = path.join(tmp, 'Library');
    home = path.join(tmp, 'home');
    initLibrary(lib, home);
  });
  test.afterEach(async () => {
    await host?.stop();
    host = null;
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  /** How many chunks the engine has taken of the take being recorded (its manifest on disk). */
  const chunksOnDisk = (): number => {
    const dir = path.join(lib, 'recordings');
    const takes = fs.existsSync(dir) ? fs.readdirSync(dir) : [];
    const manifest = takes.map((id) => path.join(dir, id, 'manifest.json')).find((f) => fs.existsSync(f));
    return manifest ? (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { nextSeq: number }).nextSeq : 0;
  };

  test('start again, recover the take, and it is a valid MP4 that plays', async ({ page }) => {
    // About 3 s recorded, then a second start of the host recovers (finalizes and imports) the take.
    test.setTimeout(testLimit({ realSec: 3, mediaSec: 4, files: 1, baseMs: 30_000 }));
    host = await startServe(lib, home);
    await openSignedIn(page, host);
    await openCapture(page, { countdown: 0 });
    await page.getByTestId('capture-record').click();
    await expect(page.getByTestId('capture-controls')).toHaveAttribute('data-phase', 'recording');
    // Some seconds are in the library: the host dies mid-take.
    await waitStep('3 one-second chunks of the take reach the library', { realSec: 3 }, (timeout) => expect.poll(chunksOnDisk, { timeout }).toBeGreaterThanOrEqual(3));
    const chunks = chunksOnDisk();
    await host.stop('SIGKILL');

    host = await startServe(lib, home);
    await openSignedIn(page, host);
    // The app says on start that a take was interrupted, and leads to it.
    await page.getByRole('button', { name: 'Open Capture' }).click();
    const item = page.getByTestId('recovery-item');
    await expect(item).toHaveCount(1);
    await item.getByTestId('recovery-recover').click();
    await waitStep(`the interrupted take (${chunks} s) is finalized and imported`, { mediaSec: chunks, files: 1 }, (timeout) =>
      expect(page.getByTestId('recovery-panel')).toHaveCount(0, { timeout }),
    );

    const { items } = await callApi<{ items: Asset[] }>(page, 'assets.list', { tag: 'recording' });
    expect(items).toHaveLength(1);
    const asset = await callApi<Asset>(page, 'assets.get', { id: items[0]!.id });
    expect(asset.durationSec).toBeGreaterThan(1.5);
    await expectConstantRateMp4(originalOf(lib, asset));
    expect(fs.readdirSync(path.join(lib, 'recordings'))).toEqual([]);

    // It plays: the library's player runs through it.
    await page.getByTestId('library-nav').click();
    await page.getByTestId('asset-cell').first().dblclick();
    const player = page.getByTestId('detail-video');
    await expect(player).toBeVisible();
    await player.evaluate((v: HTMLVideoElement) => {
      v.muted = true;
      return v.play();
    });
    await waitStep('the recovered take plays past 0.5 s', { realSec: 0.5 }, (timeout) =>
      expect.poll(() => player.evaluate((v: HTMLVideoElement) => v.currentTime), { timeout }).toBeGreaterThan(0.5),
    );
    expect(await player.evaluate((v: HTMLVideoElement) => [v.videoWidth > 0, v.error === null])).toEqual([true, true]);
  });
});

test('a voiceover lands on the voiceover track where recording started, as one undo step', async ({ app }) => {
  // Two imports, a 3 s countdown and 1.5 s of speech by design, and the take (about 2 s) finalized and imported.
  test.setTimeout(testLimit({ files: 3, realSec: 4.5, mediaSec: 2 }));
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  await waitStep('2 clips imported', { files: 2 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const draft = await callApi<{ id: string }>(app, 'drafts.create', { name: 'Narrated' });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Narrated"]').getByTestId('draft-open').click();
  const bin = app.getByTestId('media-bin');
  await bin.locator('[data-testid="bin-item"][data-name="red-clip.mp4"]').getByTestId('bin-add').click();
  await bin.locator('[data-testid="bin-item"][data-name="blue-clip.mp4"]').getByTestId('bin-add').click();
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(2);

  // Playhead at 1 s (the ruler is 80 px per second at the default zoom), then record.
  await app.getByTestId('ruler').click({ position: { x: 80, y: 8 } });
  await expect(app.getByTestId('timecode')).toContainText('00:00:01:00');
  const button = app.getByTestId('voiceover-button');
  await button.click();
  await expect(app.getByTestId('voiceover-countdown')).toBeVisible();
  await waitStep('the voiceover countdown ends and recording starts', { realSec: 3 }, (timeout) => expect(button).toHaveAttribute('data-phase', 'recording', { timeout }));
  await expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'true');
  await expect(app.getByTestId('voiceover-ghost')).toBeVisible();
  const elapsedMs = async () => Number(await app.getByTestId('voiceover-elapsed').getAttribute('data-ms'));
  await waitStep('1.5 s of voiceover are recorded', { realSec: 1.5 }, (timeout) => expect.poll(elapsedMs, { timeout }).toBeGreaterThanOrEqual(1500));
  const takeSec = (await elapsedMs()) / 1000;
  await button.click();

  const lane = app.getByRole('listbox', { name: 'Voiceover' });
  await waitStep(`the ${takeSec.toFixed(1)} s voiceover is finalized and placed`, { mediaSec: takeSec, files: 1 }, (timeout) => expect(lane.getByTestId('clip')).toHaveCount(1, { timeout }));
  await expect(lane.getByTestId('clip')).toHaveAttribute('data-start', '1.000');
  await expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false');
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');

  type Doc = { doc: { tracks: { name: string; role: string | null; clips: { start: number; assetId: string }[] }[] } };
  const saved = await callApi<Doc>(app, 'drafts.get', { id: draft.id });
  const voiceover = saved.doc.tracks.find((t) => t.role === 'voiceover')!;
  expect(voiceover.clips).toHaveLength(1);
  expect(voiceover.clips[0]!.start).toBe(1);
  const asset = await callApi<Asset>(app, 'assets.get', { id: voiceover.clips[0]!.assetId });
  expect(asset.kind).toBe('audio');
  expect(asset.tags).toEqual(expect.arrayContaining(['recording', 'voiceover']));

  // Placing the take was one edit.
  await app.getByTestId('undo').click();
  await expect(lane.getByTestId('clip')).toHaveCount(0);
});
