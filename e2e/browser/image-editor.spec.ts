import path from 'node:path';
import fs from 'node:fs';
import type { Page } from '@playwright/test';
import type { DraftRecord } from '../../electron/model/draft-record';
import type { ImageDraft, ImageMediaLayer, ImageTextLayer } from '../../electron/model/image-draft';
import { GOOD_DIR } from '../../scripts/fixtures';
import { testLimit, waitStep } from '../limits';
import { addPerson, openSignedIn } from '../accounts-kit';
import { callApi, expect, test } from '../serve';

/**
 * The image editor driven like a creator: a 4:5 post, a photo and a text, moved, snapped, rotated and resized
 * with the mouse on the canvas, an undo, then a carousel's pages added and reordered. What the editor saved is
 * read back through the API, so the test holds the document, not only the screen.
 */
test.use({ viewport: { width: 1600, height: 1000 } });

type Geo = { x: number; y: number; scale: number };

async function canvasGeo(page: Page): Promise<Geo> {
  const c = page.getByTestId('ie-canvas');
  const box = (await c.boundingBox())!;
  return { x: box.x, y: box.y, scale: Number(await c.getAttribute('data-scale')) };
}
const at = (g: Geo, cx: number, cy: number) => ({ x: g.x + cx * g.scale, y: g.y + cy * g.scale });

/** Presses at a screen point and moves to another in steps, as a hand does; `hold` keeps the button down. */
async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }, opts: { hold?: boolean } = {}): Promise<void> {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  for (let i = 1; i <= 10; i++) await page.mouse.move(from.x + ((to.x - from.x) * i) / 10, from.y + ((to.y - from.y) * i) / 10);
  if (!opts.hold) await page.mouse.up();
}

let lastRevision = -1;
/**
 * The draft as saved after the step just taken: waits for a revision newer than the last one read (every step
 * edits) and for the editor to say everything is saved, then reads it through the API.
 */
async function savedDoc(page: Page, id: string): Promise<ImageDraft> {
  const read = () => callApi<DraftRecord>(page, 'drafts.get', { id });
  await expect.poll(async () => (await read()).revision, { message: 'a new revision saved' }).toBeGreaterThan(lastRevision);
  await expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const rec = await read();
  lastRevision = rec.revision;
  if (rec.doc.kind !== 'image') throw new Error('expected an image draft');
  return rec.doc;
}

/**
 * A photo imported into the library, then a new 4:5 image post from the drafts list (empty, in the editor);
 * gives the draft as listed.
 */
async function newPostWithLibraryPhoto(app: Page, name: string): Promise<{ id: string; name: string }> {
  lastRevision = -1;
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'beach-sunset.jpg')]);
  await waitStep('the photo imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-image-empty').click();
  await app.getByTestId('new-image-name').fill(name);
  await app.getByTestId('image-preset-4:5').click();
  await app.getByTestId('new-image-create').click();
  await expect(app.getByTestId('image-editor')).toBeVisible();
  await expect(app.getByTestId('ie-empty-page')).toBeVisible();
  const drafts = await callApi<{ id: string; name: string; kind: string; preset: string }[]>(app, 'drafts.list', {});
  const draft = drafts.find((d) => d.name === name)!;
  expect(draft).toMatchObject({ kind: 'image', preset: '4:5' });
  return draft;
}

