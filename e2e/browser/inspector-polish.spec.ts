import path from 'node:path';
import type { Asset } from '../../electron/model/asset';
import { tabulate, writeCube } from '../../electron/model/cube-lut';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { newMediaClip } from '../../electron/model/timeline';
import { GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { importFootage, mediaClip } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * Small Inspector findings of a new user's walk, each checked where the user met it: an imported .cube titled
 * "Warm" beside the shipped Warm; easing offered on the last keyframe; "Teal & o…" cut in the looks row; Position
 * X/Y sliders a screen reader calls only "slider"; "Duck under voice" wrapped; the shortcut sheet's two scrollbars.
 */
test('Inspector polish: distinct look names, whole look labels, no easing on the last key, labelled sliders, one-line ducking, one scroll in the sheet', async ({ app }) => {
  const shot = (name: string) => (SHOTS ? { path: path.join(SHOTS, name) } : undefined);
  const { pan } = await importFootage(app, ['pan']);
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'music-loop.mp3')]);
  await waitStep('the music imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const song = items.find((a) => a.name === 'music-loop.mp3')!;

  // A clip with two position keys (0 s and 1 s), and music.
  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Polish', preset: '9:16', fps: 30 });
  const clip: MediaClip = {
    ...mediaClip(pan, 0, 1, 3),
    keyframes: { position: [{ t: 0, value: { x: 0.4, y: 0.5 }, easing: 'easeInOut' }, { t: 1, value: { x: 0.6, y: 0.5 }, easing: 'linear' }] },
  };
  const music = newMediaClip({ id: song.id, kind: 'audio', durationSec: 2 }, 0, () => 'music-1');
  const doc: VideoDraft = { ...created.doc, tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t.role === 'music' ? { ...t, clips: [music] } : t)) };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Polish"]').getByTestId('draft-open').click();
  await app.locator(`[data-clip-id="${clip.id}"]`).click();
  const inspector = app.getByTestId('inspector');

  // d. Every slider of the clip's Inspector has a name; Position X and Y are found by theirs.
  await expect(inspector.getByRole('slider', { name: 'Position X', exact: true })).toHaveCount(1);
  await expect(inspector.getByRole('slider', { name: 'Position Y', exact: true })).toHaveCount(1);
  // The Animate section's keyed sliders are named apart from them (before: the same names, without a visible axis).
  await expect(inspector.getByRole('slider', { name: 'Position X at the playhead', exact: true })).toBeVisible();
  await expect(inspector.getByRole('slider', { name: 'Position Y at the playhead', exact: true })).toBeVisible();
  const unnamed = await inspector.locator('input[type="range"]').evaluateAll((els) =>
    els.filter((el) => !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby') && !(el as HTMLInputElement).labels?.length).map((el) => el.outerHTML.slice(0, 120)),
  );
  expect(unnamed, 'sliders without a name').toEqual([]);

  // a, c. A .cube titled "Warm" joins as "Warm (imported)"; every look's name shows whole (two lines at most).
  const cube = writeCube(tabulate(5, (r, g, b) => [Math.min(1, r * 1.2), g, b * 0.7], 'Warm'));
  await app.getByTestId('look-import-file').setInputFiles({ name: 'warm.cube', mimeType: 'text/plain', buffer: Buffer.from(cube) });
  const names = inspector.locator('.look-thumb__name');
  await expect(names.filter({ hasText: 'Warm (imported)' })).toHaveCount(1);
  const shown = await names.allTextContents();
  expect(new Set(shown).size, `look names ${shown.join(', ')}`).toBe(shown.length);
  const cut = await names.evaluateAll((els) => els.filter((el) => el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1).map((el) => el.textContent));
  await app.getByTestId('look-section').screenshot(shot('polish-looks.png'));
  expect(cut, 'look names cut short').toEqual([]);

  // b. On the first key the easing is offered; on the last it is not, and the row says why.
  await app.getByTestId('kf-row-position').scrollIntoViewIfNeeded();
  await expect(app.getByTestId('kf-easing-position')).toBeVisible();
  await app.getByTestId('kf-next-position').click();
  await expect(app.getByTestId('kf-row-position')).toHaveAttribute('data-on-key', 'true');
  await expect(app.getByTestId('kf-easing-position')).toHaveCount(0);
  await expect(app.getByTestId('kf-easing-none-position')).toContainText('Last keyframe');
  await app.getByTestId('animate-section').screenshot(shot('polish-last-key.png'));

  // e. The music's "Duck under voice" sits on one line with its box.
  await app.locator('[data-clip-id="music-1"]').click();
  const row = app.getByTestId('ducking-toggle-row');
  await expect(row).toBeVisible();
  const lines = await row.locator('span').evaluate((el) => Math.round(el.getBoundingClientRect().height / parseFloat(getComputedStyle(el).lineHeight || '16')));
  expect(lines, '"Duck under voice" lines').toBeLessThanOrEqual(1);
  await app.getByTestId('ducking').screenshot(shot('polish-ducking.png'));

  // f. The shortcut sheet scrolls in one place: the list, not the dialog's content around it.
  await app.setViewportSize({ width: 1280, height: 640 });
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('?');
  const sheet = app.getByTestId('shortcut-sheet');
  await expect(sheet).toBeVisible();
  const scrollers = await sheet.evaluate((d) =>
    [d, ...Array.from(d.querySelectorAll('*'))].filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowY) && el.scrollHeight > el.clientHeight + 1).map((el) => el.getAttribute('data-testid') ?? el.className),
  );
  expect(scrollers, 'elements that scroll in the sheet').toEqual(['shortcut-list']);
  await sheet.screenshot(shot('polish-shortcuts.png'));
});
