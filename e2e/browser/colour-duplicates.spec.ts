import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { waitStep } from '../limits';
import { callApi, expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * Colour search and the duplicate review (issue 10): four generated pictures, two of them near copies (the
 * copy resized, re-encoded as JPEG and cropped), imported through the picker; the colour filter finds the red
 * one; the review shows the pair; "Keep this one" sends the other to the Trash with its tags merged.
 */
const SHOTS_TO = SHOTS ?? os.tmpdir();

async function makePictures(dir: string): Promise<string[]> {
  const svg = (ground: string, spot: string) =>
    Buffer.from(
      `<svg xmlns="http://www.w3.org/2000/svg" width="900" height="600"><rect width="900" height="600" fill="${ground}"/>` +
        `<circle cx="270" cy="240" r="140" fill="${spot}"/><rect x="560" y="90" width="220" height="420" fill="#181818"/>` +
        `<text x="60" y="560" font-size="72" font-family="DejaVu Sans" font-weight="bold" fill="#ffffff">Fika</text></svg>`,
    );
  const out = (name: string) => path.join(dir, name);
  await sharp(svg('#e4002b', '#ffffff')).png().toFile(out('red.png'));
  await sharp(svg('#1040c0', '#ffcc00')).png().toFile(out('blue.png'));
  await sharp(svg('#0d8a7a', '#ffcc00')).png().toFile(out('teal.png'));
  // The near copy: cropped 3 % per side, resized to 60 %, re-encoded as a JPEG.
  const teal = await sharp(svg('#0d8a7a', '#ffcc00')).png().toBuffer();
  await sharp(teal).extract({ left: 27, top: 18, width: 846, height: 564 }).resize(508).jpeg({ quality: 72 }).toFile(out('teal-copy.jpg'));
  await sharp(svg('#f2efe6', '#202020')).png().toFile(out('paper.png'));
  return ['red.png', 'blue.png', 'teal.png', 'teal-copy.jpg', 'paper.png'].map(out);
}

const cells = (page: Page) => page.getByTestId('asset-cell');
const cell = (page: Page, name: string) => page.locator(`[data-testid="asset-cell"][data-name="${name}"]`);

test('colour search finds the red picture; the duplicate review keeps one copy and trashes the other with its tags merged', async ({ app }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-colour-'));
  try {
    const files = await makePictures(dir);
    await app.getByTestId('import-file-input').setInputFiles(files);
    await waitStep('five pictures imported', { files: 5 }, (timeout) => expect(cells(app)).toHaveCount(5, { timeout }));

    const list = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
    const idOf = (name: string) => list.items.find((a) => a.name === name)!.id;
    await callApi(app, 'assets.tag', { ids: [idOf('teal-copy.jpg')], add: ['summer', 'hero'] });
    await callApi(app, 'assets.tag', { ids: [idOf('teal.png')], add: ['hero'] });

    // Colour search: the swatch panel, a hex, the default tolerance.
    await app.getByTestId('colour-filter-button').click();
    const panel = app.getByTestId('colour-filter-panel');
    await expect(panel).toBeVisible();
    await app.getByTestId('colour-filter-hex').fill('red');
    await expect(panel.getByRole('alert')).toContainText('Write a hex colour');
    await expect(app.getByTestId('colour-filter-apply')).toBeDisabled();
    await app.getByTestId('colour-filter-hex').fill('#e4002b');
    await app.screenshot({ path: path.join(SHOTS_TO, 'colour-filter.png') });
    await app.getByTestId('colour-filter-hex').press('Enter');
    await expect(cells(app)).toHaveCount(1);
    await expect(cell(app, 'red.png')).toBeVisible();
    await expect(app.getByTestId('colour-filter-button')).toContainText('#e4002b');
    await app.screenshot({ path: path.join(SHOTS_TO, 'colour-results.png') });
    // A colour no picture has: the empty state says what to do.
    await app.getByTestId('colour-filter-button').click();
    await app.getByTestId('colour-filter-hex').fill('#7a00ff');
    await app.getByTestId('colour-filter-apply').click();
    await expect(app.getByTestId('empty-state')).toContainText('Raise the tolerance');
    await app.getByTestId('colour-filter-clear').click();
    await expect(cells(app)).toHaveCount(5);

    // The duplicate review shows the pair, the larger first, with size and tags.
    await app.getByTestId('duplicates-button').click();
    const dialog = app.getByTestId('duplicates-dialog');
    await expect(dialog.getByTestId('duplicate-group')).toHaveCount(1);
    const members = dialog.getByTestId('duplicate-member');
    await expect(members).toHaveCount(2);
    await expect(members.nth(0)).toHaveAttribute('data-name', 'teal.png');
    await expect(members.nth(0)).toContainText('900×600');
    await expect(members.nth(1)).toHaveAttribute('data-name', 'teal-copy.jpg');
    await expect(members.nth(1)).toContainText('hero, summer');
    await expect(members.nth(0).locator('img')).toHaveJSProperty('complete', true);
    await app.screenshot({ path: path.join(SHOTS_TO, 'duplicates-review.png') });
    await members.nth(0).getByTestId('duplicate-keep').click();
    await expect(dialog.getByTestId('duplicates-none')).toBeVisible();
    await expect(app.getByText('Kept “teal.png”. 1 copy moved to the Trash.')).toBeVisible();
    await dialog.getByTestId('duplicates-close').click();

    await expect(cells(app)).toHaveCount(4);
    await expect(cell(app, 'teal-copy.jpg')).toHaveCount(0);
    const kept = await callApi<{ tags: string[] }>(app, 'assets.get', { id: idOf('teal.png') });
    expect(kept.tags).toEqual(['hero', 'summer']);
    await app.getByTestId('trash-toggle').click();
    await expect(cells(app)).toHaveCount(1);
    await expect(cell(app, 'teal-copy.jpg')).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

test('brand colours: the kits’ swatches are one-click colours in the colour filter, and a smart collection keeps a colour rule', async ({ app }) => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-kit-colour-'));
  try {
    const files = await makePictures(dir);
    await app.getByTestId('import-file-input').setInputFiles(files);
    await waitStep('five pictures imported', { files: 5 }, (timeout) => expect(cells(app)).toHaveCount(5, { timeout }));

    // No kit yet: the panel says where brand colours come from.
    await app.getByTestId('colour-filter-button').click();
    await expect(app.getByTestId('kit-swatches-empty')).toContainText('Brand → Colour palette');
    await app.keyboard.press('Escape');

    const content = (name: string, palette: { name: string; color: string; role: string }[]) => ({
      name,
      palette,
      fontIds: [],
      logos: { light: null, dark: null },
      watermark: null,
      textStyles: [],
      intro: null,
      outro: null,
      hashtags: [],
      disclaimer: '',
    });
    // The first kit is the default; the second is listed after it although its name sorts first.
    await callApi(app, 'kits.create', { actorId: 'owner', content: content('Nordic Coffee', [{ name: 'Berry', color: '#E4002B', role: 'primary' }, { name: 'Paper', color: '#f2efe6', role: 'secondary' }]) });
    await callApi(app, 'kits.create', { actorId: 'owner', content: content('Aurora', [{ name: 'Fjord', color: '#1040c0', role: 'primary' }]) });

    await app.getByTestId('colour-filter-button').click();
    const groups = app.getByTestId('kit-swatch-group');
    await expect(groups).toHaveCount(2);
    await expect(groups.nth(0)).toHaveAttribute('data-kit', 'Nordic Coffee');
    await expect(groups.nth(0)).toContainText('Default');
    await expect(groups.nth(1)).toHaveAttribute('data-kit', 'Aurora');
    await expect(groups.nth(0).getByTestId('kit-swatch')).toHaveCount(2);
    await app.screenshot({ path: path.join(SHOTS_TO, 'colour-filter-brand.png') });
    // One click searches that colour.
    await groups.nth(1).getByRole('button', { name: 'Fjord (#1040c0) from Aurora' }).click();
    await expect(app.getByTestId('colour-filter-panel')).toBeHidden();
    await expect(app.getByTestId('colour-filter-button')).toContainText('#1040c0');
    await expect(cells(app)).toHaveCount(1);
    await expect(cell(app, 'blue.png')).toBeVisible();
    await app.getByTestId('colour-filter-button').click();
    await expect(app.locator('[data-testid="kit-swatch"][data-hex="#1040c0"]')).toHaveAttribute('aria-pressed', 'true');
    await app.locator('[data-testid="kit-swatch"][data-hex="#e4002b"]').click();
    await expect(cells(app)).toHaveCount(1);
    await expect(cell(app, 'red.png')).toBeVisible();
    await app.getByTestId('colour-filter-clear').click();
    await expect(cells(app)).toHaveCount(5);

    // A smart collection with a colour rule: hex typed, then a brand swatch, the live count follows.
    await app.getByTestId('new-smart-collection').click();
    const dialog = app.getByTestId('smart-dialog');
    await dialog.getByTestId('smart-name').fill('Berry reds');
    const row = dialog.getByTestId('rule-row').nth(0);
    await row.getByTestId('rule-type').selectOption('colour');
    await row.getByTestId('rule-colour-hex').fill('#0d8a7a');
    await expect(dialog.getByTestId('smart-live-count')).toHaveText('2 assets match now');
    await row.locator('[data-testid="kit-swatch"][data-hex="#e4002b"]').click();
    await expect(row.getByTestId('rule-colour-hex')).toHaveValue('#e4002b');
    await expect(dialog.getByTestId('smart-live-count')).toHaveText('1 asset matches now');
    await app.screenshot({ path: path.join(SHOTS_TO, 'smart-colour-rule.png') });
    await dialog.getByTestId('smart-save').click();
    await expect(dialog).toBeHidden();
    const smart = app.locator('[data-testid="smart-item"][data-name="Berry reds"]');
    await expect(smart.getByTestId('smart-count')).toHaveText('1');
    await expect(cells(app)).toHaveCount(1);
    await expect(cell(app, 'red.png')).toBeVisible();
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});
