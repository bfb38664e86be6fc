import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { GOOD_DIR } from '../../scripts/fixtures';
import { testLimit, waitStep } from '../limits';
import { makeScenicPictures } from '../scenic-pictures';
import { callApi, expect, test } from '../serve';
import { dismissToasts } from '../toasts';
import { SHOTS } from '../screenshots';

/**
 * README screenshots of the Library, the Brand room and Settings, only on request: POSTFRAME_SCREENSHOTS=1 writes
 * docs/screenshots/ (=DIR writes them there instead):
 * - library-empty.png (the first screen a new user sees), library.png (imported pictures, one open with its tags
 *   and notes) and settings.png (the top of Settings);
 * - brand.png (a kit with a real palette, a font, a logo and text styles), smart-collection.png (a smart collection
 *   open with its rule editor), colour-filter.png (the colour filter with the kit's swatches) and duplicates.png
 *   (the duplicate review), from a library of photographic-looking pictures (e2e/scenic-pictures.ts).
 * Every shot is 1280×800.
 */
const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');

test.use({ viewport: { width: 1280, height: 800 } });

/**
 * Toasts closed and the pointer out of the way, then the page to `name` under SHOTS, as a palette PNG: film grain
 * makes a full-colour PNG about four times larger, and the README carries these.
 */
async function shoot(page: Page, name: string): Promise<void> {
  await dismissToasts(page);
  await page.mouse.move(0, 0);
  const png = await page.screenshot();
  await sharp(png).png({ palette: true, quality: 90, effort: 8, compressionLevel: 9 }).toFile(path.join(SHOTS!, name));
}

/** A brand mark: a roundel with a coffee bean and the brand's name beside it, on a transparent ground. */
async function makeLogo(dir: string, name: string, ink: string): Promise<string> {
  const file = path.join(dir, name);
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="640" height="200"><circle cx="100" cy="100" r="88" fill="#e4002b"/>` +
    `<ellipse cx="100" cy="100" rx="40" ry="58" fill="#f2e6d0" transform="rotate(30 100 100)"/>` +
    `<path d="M78,50 C110,85 90,115 122,150" stroke="#e4002b" stroke-width="9" fill="none" stroke-linecap="round"/>` +
    `<text x="210" y="125" font-size="76" font-family="DejaVu Sans" font-weight="bold" fill="${ink}">Nordlys</text></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}

