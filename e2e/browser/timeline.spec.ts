import path from 'node:path';
import type { Page } from '@playwright/test';
import { importClips, openDraftWithClips, PX_PER_SEC, storedRevision } from '../editor-kit';
import { limitFor, testLimit } from '../limits';
import { previewBlackAt } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { expect, test } from '../serve';

/** Two clips imported, a draft of `clips` clips shown, and `extraMs` of UI steps beyond a usual test's. */
const limitWith = (clips: number, extraMs = 0) => testLimit({ files: 2, rows: clips, baseMs: extraMs });

/**
 * Timeline gestures (issue 9, item 14): a drag is a gesture that follows the pointer wherever React moves the
 * clip's element, and ends wherever the button is released.
 */

test('a clip dragged across many clips of a 300-clip draft follows the pointer to the end, as one undo step', async ({ app }) => {
  // 40 pointer steps, each waited for on a lane of 300 clips: twice a usual test's UI steps.
  test.setTimeout(limitWith(300, 120_000));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Three hundred', count: 300, clipSec: 0.5 });
  const dragged = app.locator('[data-clip-id="clip-2"]');
  await expect(dragged).toHaveAttribute('data-start', '1.000');

  const box = (await dragged.boundingBox())!;
  const x0 = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await app.mouse.move(x0, y);
  await app.mouse.down();
  // 24 px a step (0.3 s), as a quick hand moves: the clip swaps places with a neighbour every other step.
  const stepPx = 24;
  const steps = 40;
  for (let i = 1; i <= steps; i++) {
    await app.mouse.move(x0 + i * stepPx, y);
    // The clip lands on the clip boundary nearest to where the pointer wants it: never more than one clip away.
    const want = 1 + (i * stepPx) / PX_PER_SEC;
    await expect
      .poll(async () => Math.abs(Number(await dragged.getAttribute('data-start')) - want), { message: `clip follows the pointer at step ${i} (${want.toFixed(2)} s)` })
      .toBeLessThanOrEqual(0.25 + 1e-6);
  }
  await app.mouse.up();
  const end = 1 + (steps * stepPx) / PX_PER_SEC; // 13 s: a clip boundary
  await expect(dragged).toHaveAttribute('data-start', end.toFixed(3));
  await expect(app.getByTestId('lane-main').getByTestId('clip').nth(end / 0.5)).toHaveAttribute('data-clip-id', 'clip-2');

  // The whole drag is one step of history.
  await app.getByTestId('undo').click();
  await expect(dragged).toHaveAttribute('data-start', '1.000');
  await expect(app.getByTestId('undo')).toBeDisabled();
});

