import path from 'node:path';
import type { Locator } from '@playwright/test';
import { clipDuration } from '../../electron/model/draft';
import { importClips, openDraftWithClips } from '../editor-kit';
import { storedDoc } from '../manipulate-kit';
import { decodeWork } from '../preview-kit';
import { allOf, testLimit, waitStep } from '../limits';
import { SHOTS } from '../screenshots';
import { expect, test } from '../serve';

/**
 * Items of the editor's new-creator walk (docs/walks/editor-i14-walk.md): a new title arrives in the upper third
 * (a logo beside a title: manipulate.spec.ts); the preview says why a selected clip off the playhead shows no handles and
 * moves the playhead onto it; the shortcut sheet is grouped and searchable by keyboard; the look thumbnails carry
 * a reference strip that shows each look's tint. Third walk: the Animation menu names the clip's animation, the
 * Animate block off the clip says what keys it has and goes to it, a speed curve carries the keys with the picture,
 * and a full-frame clip's rotate handle sits inside the canvas.
 */

const overlaps = (a: { x: number; y: number; width: number; height: number }, b: typeof a) =>
  a.x < b.x + b.width && b.x < a.x + a.width && a.y < b.y + b.height && b.y < a.y + a.height;

test('a title arrives in the upper third; a selected clip off the playhead gets a note and G moves onto it', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(2))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Walk titles', count: 2, clipSec: 2 });

  // A title at the playhead (0 s) arrives in the upper third (layer-placement.ts), selected.
  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveCount(1);
  await expect(app.getByTestId('insp-text-y')).toHaveValue('0.25');
  // It opens for its words (editor-keyboard.spec.ts); Esc keeps the placeholder and shows the handles.
  await expect(app.getByTestId('dm-text-edit')).toBeFocused();
  await app.keyboard.press('Escape');
  // Its box shows once the text is measured (a rasteriser round trip).
  await waitStep('the title is measured', decodeWork(1), (timeout) => expect(app.getByTestId('manipulate')).not.toHaveAttribute('data-selected', '', { timeout }));
  const title = await app.getByTestId('manipulate').getAttribute('data-selected');
  await expect(app.getByTestId('dm-selection')).toHaveAttribute('data-clip-id', title!);
  // Under the playhead: no note.
  await expect(app.getByTestId('off-playhead')).toHaveCount(0);

  // The playhead at the end (past the title's 3 s): no handles, and a note under (never over) the picture.
  await app.keyboard.press('End');
  await expect(app.getByTestId('dm-selection')).toHaveCount(0);
  const note = app.getByTestId('off-playhead');
  await expect(note).toBeVisible();
  await expect(note).toHaveAttribute('data-for-clip', title!);
  await expect(note).toContainText('The playhead is outside the selected clip');
  const canvasBox = (await app.getByTestId('preview-canvas').boundingBox())!;
  expect(overlaps((await note.boundingBox())!, canvasBox), 'the note is outside the canvas').toBe(false);
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'editor-off-playhead.png') });

  // Its button moves the playhead to the clip's first frame: the handles are back, the note gone.
  await app.getByTestId('off-playhead-go').click();
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:00 /');
  await expect(note).toHaveCount(0);
  await expect(app.getByTestId('dm-selection')).toHaveAttribute('data-clip-id', title!);

  // The same by keyboard: End, then G. The button is reachable by Tab with a name.
  await app.keyboard.press('End');
  await expect(note).toBeVisible();
  await expect(note.getByRole('button', { name: 'Go to clip (G)' })).toBeVisible();
  await app.keyboard.press('g');
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:00 /');
  await expect(note).toHaveCount(0);
  // A sound clip or nothing selected: no note.
  await app.keyboard.press('Escape');
  await app.keyboard.press('End');
  await expect(note).toHaveCount(0);
});

/** The colour of one pixel of a look thumbnail's canvas, once it is drawn (its alpha is 0 until then). */
async function thumbPixel(thumb: Locator, x: number, y: number): Promise<number[]> {
  const read = () => thumb.locator('canvas').evaluate((c: HTMLCanvasElement, [px, py]) => Array.from(c.getContext('2d')!.getImageData(px!, py!, 1, 1).data), [x, y]);
  await expect.poll(async () => (await read())[3], { message: 'the thumbnail is drawn' }).toBe(255);
  return read();
}

