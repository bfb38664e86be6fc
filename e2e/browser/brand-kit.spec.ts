import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import type { BrandKit, BrandKitContent } from '../../electron/model/brand-kit';
import { emptyKitContent } from '../../electron/model/brand-kit';
import { defaultTextStyle } from '../../electron/model/draft';
import { GOOD_DIR } from '../../scripts/fixtures';
import { download, exportInDialog, openDraftWithClips } from '../editor-kit';
import { frameAt } from '../preview-kit';
import { testLimit, waitStep } from '../limits';
import { callApi, expect, test } from '../serve';
import { SHOTS } from '../screenshots';

// Issue 10, Deliver §2: a creator uses the brand kit a designer made. The kits are made through the API (the
// Brand room is another engineer's part); everything after that is the editor, driven as a creator would.

const GREEN = '#00ff40';

function kitContent(name: string, title: string, over: Partial<BrandKitContent> = {}): BrandKitContent {
  return {
    ...emptyKitContent(name),
    palette: [
      { name: `${name} primary`, color: title, role: 'primary' },
      { name: 'Ink', color: '#111111', role: 'secondary' },
      { name: 'Paper', color: '#fafafa', role: 'other' },
    ],
    textStyles: [
      { role: 'title', style: { ...defaultTextStyle, size: 110, color: title, stroke: { color: '#000000', width: 6 } }, placement: { x: 0.5, y: 0.5, maxWidth: 0.8 } },
      { role: 'caption', style: { ...defaultTextStyle, size: 60, color: '#111111', stroke: null, box: { color: '#fafafa', opacity: 1, padding: 20, radius: 12 } }, placement: { x: 0.5, y: 0.7, maxWidth: 0.8 } },
    ],
    hashtags: ['acme'],
    ...over,
  };
}

test('a creator applies a kit, adds a kit title and the watermark; the export shows the logo in its corner; Ctrl+Z undoes a kit switch in one step', async ({ app }) => {
  test.setTimeout(testLimit({ mediaSec: 2, files: 2 }));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-kit-e2e-'));
  // The logo: a flat green 200×100 PNG, a colour the red footage never has.
  const logoFile = path.join(tmp, 'acme-logo.png');
  await sharp({ create: { width: 200, height: 100, channels: 4, background: GREEN } }).png().toFile(logoFile);
  await app.getByTestId('import-file-input').setInputFiles([logoFile, path.join(GOOD_DIR, 'red-clip.mp4'), path.join(GOOD_DIR, 'blue-clip.mp4')]);
  await waitStep('the logo and two clips imported', { files: 3 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(3, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;

  const watermark = { logo: 'light' as const, corner: 'top-left' as const, margin: 0.05, size: 0.25, opacity: 1 };
  const acme = await callApi<BrandKit>(app, 'kits.create', { actorId: 'owner', content: kitContent('Acme', '#e4002b', { logos: { light: id('acme-logo.png'), dark: null }, watermark }) });
  const bold = await callApi<BrandKit>(app, 'kits.create', { actorId: 'owner', content: kitContent('Bold', '#00aaff') });
  expect(acme.isDefault).toBe(true);

  await openDraftWithClips(app, { red: id('red-clip.mp4'), blue: id('blue-clip.mp4') }, { name: 'Kit reel', count: 1, clipSec: 2 });
  const menuButton = app.getByTestId('kit-menu-button');
  // A new draft starts with the library's default kit.
  await expect(menuButton).toHaveAttribute('data-kit', acme.id);
  await expect(menuButton).toContainText('Brand kit: Acme');

  // Apply the kit from the menu with the keyboard: open, arrow to Acme, Enter.
  await menuButton.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('kit-menu')).toBeVisible();
  await expect(app.locator('[data-testid="kit-menu-item"][data-kit="' + acme.id + '"]')).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('kit-menu')).toBeHidden();
  await expect(menuButton).toBeFocused();

  // "Add text" uses the kit's title style; the inspector lists the kit's styles first, its swatches first.
  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('text-inspector')).toBeVisible();
  await expect(app.getByTestId('kit-style-title')).toHaveAttribute('aria-pressed', 'true');
  const textColour = app.getByTestId('insp-text-color');
  await expect(textColour).toContainText('#e4002b');
  await expect(textColour.getByTestId('kit-swatch')).toHaveCount(3);
  await expect(textColour.getByTestId('kit-swatch').first()).toHaveAttribute('title', 'Acme primary (#e4002b)');
  await textColour.scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/kit-editor.png' });
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'editor-brand-kit.png') });

  // The watermark spans the draft on its own track at the top.
  await app.getByTestId('kit-add-watermark').click();
  await expect(app.getByTestId('lane-overlay').filter({ has: app.getByTestId('clip') }).last()).toBeVisible();

  // Switching to another kit restyles the title; one Ctrl+Z brings Acme's look (and Acme) back.
  await menuButton.click();
  await app.locator(`[data-testid="kit-menu-item"][data-kit="${bold.id}"]`).click();
  await expect(menuButton).toHaveAttribute('data-kit', bold.id);
  await app.getByTestId('lane-text').getByTestId('clip').click();
  await expect(textColour).toContainText('#00aaff');
  await app.getByTestId('lane-text').getByTestId('clip').click();
  await app.keyboard.press('ControlOrMeta+z');
  await expect(menuButton).toHaveAttribute('data-kit', acme.id);
  await expect(textColour).toContainText('#e4002b');

  // Export and look at a frame: the logo's green fills the top-left watermark box, and not the opposite corner.
  await app.getByTestId('export-button').click();
  await exportInDialog(app, 2);
  const file = path.join(tmp, 'kit.mp4');
  await (await download(app, app.getByTestId('export-download'), 'the export')).saveAs(file);
  const frame = path.join(tmp, 'frame.png');
  await frameAt(file, 1, 30, frame);
  const gap = Math.round(0.05 * 1080);
  const w = Math.round(0.25 * 1080);
  const h = Math.round(w / 2);
  const mean = async (left: number, top: number) => {
    // The box's middle (a margin inside it: H.264 blurs edges) averaged per channel.
    const inset = 12;
    // stats() reads its input, not the pipeline: cut the box out first.
    const box = await sharp(frame).extract({ left: left + inset, top: top + inset, width: w - 2 * inset, height: h - 2 * inset }).png().toBuffer();
    const { channels } = await sharp(box).stats();
    return channels.slice(0, 3).map((c) => Math.round(c.mean));
  };
  const [r, g, b] = await mean(gap, gap);
  expect(g, `the logo's green in the top-left box (rgb ${r},${g},${b})`).toBeGreaterThan(200);
  expect(r).toBeLessThan(60);
  expect(b).toBeLessThan(110);
  const [r2, g2] = await mean(1080 - gap - w, gap);
  expect(g2, `no logo in the top-right box (rgb ${r2},${g2})`).toBeLessThan(100);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
