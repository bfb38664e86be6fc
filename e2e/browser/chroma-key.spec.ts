import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Asset } from '../../electron/model/asset';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, exportDraft, footageWork, frameAt, importFootage, mediaClip, openDraft, saveDraft, seekPreview, ssimOf } from '../preview-kit';
import { FOOTAGE_DIR } from '../../scripts/fixtures';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * Chroma key (issue 14 §3): a green-screen recording (a moving, textured subject over #00ff00 with grain) on the
 * overlay track over moving footage. The creator selects it, turns on "Remove background colour" with the
 * eyedropper on the preview's green; the preview matches the export at two times (SSIM ≥ 0.90) and, where the
 * green was, both show the footage beneath.
 */
const TIMES = [0.6, 2.2];
const DURATION = 3;
const FPS = 30;
/** Where the screen is green at every time (the subject moves below it), as shares of the canvas. */
const SCREEN = { x0: 0.1, y0: 0.05, x1: 0.9, y1: 0.3 };

/** Mean RGB of a region (shares of the picture) of an image file, read by ffmpeg at 90x160. */
function regionColour(file: string, r = SCREEN, seek?: number): number[] {
  const W = 90;
  const H = 160;
  const args = ['-v', 'error', ...(seek !== undefined ? ['-ss', seek.toFixed(4)] : []), '-i', file, '-frames:v', '1', '-vf', `scale=in_color_matrix=bt709:w=${W}:h=${H}:flags=area`, '-f', 'rawvideo', '-pix_fmt', 'rgb24', '-'];
  const px = execFileSync('ffmpeg', args);
  const sum = [0, 0, 0];
  let n = 0;
  for (let y = Math.floor(r.y0 * H); y < Math.ceil(r.y1 * H); y++) {
    for (let x = Math.floor(r.x0 * W); x < Math.ceil(r.x1 * W); x++) {
      for (let c = 0; c < 3; c++) sum[c]! += px[(y * W + x) * 3 + c]!;
      n++;
    }
  }
  return sum.map((s) => s / n);
}
const gap = (a: number[], b: number[]) => Math.max(...a.map((v, c) => Math.abs(v - b[c]!)));

/** A 720x1280 green-screen clip made in RGB and stored as tagged BT.709 video, as a camera would. */
function greenScreen(file: string): void {
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=0x00ff00:s=720x1280:r=${FPS}:d=${DURATION},format=gbrp,noise=alls=10:allf=t`,
    '-f', 'lavfi', '-i', `testsrc2=s=320x420:r=${FPS}:d=${DURATION},hue=h=200`,
    '-filter_complex', '[0:v][1:v]overlay=x=120+60*t:y=560+80*t:format=gbrp,scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', file,
  ]);
}

test('a green-screen clip keyed with the eyedropper previews as it exports, with the footage showing through', async ({ app }, testInfo) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { files: 1, megabytes: 4 }, decodeWork(2), { mediaSec: 2 * DURATION }, ...TIMES.map((t) => allOf(decodeWork(2), { decodeSec: t })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-key-'));
  const greenFile = path.join(tmp, 'greenscreen.mp4');
  greenScreen(greenFile);
  const { pan } = await importFootage(app, ['pan']);
  await app.getByTestId('import-file-input').setInputFiles(greenFile);
  await waitStep('the green-screen clip imported', { files: 1, megabytes: 4 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const green = items.find((a) => a.name.startsWith('greenscreen'))!;
  expect(green, 'the green-screen asset').toBeTruthy();

  const name = 'Green screen';
  const bg = mediaClip(pan, 0, 1, 1 + DURATION);
  const fg = mediaClip(green, 0, 0, DURATION);
  const draftId = await saveDraft(app, name, ({ main, overlay }) => {
    main.clips.push(bg);
    overlay.clips.push(fg);
  });
  const saved = async () => ((await callApi<DraftRecord>(app, 'drafts.get', { id: draftId })).doc.tracks.flatMap((t) => t.clips).find((c) => c.id === fg.id) as MediaClip).chromaKey ?? null;
  await openDraft(app, name, 2);

  // Select the green-screen clip; the block is off; the eyedropper picks the green at the top of the preview.
  await app.locator(`[data-clip-id="${fg.id}"]`).click();
  const section = app.getByTestId('chroma-key-section');
  await expect(section).toBeVisible();
  await expect(app.getByTestId('chroma-key-toggle')).not.toBeChecked();
  const dropper = app.getByTestId('chroma-key-eyedropper');
  const layer = app.getByTestId('key-pick-layer');
  const isGreen = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
    return g! > 200 && Math.max(r!, b!) < 60;
  };
  // By keyboard: Pick puts focus on the preview; Esc cancels and gives focus back to Pick, nothing changed.
  await dropper.focus();
  await dropper.press('Enter');
  await expect(dropper).toHaveAttribute('aria-pressed', 'true');
  await expect(layer).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(layer).toHaveCount(0);
  await expect(dropper).toBeFocused();
  await expect(app.getByTestId('chroma-key-toggle')).not.toBeChecked();
  // Again: Shift+↑ three times moves the cross from the middle to 20% down the preview, on the green screen; it
  // shows the colour under it; Enter picks it, the Inspector announces it and focus is back on Pick.
  await dropper.press('Enter');
  await expect(layer).toBeFocused();
  for (let i = 0; i < 3; i++) await app.keyboard.press('Shift+ArrowUp');
  const cross = app.getByTestId('key-pick-cross');
  await expect(cross).toHaveAttribute('style', /top: 20(\.0+)?%;/);
  const shown = (await cross.textContent()) ?? '';
  expect(isGreen(shown), `the cross shows ${shown}`).toBe(true);
  await app.keyboard.press('Enter');
  await expect(layer).toHaveCount(0);
  await expect(app.getByTestId('chroma-key-toggle')).toBeChecked();
  await expect.poll(saved, { message: 'the key is saved' }).not.toBeNull();
  const byKeys = (await saved())!.color;
  expect(isGreen(byKeys), `picked ${byKeys} by keyboard`).toBe(true);
  await expect(app.getByTestId('chroma-key-announce')).toHaveText(`Background colour set to ${byKeys}`);
  await expect(dropper).toBeFocused();

  // The keys are in the editor's shortcut sheet.
  await app.keyboard.press('?');
  await expect(app.getByTestId('shortcut-sheet')).toContainText('Chroma key Pick: move the cross over the preview');
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('shortcut-sheet')).toBeHidden();

  // And with the pointer: a click on the green near the top of the preview.
  await dropper.click();
  await expect(dropper).toHaveAttribute('aria-pressed', 'true');
  const box = (await layer.boundingBox())!;
  await layer.click({ position: { x: box.width * 0.5, y: box.height * 0.15 } });
  await expect(layer).toHaveCount(0);
  await expect(app.getByTestId('chroma-key-toggle')).toBeChecked();
  const key = (await saved())!;
  expect(isGreen(key.color), `picked ${key.color}`).toBe(true);

  // Range up two steps by keyboard (one undo step), so the grain around the picked green goes too.
  const range = app.getByTestId('chroma-key-similarity');
  await range.focus();
  await range.press('ArrowRight');
  await range.press('ArrowRight');
  await expect.poll(async () => (await saved())?.similarity).toBeCloseTo(0.17, 5);
  if (SHOTS) {
    await seekPreview(app, TIMES[1]!, 2);
    await app.screenshot({ path: path.join(SHOTS, 'chroma-key.png') });
  }

  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('Escape');
  await expect(section).toHaveCount(0);
  const file = await exportDraft(app, draftId, DURATION);
  const size = await app.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  const scores: Record<string, number> = {};
  const through: Record<string, { preview: number; export: number; green: number }> = {};
  for (const t of TIMES) {
    await seekPreview(app, t, 2);
    const shot = path.join(tmp, `preview-${t}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const frame = path.join(tmp, `export-${t}.png`);
    await frameAt(file, t, FPS, frame, { bt709: true });
    scores[String(t)] = Number((await ssimOf(shot, frame, size)).toFixed(4));
    // Where the screen was, both pictures show the footage beneath (the main clip starts 1 s into it), and
    // that footage is far from the green the clip has there.
    const under = regionColour(path.join(FOOTAGE_DIR, 'pan.mp4'), SCREEN, 1 + t);
    through[String(t)] = { preview: gap(regionColour(shot), under), export: gap(regionColour(frame), under), green: gap(regionColour(greenFile, SCREEN, t), under) };
  }
  testInfo.annotations.push({ type: 'ssim', description: JSON.stringify(scores) });
  console.log('chroma key SSIM', JSON.stringify(scores), JSON.stringify(through));
  expect(Object.entries(scores).filter(([, s]) => s < 0.9), 'preview vs export below SSIM 0.90').toEqual([]);
  for (const [t, g] of Object.entries(through)) {
    expect(g.green, `the screen at ${t} s differs from the footage`).toBeGreaterThan(60);
    expect(g.preview, `preview shows the footage where the green was at ${t} s`).toBeLessThan(16);
    expect(g.export, `export shows the footage where the green was at ${t} s`).toBeLessThan(16);
  }
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
