import path from 'node:path';
import type { MediaClip, TextClip, VideoDraft } from '../../electron/model/draft';
import { FOOTAGE_DIR } from '../../scripts/fixtures';
import { allOf, testLimit, waitStep } from '../limits';
import { centreOf, drag, storedDoc } from '../manipulate-kit';
import { decodeWork, footageWork, openDraft, saveDraft } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * A new-user walk (walk 8, findings 55 and 56): a title added with Add text over a full-frame video, its words typed
 * in place and Esc pressed, could not be dragged on the preview: with the video selected, a drag on the title's
 * middle moved the video (to Y 95%), since a press inside the selected layer held it even under another layer. The
 * topmost layer under the pointer is the one pressed (as in CapCut and Canva) when it lies on the selected one, so
 * the title is dragged by its body whatever is selected. And the selected title's corner handles covered its first
 * and last letters: its outline sits a few pixels outside them.
 */

const titlesOf = (doc: VideoDraft) => doc.tracks.find((t) => t.kind === 'text')!.clips as TextClip[];
const videoOf = (doc: VideoDraft) => doc.tracks.find((t) => t.kind === 'main')!.clips[0] as MediaClip;

test('a title typed in place over a full-frame video is picked and dragged by its body, the video selected or not; its handles sit outside its letters', async ({ app }) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { files: 1 }, decodeWork(2))));
  await app.getByTestId('import-file-input').setInputFiles([path.join(FOOTAGE_DIR, 'pan.mp4')]);
  await waitStep('pan.mp4 imported', footageWork(['pan']), (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  const name = 'Title over video';
  const draftId = await saveDraft(app, name, () => {});
  await openDraft(app, name, 0);
  // + on the video in the bin: it fills the frame on the main track.
  await app.getByTestId('media-bin').locator('[data-testid="bin-item"][data-name="pan.mp4"]').getByTestId('bin-add').click();
  await expect(app.getByTestId('lane-main')).toHaveAttribute('data-clip-count', '1');
  await waitStep('the preview shows the video', decodeWork(1), (timeout) => expect(app.getByTestId('preview-canvas')).toHaveAttribute('data-ready', 'true', { timeout }));
  const video0 = videoOf(await storedDoc(app, draftId));

  // Add text, its words typed in place, Esc: the title is selected.
  const editor = app.getByTestId('dm-text-edit');
  await app.getByTestId('add-text').click();
  await expect(editor).toBeFocused();
  await app.keyboard.type('Summer in motion');
  await app.keyboard.press('Escape');
  await expect(editor).toHaveCount(0);
  const doc = await storedDoc(app, draftId);
  const title = titlesOf(doc)[0]!;
  expect(title.text).toBe('Summer in motion');
  const selection = app.getByTestId('dm-selection');
  await expect(selection).toHaveAttribute('data-clip-id', title.id);

  // Its handles sit outside its letters (the block the engine rasterised), a few screen pixels all round.
  const fb = (await app.getByTestId('manipulate').boundingBox())!;
  const k = fb.width / doc.canvas.width;
  const block = await callApi<{ left: number; top: number; width: number; height: number }>(app, 'text.render', { canvas: { width: doc.canvas.width, height: doc.canvas.height }, text: { text: title.text, style: title.style, x: title.x, y: title.y, maxWidth: title.maxWidth } });
  const letters = { left: fb.x + block.left * k, top: fb.y + block.top * k, right: fb.x + (block.left + block.width) * k, bottom: fb.y + (block.top + block.height) * k };
  await expect.poll(async () => (await centreOf(app.getByTestId('dm-handle-nw'))).x, { message: 'the nw handle is left of the first letter' }).toBeLessThan(letters.left - 4);
  const nw = await centreOf(app.getByTestId('dm-handle-nw'));
  const se = await centreOf(app.getByTestId('dm-handle-se'));
  expect(nw.y, 'the nw handle is above the letters').toBeLessThan(letters.top - 4);
  expect(se.x, 'the se handle is right of the last letter').toBeGreaterThan(letters.right + 4);
  expect(se.y, 'the se handle is below the letters').toBeGreaterThan(letters.bottom + 4);
  expect(nw.x, 'but close to them').toBeGreaterThan(letters.left - 12);
  if (SHOTS) await app.locator('.preview__frame').screenshot({ path: path.join(SHOTS, 'editor-title-selected.png') });
  const mid = { x: (letters.left + letters.right) / 2, y: (letters.top + letters.bottom) / 2 };

  // The video selected (a click on it below the title), as after the walk's first tries.
  await app.mouse.click(mid.x, fb.y + fb.height * 0.7);
  await expect(selection).toHaveAttribute('data-clip-id', video0.id);
  // A click on the title, anywhere inside its outline (the walk's grid), picks the title.
  for (let i = 0; i < 7; i++) {
    for (let j = 0; j < 3; j++) {
      await app.mouse.click(nw.x + 2 + ((se.x - nw.x - 4) * i) / 6, nw.y + 2 + ((se.y - nw.y - 4) * j) / 2);
      await expect(selection, `a click at ${i}/6, ${j}/2 of the title's outline picks it`).toHaveAttribute('data-clip-id', title.id);
      await app.mouse.click(mid.x, fb.y + fb.height * 0.7);
      await expect(selection).toHaveAttribute('data-clip-id', video0.id);
    }
  }

  // With the video selected, a drag on the title's middle moves the title down a fifth of the frame, not the video.
  await drag(app, mid, { x: mid.x, y: mid.y + fb.height * 0.2 });
  await expect(selection).toHaveAttribute('data-clip-id', title.id);
  let after = await storedDoc(app, draftId);
  expect(titlesOf(after)[0]!.y - title.y, 'the title moved down a fifth of the frame').toBeCloseTo(0.2, 1);
  expect(videoOf(after).transform, 'the video did not move').toEqual(video0.transform);

  // The title selected, dragged by its body again: back up.
  const moved = { x: mid.x, y: mid.y + fb.height * 0.2 };
  await drag(app, moved, { x: moved.x, y: moved.y - fb.height * 0.1 });
  after = await storedDoc(app, draftId);
  expect(titlesOf(after)[0]!.y - title.y).toBeCloseTo(0.1, 1);
  expect(videoOf(after).transform).toEqual(video0.transform);
  // Off the title, a drag moves the video.
  await drag(app, { x: mid.x, y: fb.y + fb.height * 0.8 }, { x: mid.x, y: fb.y + fb.height * 0.85 });
  await expect(selection).toHaveAttribute('data-clip-id', video0.id);
  expect(videoOf(await storedDoc(app, draftId)).transform.y).toBeGreaterThan(video0.transform.y + 0.03);
  // A video's outline and handles keep to its edges.
  if (SHOTS) await app.locator('.preview__frame').screenshot({ path: path.join(SHOTS, 'editor-video-selected.png') });
});
