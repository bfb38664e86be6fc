import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { BROKEN_DIR, GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { expect, test } from '../serve';
import { SHOTS } from '../screenshots';


const good = (name: string) => path.join(GOOD_DIR, name);

async function importByPicker(page: Page, files: string[]): Promise<void> {
  await page.getByTestId('import-file-input').setInputFiles(files);
}

/** Drops real files on the library the way a browser does (a DataTransfer of File objects). */
async function dropFiles(page: Page, files: string[]): Promise<void> {
  const payload = files.map((f) => ({ name: path.basename(f), b64: fs.readFileSync(f).toString('base64') }));
  const dataTransfer = await page.evaluateHandle((items) => {
    const dt = new DataTransfer();
    for (const it of items) dt.items.add(new File([Uint8Array.from(atob(it.b64), (c) => c.charCodeAt(0))], it.name));
    return dt;
  }, payload);
  const target = page.getByTestId('library-screen');
  await target.dispatchEvent('dragenter', { dataTransfer });
  await target.dispatchEvent('dragover', { dataTransfer });
  await expect(page.getByTestId('drop-overlay')).toBeVisible();
  await target.dispatchEvent('drop', { dataTransfer });
}

const cells = (page: Page) => page.getByTestId('asset-cell');
const cell = (page: Page, name: string) => page.locator(`[data-testid="asset-cell"][data-name="${name}"]`);

/**
 * The newest import's lasting report, its row in the Jobs drawer (opened if closed), once it has finished. The
 * toast that says the same goes after a few seconds, so a test that checked it would race its timer.
 */
async function importReport(page: Page, files: number) {
  if ((await page.getByTestId('jobs-drawer').count()) === 0) await page.getByTestId('jobs-button').click();
  // Imported music starts a beats job after its import (docs/timeline.md "Beats"): the import's row is the newest other one
  // (a finished beats job reads "Found beats in …": walk #72).
  const row = page.getByTestId('jobs-drawer').getByTestId('job-row').filter({ hasNotText: /(Finding|Found) beats in/ }).first();
  await waitStep(`the import of ${files} file${files === 1 ? '' : 's'} finished`, { files }, (timeout) => expect(row).toHaveAttribute('data-status', /^(done|failed)$/, { timeout }));
  return row;
}

/** Waits until the grid shows the `files` just imported: the limit grows with the number of files. */
async function imported(page: Page, files: number): Promise<void> {
  await waitStep(`import of ${files} file${files === 1 ? '' : 's'} shows in the grid`, { files }, (timeout) => expect(cells(page)).toHaveCount(files, { timeout }));
}

test('a new library teaches the next step, then imports from the picker', async ({ app }) => {
  await expect(app.getByTestId('empty-state')).toBeVisible();
  await importByPicker(app, [good('red-clip.mp4'), good('logo.png'), good('music-loop.mp3'), good('beach-sunset.jpg')]);
  await imported(app, 4);
  await expect(app.getByTestId('empty-state')).toHaveCount(0);
  await expect(await importReport(app, 4)).toContainText('Imported 4 · 0 duplicates · 0 failed');
  await app.getByTestId('jobs-button').click();
  // Thumbnails are real images served by the host.
  const img = cell(app, 'logo.png').locator('img');
  await expect(img).toHaveJSProperty('complete', true);
  expect(await img.evaluate((el) => (el as HTMLImageElement).naturalWidth)).toBeGreaterThan(0);
});

test('drag and drop shows progress and names each broken file with its reason', async ({ app }) => {
  await dropFiles(app, [good('logo.png'), path.join(BROKEN_DIR, 'notes-not-a-photo.jpg')]);
  const report = await importReport(app, 2);
  await expect(report).toContainText('Imported 1 · 0 duplicates · 1 failed');
  await expect(cells(app)).toHaveCount(1);
  await report.getByRole('button', { name: /details/i }).click();
  await expect(app.getByText('notes-not-a-photo.jpg')).toBeVisible();
  await expect(app.getByText(/text file/)).toBeVisible();
});

test('dropping the same file twice reports a duplicate and stores it once', async ({ app }) => {
  await dropFiles(app, [good('logo.png')]);
  await imported(app, 1);
  await dropFiles(app, [good('logo.png')]);
  await expect(await importReport(app, 1)).toContainText('Imported 0 · 1 duplicate · 0 failed');
  await expect(cells(app)).toHaveCount(1);
});

test('search as you type, tag an asset, and find it by its tag', async ({ app }) => {
  await importByPicker(app, [good('red-clip.mp4'), good('blue-clip.mp4'), good('beach-sunset.jpg')]);
  await imported(app, 3);

  const search = app.getByTestId('search-input');
  await search.fill('blu');
  await expect(cells(app)).toHaveCount(1);
  await expect(cell(app, 'blue-clip.mp4')).toBeVisible();
  await search.fill('zzzz');
  await expect(app.getByTestId('empty-state')).toContainText('zzzz');
  await search.fill('');
  await expect(cells(app)).toHaveCount(3);

  await cell(app, 'beach-sunset.jpg').dblclick();
  const detail = app.getByTestId('detail-panel');
  await expect(detail).toBeVisible();
  await expect(detail.getByTestId('facts')).toContainText('400');
  const tagInput = detail.getByTestId('tag-input');
  await tagInput.fill('Summer Trip');
  await tagInput.press('Enter');
  await expect(detail.getByTestId('detail-tags')).toContainText('summer trip');

  await search.fill('summ');
  await expect(cells(app)).toHaveCount(1);
  await expect(cell(app, 'beach-sunset.jpg')).toBeVisible();
});

test('delete moves to trash with undo; restore brings it back', async ({ app }) => {
  await importByPicker(app, [good('red-clip.mp4'), good('logo.png')]);
  await imported(app, 2);

  await cell(app, 'logo.png').click();
  await app.keyboard.press('Delete');
  await expect(cells(app)).toHaveCount(1);
  // Undo lives only in the toast (8 s, held while the pointer is on it): no lasting state to use instead.
  await app.getByTestId('toast').getByRole('button', { name: /undo/i }).click();
  await expect(cells(app)).toHaveCount(2);

  await cell(app, 'logo.png').click();
  await app.keyboard.press('Delete');
  await expect(cells(app)).toHaveCount(1);
  await app.getByTestId('trash-toggle').click();
  await expect(cell(app, 'logo.png')).toBeVisible();
  await cell(app, 'logo.png').click();
  await app.getByTestId('restore-button').click();
  await expect(app.getByTestId('empty-state')).toBeVisible();
  await app.getByTestId('trash-toggle').click();
  await expect(cells(app)).toHaveCount(2);
});

test('the grid is keyboard navigable', async ({ app }) => {
  await importByPicker(app, [good('red-clip.mp4'), good('blue-clip.mp4'), good('logo.png')]);
  await imported(app, 3);
  await cells(app).first().click();
  await app.keyboard.press('ArrowRight');
  const focused = app.locator('[data-testid="asset-cell"]:focus');
  await expect(focused).toHaveCount(1);
  const name = await focused.getAttribute('data-name');
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('detail-panel')).toBeVisible();
  await expect(app.getByTestId('name-input')).toHaveValue(name!);
});

