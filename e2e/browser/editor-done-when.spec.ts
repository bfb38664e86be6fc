import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Asset } from '../../electron/model/asset';
import type { MediaClip, TextClip, VideoDraft } from '../../electron/model/draft';
import { clipStateAt } from '../../electron/model/keyframes';
import { FOOTAGE_DIR, GOOD_DIR } from '../../scripts/fixtures';
import { allOf, testLimit, waitStep } from '../limits';
import { centreOf, drag, rotateBy, storedDoc } from '../manipulate-kit';
import { decodeWork, exportDraft, footageWork, frameAt, mediaClip, openDraft, saveDraft, seekPreview, ssimOf, textClip } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Issue 14's "Done when", as a creator does it with the mouse and keyboard on textured, moving footage (a pan
 * over a fractal with grain): drag a title to the upper third and turn it 10° on the preview, scale a logo by its
 * corner, put a Ken Burns zoom on a photo from the Animate section, give the footage the Warm look. Then the
 * export matches the preview (SSIM ≥ 0.90) at three times, one of them in the middle of the Ken Burns move.
 */

const FPS = 30;
const LENGTH = 4;
/** The photo is on the overlay track from 0 to 2.5 s, the logo after it; the title and the footage throughout. */
const PHOTO_END = 2.5;
/** Before the zoom has gone far, in the middle of it, and on the logo: each on a frame of the 30 fps canvas. */
const TIMES = [0.4, 1.2, 3.2];

const track = (doc: VideoDraft, kind: 'main' | 'overlay' | 'text') => doc.tracks.find((t) => t.kind === kind)!;
const titleOf = (doc: VideoDraft) => track(doc, 'text').clips[0] as TextClip;
const overlayClip = (doc: VideoDraft, id: string) => track(doc, 'overlay').clips.find((c) => c.id === id) as MediaClip;