test('library and settings screenshots', async ({ app }) => {
  test.skip(!SHOTS, 'screenshots only with POSTFRAME_SCREENSHOTS');
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-shots-'));
  try {
    await expect(app.getByTestId('empty-state')).toBeVisible();
    await shoot(app, 'library-empty.png');

    const pictures = (await makeScenicPictures(dir)).slice(0, 6);
    const files = [...pictures, path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'music-loop.mp3')];
    await app.getByTestId('import-file-input').setInputFiles(files);
    await waitStep(`import of ${files.length} files shows in the grid`, { files: files.length }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(files.length, { timeout }));

    await app.locator('[data-testid="asset-cell"][data-name="golden-hour-coast.jpg"]').dblclick();
    const detail = app.getByTestId('detail-panel');
    await expect(detail).toBeVisible();
    for (const tag of ['summer', 'campaign']) {
      await detail.getByTestId('tag-input').fill(tag);
      await detail.getByTestId('tag-input').press('Enter');
    }
    await detail.getByTestId('notes-input').fill('Golden hour at the pier. Use for the July teaser.');
    await detail.getByTestId('notes-input').blur();
    await expect(detail.getByTestId('detail-tags')).toContainText('campaign');
    await shoot(app, 'library.png');

    await app.getByTestId('settings-nav').click();
    await expect(app.getByTestId('ffmpeg-status')).toBeVisible();
    await shoot(app, 'settings.png');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('brand room, smart collection, colour filter and duplicates screenshots', async ({ app }) => {
  test.skip(!SHOTS, 'screenshots only with POSTFRAME_SCREENSHOTS');
  test.setTimeout(testLimit({ files: 14 }));
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-shots-'));
  try {
    const pictures = await makeScenicPictures(dir);
    await app.getByTestId('import-file-input').setInputFiles(pictures);
    await waitStep(`import of ${pictures.length} pictures shows in the grid`, { files: pictures.length }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(pictures.length, { timeout }));

    // Stars, labels and tags as a designer would have left them.
    const list = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
    const ids = (...names: string[]) => names.map((n) => list.items.find((a) => a.name === n)!.id);
    await callApi(app, 'assets.setRating', { ids: ids('berry-bowl.jpg', 'golden-hour-coast.jpg', 'flat-white.jpg'), rating: 5 });
    await callApi(app, 'assets.setRating', { ids: ids('fjord-morning.jpg', 'lavender-rows.jpg', 'teal-lagoon.jpg', 'city-lights.jpg'), rating: 4 });
    await callApi(app, 'assets.setRating', { ids: ids('pine-trail.jpg', 'desert-dunes.jpg'), rating: 3 });
    await callApi(app, 'assets.setLabel', { ids: ids('berry-bowl.jpg', 'flat-white.jpg'), label: 'red' });
    await callApi(app, 'assets.setLabel', { ids: ids('fjord-morning.jpg', 'teal-lagoon.jpg'), label: 'blue' });
    await callApi(app, 'assets.tag', { ids: ids('berry-bowl.jpg', 'flat-white.jpg'), add: ['cafe', 'autumn-menu'] });
    await callApi(app, 'assets.tag', { ids: ids('fjord-morning.jpg', 'pine-trail.jpg', 'teal-lagoon.jpg'), add: ['outdoors'] });
    await callApi(app, 'collections.create', { name: 'Autumn menu launch', assetIds: ids('berry-bowl.jpg', 'flat-white.jpg', 'golden-hour-coast.jpg') });
    await callApi(app, 'collections.create', { name: 'Travel reels', assetIds: ids('fjord-morning.jpg', 'pine-trail.jpg', 'desert-dunes.jpg', 'teal-lagoon.jpg') });

    // The Brand room: a kit with a four-colour palette, Lobster, light and dark logos, two text styles, a watermark.
    const lightLogo = await makeLogo(dir, 'nordlys-light.png', '#ffffff');
    const darkLogo = await makeLogo(dir, 'nordlys-dark.png', '#1b2a3a');
    await app.getByTestId('brand-nav').click();
    await app.getByTestId('kit-create-first').click();
    await app.getByTestId('kit-new-name').fill('Nordlys Coffee');
    await app.getByTestId('kit-new-save').click();
    await expect(app.getByTestId('kit-name')).toHaveValue('Nordlys Coffee');
    const palette = app.getByTestId('brand-palette');
    const colours = [
      ['Berry', '#e4002b', 'primary'],
      ['Fjord', '#243b53', 'secondary'],
      ['Oat', '#f2e6d0', 'accent'],
      ['Lagoon', '#0d8a7a', 'accent'],
    ] as const;
    for (const [i, [name, hex, role]] of colours.entries()) {
      await palette.getByTestId('swatch-add').click();
      const swatch = palette.getByTestId('swatch').nth(i);
      await swatch.getByTestId('swatch-name').fill(name);
      await swatch.getByTestId('swatch-hex').fill(hex);
      await swatch.getByTestId('swatch-role').selectOption(role);
      await expect(swatch).toHaveAttribute('data-color', hex);
    }
    const fonts = app.getByTestId('brand-fonts');
    await fonts.getByTestId('font-file').setInputFiles(LOBSTER);
    const card = fonts.getByTestId('font-card').filter({ hasText: 'Lobster' });
    await expect(card.getByTestId('font-sample')).toHaveAttribute('data-loaded', 'true');
    await card.getByTestId('font-licence').fill('SIL Open Font License 1.1');
    await card.getByTestId('font-licence').blur();
    const logos = app.getByTestId('brand-logos');
    await logos.getByTestId('logo-light-file').setInputFiles(lightLogo);
    await logos.getByTestId('logo-dark-file').setInputFiles(darkLogo);
    await expect(logos.getByTestId('logo-light-img')).toBeVisible();
    await expect(logos.getByTestId('logo-dark-img')).toBeVisible();
    const styles = app.getByTestId('brand-text-styles');
    await styles.getByTestId('text-style-add-title').click();
    await styles.getByTestId('text-style-font-title').selectOption('Lobster');
    await styles.getByTestId('text-style-color-title').getByRole('button', { name: /Oat/ }).click();
    await styles.getByTestId('text-style-add-caption').click();
    await expect(styles.getByTestId('text-style-preview-title')).toHaveAttribute('data-state', 'ready');
    await expect(styles.getByTestId('text-style-preview-caption')).toHaveAttribute('data-state', 'ready');
    await app.getByTestId('watermark-on').check();
    for (const tag of ['nordlyscoffee', 'fika']) {
      await app.getByTestId('kit-hashtag-input').fill(tag);
      await app.getByTestId('kit-hashtag-input').press('Enter');
    }
    await expect(app.getByTestId('kit-save-state')).toHaveAttribute('data-status', 'saved');
    await app.getByTestId('kit-editor').evaluate((el) => el.scrollTo(0, 0));
    await shoot(app, 'brand.png');

    // A smart collection "Warm picks to post": 4 stars and up, near Berry, not used in a post yet; shown with its
    // rule editor open over the pictures it matches.
    await app.getByTestId('library-nav').click();
    await app.getByTestId('new-smart-collection').click();
    const dialog = app.getByTestId('smart-dialog');
    await dialog.getByTestId('smart-name').fill('Warm picks to post');
    const rows = dialog.getByTestId('rule-row');
    await rows.nth(0).getByTestId('rule-op').selectOption('gte');
    await rows.nth(0).getByTestId('rule-value').fill('4');
    await dialog.getByTestId('smart-add-rule').click();
    await rows.nth(1).getByTestId('rule-type').selectOption('colour');
    await rows.nth(1).locator('[data-testid="kit-swatch"][data-hex="#e4002b"]').click();
    await dialog.getByTestId('smart-add-rule').click();
    await rows.nth(2).getByTestId('rule-type').selectOption('usedInPost');
    await rows.nth(2).getByTestId('rule-used').selectOption('no');
    // Berries (5 stars) and the flat white (5 stars, a red label but brown pixels: not a match) → the berries only.
    await expect(dialog.getByTestId('smart-live-count')).toHaveText('1 asset matches now');
    await dialog.getByTestId('smart-save').click();
    await expect(dialog).toBeHidden();
    const smart = app.locator('[data-testid="smart-item"][data-name="Warm picks to post"]');
    await expect(app.getByTestId('place-title')).toHaveText('Warm picks to post');
    await expect(smart.getByTestId('smart-count')).toHaveText('1');
    await smart.hover();
    await smart.getByTestId('smart-edit').click();
    await expect(dialog.getByTestId('rule-row')).toHaveCount(3);
    await shoot(app, 'smart-collection.png');
    await app.keyboard.press('Escape');
    await expect(dialog).toBeHidden();

    // The colour filter: the kit's swatches, one picked, the tolerance slider.
    await app.getByTestId('sidebar-all').click();
    await app.getByTestId('colour-filter-button').click();
    await app.locator('[data-testid="kit-swatch"][data-hex="#e4002b"]').click();
    await expect(app.getByTestId('colour-filter-button')).toContainText('#e4002b');
    await app.getByTestId('colour-filter-button').click();
    await expect(app.getByTestId('colour-filter-panel')).toBeVisible();
    await shoot(app, 'colour-filter.png');
    await app.keyboard.press('Escape');
    await app.getByTestId('colour-filter-clear').click();

    // The duplicate review: the fjord and its cropped web copy, the berries and their small copy.
    await app.getByTestId('duplicates-button').click();
    const dupes = app.getByTestId('duplicates-dialog');
    await expect(dupes.getByTestId('duplicate-group')).toHaveCount(2);
    for (const img of await dupes.getByTestId('duplicate-member').locator('img').all()) await expect(img).toHaveJSProperty('complete', true);
    await shoot(app, 'duplicates.png');
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
