import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Asset } from '../../electron/model/asset';
import type { MediaClip, TextClip, VideoDraft } from '../../electron/model/draft';
import { FOOTAGE_DIR, GOOD_DIR } from '../../scripts/fixtures';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, exportDraft, footageWork, frameAt, mediaClip, openDraft, saveDraft, seekPreview, ssimOf, textClip } from '../preview-kit';
import { centreOf, drag, rotateBy, storedDoc } from '../manipulate-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

/**
 * Direct manipulation on the preview (docs/timeline.md, "On the preview"): a creator drags a title to the upper
 * third and turns it 10°, drops a logo on the overlay track (it arrives a third of the canvas wide), scales it by
 * its corner, nudges, edits the title in place, undoes and redoes; a reload keeps it all and the export shows it where the
 * preview did.
 */

const stored = storedDoc;
const textOf = (doc: VideoDraft) => doc.tracks.find((t) => t.kind === 'text')!.clips[0] as TextClip;
const overlayOf = (doc: VideoDraft) => doc.tracks.find((t) => t.kind === 'overlay')!.clips[0] as MediaClip | undefined;

test('drag a title to the upper third, turn it 10°, scale a logo by its corner, undo, reload, and the export matches the preview', async ({ app }) => {
  const AT = 1;
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { files: 1 }, decodeWork(1), { mediaSec: 3, decodeSec: AT }, decodeWork(1))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-manipulate-'));
  await app.getByTestId('import-file-input').setInputFiles([path.join(FOOTAGE_DIR, 'pan.mp4'), path.join(GOOD_DIR, 'logo.png')]);
  await waitStep('pan.mp4 and logo.png imported', footageWork(['pan']), (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const pan = items.find((a) => a.name === 'pan.mp4')!;
  const name = 'Moving things';
  const draftId = await saveDraft(app, name, ({ main, text }) => {
    main.clips.push(mediaClip(pan, 0, 0, 3));
    const title = textClip('Big news', 0, 3, 0.5);
    text.clips.push({ ...title, style: { ...title.style, size: 110 } });
  });
  await openDraft(app, name, 1);

  const frame = app.getByTestId('manipulate');
  const fb = (await frame.boundingBox())!;
  const at = (fx: number, fy: number) => ({ x: fb.x + fx * fb.width, y: fb.y + fy * fb.height });

  // The logo dropped on the overlay track arrives selected, a third of the canvas wide, and not on top of the
  // centred title: just below it (electron/model/layer-placement.ts).
  await app.locator('[data-testid="bin-item"][data-name="logo.png"]').dragTo(app.getByTestId('lane-overlay'), { targetPosition: { x: 6, y: 10 } });
  await expect(app.getByTestId('lane-overlay').getByTestId('clip')).toHaveCount(1);
  const selection = app.getByTestId('dm-selection');
  const arrived = overlayOf(await stored(app, draftId))!;
  await expect(selection).toHaveAttribute('data-clip-id', arrived.id);
  // A square fitted on a 9:16 canvas is as wide as the canvas at scale 1: a third is scale 1/3.
  expect(arrived.transform).toMatchObject({ reframe: 'fit', x: 0.5, y: 0.72 });
  expect(arrived.transform.scale, 'the logo is a third of the canvas wide').toBeCloseTo(1 / 3, 3);
  // Dragged up under the title (snapping to the centre), as a creator stacking them would.
  await drag(app, at(0.5, 0.72), at(0.5, 0.5));
  const logo = overlayOf(await stored(app, draftId))!;
  expect(logo.transform.x).toBeCloseTo(0.5, 3);
  expect(logo.transform.y).toBeCloseTo(0.5, 3);
  const logoBox = (await app.locator('.dm__box').boundingBox())!;
  const nw0 = await centreOf(app.getByTestId('dm-handle-nw'));
  const se0 = await centreOf(app.getByTestId('dm-handle-se'));
  expect(Math.abs((se0.x - nw0.x) / fb.width - 1 / 3), 'its handles sit on its corners').toBeLessThan(0.01);
  expect(Math.abs(logoBox.x + logoBox.width / 2 - (fb.x + fb.width / 2))).toBeLessThan(2);

  // Scale it by its bottom-right corner to half the canvas's width: the top-left corner stays put.
  const se = await centreOf(app.getByTestId('dm-handle-se'));
  await drag(app, se, { x: se.x + fb.width / 6, y: se.y + fb.width / 6 });
  const scaled = overlayOf(await stored(app, draftId))!;
  const before = 1 / 3;
  expect(scaled.transform.scale / before, 'scaled by the corner to half the width').toBeGreaterThan(1.4);
  expect(scaled.transform.scale / before).toBeLessThan(1.6);
  const nw1 = await centreOf(app.getByTestId('dm-handle-nw'));
  expect(Math.abs(nw1.x - nw0.x), 'the opposite corner stays').toBeLessThan(2);
  expect(Math.abs(nw1.y - nw0.y)).toBeLessThan(2);

  // A drag that starts inside the selected logo moves the logo, though the title lies over it there (as in design
  // tools); Ctrl+Z puts it back. A click there without moving selects the title on top (next step).
  const logoBefore = overlayOf(await stored(app, draftId))!.transform;
  await drag(app, at(0.5, 0.5), at(0.5, 0.56));
  await expect(selection).toHaveAttribute('data-clip-id', logo.id);
  let moved = await stored(app, draftId);
  expect(overlayOf(moved)!.transform.y - logoBefore.y, 'the selected logo moved down').toBeGreaterThan(0.04);
  expect(textOf(moved).y, 'the title over it stayed').toBeCloseTo(0.5, 6);
  await app.keyboard.press('Control+z');
  moved = await stored(app, draftId);
  expect(overlayOf(moved)!.transform.y).toBeCloseTo(logoBefore.y, 6);

  // Click the title (above the logo in the stack) and drag it to the upper third; the centre guide shows meanwhile.
  await app.mouse.click(at(0.5, 0.5).x, at(0.5, 0.5).y);
  const titleId = textOf(await stored(app, draftId)).id;
  await expect(selection).toHaveAttribute('data-clip-id', titleId);
  await drag(app, at(0.5, 0.5), at(0.5, 1 / 3), true);
  await expect(app.locator('[data-testid="dm-guide"][data-kind="centre"]')).toHaveCount(1);
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'editor-manipulate.png') });
  await app.mouse.up();
  await expect(app.getByTestId('dm-guide')).toHaveCount(0);
  let doc = await stored(app, draftId);
  expect(Math.abs(textOf(doc).y - 1 / 3), 'the title is in the upper third').toBeLessThan(0.01);
  expect(textOf(doc).x, 'snapped to the centre line').toBeCloseTo(0.5, 3);

  // One drag is one undo step; redo puts it back.
  await app.getByTestId('undo').click();
  expect(textOf(await stored(app, draftId)).y).toBeCloseTo(0.5, 6);
  await app.getByTestId('redo').click();
  expect(Math.abs(textOf(await stored(app, draftId)).y - 1 / 3)).toBeLessThan(0.01);

  // The round handle above the title turns it: 10° clockwise (away from the 45° snaps, so exactly where dropped).
  await rotateBy(app, 10);
  expect(Math.abs(textOf(await stored(app, draftId)).rotation - 10), 'the title is turned 10°').toBeLessThan(0.5);
  // The period key turns it one more degree; undo takes that back.
  await frame.focus();
  const turned = textOf(await stored(app, draftId)).rotation;
  await app.keyboard.press('.');
  expect(textOf(await stored(app, draftId)).rotation).toBeCloseTo(turned + 1, 6);
  await app.keyboard.press('Control+z');
  expect(textOf(await stored(app, draftId)).rotation).toBeCloseTo(turned, 6);

  // Arrow keys nudge the selected layer by a canvas pixel (Shift: ten).
  const y0 = textOf(await stored(app, draftId)).y;
  await app.keyboard.press('Shift+ArrowUp');
  await app.keyboard.press('ArrowUp');
  expect(textOf(await stored(app, draftId)).y).toBeCloseTo(y0 - 11 / 1920, 6);

  // Double-click edits the title where it is; Enter keeps it.
  const tb = await centreOf(app.locator('.dm__box'));
  await app.mouse.dblclick(tb.x, tb.y);
  const editor = app.getByTestId('dm-text-edit');
  await expect(editor).toBeFocused();
  await editor.fill('Launch day');
  await editor.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Launch day');
  // Esc keeps what was typed too (as Canva and the image editor do); Ctrl+Z puts the words back, one step.
  const tb2 = await centreOf(app.locator('.dm__box'));
  await app.mouse.dblclick(tb2.x, tb2.y);
  await expect(editor).toBeFocused();
  await editor.fill('Launch week');
  await editor.press('Escape');
  await expect(editor).toHaveCount(0);
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Launch week');
  await app.keyboard.press('Control+z');
  await expect(app.getByTestId('lane-text').getByTestId('clip')).toHaveAttribute('aria-label', 'Launch day');
  doc = await stored(app, draftId);

  // A reload keeps every change.
  await app.reload();
  await app.getByTestId('editor-nav').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  const reloaded = await stored(app, draftId);
  expect(textOf(reloaded)).toEqual(textOf(doc));
  expect(overlayOf(reloaded)).toEqual(overlayOf(doc));

  // What the preview shows is what the export renders (no selection drawn over the canvas).
  const file = await exportDraft(app, draftId, 3);
  await seekPreview(app, AT, 1);
  await app.keyboard.press('Escape');
  await app.mouse.move(0, 0);
  await expect(selection).toHaveCount(0);
  const shot = path.join(tmp, 'preview.png');
  await app.getByTestId('preview-canvas').screenshot({ path: shot });
  const exported = path.join(tmp, 'export.png');
  await frameAt(file, AT, 30, exported);
  const score = await ssimOf(shot, exported);
  test.info().annotations.push({ type: 'ssim', description: score.toFixed(4) });
  expect(score, 'SSIM of the preview and the export').toBeGreaterThanOrEqual(0.9);
  fs.rmSync(tmp, { recursive: true, force: true });
});