test('title moved and turned, logo scaled, Ken Burns on a photo, a warm look: the export matches the preview, mid-animation too', async ({ app }) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { files: 2 }, decodeWork(2), { mediaSec: LENGTH }, ...TIMES.map((t) => ({ ...decodeWork(2), decodeSec: t + 4 })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-done-when-'));
  // A detailed photo (a fractal), so a zoom of a few percent changes many pixels.
  const photoFile = path.join(tmp, 'fractal-photo.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'mandelbrot=size=1080x1080:rate=1:start_scale=0.6', '-frames:v', '1', photoFile]);
  await app.getByTestId('import-file-input').setInputFiles([path.join(FOOTAGE_DIR, 'pan.mp4'), path.join(GOOD_DIR, 'logo.png'), photoFile]);
  await waitStep('pan.mp4, the logo and the photo imported', allOf(footageWork(['pan']), { files: 2 }), (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(3, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const asset = (n: string) => items.find((a) => a.name === n)!;
  // The clips are laid out through the API (placing them is not what this test is about); every change after is made in the UI.
  const footage = mediaClip(asset('pan.mp4'), 0, 0, LENGTH);
  const photo = mediaClip(asset('fractal-photo.png'), 0, 0, PHOTO_END, { reframe: 'fit', scale: 0.55 });
  const logo = mediaClip(asset('logo.png'), PHOTO_END, 0, LENGTH - PHOTO_END, { reframe: 'fit', scale: 1 / 3, y: 0.72 });
  const title = textClip('Big news', 0, LENGTH, 0.5);
  const name = 'Done when';
  const draftId = await saveDraft(app, name, ({ main, overlay, text }) => {
    main.clips.push(footage);
    overlay.clips.push(photo, logo);
    text.clips.push({ ...title, style: { ...title.style, size: 110 } });
  });
  await openDraft(app, name, 2);

  const frame = app.getByTestId('manipulate');
  const fb = (await frame.boundingBox())!;
  const at = (fx: number, fy: number) => ({ x: fb.x + fx * fb.width, y: fb.y + fy * fb.height });
  const selection = app.getByTestId('dm-selection');
  const timelineClip = (id: string) => app.getByTestId('timeline').locator(`[data-clip-id="${id}"]`);

  // 1. The title (above the photo in the stack): click it on the preview, drag it up into the upper third.
  await app.mouse.click(at(0.5, 0.5).x, at(0.5, 0.5).y);
  await expect(selection).toHaveAttribute('data-clip-id', title.id);
  await drag(app, at(0.5, 0.5), at(0.5, 0.27));
  let doc = await storedDoc(app, draftId);
  expect(titleOf(doc).y, 'the title is in the upper third').toBeLessThan(1 / 3);
  expect(titleOf(doc).y).toBeGreaterThan(0.2);

  // 2. Its round handle turns it 10° clockwise.
  await rotateBy(app, 10);
  doc = await storedDoc(app, draftId);
  expect(Math.abs(titleOf(doc).rotation - 10), 'the title is turned 10°').toBeLessThan(0.5);

  // 3. The logo (after the photo): click it on the preview and pull its bottom-right corner out.
  await seekPreview(app, TIMES[2]!, 2);
  await app.mouse.click(at(0.5, 0.72).x, at(0.5, 0.72).y);
  await expect(selection).toHaveAttribute('data-clip-id', logo.id);
  const se = await centreOf(app.getByTestId('dm-handle-se'));
  await drag(app, se, { x: se.x + fb.width / 10, y: se.y + fb.width / 10 });
  doc = await storedDoc(app, draftId);
  const logoScale = overlayClip(doc, logo.id).transform.scale;
  expect(logoScale / (1 / 3), 'the logo is bigger by its corner').toBeGreaterThan(1.3);

  // 4. The photo: Ken Burns (zoom in) from the Animate section's menu; two keys, shown in the lane.
  await seekPreview(app, TIMES[1]!, 2);
  await timelineClip(photo.id).click();
  const animate = app.getByTestId('animate-section');
  await animate.getByTestId('kf-preset').selectOption('kenBurnsIn');
  doc = await storedDoc(app, draftId);
  const kb = overlayClip(doc, photo.id).keyframes!;
  expect(kb.scale, 'two size keys on the photo').toHaveLength(2);
  expect(kb.position, 'two position keys on the photo').toHaveLength(2);
  expect(kb.scale![1]!.value).toBeGreaterThan(kb.scale![0]!.value);
  await expect(app.getByTestId('keyframe-lane').getByTestId('kf-diamond')).toHaveCount(2);
  // The Inspector's Scale shows the size the zoom has reached at the playhead, marked as animated.
  const scaleField = app.getByTestId('insp-scale');
  await expect(app.getByTestId('insp-scale-row')).toHaveAttribute('data-keyed', 'true');
  const midScale = clipStateAt(overlayClip(doc, photo.id), TIMES[1]!).scale;
  expect(midScale).toBeGreaterThan(kb.scale![0]!.value);
  expect(midScale).toBeLessThan(kb.scale![1]!.value);
  await expect.poll(async () => Math.abs(Number(await scaleField.inputValue()) - midScale), { message: 'the Scale field shows the animated size' }).toBeLessThan(0.006);
  if (SHOTS) {
    await app.getByTestId('insp-scale-row').scrollIntoViewIfNeeded();
    await app.screenshot({ path: path.join(SHOTS, 'editor-animated.png') });
  }

  // 5. The footage: the Warm look, by keyboard.
  await timelineClip(footage.id).click();
  const warm = app.getByTestId('look-warm');
  await warm.focus();
  await warm.press('Enter');
  await expect(warm).toHaveAttribute('aria-pressed', 'true');
  doc = await storedDoc(app, draftId);
  expect((track(doc, 'main').clips[0] as MediaClip).look?.lut?.id, 'the footage has the warm look').toBe('warm');

  // The draft as the creator left it.
  expect(titleOf(doc).y).toBeLessThan(1 / 3);
  expect(Math.abs(titleOf(doc).rotation - 10)).toBeLessThan(0.5);
  expect(overlayClip(doc, logo.id).transform.scale).toBeCloseTo(logoScale, 9);

  // Preview against export, nothing selected (no handles over the picture), compared at the preview canvas's size.
  const file = await exportDraft(app, draftId, LENGTH);
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('Escape');
  await app.mouse.move(0, 0);
  await expect(selection).toHaveCount(0);
  const size = await app.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  const scores: Record<string, number> = {};
  for (const t of TIMES) {
    await seekPreview(app, t, 2);
    const shot = path.join(tmp, `preview-${t}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const exported = path.join(tmp, `export-${t}.png`);
    // Decoded with BT.709, as the browser decodes the untagged footage (ffmpeg's default would be BT.601).
    await frameAt(file, t, FPS, exported, { bt709: true });
    scores[String(t)] = Number((await ssimOf(shot, exported, size)).toFixed(4));
  }
  test.info().annotations.push({ type: 'ssim', description: JSON.stringify(scores) });
  console.log('done-when SSIM', JSON.stringify(scores));
  expect(Object.entries(scores).filter(([, s]) => s < 0.9), 'preview vs export below SSIM 0.90').toEqual([]);

  // The Inspector's Scale of the zooming photo, changed by keyboard mid-zoom, adds a key there (the still size
  // stays); the arrow presses of one visit are one undo step. Its Rotation diamond adds a rotation key.
  await seekPreview(app, TIMES[1]!, 2);
  await timelineClip(photo.id).click();
  await scaleField.focus();
  for (let i = 0; i < 3; i++) await scaleField.press('ArrowRight');
  doc = await storedDoc(app, draftId);
  const keyed = overlayClip(doc, photo.id);
  expect(keyed.keyframes!.scale!.map((k) => k.t)).toEqual([0, TIMES[1], kb.scale![1]!.t]);
  expect(keyed.keyframes!.scale![1]!.value).toBeCloseTo(midScale + 0.03, 2);
  expect(keyed.transform.scale, 'the still size is untouched').toBe(photo.transform.scale);
  await expect(app.getByTestId('insp-scale-key')).toHaveAttribute('aria-pressed', 'true');
  await app.getByTestId('undo').click();
  expect(overlayClip(await storedDoc(app, draftId), photo.id).keyframes!.scale, 'one undo takes the three presses back').toHaveLength(2);
  await app.getByTestId('insp-rotation-key').click();
  await expect(app.getByTestId('insp-rotation-row')).toHaveAttribute('data-keyed', 'true');
  expect(overlayClip(await storedDoc(app, draftId), photo.id).keyframes!.rotation!.map((k) => [k.t, k.value])).toEqual([[TIMES[1], 0]]);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