test('a 300-clip lane draws the clips in view: scrolling draws the later ones, the selected clip stays, a trim ripples to the last', async ({ app }) => {
  test.setTimeout(limitWith(300));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Long lane', count: 300, clipSec: 0.5 });
  const lane = app.getByTestId('lane-main');
  const drawn = () => lane.getByTestId('clip').count();
  const scroller = app.locator('.timeline__scroll');
  const scrollTo = (where: 'start' | 'end') => scroller.evaluate((el, w) => el.scrollTo({ left: w === 'end' ? el.scrollWidth : 0 }), where);
  // 150 s at 80 px/s is 12,000 px of lane: a few screens' worth of blocks are drawn, not 300.
  await expect(lane).toHaveAttribute('data-clip-count', '300');
  expect(await drawn()).toBeGreaterThan(10);
  expect(await drawn()).toBeLessThan(150);
  await expect(app.locator('[data-clip-id="clip-299"]')).toHaveCount(0);

  // Select a clip near the start, then scroll to the end: the last clips appear, the selected one stays drawn.
  await app.locator('[data-clip-id="clip-2"]').click();
  await expect(app.locator('[data-clip-id="clip-2"]')).toHaveAttribute('aria-selected', 'true');
  await scrollTo('end');
  await expect(app.locator('[data-clip-id="clip-299"]')).toBeVisible();
  await expect(app.locator('[data-clip-id="clip-299"]')).toHaveAttribute('data-start', '149.500');
  await expect(app.locator('[data-clip-id="clip-100"]')).toHaveCount(0);
  await expect(app.locator('[data-clip-id="clip-2"]')).toHaveCount(1);
  await app.locator('[data-clip-id="clip-299"]').scrollIntoViewIfNeeded();
  if (SHOTS) await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'timeline-long-end.png') });

  // Back at the start, lengthen clip 2 by 0.3 s (24 px): every later clip moves, the last one too.
  await scrollTo('start');
  const edge = app.locator('[data-clip-id="clip-2"]').getByTestId('clip-trim-end');
  const box = (await edge.boundingBox())!;
  const next = app.locator('[data-clip-id="clip-3"]');
  const nextX = (await next.boundingBox())!.x;
  await app.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await app.mouse.down();
  await app.mouse.move(box.x + box.width / 2 + 12, box.y + box.height / 2);
  await app.mouse.move(box.x + box.width / 2 + 24, box.y + box.height / 2);
  // While the edge is held, the later clips move as one group (docs/performance.md), 24 px on screen.
  await expect(app.getByTestId('ripple-group').locator('[data-clip-id="clip-3"]')).toHaveCount(1);
  await expect.poll(async () => Math.round((await next.boundingBox())!.x - nextX)).toBe(24);
  await app.mouse.up();
  await expect(app.getByTestId('ripple-group')).toHaveCount(0);
  await expect(app.locator('[data-clip-id="clip-2"]')).toHaveAttribute('data-duration', '0.800');
  await expect(next).toHaveAttribute('data-start', '1.800');
  expect(Math.round((await next.boundingBox())!.x - nextX)).toBe(24);
  if (SHOTS) await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'timeline-long-start.png') });
  await scrollTo('end');
  await expect(app.locator('[data-clip-id="clip-299"]')).toHaveAttribute('data-start', '149.800');
});

test('a drag released outside the timeline is over: hovering over the clip afterwards changes nothing', async ({ app }) => {
  test.setTimeout(limitWith(300));
  const assets = await importClips(app);
  const draftId = await openDraftWithClips(app, assets, { name: 'Released outside', count: 300, clipSec: 0.5 });
  const dragged = app.locator('[data-clip-id="clip-2"]');
  const lane = app.getByTestId('lane-main');
  const order = () => lane.getByTestId('clip').evaluateAll((els) => els.slice(0, 12).map((e) => `${e.getAttribute('data-clip-id')}@${e.getAttribute('data-start')}`));

  const box = (await dragged.boundingBox())!;
  const x0 = box.x + box.width / 2;
  const y = box.y + box.height / 2;
  await app.mouse.move(x0, y);
  await app.mouse.down();
  // Past its right-hand neighbour (they swap places), then on towards the next one.
  for (let i = 1; i <= 2; i++) await app.mouse.move(x0 + i * 24, y);
  await expect(dragged).toHaveAttribute('data-start', '1.500');
  // Up out of the timeline, over the preview, and let go there.
  const preview = (await app.getByTestId('preview-canvas').boundingBox())!;
  await app.mouse.move(preview.x + preview.width / 2, preview.y + preview.height / 2, { steps: 4 });
  await app.mouse.up();
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const revision = await storedRevision(app, draftId);
  const before = await order();

  // Hover (no button) back over the dragged clip and along its neighbours.
  const now = (await dragged.boundingBox())!;
  const hy = now.y + now.height / 2;
  await app.mouse.move(now.x + now.width / 2, hy, { steps: 4 });
  for (let i = 1; i <= 10; i++) await app.mouse.move(now.x + now.width / 2 - i * 24, hy);
  for (let i = 1; i <= 10; i++) await app.mouse.move(now.x + now.width / 2 + i * 24, hy);

  // An edit would have marked the draft unsaved at once (read now, not waited for); nothing did, and the engine
  // holds the same revision.
  expect(await app.getByTestId('save-status').getAttribute('data-status')).toBe('saved');
  expect(await order()).toEqual(before);
  await app.getByTestId('editor-back').click();
  await expect(app.getByTestId('drafts-view')).toBeVisible();
  expect(await storedRevision(app, draftId)).toBe(revision);
});