test('a creator makes a 4:5 post, moves, snaps, rotates and resizes layers on the canvas, undoes, and builds a carousel', async ({ app }) => {
  test.setTimeout(testLimit({ files: 1 }));
  const draft = await newPostWithLibraryPhoto(app, 'Launch post');

  // A photo (shown portrait, 400×600) and a heading, both centred.
  const canvasEl = app.getByTestId('ie-canvas');
  await app.getByTestId('ie-tab-photos').click();
  await app.getByTestId('ie-photo-choice').first().click();
  await expect(canvasEl.locator('[data-testid="ie-layer"][data-kind="photo"]')).toHaveCount(1);
  await app.getByTestId('ie-tab-text').click();
  await app.getByTestId('ie-add-text-title').click();
  await expect(canvasEl.locator('[data-testid="ie-layer"][data-kind="text"]')).toHaveAttribute('data-ready', 'true');
  await expect(app.getByTestId('ie-empty-page')).toHaveCount(0);
  await expect(app.getByTestId('ie-layer-row')).toHaveCount(2);

  let doc = await savedDoc(app, draft.id);
  const photoId = doc.pages[0]!.layers.find((l) => l.type === 'media')!.id;
  const textId = doc.pages[0]!.layers.find((l) => l.type === 'text')!.id;
  const photo0 = (doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box;
  // A third of the canvas's area at the photo's own shape, centred.
  expect(photo0.x).toBeCloseTo(0.5, 6);
  expect((photo0.w * 1080) / (photo0.h * 1350)).toBeCloseTo(400 / 600, 3);

  const g = await canvasGeo(app);
  const tol = 1.5 / g.scale; // canvas pixels per screen pixel, and a half of rounding

  // Move the photo by (-100, -150) canvas px with Alt (no snapping): grabbed above the text.
  await app.keyboard.down('Alt');
  await drag(app, at(g, 540, 400), at(g, 440, 250));
  await app.keyboard.up('Alt');
  await expect(app.getByTestId('ie-selection')).toHaveAttribute('data-count', '1');
  doc = await savedDoc(app, draft.id);
  let photo = (doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box;
  expect(Math.abs(photo.x * 1080 - 440)).toBeLessThanOrEqual(tol);
  expect(Math.abs(photo.y * 1350 - 525)).toBeLessThanOrEqual(tol);

  // Dragged back close to the centre, it snaps onto the canvas's centre line, which is drawn while dragging.
  await drag(app, at(g, 440, 300), at(g, 537, 300), { hold: true });
  await expect(app.locator('[data-testid="ie-guide"][data-axis="x"][data-at="540"]')).toHaveCount(1);
  await app.mouse.up();
  await expect(app.getByTestId('ie-guide')).toHaveCount(0);
  doc = await savedDoc(app, draft.id);
  photo = (doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box;
  expect(photo.x).toBe(0.5);

  // Rotate the text with its rotate handle; Shift snaps to 15° steps, so pointing right is exactly 90°.
  await app.mouse.click(at(g, 540, 675).x, at(g, 540, 675).y);
  await expect(app.getByTestId('ie-layer-row').and(app.locator(`[data-layer-id="${textId}"]`))).toHaveAttribute('aria-selected', 'true');
  const rot = (await app.getByTestId('ie-rotate').boundingBox())!;
  await app.keyboard.down('Shift');
  await drag(app, { x: rot.x + rot.width / 2, y: rot.y + rot.height / 2 }, { x: at(g, 540, 675).x + 250, y: at(g, 540, 675).y + 7 });
  await app.keyboard.up('Shift');
  doc = await savedDoc(app, draft.id);
  const text = doc.pages[0]!.layers.find((l) => l.id === textId) as ImageTextLayer;
  expect(text.rotation).toBe(90);
  expect(text.x).toBeCloseTo(0.5, 9);

  // Resize the photo from its bottom-right corner with Shift: the ratio holds and the top-left corner stays.
  await app.mouse.click(at(g, 350, 250).x, at(g, 350, 250).y);
  await expect(app.getByTestId('ie-selection')).toHaveAttribute('data-count', '1');
  const se = (await app.getByTestId('ie-handle-se').boundingBox())!;
  const before = photo;
  await app.keyboard.down('Shift');
  await drag(app, { x: se.x + se.width / 2, y: se.y + se.height / 2 }, { x: se.x + se.width / 2 + 60, y: se.y + se.height / 2 + 8 });
  await app.keyboard.up('Shift');
  doc = await savedDoc(app, draft.id);
  const resized = (doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box;
  expect(resized.w).toBeGreaterThan(before.w * 1.1);
  expect((resized.w * 1080) / (resized.h * 1350)).toBeCloseTo((before.w * 1080) / (before.h * 1350), 6);
  const left = (b: typeof before) => (b.x - b.w / 2) * 1080;
  const top = (b: typeof before) => (b.y - b.h / 2) * 1350;
  expect(left(resized)).toBeCloseTo(left(before), 6);
  expect(top(resized)).toBeCloseTo(top(before), 6);

  // Undo takes the resize back (one step for the whole gesture); the move and the rotation stay.
  await app.keyboard.press('Control+z');
  doc = await savedDoc(app, draft.id);
  const undone = (doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box;
  expect(undone).toEqual(before);
  expect((doc.pages[0]!.layers.find((l) => l.id === textId) as ImageTextLayer).rotation).toBe(90);

  // Keys: Shift+arrow nudges 10 px, Ctrl+D duplicates (selected), Delete removes the copy.
  await app.mouse.click(at(g, 350, 250).x, at(g, 350, 250).y);
  await app.keyboard.press('Shift+ArrowRight');
  await app.keyboard.press('ArrowDown');
  doc = await savedDoc(app, draft.id);
  const nudged = (doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box;
  expect(nudged.x * 1080).toBeCloseTo(before.x * 1080 + 10, 6);
  expect(nudged.y * 1350).toBeCloseTo(before.y * 1350 + 1, 6);
  await app.keyboard.press('Shift+ArrowLeft');
  await app.keyboard.press('ArrowUp');
  await app.keyboard.press('Control+d');
  await expect(app.getByTestId('ie-layer-row')).toHaveCount(3);
  await app.keyboard.press('Delete');
  await expect(app.getByTestId('ie-layer-row')).toHaveCount(2);
  doc = await savedDoc(app, draft.id);
  expect((doc.pages[0]!.layers.find((l) => l.id === photoId) as ImageMediaLayer).box).toEqual(before);

  // Double-click the text to type on the canvas; Esc ends it.
  await app.mouse.dblclick(at(g, 540, 675).x, at(g, 540, 675).y);
  await expect(app.getByTestId('ie-textedit')).toBeFocused();
  await app.getByTestId('ie-textedit').fill('Summer sale');
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('ie-textedit')).toHaveCount(0);
  doc = await savedDoc(app, draft.id);
  expect((doc.pages[0]!.layers.find((l) => l.id === textId) as ImageTextLayer).text).toBe('Summer sale');

  // A layer locked in the layer list is not picked on the canvas, and cannot be nudged from the list.
  const photoRow = app.locator(`[data-testid="ie-layer-row"][data-layer-id="${photoId}"]`);
  await photoRow.getByTestId('ie-layer-lock').click();
  await app.mouse.click(at(g, 60, 1300).x, at(g, 60, 1300).y);
  await app.mouse.click(at(g, 350, 250).x, at(g, 350, 250).y);
  await expect(app.getByTestId('ie-selection')).toHaveCount(0);
  await photoRow.click();
  await expect(app.getByTestId('ie-selection')).toHaveClass(/ie-selection--locked/);
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('toast').filter({ hasText: 'locked' })).toBeVisible();
  await app.getByTestId('toast').getByRole('button', { name: 'Dismiss' }).click();
  await expect(app.getByTestId('toast')).toHaveCount(0);
  await photoRow.getByTestId('ie-layer-lock').click();
  doc = await savedDoc(app, draft.id);
  expect(doc.pages[0]!.layers.find((l) => l.id === photoId)).toMatchObject({ locked: false, box: before });

  // A marquee from an empty corner across both layers selects both.
  await drag(app, at(g, 20, 20), at(g, 1000, 1000));
  await expect(app.getByTestId('ie-selection')).toHaveAttribute('data-count', '2');
  await expect(app.getByTestId('ie-layer-row').and(app.locator('[aria-selected="true"]'))).toHaveCount(2);

  // The post as a creator sees it, for the docs.
  await app.mouse.click(at(g, 350, 250).x, at(g, 350, 250).y);
  await app.screenshot({ path: '/tmp/ie-post.png' });

  // A carousel: two more pages, then the last dragged to the front in the page strip.
  await app.getByTestId('ie-page-add').click();
  await app.getByTestId('ie-page-add').click();
  await expect(app.getByTestId('ie-page')).toHaveCount(3);
  const ids = await app.getByTestId('ie-page').evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id')!));
  await app.getByTestId('ie-tab-shapes').click();
  await app.getByTestId('ie-add-shape-ellipse').click();
  await app.getByTestId('ie-page').nth(2).dragTo(app.getByTestId('ie-page').nth(0), { targetPosition: { x: 4, y: 20 } });
  await expect(app.getByTestId('ie-page').first()).toHaveAttribute('data-page-id', ids[2]!);
  doc = await savedDoc(app, draft.id);
  expect(doc.pages.map((p) => p.id)).toEqual([ids[2], ids[0], ids[1]]);
  expect(doc.pages[0]!.layers.map((l) => (l.type === 'shape' ? l.shape : l.type))).toEqual(['ellipse']);
  expect(doc.pages[1]!.layers).toHaveLength(2);

  // Back on the first designed page with the photo selected: the screenshot for the README.
  await app.locator(`[data-testid="ie-page"][data-page-id="${ids[0]}"]`).getByTestId('ie-page-open').click();
  // Nothing selected: the inspector shows the page; a gradient background from it.
  await app.mouse.click(at(g, 60, 1300).x, at(g, 60, 1300).y);
  await app.getByTestId('ie-bg-gradient').click();
  doc = await savedDoc(app, draft.id);
  expect(doc.pages[1]!.background.type).toBe('gradient');
  await app.mouse.click(at(g, 350, 250).x, at(g, 350, 250).y);
  await expect(app.getByTestId('ie-selection')).toBeVisible();
  await app.screenshot({ path: '/tmp/ie-carousel.png' });
  fs.copyFileSync('/tmp/ie-carousel.png', '/tmp/ie-best.png');
});

test('a creator crops a photo on the canvas: handles, a pan, a 1:1 shape, one undo step per crop, Esc cancels', async ({ app }) => {
  test.setTimeout(testLimit({ files: 1 }));
  const draft = await newPostWithLibraryPhoto(app, 'Crop post');
  await app.getByTestId('ie-tab-photos').click();
  await app.getByTestId('ie-photo-choice').first().click();
  const canvasEl = app.getByTestId('ie-canvas');
  await expect(canvasEl.locator('[data-testid="ie-layer"][data-kind="photo"]')).toHaveAttribute('data-ready', 'true');
  let doc = await savedDoc(app, draft.id);
  const layerOf = (d: ImageDraft) => d.pages[0]!.layers[0] as ImageMediaLayer;
  const start = layerOf(doc);
  const px = (b: ImageMediaLayer['box']) => ({ left: (b.x - b.w / 2) * 1080, top: (b.y - b.h / 2) * 1350, width: b.w * 1080, height: b.h * 1350 });
  const p0 = px(start.box);
  const g = await canvasGeo(app);
  const tol = 1.5 / g.scale;

  // Double-click the photo: crop mode, the whole photo dimmed, the crop window bright with handles.
  await app.mouse.dblclick(at(g, 540, 675).x, at(g, 540, 675).y);
  await expect(app.getByTestId('ie-crop')).toHaveAttribute('data-ready', 'true');
  await expect(app.getByTestId('ie-cropbar')).toBeVisible();
  await expect(app.getByTestId('ie-cropbar-free')).toHaveAttribute('aria-checked', 'true');
  await expect(app.getByTestId('ie-selection')).toHaveCount(0);

  // The bottom-right corner in by (100, 200) canvas px (free: each way its own), then the photo moved (-50, -80) under it.
  const se = (await app.getByTestId('ie-crop-handle-se').boundingBox())!;
  await drag(app, { x: se.x + se.width / 2, y: se.y + se.height / 2 }, { x: se.x + se.width / 2 - 100 * g.scale, y: se.y + se.height / 2 - 200 * g.scale });
  await drag(app, at(g, p0.left + 150, p0.top + 150), at(g, p0.left + 100, p0.top + 70));
  await app.screenshot({ path: '/tmp/ie-crop.png' });
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('ie-crop')).toHaveCount(0);
  doc = await savedDoc(app, draft.id);
  const c1 = layerOf(doc);
  const b1 = px(c1.box);
  // The crop's top-left corner stayed on the canvas; the frame lost (100, 200); the crop holds the pan.
  expect(Math.abs(b1.left - p0.left)).toBeLessThanOrEqual(tol);
  expect(Math.abs(b1.top - p0.top)).toBeLessThanOrEqual(tol);
  expect(Math.abs(b1.width - (p0.width - 100))).toBeLessThanOrEqual(tol);
  expect(Math.abs(b1.height - (p0.height - 200))).toBeLessThanOrEqual(tol);
  expect(Math.abs(c1.edit.crop.left * p0.width - 50)).toBeLessThanOrEqual(tol);
  expect(Math.abs(c1.edit.crop.top * p0.height - 80)).toBeLessThanOrEqual(tol);
  expect(Math.abs(c1.edit.crop.right * p0.width - 50)).toBeLessThanOrEqual(tol);
  expect(Math.abs(c1.edit.crop.bottom * p0.height - 120)).toBeLessThanOrEqual(tol);

  // One undo step for the whole crop session; redo brings it back.
  await app.keyboard.press('Control+z');
  doc = await savedDoc(app, draft.id);
  expect(layerOf(doc).box).toEqual(start.box);
  expect(layerOf(doc).edit.crop).toEqual(start.edit.crop);
  await app.keyboard.press('Control+Shift+z');
  doc = await savedDoc(app, draft.id);
  expect(layerOf(doc).edit.crop).toEqual(c1.edit.crop);

  // From the inspector's button: a 1:1 crop, its corner dragged out; the square holds within a pixel of the source.
  await app.mouse.click(at(g, b1.left + 40, b1.top + 40).x, at(g, b1.left + 40, b1.top + 40).y);
  await app.getByTestId('ie-crop-start').click();
  await app.getByTestId('ie-cropbar-1:1').click();
  await expect(app.getByTestId('ie-cropbar-1:1')).toHaveAttribute('aria-checked', 'true');
  const nw = (await app.getByTestId('ie-crop-handle-nw').boundingBox())!;
  await drag(app, { x: nw.x + nw.width / 2, y: nw.y + nw.height / 2 }, { x: nw.x + nw.width / 2 - 30 * g.scale, y: nw.y + nw.height / 2 + 10 * g.scale });
  await app.getByTestId('ie-cropbar-apply').click();
  doc = await savedDoc(app, draft.id);
  const sq = layerOf(doc);
  const asset = await callApi<{ width: number; height: number }>(app, 'assets.get', { id: sq.assetId });
  const sw = asset.width * (1 - sq.edit.crop.left - sq.edit.crop.right);
  const sh = asset.height * (1 - sq.edit.crop.top - sq.edit.crop.bottom);
  expect(Math.abs(sw - sh)).toBeLessThanOrEqual(1);
  expect(sq.box.w * 1080).toBeCloseTo(sq.box.h * 1350, 6);

  // Esc cancels: nothing changes, and no undo step was made (undo takes back the 1:1 crop).
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('ie-crop-window')).toBeVisible();
  const e = (await app.getByTestId('ie-crop-handle-e').boundingBox())!;
  await drag(app, { x: e.x + e.width / 2, y: e.y + e.height / 2 }, { x: e.x + e.width / 2 - 40 * g.scale, y: e.y + e.height / 2 });
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('ie-crop')).toHaveCount(0);
  await app.keyboard.press('Control+z');
  doc = await savedDoc(app, draft.id);
  expect(layerOf(doc).edit.crop).toEqual(c1.edit.crop);

  // `?` shows the image editor's shortcut sheet.
  await app.keyboard.press('?');
  await expect(app.getByTestId('ie-shortcut-sheet')).toBeVisible();
  await expect(app.getByTestId('ie-shortcut-sheet')).toContainText('Duplicate the selection');
  await app.screenshot({ path: '/tmp/ie-keys.png' });
});

test('a creator’s marquee and Ctrl+A leave a template’s locked element out, and its layer row cannot be dragged', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 1 }));
  const draft = await newPostWithLibraryPhoto(app, 'Brand post');
  // As the owner (an admin): a rectangle marked a locked brand element, an ellipse left free.
  await app.getByTestId('ie-tab-shapes').click();
  await app.getByTestId('ie-add-shape-rect').click();
  await app.getByTestId('ie-mark-locked').click();
  await app.getByTestId('ie-add-shape-ellipse').click();
  let doc = await savedDoc(app, draft.id);
  const [rect, ellipse] = doc.pages[0]!.layers;
  expect(rect!.template).toBe('locked');
  expect(ellipse!.template).toBe(null);

  // Now as a creator.
  // Cleo really signs in (this page switches to her session): the host, not the page, says who is acting.
  await addPerson(app, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
  await openSignedIn(app, server, 'cleo');
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Brand post"]').getByTestId('draft-open').click();
  await expect(app.getByTestId('ie-layer-row')).toHaveCount(2);
  const g = await canvasGeo(app);
  // A marquee over the whole page picks the ellipse only.
  await drag(app, at(g, 5, 5), at(g, 1075, 1345));
  await expect(app.getByTestId('ie-selection')).toHaveAttribute('data-count', '1');
  await expect(app.locator(`[data-testid="ie-layer-row"][data-layer-id="${ellipse!.id}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(app.locator(`[data-testid="ie-layer-row"][data-layer-id="${rect!.id}"]`)).toHaveAttribute('aria-selected', 'false');
  await app.keyboard.press('Escape');
  await app.keyboard.press('Control+a');
  await expect(app.getByTestId('ie-selection')).toHaveAttribute('data-count', '1');
  // The locked element's row is not draggable; dragging it onto the top changes nothing.
  const lockedRow = app.locator(`[data-testid="ie-layer-row"][data-layer-id="${rect!.id}"]`);
  await expect(lockedRow).toHaveAttribute('draggable', 'false');
  await lockedRow.dragTo(app.getByTestId('ie-layer-row').first(), { targetPosition: { x: 4, y: 2 } });
  await expect(app.getByTestId('ie-layer-row').last()).toHaveAttribute('data-layer-id', rect!.id);
  // Nor can the free ellipse be put below it: the engine's guard would call that reordering the brand element.
  await app.locator(`[data-testid="ie-layer-row"][data-layer-id="${ellipse!.id}"]`).dragTo(lockedRow, { targetPosition: { x: 4, y: 30 } });
  await expect(app.getByTestId('toast').filter({ hasText: 'keeps its place' })).toBeVisible();
  await expect(app.getByTestId('ie-layer-row').last()).toHaveAttribute('data-layer-id', rect!.id);
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  doc = (await callApi<DraftRecord>(app, 'drafts.get', { id: draft.id })).doc as ImageDraft;
  expect(doc.pages[0]!.layers.map((l) => l.id)).toEqual([rect!.id, ellipse!.id]);

  // Selected from the list, the brand element's inspector says why its Arrange and Position/size are off.
  await lockedRow.click();
  await expect(app.getByTestId('ie-brand-locked')).toHaveText('Brand element: only an admin can move or change it.');
  await expect(app.getByTestId('ie-x')).toBeDisabled();
  await expect(app.getByTestId('ie-align-left')).toBeDisabled();
  await expect(app.getByTestId('ie-order-front')).toBeDisabled();
  await app.locator(`[data-testid="ie-layer-row"][data-layer-id="${ellipse!.id}"]`).click();
  await expect(app.getByTestId('ie-brand-locked')).toHaveCount(0);
  await expect(app.getByTestId('ie-x')).toBeEnabled();
});

test('a carousel background continues across the pages, and pages reorder from the keyboard', async ({ app }) => {
  test.setTimeout(testLimit({ files: 1 }));
  const draft = await newPostWithLibraryPhoto(app, 'Seamless');
  await app.getByTestId('ie-page-add').click();
  await app.getByTestId('ie-page-add').click();
  await expect(app.getByTestId('ie-page')).toHaveCount(3);
  const ids = await app.getByTestId('ie-page').evaluateAll((els) => els.map((e) => e.getAttribute('data-page-id')!));
  await app.getByTestId('ie-page-open').first().click();

  // One gradient across all three pages; a background edit from another page changes the shared one.
  await app.getByTestId('ie-bg-gradient').click();
  await app.getByTestId('ie-bg-spread').check();
  let doc = await savedDoc(app, draft.id);
  expect(doc.spread?.type).toBe('gradient');
  await app.getByTestId('ie-page-open').nth(2).click();
  await expect(app.getByTestId('ie-bg-spread')).toBeChecked();
  await app.getByTestId('ie-bg-colour').click();
  doc = await savedDoc(app, draft.id);
  expect(doc.spread?.type).toBe('colour');

  // Off: every page gets the shared background back.
  await app.getByTestId('ie-bg-spread').uncheck();
  doc = await savedDoc(app, draft.id);
  expect(doc.spread).toBeNull();
  expect(doc.pages.map((p) => p.background.type)).toEqual(['colour', 'colour', 'colour']);

  // Alt+→ on the focused first thumbnail moves that page one place later; focus stays on it.
  await app.getByTestId('ie-page-open').first().focus();
  await app.keyboard.press('Alt+ArrowRight');
  await expect(app.getByTestId('ie-page').nth(1)).toHaveAttribute('data-page-id', ids[0]!);
  await expect(app.locator(`[data-testid="ie-page"][data-page-id="${ids[0]}"] [data-testid="ie-page-open"]`)).toBeFocused();
  doc = await savedDoc(app, draft.id);
  expect(doc.pages.map((p) => p.id)).toEqual([ids[1], ids[0], ids[2]]);
});
