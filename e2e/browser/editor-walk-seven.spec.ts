import path from 'node:path';
import type { Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import type { Asset } from '../../electron/model/asset';
import { GOOD_DIR } from '../../scripts/fixtures';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, mediaClip, openDraft, saveDraft, textClip } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Items of the seventh new-creator walk (docs/walks/editor-i14-walk.md #51–#53): a photo's Inspector has no
 * "From source" row; freeze stills' names show whole in the media list; a two-line title stays where it is as its
 * in-place box opens; the arrows in the shortcut sheet's key caps are as large as its letters.
 */

/** Imports files of the fixtures' good folder and returns their assets by name. */
async function importGood(page: Page, names: string[]): Promise<Record<string, Asset>> {
  await page.getByTestId('import-file-input').setInputFiles(names.map((n) => path.join(GOOD_DIR, n)));
  await waitStep(`${names.join(', ')} imported`, { files: names.length }, (timeout) => expect(page.getByTestId('asset-cell')).toHaveCount(names.length, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(page, 'assets.list', {});
  return Object.fromEntries(items.map((a) => [a.name, a]));
}

/** The box (screen pixels, relative to `el`) of the near-white pixels of a screenshot of `el`: a white title's fill. */
async function whiteBox(el: Locator): Promise<{ left: number; top: number; right: number; bottom: number }> {
  const { data, info } = await sharp(await el.screenshot()).raw().toBuffer({ resolveWithObject: true });
  const b = { left: Infinity, top: Infinity, right: -Infinity, bottom: -Infinity };
  for (let y = 0; y < info.height; y++) {
    for (let x = 0; x < info.width; x++) {
      const i = (y * info.width + x) * info.channels;
      if (data[i]! > 200 && data[i + 1]! > 200 && data[i + 2]! > 200) {
        b.left = Math.min(b.left, x);
        b.right = Math.max(b.right, x);
        b.top = Math.min(b.top, y);
        b.bottom = Math.max(b.bottom, y);
      }
    }
  }
  return b;
}

/** The size of the light pixels (the glyphs) of a key cap, inside its border. */
async function inkOf(el: Locator): Promise<{ w: number; h: number }> {
  const { data, info } = await sharp(await el.screenshot()).raw().toBuffer({ resolveWithObject: true });
  let [x0, y0, x1, y1] = [Infinity, Infinity, -Infinity, -Infinity];
  for (let y = 2; y < info.height - 2; y++) {
    for (let x = 2; x < info.width - 2; x++) {
      const i = (y * info.width + x) * info.channels;
      if (data[i]! + data[i + 1]! + data[i + 2]! > 3 * 140) [x0, y0, x1, y1] = [Math.min(x0, x), Math.min(y0, y), Math.max(x1, x), Math.max(y1, y)];
    }
  }
  return { w: x1 - x0 + 1, h: y1 - y0 + 1 };
}

test('a photo has no “From source” row, stills’ names show whole, a two-line title stays put as its box opens', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(2))));
  const assets = await importGood(app, ['red-clip.mp4', 'logo.png']);
  const red = assets['red-clip.mp4']!;
  const logo = assets['logo.png']!;
  // Two freeze stills of one video, named as Freeze frame names them (model/freeze-frame.ts).
  await callApi(app, 'assets.update', { id: logo.id, name: 'red-clip.mp4 · 0:01.50 (freeze)' });
  await saveDraft(app, 'Walk seven', (t) => {
    t.main.clips = [mediaClip(red, 0, 0, 2), mediaClip(logo, 2, 0, 3)];
    // White words on the red clip, no box or outline: what is white on the preview is the title's fill.
    t.text.clips = [{ ...textClip('Two lines\nof words', 0, 2, 0.5), style: { font: 'DejaVu Sans', size: 96, color: '#ffffff', bold: true, italic: false, align: 'center', stroke: null, box: null } }];
  });
  await openDraft(app, 'Walk seven', 1);

  // The media list shows two lines of a name: a still's moment is not cut off.
  const still = app.locator(`[data-testid="bin-item"][data-asset-id="${logo.id}"] .bin-item__name`);
  await expect(still).toHaveText('red-clip.mp4 · 0:01.50 (freeze)');
  const cut = await still.evaluate((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1);
  // Soft, as the checks below: each item of the walk is reported on its own.
  expect.soft(cut, 'the still’s whole name shows').toBe(false);
  if (SHOTS) await app.getByTestId('media-bin').screenshot({ path: path.join(SHOTS, 'walk7-bin.png') });

  // A video clip shows the stretch of its file it plays; a photo has none to show.
  const clips = app.getByTestId('lane-main').getByTestId('clip');
  await clips.nth(0).click();
  await expect(app.getByTestId('insp-source')).toHaveText('0.00 → 2.00 s');
  await clips.nth(1).click();
  await expect(app.getByTestId('media-inspector')).toBeVisible();
  await expect(app.getByTestId('insp-timing')).toContainText('Length');
  await expect.soft(app.getByTestId('insp-source'), 'a photo has no “From source” row').toHaveCount(0);

  // A two-line title: its words in the in-place box lie where the preview drew them (walk #52: ~16 px lower).
  await app.getByTestId('lane-text').getByTestId('clip').click();
  const stage = app.getByTestId('manipulate');
  await waitStep('the title is measured', decodeWork(1), (timeout) => expect(app.getByTestId('dm-selection')).toBeVisible({ timeout }));
  // Drawn without the selection box over it.
  await app.addStyleTag({ content: '.dm__svg { visibility: hidden } .dm-text-edit { caret-color: transparent }' });
  const drawn = await whiteBox(stage);
  await stage.focus();
  await app.keyboard.press('Enter');
  const box = app.getByTestId('dm-text-edit');
  await expect(box).toBeFocused();
  // Collapsed selection: the words in the title's own colour, not on the selection's highlight.
  await app.keyboard.press('End');
  const typed = await whiteBox(stage);
  if (SHOTS) await stage.screenshot({ path: path.join(SHOTS, 'walk7-title-in-place.png') });
  for (const side of ['left', 'top', 'right', 'bottom'] as const) {
    expect.soft(Math.abs(typed[side] - drawn[side]), `${side}: drawn ${JSON.stringify(drawn)}, in place ${JSON.stringify(typed)}`).toBeLessThanOrEqual(2);
  }
});