/** The timecode's first half: where the playhead is. */
const playheadAt = (page: Page) => page.getByTestId('timecode').locator('span').first();

test('the playhead stays on the draft\'s frames: ruler, keys, Home/End, their buttons and playback end on the last frame, which shows the picture; a title added at the end fits inside', async ({ app }) => {
  test.setTimeout(limitWith(12));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Six seconds', count: 12, clipSec: 0.5 });
  await expect(app.getByTestId('timecode')).toContainText('/ 00:00:06:00');
  const ruler = app.getByTestId('ruler');
  // 6 s is 180 frames, 0 to 179: at 6 s itself nothing is on (black), so the end is frame 179.
  const LAST = '00:00:05:29';
  const lastT = 179 / 30;

  // A click on the ruler past the last clip stops on the last frame; so do keys that step past it.
  await ruler.click({ position: { x: 9 * PX_PER_SEC, y: 8 } });
  await expect(playheadAt(app)).toHaveText(LAST);
  await app.keyboard.press('ArrowRight');
  await app.keyboard.press('Shift+ArrowRight');
  await expect(playheadAt(app)).toHaveText(LAST);
  // Scrubbing on past the end as well.
  const box = (await ruler.boundingBox())!;
  await app.mouse.move(box.x + 2 * PX_PER_SEC, box.y + 8);
  await app.mouse.down();
  await app.mouse.move(box.x + 8 * PX_PER_SEC, box.y + 8, { steps: 5 });
  await expect(playheadAt(app)).toHaveText(LAST);
  await app.mouse.up();

  // Home and End, and the buttons that do the same (with tooltips that name the keys); the end shows the last clip.
  await app.keyboard.press('Home');
  await expect(playheadAt(app)).toHaveText('00:00:00:00');
  await app.keyboard.press('End');
  await expect(playheadAt(app)).toHaveText(LAST);
  expect(await previewBlackAt(app, lastT), 'the preview after End').toEqual([]);
  await expect(app.getByTestId('go-to-start')).toHaveAttribute('title', 'Go to start (Home)');
  await expect(app.getByTestId('go-to-end')).toHaveAttribute('title', 'Go to end (End)');
  await app.getByTestId('go-to-start').click();
  await expect(playheadAt(app)).toHaveText('00:00:00:00');
  await app.getByTestId('go-to-end').click();
  await expect(playheadAt(app)).toHaveText(LAST);
  expect(await previewBlackAt(app, lastT), 'the preview after the go-to-end button').toEqual([]);

  // Playing to the end stops on the last frame, still showing it.
  await ruler.click({ position: { x: 5.5 * PX_PER_SEC, y: 8 } });
  await expect(playheadAt(app)).toHaveText('00:00:05:15');
  await app.getByTestId('play-toggle').click();
  // Half a second of playback (it may be over before a check could see it playing), plus room for a slow start.
  await expect(playheadAt(app), 'playing the last 0.5 s to the end').toHaveText(LAST, { timeout: limitFor({ decodeSec: 0.5 }) });
  await expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false');
  expect(await previewBlackAt(app, lastT), 'the preview after playing to the end').toEqual([]);

  // "Add text" at the end: the title takes the draft's last 3 s; the draft does not grow a black tail.
  await app.getByTestId('add-text').click();
  const title = app.getByTestId('lane-text').getByTestId('clip');
  await expect(title).toHaveAttribute('data-start', '3.000');
  await expect(title).toHaveAttribute('data-duration', '3.000');
  await expect(app.getByTestId('timecode')).toContainText('/ 00:00:06:00');
  // The new title takes the keyboard for its words (editor-keyboard.spec.ts); Esc hands it back to the editor.
  await expect(app.getByTestId('dm-text-edit')).toBeFocused();
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('dm-text-edit')).toHaveCount(0);

  // The shortcut sheet lists Home and End.
  await app.keyboard.press('?');
  await expect(app.getByTestId('shortcut-sheet')).toContainText('Go to the start or the end');
  await expect(app.getByTestId('shortcut-sheet').locator('kbd', { hasText: 'Home' })).toBeVisible();
  await app.keyboard.press('Escape');

  // Deleting clips from the end pulls the playhead back with the end.
  await app.keyboard.press('End');
  await app.locator('[data-clip-id="clip-11"]').click();
  await app.keyboard.press('Delete');
  await expect(app.getByTestId('timecode')).toContainText('/ 00:00:06:00'); // the title still ends at 6 s
  await title.click();
  await app.keyboard.press('Delete');
  await expect(app.getByTestId('timecode')).toContainText('/ 00:00:05:15');
  await expect(playheadAt(app)).toHaveText('00:00:05:14');
});