test('grid tiles show the tile-sized picture; a library without tiles gets them on request; a tile that fails shows the thumbnail', async ({ app, server }) => {
  await importByPicker(app, [good('red-clip.mp4'), good('beach-sunset.jpg'), good('logo.png')]);
  await imported(app, 3);
  // The photo is 600x400 turned by EXIF: its thumbnail (within 480 px) is 320x480, its tile (within 320x240) 160x240.
  const photo = cell(app, 'beach-sunset.jpg').locator('img');
  await expect(photo).toHaveAttribute('data-variant', 'tile');
  await expect(photo).toHaveClass(/cell__img--loaded/);
  expect(await photo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([160, 240]);
  for (const img of await cells(app).locator('img').all()) {
    await expect(img).toHaveClass(/cell__img--loaded/);
    expect(await img.evaluate((el: HTMLImageElement) => el.naturalWidth <= 320 && el.naturalHeight <= 240)).toBe(true);
  }

  // A library imported before tiles existed: they are made from the thumbnail on the first request.
  const tiles = path.join(server.libraryPath, 'cache', 'tiles');
  fs.rmSync(tiles, { recursive: true, force: true });
  const src = (await photo.getAttribute('src'))!;
  const status = await app.evaluate(async (url) => (await fetch(url, { cache: 'no-store' })).status, src);
  expect(status).toBe(200);
  expect(fs.readdirSync(tiles, { recursive: true }).filter((f) => String(f).endsWith('.webp'))).toHaveLength(1);

  // A tile that cannot be shown (its bytes are no picture): the cell shows the thumbnail, never a broken picture.
  await app.route((url) => url.pathname.endsWith('/tile'), (route) => route.fulfill({ status: 200, contentType: 'image/webp', body: 'not a picture' }));
  await app.reload();
  await expect(photo).toHaveAttribute('data-variant', 'thumb');
  await expect(photo).toHaveClass(/cell__img--loaded/);
  expect(await photo.evaluate((img: HTMLImageElement) => [img.naturalWidth, img.naturalHeight])).toEqual([320, 480]);
  if (SHOTS) await app.getByTestId('asset-grid').screenshot({ path: path.join(SHOTS, 'library-grid-tiles.png') });
});

test('bulk tags: "Remove tag" offers only the tags the selection carries', async ({ app }) => {
  await importByPicker(app, [good('red-clip.mp4'), good('blue-clip.mp4'), good('logo.png')]);
  await imported(app, 3);
  await cell(app, 'red-clip.mp4').click();
  await app.getByTestId('bulk-tag-input').fill('promo');
  await app.getByTestId('bulk-tag-input').press('Enter');
  // Tagged: the field is cleared and the library's tags offer "promo" (what lasts; the toast saying so goes).
  await expect(app.getByTestId('bulk-tag-input')).toHaveValue('');
  await expect(app.locator('#bulk-tag-suggestions option[value="promo"]')).toHaveCount(1);
  await cell(app, 'logo.png').click();
  await app.getByTestId('bulk-tag-input').fill('brand');
  await app.getByTestId('bulk-tag-input').press('Enter');

  // The clip without tags: nothing to remove, so no "Remove tag" menu.
  await cell(app, 'blue-clip.mp4').click();
  await expect(app.getByTestId('bulk-tag-input')).toBeVisible();
  await expect(app.getByTestId('bulk-tag-remove')).toHaveCount(0);

  // Both clips: only "promo" (on the red one), not the logo's "brand".
  await cell(app, 'red-clip.mp4').click({ modifiers: ['ControlOrMeta'] });
  const remove = app.getByTestId('bulk-tag-remove');
  await expect(remove.locator('option')).toHaveText(['Remove tag…', 'promo']);
  await remove.selectOption('promo');
  await expect(app.getByTestId('bulk-tag-remove')).toHaveCount(0);
  await app.getByTestId('search-input').fill('promo');
  await expect(app.getByTestId('empty-state')).toBeVisible();
});

test('imports a folder on the server by path (only inside the allowed folders), and the Jobs drawer says what failed', async ({ app, server }) => {
  // In the allowed shared folder: a shoot with two photos, a clip and a text file named like a photo, next to a
  // Postframe library (whose database and run records are not media), and a folder where nothing is media.
  const shoot = path.join(server.shared!, 'Shoot');
  fs.mkdirSync(path.join(shoot, 'Library', 'run', 'owners'), { recursive: true });
  for (const f of ['logo.png', 'beach-sunset.jpg', 'red-clip.mp4']) fs.copyFileSync(good(f), path.join(shoot, f));
  fs.copyFileSync(path.join(BROKEN_DIR, 'notes-not-a-photo.jpg'), path.join(shoot, 'notes-not-a-photo.jpg'));
  for (const f of ['library.sqlite', 'library.sqlite-wal', 'library.sqlite-shm', 'run/owners/4242.json']) fs.writeFileSync(path.join(shoot, 'Library', f), 'x');
  const junk = path.join(server.shared!, 'Junk');
  fs.mkdirSync(junk);
  for (const f of ['truncated.jpg', 'random-bytes.mov']) fs.copyFileSync(path.join(BROKEN_DIR, f), path.join(junk, f));

  await app.getByTestId('server-import-button').click();
  const dialog = app.getByTestId('server-import-dialog');
  const field = dialog.getByTestId('server-import-path');
  // The allowed folders are listed, and the first is filled in.
  await expect(dialog.getByTestId('server-import-roots').getByRole('button')).toHaveText([GOOD_DIR, server.shared!]);
  await expect(field).toHaveValue(GOOD_DIR);
  if (SHOTS) await dialog.screenshot({ path: path.join(SHOTS, 'server-import-dialog.png') });

  // A path outside them: the engine's refusal, where it was typed; nothing starts.
  await field.fill('/etc');
  await dialog.getByTestId('server-import-start').click();
  await expect(dialog.getByRole('alert')).toContainText(`Postframe in the browser cannot read /etc: it may read files only inside ${GOOD_DIR}, ${server.shared}`);
  if (SHOTS) await dialog.screenshot({ path: path.join(SHOTS, 'server-import-forbidden.png') });

  // Choosing an allowed folder fills it in; a path inside it imports without any upload.
  await dialog.getByTestId('server-import-roots').getByRole('button', { name: server.shared!, exact: true }).click();
  await expect(field).toHaveValue(server.shared!);
  await field.fill(shoot);
  await dialog.getByTestId('server-import-start').click();
  await expect(dialog).toHaveCount(0);
  await imported(app, 3);
  await expect(app.getByTestId('toast').first()).toContainText('Imported 3 · 0 duplicates · 1 failed');

  // Every file of the junk folder fails: the drawer says so, never a green Done.
  await app.getByTestId('server-import-button').click();
  await dialog.getByTestId('server-import-path').fill(junk);
  await dialog.getByTestId('server-import-start').click();
  await expect(dialog).toHaveCount(0);
  await app.getByTestId('jobs-button').click();
  const rows = app.getByTestId('jobs-drawer').getByTestId('job-row');
  const junkRow = rows.filter({ hasText: 'Junk' });
  await waitStep('the junk folder import finishes', { files: 2 }, (timeout) => expect(junkRow).toHaveAttribute('data-status', 'done', { timeout }));
  await expect(junkRow).toHaveAttribute('data-outcome', 'failed');
  await expect(junkRow.getByTestId('job-status')).toHaveText('Failed: none of the 2 files imported');
  // A finished job is named by what was done, not what was being done (walk #72).
  await expect(junkRow.getByTestId('job-title')).toHaveText('Import failed: Junk');
  const shootRow = rows.filter({ hasText: 'Shoot' });
  await expect(shootRow).toHaveAttribute('data-outcome', 'partial');
  await expect(shootRow.getByTestId('job-title')).toHaveText('Imported Shoot');
  await expect(shootRow.getByTestId('job-status')).toHaveText('1 of 4 files failed');
  if (SHOTS) await app.getByTestId('jobs-drawer').screenshot({ path: path.join(SHOTS, 'jobs-failed-imports.png') });
  await shootRow.getByTestId('job-failures').click();
  await expect(app.getByText('notes-not-a-photo.jpg')).toBeVisible();
  // The library inside the folder was left alone: none of its files is in the report.
  await expect(app.getByText('library.sqlite')).toHaveCount(0);
});

test('the toolbar fits at laptop widths: Import and Duplicates stay on screen, with a colour filter on too', async ({ app }) => {
  await expect(app.getByTestId('empty-state')).toBeVisible();
  await app.getByTestId('colour-filter-button').click();
  await app.getByTestId('colour-filter-hex').fill('#e4002b');
  await app.getByTestId('colour-filter-hex').press('Enter');
  await expect(app.getByTestId('colour-filter-button')).toContainText('#e4002b');
  await app.setViewportSize({ width: 1920, height: 800 });
  const oneRow = await app.locator('.toolbar').evaluate((el) => el.getBoundingClientRect().height);
  for (const width of [960, 1100, 1240, 1241, 1280, 1366, 1440, 1536, 1680, 1920]) {
    await app.setViewportSize({ width, height: 800 });
    const toolbar = await app.locator('.toolbar').evaluate((el) => ({ scroll: el.scrollWidth, client: el.clientWidth, height: el.getBoundingClientRect().height }));
    expect(toolbar.scroll, `the toolbar overflows at ${width} px`).toBeLessThanOrEqual(toolbar.client);
    // Laptop widths keep one row (icons for the secondary buttons); only narrower windows wrap to a second.
    if (width >= 1241) expect(toolbar.height, `the toolbar wraps at ${width} px`).toBe(oneRow);
    for (const id of ['import-button', 'duplicates-button', 'trash-toggle']) {
      const box = await app.getByTestId(id).boundingBox();
      expect(box && box.x + box.width, `${id} at ${width} px`).toBeLessThanOrEqual(width);
    }
  }
});
