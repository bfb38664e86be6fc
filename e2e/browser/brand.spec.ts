import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { formatRatio, swatchContrast } from '../../electron/model/color';
import { testLimit } from '../limits';
import { addPerson, openSignedIn } from '../accounts-kit';
import { callApi, expect, test } from '../serve';

/**
 * The Brand room, issue 10's first "Done when" as far as the room goes: a designer (an admin) creates a kit with
 * a palette, a font file, a logo and two text styles; after a reload everything is still there, saved by the
 * engine; a creator sees the kit read-only. Applying the kit to a draft and exporting is the editor's part. The
 * README's Brand room screenshot is made by library-screenshots.spec.ts.
 */

/** Screens looked at while building (the common brief): written only when asked. */
const LOOK = process.env.POSTFRAME_LOOK;

const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');

type Kit = {
  id: string;
  name: string;
  isDefault: boolean;
  palette: { name: string; color: string; role: string }[];
  fontIds: string[];
  logos: { light: string | null; dark: string | null };
  watermark: { corner: string; opacity: number } | null;
  textStyles: { role: string; style: { font: string; color: string; size: number } }[];
  hashtags: string[];
  disclaimer: string;
};

/** A logo with a transparent background: a red roundel with a white bar, 400×200. */
async function makeLogo(dir: string): Promise<string> {
  const file = path.join(dir, 'acme-logo.png');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="400" height="200"><circle cx="100" cy="100" r="90" fill="#e4002b"/><rect x="210" y="70" width="170" height="60" rx="12" fill="#ffffff"/></svg>`;
  await sharp(Buffer.from(svg)).png().toFile(file);
  return file;
}

async function waitSaved(page: Page): Promise<void> {
  await expect(page.getByTestId('kit-save-state')).toHaveAttribute('data-status', 'saved');
}

async function setSwatch(page: Page, index: number, name: string, hex: string): Promise<void> {
  const swatch = page.getByTestId('swatch').nth(index);
  await swatch.getByTestId('swatch-name').fill(name);
  await swatch.getByTestId('swatch-hex').fill(hex);
  await expect(swatch).toHaveAttribute('data-color', hex);
}

test('a designer builds a kit (palette, font, logo, two text styles) that survives a reload; a creator sees it read-only', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 2 }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-brand-'));
  const logo = await makeLogo(tmp);

  await app.getByTestId('brand-nav').click();
  // The empty room teaches what a kit is and offers the first step.
  const empty = app.getByTestId('brand-empty');
  await expect(empty).toContainText('Create your first brand kit: colours, fonts, logos and text styles everyone uses');
  if (LOOK) await app.screenshot({ path: path.join(LOOK, 'brand-empty.png') });
  await empty.getByTestId('kit-create-first').click();
  await app.getByTestId('kit-new-name').fill('Acme');
  await app.getByTestId('kit-new-save').click();
  const item = app.getByTestId('kit-item').filter({ hasText: 'Acme' });
  await expect(item.getByTestId('kit-default-badge')).toBeVisible();
  await expect(app.getByTestId('kit-name')).toHaveValue('Acme');

  // Palette: two named swatches; each shows its WCAG ratio against white and black text.
  const palette = app.getByTestId('brand-palette');
  await palette.getByTestId('swatch-add').click();
  await palette.getByTestId('swatch-add').click();
  await setSwatch(app, 0, 'Acme Red', '#e4002b');
  await setSwatch(app, 1, 'Ink', '#1a1a2e');
  const red = swatchContrast('#e4002b');
  const first = palette.getByTestId('swatch').nth(0);
  await expect(first.getByTestId('contrast-white')).toContainText(formatRatio(red.onWhite.ratio));
  await expect(first.getByTestId('contrast-white')).toHaveAttribute('data-level', red.onWhite.normal);
  await expect(first.getByTestId('contrast-black')).toHaveAttribute('data-level', red.onBlack.normal);
  await expect(palette.getByTestId('swatch').nth(1).getByTestId('swatch-role')).toHaveValue('secondary');

  // A font file: validated and stored by the engine, shown with its family, embedding bits and a sample in itself.
  const fonts = app.getByTestId('brand-fonts');
  await fonts.getByTestId('font-file').setInputFiles(LOBSTER);
  const card = fonts.getByTestId('font-card').filter({ hasText: 'Lobster' });
  await expect(card).toContainText('Regular');
  await expect(card.getByTestId('font-embedding')).toHaveText('Embedding allowed');
  await expect(card.getByTestId('font-sample')).toHaveAttribute('data-loaded', 'true');
  // The sample is drawn in the library's own copy of the font (a FontFace of its bytes), not a fallback.
  const sampleFamily = await card.getByTestId('font-sample').evaluate((el) => getComputedStyle(el).fontFamily);
  expect(await app.evaluate((family) => document.fonts.check(`28px ${family}`), sampleFamily)).toBe(true);
  await card.getByTestId('font-licence').fill('OFL 1.1, from Google Fonts');
  await card.getByTestId('font-licence').blur();
  await expect.poll(async () => (await callApi<{ licenceNote: string }[]>(app, 'fonts.list', {}))[0]?.licenceNote).toBe('OFL 1.1, from Google Fonts');
  // The card names the kits using the font (this one, as it is being edited).
  await expect(card.getByTestId('font-kits')).toHaveText('Used by kits: Acme');

  // A logo imported here (light variant), shown on a dark tile.
  const logos = app.getByTestId('brand-logos');
  await logos.getByTestId('logo-light-file').setInputFiles(logo);
  await expect(logos.getByTestId('logo-light-img')).toBeVisible();
  await expect(logos.getByTestId('logo-light')).toContainText('acme-logo.png');

  // Two text styles; the preview is the engine's rasterised PNG.
  const styles = app.getByTestId('brand-text-styles');
  await styles.getByTestId('text-style-add-title').click();
  await styles.getByTestId('text-style-add-caption').click();
  // The kit's own font in a text style: the preview is drawn again by the rasteriser, in Lobster.
  const titlePreview = styles.getByTestId('text-style-preview-title').locator('img');
  await expect(styles.getByTestId('text-style-preview-title')).toHaveAttribute('data-state', 'ready');
  const inDefaultFont = await titlePreview.getAttribute('data-key');
  await styles.getByTestId('text-style-font-title').selectOption('Lobster');
  await expect(titlePreview).not.toHaveAttribute('data-key', inDefaultFont!);
  await styles.getByTestId('text-style-color-title').getByRole('button', { name: /Ink/ }).click();
  await expect(styles.getByTestId('text-style-preview-title').locator('img')).toBeVisible();
  await expect(styles.getByTestId('text-style-preview-caption').locator('img')).toBeVisible();
  // The font cannot leave the kit while the title uses it: the card says why, and the kit keeps it.
  await card.getByTestId('font-remove').click();
  await expect(card.getByTestId('font-remove-blocked')).toHaveText('These text styles use Lobster: Title. Choose another font for them first.');
  await expect(fonts.getByTestId('font-card')).toHaveCount(1);
  // The preview shows the image of the style as it is now (not one still being drawn for an earlier edit).
  await expect(styles.getByTestId('text-style-preview-title')).toHaveAttribute('data-state', 'ready');
  const titlePng = await titlePreview.getAttribute('data-key');

  // Watermark in the top-left corner, a hashtag and a disclaimer.
  await app.getByTestId('watermark-on').check();
  await app.getByTestId('corner-top-left').click();
  await expect(app.getByTestId('watermark-logo-img')).toHaveAttribute('data-corner', 'top-left');
  await app.getByTestId('kit-hashtag-input').fill('acme');
  await app.getByTestId('kit-hashtag-input').press('Enter');
  await app.getByTestId('kit-disclaimer').fill('Paid partnership with Acme');
  await waitSaved(app);
  if (LOOK) {
    for (const id of ['brand-palette', 'brand-fonts', 'brand-text-styles', 'brand-logos', 'brand-watermark', 'brand-captions']) await app.getByTestId(id).screenshot({ path: path.join(LOOK, `${id}.png`) });
    await app.getByTestId('kit-editor').evaluate((el) => el.scrollTo(0, 0));
    await app.screenshot({ path: path.join(LOOK, 'brand-kit.png') });
    await app.getByTestId('settings-nav').click();
    await app.getByTestId('theme-light').click();
    await app.getByTestId('brand-nav').click();
    await app.getByTestId('brand-watermark').scrollIntoViewIfNeeded();
    await app.screenshot({ path: path.join(LOOK, 'brand-light.png') });
    await app.getByTestId('settings-nav').click();
    await app.getByTestId('theme-dark').click();
    await app.getByTestId('brand-nav').click();
  }

  // Undo takes back the last edit (the disclaimer), redo restores it; both are saved.
  await app.getByTestId('kit-name').focus();
  await app.keyboard.press('Control+z');
  await expect(app.getByTestId('kit-disclaimer')).toHaveValue('');
  await app.keyboard.press('Control+Shift+z');
  await expect(app.getByTestId('kit-disclaimer')).toHaveValue('Paid partnership with Acme');
  await waitSaved(app);

  // Reload: everything came back from the engine.
  await app.reload();
  await app.getByTestId('brand-nav').click();
  await expect(app.getByTestId('kit-name')).toHaveValue('Acme');
  await expect(app.getByTestId('swatch')).toHaveCount(2);
  await expect(app.getByTestId('swatch').nth(0).getByTestId('swatch-name')).toHaveValue('Acme Red');
  await expect(app.getByTestId('font-card').filter({ hasText: 'Lobster' }).getByTestId('font-licence')).toHaveValue('OFL 1.1, from Google Fonts');
  await expect(app.getByTestId('logo-light-img')).toBeVisible();
  await expect(app.getByTestId('text-style-title')).toBeVisible();
  await expect(app.getByTestId('text-style-caption')).toBeVisible();
  await expect(app.getByTestId('text-style-preview-title').locator('img')).toHaveAttribute('data-key', titlePng!);
  await expect(app.getByTestId('kit-hashtag')).toHaveText(['#acme']);
  await expect(app.getByTestId('kit-disclaimer')).toHaveValue('Paid partnership with Acme');
  const [kit] = await callApi<Kit[]>(app, 'kits.list', {});
  expect(kit).toMatchObject({
    name: 'Acme',
    isDefault: true,
    palette: [
      { name: 'Acme Red', color: '#e4002b', role: 'primary' },
      { name: 'Ink', color: '#1a1a2e', role: 'secondary' },
    ],
    watermark: { corner: 'top-left' },
    hashtags: ['acme'],
    disclaimer: 'Paid partnership with Acme',
  });
  expect(kit!.fontIds).toHaveLength(1);
  expect(kit!.logos.light).not.toBeNull();
  expect(kit!.textStyles.map((s) => [s.role, s.style.font, s.style.color])).toEqual([
    ['title', 'Lobster', '#1a1a2e'],
    ['caption', 'Liberation Sans', expect.stringMatching(/^#/)],
  ]);

  // Export the kit as one file and import it again: a second kit with the same colours, font and logo.
  const [download] = await Promise.all([app.waitForEvent('download'), app.getByTestId('kit-export').click()]);
  expect(download.suggestedFilename()).toMatch(/^Acme.*\.postframe-kit$/);
  const kitFile = path.join(tmp, download.suggestedFilename());
  await download.saveAs(kitFile);
  await app.getByTestId('kit-import-file').setInputFiles(kitFile);
  await expect(app.getByTestId('kit-item')).toHaveCount(2);
  const imported = app.getByTestId('kit-editor');
  await expect(app.getByTestId('kit-name')).toHaveValue(/^Acme \(2\)$/);
  await expect(imported.getByTestId('swatch')).toHaveCount(2);
  await expect(imported.getByTestId('font-card').filter({ hasText: 'Lobster' })).toHaveCount(1);
  await expect(imported.getByTestId('logo-light-img')).toBeVisible();

  // A creator sees every kit, read-only, with a note saying who can edit.
  // Cleo really signs in (this page switches to her session): the host, not the page, says who is acting.
  const cleo = await addPerson(app, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
  await openSignedIn(app, server, 'cleo');
  await app.getByTestId('brand-nav').click();
  await app.locator('[data-testid="kit-item"][data-name="Acme"]').click();
  await expect(app.getByTestId('kit-name')).toHaveValue('Acme');
  await expect(app.getByTestId('brand-readonly')).toContainText('You are working as Cleo (Creator): only an admin can change brand kits');
  await expect(app.getByTestId('kit-fieldset')).toHaveAttribute('disabled', '');
  await expect(app.getByTestId('swatch').nth(0).getByTestId('swatch-name')).toBeDisabled();
  await expect(app.getByTestId('kit-name')).toBeDisabled();
  for (const id of ['kit-create', 'kit-import', 'kit-delete', 'kit-duplicate', 'font-add', 'logo-light-pick', 'text-style-add-subtitle']) await expect(app.getByTestId(id), id).toHaveCount(0);
  // Ctrl+Z does nothing for a creator, and the engine refuses a creator's save too.
  await app.keyboard.press('Control+z');
  await expect(app.getByTestId('kit-disclaimer')).toHaveValue('Paid partnership with Acme');
  await expect(callApi(app, 'kits.update', { id: kit!.id, actorId: cleo.id, baseUpdatedAt: (kit as unknown as { updatedAt: string }).updatedAt, content: { ...kit, name: 'Hijack' } })).rejects.toThrow(/admin/);
  // Fonts are brand assets too: the licence note is read-only here and the engine refuses a creator's font changes.
  await expect(app.getByTestId('font-card').filter({ hasText: 'Lobster' }).getByTestId('font-licence')).toBeDisabled();
  const lobster = (await callApi<{ id: string; family: string }[]>(app, 'fonts.list', {})).find((f) => f.family === 'Lobster')!;
  await expect(callApi(app, 'fonts.update', { id: lobster.id, actorId: cleo.id, licenceNote: 'mine' })).rejects.toThrow(/admin/);
  await expect(callApi(app, 'fonts.remove', { id: lobster.id, actorId: cleo.id })).rejects.toThrow(/admin/);
  if (LOOK) await app.screenshot({ path: path.join(LOOK, 'brand-readonly.png') });
});

test('kit list: duplicate, make default, delete with confirmation; a kit changed elsewhere is not overwritten', async ({ app }) => {
  test.setTimeout(testLimit({}));
  // The page's clock is ours to stop, so "this window has an unsaved edit while another saves" is made, not raced.
  await app.clock.install();
  await app.reload();
  await callApi(app, 'kits.create', { actorId: 'owner', name: 'Acme' });
  await app.getByTestId('brand-nav').click();
  await expect(app.getByTestId('kit-name')).toHaveValue('Acme');
  await app.getByTestId('kit-duplicate').click();
  await expect(app.getByTestId('kit-name')).toHaveValue('Acme copy');
  await expect(app.getByTestId('kit-item')).toHaveCount(2);
  await app.getByTestId('kit-set-default').click();
  await expect(app.getByTestId('kit-item').filter({ hasText: 'Acme copy' }).getByTestId('kit-default-badge')).toBeVisible();
  await expect(app.getByTestId('kit-default-badge')).toHaveCount(1);

  // Another window saves the open kit: this one's next edit is refused and offers a reload, never overwrites.
  const copy = (await callApi<(Kit & { updatedAt: string })[]>(app, 'kits.list', {})).find((k) => k.name === 'Acme copy')!;
  const { id: _id, isDefault: _d, updatedAt, ...content } = copy as Kit & { updatedAt: string; createdAt?: string };
  delete (content as { createdAt?: string }).createdAt;
  await callApi(app, 'kits.update', { id: copy.id, actorId: 'owner', baseUpdatedAt: updatedAt, content: { ...content, disclaimer: 'Saved elsewhere' } });
  await expect(app.getByTestId('kit-disclaimer')).toHaveValue('Saved elsewhere');
  // Now both edit at once: this window's edit waits for its autosave while the other window saves first.
  const again = (await callApi<(Kit & { updatedAt: string })[]>(app, 'kits.list', {})).find((k) => k.id === copy.id)!;
  await app.clock.pauseAt(Date.now() + 60_000);
  await app.getByTestId('kit-disclaimer').fill('Mine');
  await expect(app.getByTestId('kit-save-state')).toHaveAttribute('data-status', 'pending');
  await callApi(app, 'kits.update', { id: copy.id, actorId: 'owner', baseUpdatedAt: again.updatedAt, content: { ...content, disclaimer: 'Theirs' } });
  await app.clock.resume();
  await expect(app.getByTestId('kit-problem')).toHaveAttribute('data-kind', 'conflict');
  await expect(app.getByTestId('kit-problem')).toContainText('Someone else changed this kit');
  expect((await callApi<Kit>(app, 'kits.get', { id: copy.id })).disclaimer).toBe('Theirs');
  await app.getByTestId('kit-reload').click();
  await expect(app.getByTestId('kit-disclaimer')).toHaveValue('Theirs');
  await expect(app.getByTestId('kit-problem')).toHaveCount(0);

  // Delete asks first; the other kit becomes the default.
  await app.getByTestId('kit-delete').click();
  await expect(app.getByTestId('kit-delete-dialog')).toContainText('This is the default kit');
  await app.getByTestId('kit-delete-confirm').click();
  await expect(app.getByTestId('kit-item')).toHaveCount(1);
  await expect(app.getByTestId('kit-item').getByTestId('kit-default-badge')).toBeVisible();
  await expect(app.getByTestId('kit-name')).toHaveValue('Acme');
});
