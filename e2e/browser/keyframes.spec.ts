import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { Asset } from '../../electron/model/asset';
import type { MediaClip, TextClip, VideoDraft } from '../../electron/model/draft';
import { FOOTAGE_DIR } from '../../scripts/fixtures';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, exportDraft, footageWork, frameAt, mediaClip, openDraft, saveDraft, seekPreview, ssimOf, textClip } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Keyframes as a creator makes them (docs/timeline.md "Animate"): a Ken Burns pair of size keys on a textured photo
 * over moving footage, set with the Inspector's diamonds and value slider; a typewriter preset on a title; the
 * lane's diamonds; one undo removes a preset. The preview at three times, mid-animation included, matches the export.
 */

type Stored = { id: string; revision: number; doc: VideoDraft };
async function stored(page: Page, id: string): Promise<VideoDraft> {
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  return (await callApi<Stored>(page, 'drafts.get', { id })).doc;
}
const photoOf = (doc: VideoDraft) => doc.tracks.find((t) => t.kind === 'overlay')!.clips[0] as MediaClip;
const titleOf = (doc: VideoDraft) => doc.tracks.find((t) => t.kind === 'text')!.clips[0] as TextClip;

test('Ken Burns keys on a photo and a typewriter title: the preview matches the export mid-animation', async ({ app }) => {
  const TIMES = [0.4, 1.5, 2.6];
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { files: 2 }, decodeWork(2), { mediaSec: 3 }, ...TIMES.map((t) => ({ ...decodeWork(2), decodeSec: t + 4 })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-keyframes-'));
  // A detailed photo (test pattern), so a zoom of a few percent changes many pixels.
  const photo = path.join(tmp, 'pattern-photo.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-f', 'lavfi', '-i', 'testsrc2=size=1080x1080:rate=1', '-frames:v', '1', photo]);
  await app.getByTestId('import-file-input').setInputFiles([path.join(FOOTAGE_DIR, 'pan.mp4'), photo]);
  await waitStep('pan.mp4 and the photo imported', footageWork(['pan']), (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const pan = items.find((a) => a.name === 'pan.mp4')!;
  const pic = items.find((a) => a.name === 'pattern-photo.png')!;
  const name = 'Things that move';
  const draftId = await saveDraft(app, name, ({ main, overlay, text }) => {
    main.clips.push(mediaClip(pan, 0, 0, 3));
    overlay.clips.push(mediaClip(pic, 0, 0, 3, { reframe: 'fit', scale: 0.55 }));
    const title = textClip('Hello creators', 0, 3, 0.2);
    text.clips.push({ ...title, style: { ...title.style, size: 96 } });
  });
  await openDraft(app, name, 2);

  // The photo: a size key at the start (its current size: nothing jumps), another near the end, made bigger.
  await app.getByTestId('lane-overlay').getByTestId('clip').click();
  const animate = app.getByTestId('animate-section');
  await expect(animate).toBeVisible();
  await seekPreview(app, 0, 2);
  await animate.getByTestId('kf-toggle-scale').click();
  await expect(animate.getByTestId('kf-toggle-scale')).toHaveAttribute('aria-pressed', 'true');
  await seekPreview(app, 2.9, 2);
  await expect(animate.getByTestId('kf-toggle-scale')).toHaveAttribute('aria-pressed', 'false');
  await animate.getByTestId('kf-toggle-scale').click();
  await animate.getByTestId('kf-value-scale').fill('0.85');
  let doc = await stored(app, draftId);
  expect(photoOf(doc).keyframes!.scale!.map((k) => [k.t, k.value])).toEqual([[0, 0.55], [2.9, 0.85]]);
  // The lane under the overlay track shows both keys; ‹ goes back to the first.
  await expect(app.getByTestId('keyframe-lane').getByTestId('kf-diamond')).toHaveCount(2);
  if (SHOTS) {
    await app.getByTestId('keyframe-lane').getByTestId('kf-diamond').first().focus();
    await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'keyframe-lane.png') });
    await animate.screenshot({ path: path.join(SHOTS, 'editor-animate.png') });
  }
  await animate.getByTestId('kf-prev-scale').click();
  await expect(app.getByTestId('preview-canvas')).toHaveAttribute('data-time', '0.000');

  // The title: typewriter in from the presets menu; a fade in on top, then one undo takes only the fade away.
  await app.getByTestId('lane-text').getByTestId('clip').click();
  await animate.getByTestId('kf-preset').selectOption('typewriterIn');
  await animate.getByTestId('kf-preset').selectOption('fadeIn');
  doc = await stored(app, draftId);
  expect(titleOf(doc).keyframes!.opacity).toHaveLength(2);
  await app.keyboard.press('Control+z');
  doc = await stored(app, draftId);
  expect(titleOf(doc).keyframes!.opacity, 'one undo removes the whole fade').toBeUndefined();
  expect(titleOf(doc).keyframes!.reveal!.map((k) => k.value)).toEqual([0, 1]);
  await expect(app.getByTestId('keyframe-lane').getByTestId('kf-diamond')).toHaveCount(2);

  // Preview and export agree at three times: the photo growing and the title half typed at the first.
  const file = await exportDraft(app, draftId, 3);
  await app.keyboard.press('Escape');
  for (const at of TIMES) {
    await seekPreview(app, at, 2);
    await app.mouse.move(0, 0);
    const shot = path.join(tmp, `preview-${at}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const exported = path.join(tmp, `export-${at}.png`);
    await frameAt(file, at, 30, exported);
    const score = await ssimOf(shot, exported);
    test.info().annotations.push({ type: `ssim@${at}`, description: score.toFixed(4) });
    expect(score, `SSIM of the preview and the export at ${at} s`).toBeGreaterThanOrEqual(0.9);
  }
  fs.rmSync(tmp, { recursive: true, force: true });
});