test('the arrows in the shortcut sheet’s key caps are as large as its letters', async ({ app }) => {
  test.setTimeout(testLimit({ files: 1 }));
  const assets = await importGood(app, ['red-clip.mp4']);
  await saveDraft(app, 'Walk seven keys', (t) => {
    t.main.clips = [mediaClip(assets['red-clip.mp4']!, 0, 0, 2)];
  });
  await openDraft(app, 'Walk seven keys', 1);
  await app.keyboard.press('?');
  const sheet = app.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  // The drawn size (light pixels inside the cap's border) of an arrow and of a capital, each alone in a cap.
  const cap = (text: string) => sheet.locator('kbd').filter({ hasText: new RegExp(`^${text}$`) }).first();
  const [left, up, letter] = [await inkOf(cap('←')), await inkOf(cap('↑')), await inkOf(cap('J'))];
  if (SHOTS) await sheet.screenshot({ path: path.join(SHOTS, 'walk7-shortcuts.png') });
  const sizes = JSON.stringify({ left, up, letter });
  // An arrow spans at least a capital's height along its shaft, and its head at least 60% of that across.
  expect(left.w, sizes).toBeGreaterThanOrEqual(letter.h);
  expect(left.h, sizes).toBeGreaterThanOrEqual(0.6 * letter.h);
  expect(up.h, sizes).toBeGreaterThanOrEqual(letter.h);
  expect(up.w, sizes).toBeGreaterThanOrEqual(0.6 * letter.h);
});
