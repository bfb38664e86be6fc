import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { BrandKit } from '../../electron/model/brand-kit';
import { BrandKitContent, emptyKitContent } from '../../electron/model/brand-kit';
import { defaultTextStyle } from '../../electron/model/draft';
import { GOOD_DIR } from '../../scripts/fixtures';
import { openDraftWithClips } from '../editor-kit';
import { testLimit, waitStep } from '../limits';
import { callApi, expect, test } from '../serve';

// The editor's brand-kit rough edges (issue 10, docs/brand-kits-in-drafts.md): the kit's logo and watermark land
// on the Overlay lane, selected and in view; Bold is offered only where the family has a bold face.

const LOBSTER = createRequire(import.meta.url).resolve('@expo-google-fonts/lobster/400Regular/Lobster_400Regular.ttf');
const LOOK = process.env.POSTFRAME_LOOK;

test('Add watermark and Add logo land on the Overlay lane (else a new overlay track beside it), selected, in view, one undo step', async ({ app }) => {
  test.setTimeout(testLimit({ files: 3 }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-kit-ux-'));
  const logoFile = path.join(tmp, 'acme-logo.png');
  await sharp({ create: { width: 200, height: 100, channels: 4, background: '#00ff40' } }).png().toFile(logoFile);
  await app.getByTestId('import-file-input').setInputFiles([logoFile, path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  await waitStep('the logo and two clips imported', { files: 3 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(3, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;
  await callApi<BrandKit>(app, 'kits.create', { actorId: 'owner', content: { ...emptyKitContent('Acme'), logos: { light: id('acme-logo.png'), dark: null } } });
  await openDraftWithClips(app, { red: id('red-clip.mp4'), blue: id('blue-clip.mp4') }, { name: 'Logo reel', count: 2, clipSec: 2 });

  const kinds = () => app.getByTestId('track').evaluateAll((els) => els.map((e) => e.getAttribute('data-track-kind')));
  const before = await kinds();
  expect(before).toEqual(['main', 'overlay', 'text', 'audio', 'audio']);
  // The creator has scrolled the timeline away from the Overlay lane (to the voiceover at the bottom).
  await app.getByTestId('timeline').locator('.timeline__scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight }));

  // Add watermark: on the empty Overlay lane, no new track, selected and brought into view.
  await app.getByTestId('kit-add-watermark').click();
  const overlayLanes = app.getByTestId('lane-overlay');
  const watermark = overlayLanes.first().getByTestId('clip');
  await expect(watermark).toHaveCount(1);
  await expect(watermark).toHaveAttribute('aria-selected', 'true');
  await expect(watermark).toBeInViewport();
  expect(await kinds()).toEqual(before);
  await app.screenshot({ path: '/tmp/kit-ux-watermark.png' });

  // Add logo at the playhead (0 s): the Overlay lane is busy there, so a new overlay track right after it,
  // the logo at the playhead (not slid later on the busy lane), selected and in view.
  await app.getByTestId('timeline').locator('.timeline__scroll').evaluate((el) => el.scrollTo({ top: el.scrollHeight, left: el.scrollWidth }));
  await app.getByTestId('kit-add-logo').click();
  await expect.poll(kinds).toEqual(['main', 'overlay', 'overlay', 'text', 'audio', 'audio']);
  const logo = overlayLanes.nth(1).getByTestId('clip');
  await expect(logo).toHaveAttribute('aria-selected', 'true');
  await expect(logo).toHaveAttribute('data-start', '0.000');
  await expect(logo).toBeInViewport();
  await expect(watermark).toHaveAttribute('aria-selected', 'false');
  await app.screenshot({ path: '/tmp/kit-ux-logo.png' });
  if (LOOK) await app.screenshot({ path: path.join(LOOK, 'kit-ux-logo.png') });

  // One Ctrl+Z takes the logo and its new track away; the watermark stays.
  await app.keyboard.press('ControlOrMeta+z');
  await expect.poll(kinds).toEqual(before);
  await expect(overlayLanes.first().getByTestId('clip')).toHaveCount(1);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});

test('Bold is offered only when the family has a bold face; a saved bold Lobster style is marked and can be turned off', async ({ app }) => {
  test.setTimeout(testLimit({ files: 2 }));
  // A kit made before this rule: its title is Lobster (Regular only) and Bold.
  await app.getByTestId('brand-nav').click();
  await app.getByTestId('brand-empty').getByTestId('kit-create-first').click();
  await app.getByTestId('kit-new-name').fill('Script');
  await app.getByTestId('kit-new-save').click();
  const fonts = app.getByTestId('brand-fonts');
  await fonts.getByTestId('font-file').setInputFiles(LOBSTER);
  await expect(fonts.getByTestId('font-card').filter({ hasText: 'Lobster' })).toContainText('Regular');
  await expect.poll(async () => (await callApi<BrandKit[]>(app, 'kits.list', {}))[0]?.fontIds.length).toBe(1);
  const kit = (await callApi<BrandKit[]>(app, 'kits.list', {}))[0]!;
  const content = BrandKitContent.parse({ ...kit, textStyles: [{ role: 'title', style: { ...defaultTextStyle, font: 'Lobster', size: 120, bold: true }, placement: { x: 0.5, y: 0.3, maxWidth: 0.9 } }] });
  await callApi(app, 'kits.update', { actorId: 'owner', id: kit.id, baseUpdatedAt: kit.updatedAt, content });
  await app.reload();
  await app.getByTestId('brand-nav').click();

  const styles = app.getByTestId('brand-text-styles');
  const titleBold = styles.getByTestId('text-style-bold-title');
  await expect(titleBold).toHaveAttribute('aria-checked', 'true');
  await expect(titleBold).toHaveAttribute('data-synthetic', 'true');
  await expect(titleBold).toHaveAttribute('title', /Lobster has no bold face: this bold is synthesised/);
  await expect(titleBold).toBeEnabled();
  await expect(styles.getByTestId('text-style-bold-note-title')).toHaveText('Lobster has no bold face: this bold is synthesised. Turn B off to use the font as designed.');
  await styles.scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/kit-ux-bold-synthetic.png' });
  // Turned off, it cannot be turned on again: Lobster has no bold face.
  await titleBold.click();
  await expect(titleBold).toHaveAttribute('aria-checked', 'false');
  await expect(titleBold).toBeDisabled();
  await expect(styles.getByTestId('text-style-bold-note-title')).toHaveCount(0);
  await expect(titleBold).toHaveAttribute('title', /Lobster has no bold face, so Bold is not offered/);

  // A style moved to Lobster takes the weight Lobster has; a family with a bold face offers Bold again.
  await styles.getByTestId('text-style-add-subtitle').click();
  await styles.getByTestId('text-style-font-subtitle').selectOption('Lobster');
  const subBold = styles.getByTestId('text-style-bold-subtitle');
  await expect(subBold).toHaveAttribute('aria-checked', 'false');
  await expect(subBold).toBeDisabled();
  await styles.getByTestId('text-style-font-subtitle').selectOption('DejaVu Sans');
  await expect(subBold).toBeEnabled();
  await subBold.click();
  await expect(subBold).toHaveAttribute('aria-checked', 'true');
  // Back to Lobster: the bold it cannot draw is dropped.
  await styles.getByTestId('text-style-font-subtitle').selectOption('Lobster');
  await expect(subBold).toHaveAttribute('aria-checked', 'false');
  await expect.poll(async () => (await callApi<BrandKit[]>(app, 'kits.list', {}))[0]!.textStyles.map((s) => [s.role, s.style.font, s.style.bold])).toEqual([
    ['title', 'Lobster', false],
    ['subtitle', 'Lobster', false],
  ]);

  // The editor's text inspector follows the same rule.
  await callApi(app, 'drafts.create', { name: 'Bold rule', preset: '9:16', fps: 30 });
  await app.getByTestId('library-nav').click();
  await app.getByTestId('view-drafts').click();
  await app.locator(`[data-testid="draft-row"][data-name="Bold rule"]`).getByTestId('draft-open').click();
  await app.getByTestId('add-text').click();
  const inspector = app.getByTestId('text-inspector');
  await expect(inspector).toBeVisible();
  const bold = inspector.getByTestId('insp-bold');
  await inspector.getByTestId('insp-font').selectOption('DejaVu Sans');
  if ((await bold.getAttribute('aria-checked')) !== 'true') await bold.click();
  await expect(bold).toHaveAttribute('aria-checked', 'true');
  await inspector.getByTestId('insp-font').selectOption('Lobster');
  await expect(bold).toHaveAttribute('aria-checked', 'false');
  await expect(bold).toBeDisabled();
  await app.screenshot({ path: '/tmp/kit-ux-inspector-bold.png' });
});

test('walk: the kit bar as a new user (menu, swatches, brand styles, intro/outro, switching kits is one undo)', async ({ app }) => {
  test.setTimeout(testLimit({ files: 3 }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-kit-walk-'));
  const logoFile = path.join(tmp, 'acme-logo.png');
  await sharp({ create: { width: 200, height: 100, channels: 4, background: '#00ff40' } }).png().toFile(logoFile);
  await app.getByTestId('import-file-input').setInputFiles([logoFile, path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  await waitStep('the logo and two clips imported', { files: 3 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(3, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;
  const palette = [
    { name: 'Acme red', color: '#e4002b', role: 'primary' as const },
    { name: 'Ink', color: '#111111', role: 'secondary' as const },
  ];
  const titleStyle = { role: 'title' as const, style: { ...defaultTextStyle, size: 110, color: '#e4002b' }, placement: { x: 0.5, y: 0.4, maxWidth: 0.8 } };
  await callApi<BrandKit>(app, 'kits.create', {
    actorId: 'owner',
    content: { ...emptyKitContent('Acme'), palette, textStyles: [titleStyle], logos: { light: id('acme-logo.png'), dark: null }, intro: id('blue-clip.mp4'), outro: id('blue-clip.mp4') },
  });
  const other = await callApi<BrandKit>(app, 'kits.create', { actorId: 'owner', content: { ...emptyKitContent('Night'), palette: [{ name: 'Night blue', color: '#0033aa', role: 'primary' }], textStyles: [{ ...titleStyle, style: { ...titleStyle.style, color: '#0033aa' } }] } });
  await openDraftWithClips(app, { red: id('red-clip.mp4'), blue: id('red-clip.mp4') }, { name: 'Walk', count: 1, clipSec: 2 });
  await app.screenshot({ path: '/tmp/kit-walk-1-bar.png' });
  await app.getByTestId('kit-menu-button').click();
  await expect(app.getByTestId('kit-menu')).toBeVisible();
  await app.screenshot({ path: '/tmp/kit-walk-2-menu.png' });
  await app.keyboard.press('Escape');
  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('text-inspector')).toBeVisible();
  await app.getByTestId('insp-text-color').scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/kit-walk-3-inspector.png' });
  await app.getByTestId('kit-add-intro-outro').click();
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(3);
  await expect(app.getByText('Intro and outro added. Text, overlays and audio moved with the footage.')).toBeVisible();
  await app.screenshot({ path: '/tmp/kit-walk-4-intro.png' });
  await app.getByTestId('kit-menu-button').click();
  await app.locator(`[data-testid="kit-menu-item"][data-kit="${other.id}"]`).click();
  await expect(app.getByTestId('kit-menu-button')).toHaveAttribute('data-kit', other.id);
  await app.screenshot({ path: '/tmp/kit-walk-5-switched.png' });
  await app.keyboard.press('ControlOrMeta+z');
  await expect(app.getByTestId('kit-menu-button')).not.toHaveAttribute('data-kit', other.id);
  await app.screenshot({ path: '/tmp/kit-walk-6-undone.png' });
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