test('the shortcut sheet is grouped and searchable from the keyboard; look thumbnails show each look on a reference strip', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(1))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Walk sheet', count: 1, clipSec: 2 });

  await app.keyboard.press('?');
  const sheet = app.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  await expect(sheet.getByTestId('shortcut-group')).toHaveCount(7);
  await expect(sheet.getByRole('heading', { name: 'Playback and moving around' })).toBeVisible();
  await expect(sheet.getByRole('heading', { name: 'Captions' })).toBeVisible();
  // The search box has the focus: typing narrows the rows at once.
  const search = sheet.getByTestId('shortcut-search');
  await expect(search).toBeFocused();
  await app.keyboard.type('split');
  await expect(sheet.locator('.shortcuts__row')).toHaveCount(2);
  await expect(sheet.getByTestId('shortcut-group')).toHaveCount(2);
  if (SHOTS) await sheet.screenshot({ path: path.join(SHOTS, 'editor-shortcuts-search.png') });
  await search.fill('nothing like this');
  await expect(sheet).toContainText('No shortcut matches');
  await search.fill('');
  await expect(sheet.getByTestId('shortcut-group')).toHaveCount(7);
  if (SHOTS) await sheet.screenshot({ path: path.join(SHOTS, 'editor-shortcuts.png') });
  // Tab reaches the list (it scrolls by keyboard), Esc closes.
  await app.keyboard.press('Tab');
  await expect(sheet.getByTestId('shortcut-list')).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(sheet).toBeHidden();

  // The clip's look row: the strip under each picture is the same reference through each look. Its grey ramp's
  // middle stays grey without a look, leans red through Warm and blue through Cool.
  await app.getByTestId('lane-main').getByTestId('clip').first().click();
  await expect(app.getByTestId('look-section')).toBeVisible();
  const mid = (id: string) => thumbPixel(app.getByTestId(`look-${id}`), 28, 54);
  const [none, warm, cool] = [await mid('none'), await mid('warm'), await mid('cool')];
  expect(Math.abs(none[0]! - none[2]!), `no look: ${none.join(",")}`).toBeLessThanOrEqual(2);
  expect(warm[0]! - warm[2]!, `warm: ${warm.join(",")}`).toBeGreaterThan(10);
  expect(cool[2]! - cool[0]!, `cool: ${cool.join(",")}`).toBeGreaterThan(10);
  if (SHOTS) await app.getByTestId('look-section').screenshot({ path: path.join(SHOTS, 'editor-look-thumbs.png') });
});

test('Ken Burns is named in the menu, the keys follow a speed curve, the Animate block goes to the clip, the rotate handle stays in view', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(2))));
  const assets = await importClips(app);
  const draftId = await openDraftWithClips(app, assets, { name: 'Walk animate', count: 2, clipSec: 2 });
  const block = app.locator('[data-testid="clip"][data-clip-id="clip-0"]');
  await block.click();

  // A full-frame clip: the rotate handle is a whole circle inside the canvas (no room above it).
  const canvasBox = (await app.getByTestId('preview-canvas').boundingBox())!;
  const handle = (await app.getByTestId('dm-handle-rotate').boundingBox())!;
  expect(handle.y, 'the rotate handle is below the canvas top').toBeGreaterThanOrEqual(canvasBox.y);
  expect(handle.y + handle.height).toBeLessThan(canvasBox.y + canvasBox.height / 2);
  if (SHOTS) await app.getByTestId('preview-canvas').locator('..').screenshot({ path: path.join(SHOTS, 'editor-rotate-inside.png') });

  // Ken Burns: the menu then names it; a key changed by hand makes it "Custom keyframes".
  const animate = app.getByTestId('animate-section');
  const menu = animate.getByTestId('kf-preset');
  await expect(menu.locator('option[value=""]')).toHaveText('Add an animation…');
  await menu.selectOption('kenBurnsIn');
  await expect(menu.locator('option[value=""]')).toHaveText('Ken Burns: zoom in');

  // A Bullet curve makes the clip longer: the zoom's last key moves to the clip's new end (it stayed at 2 s before).
  await app.getByTestId('speed-mode-curve').click();
  await app.getByTestId('speed-preset-bullet').click();
  await expect.poll(async () => {
    const c = (await storedDoc(app, draftId)).tracks.find((t) => t.kind === 'main')!.clips[0]!;
    return Math.abs(c.keyframes!.scale!.at(-1)!.t - clipDuration(c)) < 1 / 30;
  }, { message: 'the last Ken Burns key is on the clip end' }).toBe(true);
  await expect(menu.locator('option[value=""]')).toHaveText('Ken Burns: zoom in');

  // Off the clip: the block says what keys there are, and Go to clip moves onto it.
  await app.keyboard.press('End');
  const outside = animate.getByTestId('animate-outside');
  await expect(outside).toContainText('Keyframes: 2 · move the playhead onto the clip to change them.');
  if (SHOTS) await animate.screenshot({ path: path.join(SHOTS, 'editor-animate-outside.png') });
  await outside.getByTestId('animate-go-to-clip').click();
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:00 /');
  await expect(outside).toHaveCount(0);
  await expect(animate).toContainText('Press ◆ to add a keyframe');
});
