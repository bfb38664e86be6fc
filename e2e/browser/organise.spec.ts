import path from 'node:path';
import type { Page } from '@playwright/test';
import { GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { expect, test } from '../serve';

/**
 * A designer organises the library (issue 10 §3): stars by key and from the selection bar, a colour label, the
 * rating filter, a manual collection from the selection, and a smart collection "rating ≥ 4 and kind image" made in
 * the rule editor, each showing exactly the right assets. The README's smart-collection screenshot is made by
 * library-screenshots.spec.ts, from photographic-looking pictures.
 */
const FILES = ['beach-sunset.jpg', 'logo.png', 'red-clip.mp4', 'blue-clip.mp4', 'music-loop.mp3'];

const cell = (page: Page, name: string) => page.locator(`[data-testid="asset-cell"][data-name="${name}"]`);
const names = async (page: Page) => (await page.getByTestId('asset-cell').evaluateAll((els) => els.map((e) => e.getAttribute('data-name') ?? ''))).sort();

test('rate, label, collect and make a smart collection that shows the right assets', async ({ app }) => {
  await app.getByTestId('import-file-input').setInputFiles(FILES.map((f) => path.join(GOOD_DIR, f)));
  await waitStep(`import of ${FILES.length} files shows in the grid`, { files: FILES.length }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(FILES.length, { timeout }));
  await expect(app.getByTestId('library-sidebar')).toContainText('Group assets for a project');

  // Keys: 5 on the photo, 4 on the red clip; the grid cell shows the stars.
  await cell(app, 'beach-sunset.jpg').click();
  await app.keyboard.press('5');
  await expect(cell(app, 'beach-sunset.jpg').getByTestId('cell-rating')).toHaveAttribute('data-rating', '5');
  await cell(app, 'red-clip.mp4').click();
  await app.keyboard.press('4');
  await expect(cell(app, 'red-clip.mp4').getByTestId('cell-rating')).toHaveAttribute('data-rating', '4');
  // A slip is undone from the toast.
  await cell(app, 'blue-clip.mp4').click();
  await app.keyboard.press('3');
  await expect(cell(app, 'blue-clip.mp4').getByTestId('cell-rating')).toHaveAttribute('data-rating', '3');
  await app.getByRole('button', { name: 'Undo' }).last().click();
  await expect(cell(app, 'blue-clip.mp4').getByTestId('cell-rating')).toHaveCount(0);

  // The selection bar: the logo gets 4 stars and a green label.
  await cell(app, 'logo.png').click();
  await app.getByTestId('bulk-rating-4').click();
  await app.getByTestId('bulk-label-green').click();
  await expect(cell(app, 'logo.png').getByTestId('cell-label')).toHaveAttribute('data-label', 'green');
  await expect(cell(app, 'logo.png').getByTestId('cell-rating')).toHaveAttribute('data-rating', '4');

  // Filters: 4 stars and up; then green only.
  await app.getByTestId('rating-filter').selectOption('4');
  await expect.poll(() => names(app)).toEqual(['beach-sunset.jpg', 'logo.png', 'red-clip.mp4']);
  await app.getByTestId('label-filter').selectOption('green');
  await expect.poll(() => names(app)).toEqual(['logo.png']);
  await app.getByTestId('clear-filters').or(app.getByRole('button', { name: 'Clear filters' })).first().click();
  await expect(app.getByTestId('asset-cell')).toHaveCount(FILES.length);

  // A manual collection from the selection (two clips), then the photo dragged onto it.
  await cell(app, 'red-clip.mp4').click();
  await cell(app, 'blue-clip.mp4').click({ modifiers: ['ControlOrMeta'] });
  await app.getByTestId('add-to-collection').selectOption({ label: 'New collection from selection…' });
  await app.getByTestId('collection-name-input').fill('Launch clips');
  await app.getByTestId('collection-name-input').press('Enter');
  const launch = app.locator('[data-testid="collection-item"][data-name="Launch clips"]');
  await expect(launch.getByTestId('collection-count')).toHaveText('2');
  await cell(app, 'beach-sunset.jpg').dragTo(launch);
  await expect(launch.getByTestId('collection-count')).toHaveText('3');
  await launch.getByTestId('collection-open').click();
  await expect(app.getByTestId('place-title')).toHaveText('Launch clips');
  await expect.poll(() => names(app)).toEqual(['beach-sunset.jpg', 'blue-clip.mp4', 'red-clip.mp4']);

  // A smart collection: rating ≥ 4 and kind image.
  await app.getByTestId('new-smart-collection').click();
  const dialog = app.getByTestId('smart-dialog');
  await dialog.getByTestId('smart-name').fill('Best images');
  const rows = dialog.getByTestId('rule-row');
  await expect(rows).toHaveCount(1);
  await rows.nth(0).getByTestId('rule-op').selectOption('gte');
  await rows.nth(0).getByTestId('rule-value').fill('4');
  await expect(dialog.getByTestId('smart-live-count')).toHaveText('3 assets match now');
  await dialog.getByTestId('smart-add-rule').click();
  await rows.nth(1).getByTestId('rule-type').selectOption('kind');
  await expect(dialog.getByTestId('smart-live-count')).toHaveText('2 assets match now');
  await dialog.getByTestId('smart-save').click();
  await expect(dialog).toBeHidden();
  const smart = app.locator('[data-testid="smart-item"][data-name="Best images"]');
  await expect(smart.getByTestId('smart-count')).toHaveText('2');
  await expect(app.getByTestId('place-title')).toHaveText('Best images');
  await expect.poll(() => names(app)).toEqual(['beach-sunset.jpg', 'logo.png']);

  // Live: a third image-ish change moves the count without a reload (the logo loses a star).
  await cell(app, 'logo.png').click();
  await app.keyboard.press('2');
  await expect(smart.getByTestId('smart-count')).toHaveText('1');
  await expect.poll(() => names(app)).toEqual(['beach-sunset.jpg']);
  await app.getByRole('button', { name: 'Undo' }).last().click();
  await expect(smart.getByTestId('smart-count')).toHaveText('2');

  // The detail panel: stars, label and where used (nothing yet: it teaches the next step).
  await cell(app, 'beach-sunset.jpg').dblclick();
  const detail = app.getByTestId('detail-panel');
  await expect(detail.getByTestId('detail-rating')).toHaveAttribute('data-value', '5');
  await expect(detail.getByTestId('where-none')).toBeVisible();
  await expect(detail.getByTestId('where-collection')).toHaveText('Launch clips');
});