test('a click at the start of the ruler lands on frame 0 at every zoom', async ({ app }) => {
  test.setTimeout(limitWith(4));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Zoomed', count: 4, clipSec: 0.5 });
  const ruler = app.getByTestId('ruler');
  // Zoomed in all the way a frame is 20 px wide (600 px/s at 30 fps): anywhere in it is frame 0.
  await app.getByTestId('zoom-slider').fill('100');
  for (const x of [1, 8, 12, 19]) {
    await ruler.click({ position: { x: 40, y: 8 } });
    await expect(playheadAt(app)).not.toHaveText('00:00:00:00');
    await ruler.click({ position: { x, y: 8 } });
    await expect(playheadAt(app), `click ${x} px into the ruler`).toHaveText('00:00:00:00');
  }
  // The next frame starts 20 px in.
  await ruler.click({ position: { x: 21, y: 8 } });
  await expect(playheadAt(app)).toHaveText('00:00:00:01');
  // At the default zoom, the ruler's first pixels too.
  await app.getByTestId('zoom-slider').fill(String(Math.round((Math.log(80 / 8) / Math.log(600 / 8)) * 100)));
  await ruler.click({ position: { x: 1, y: 8 } });
  await expect(playheadAt(app)).toHaveText('00:00:00:00');
});

test('a clip that runs past the end of its media (a proxy or video stream a frame short) holds its last picture at the end', async ({ app }) => {
  test.setTimeout(limitWith(1));
  const assets = await importClips(app);
  // red-clip.mp4 is 2 s long; the clip asks for 2.5 s of it.
  await openDraftWithClips(app, assets, { name: 'Past its media', count: 1, clipSec: 2.5 });
  await app.keyboard.press('End');
  await expect(playheadAt(app)).toHaveText('00:00:02:14');
  // The element cannot go to 2.47 s: it holds its last picture and the preview counts as showing the frame.
  expect(await previewBlackAt(app, 74 / 30), 'the preview after End').toEqual([]);
  await app.keyboard.press('Home');
  expect(await previewBlackAt(app, 0), 'the preview at the start').toEqual([]);
});

test('media dropped from the bin snaps as a moved clip does: near the start it lands at 0, near a clip edge on it', async ({ app }) => {
  test.setTimeout(limitWith(8));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Drops', count: 8, clipSec: 0.5 });
  const bin = app.getByTestId('media-bin');
  const overlay = app.getByTestId('lane-overlay');
  const red = bin.locator('[data-testid="bin-item"][data-name="red-clip.mp4"]');
  // 5 px from the start is frame 1 at 80 px/s (0.0625 s): the drop snaps to 0.
  await red.dragTo(overlay, { targetPosition: { x: 5, y: 10 } });
  await expect(overlay.getByTestId('clip')).toHaveCount(1);
  await expect(overlay.getByTestId('clip')).toHaveAttribute('data-start', '0.000');
  // 5 px past the main track's cut at 3 s: it starts on the cut.
  await red.dragTo(overlay, { targetPosition: { x: 3 * PX_PER_SEC + 5, y: 10 } });
  await expect(overlay.getByTestId('clip')).toHaveCount(2);
  await expect(overlay.getByTestId('clip').nth(1)).toHaveAttribute('data-start', '3.000');
});
