import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';
import type { DraftRecord } from '../../electron/model/draft-record';
import type { ImageDraft } from '../../electron/model/image-draft';
import { testLimit, waitStep } from '../limits';
import { ssimOf } from '../preview-kit';
import { addUser, switchTo } from '../queue-kit';
import { callApi, expect, test } from '../serve';
import { dismissToasts } from '../toasts';

/**
 * Issue 11, Done-when 2, through the UI only: a creator makes a 5-page carousel in the image editor (each page its
 * own background colour and a "Tip N" text), writes a post of it in the composer (which shows the pages and refuses
 * X's 4 images, saying what to do), it is approved and exported now to the folder connector set in Settings. The
 * Instagram feed folder holds exactly five numbered JPEGs in page order, each matching its page as the export draws
 * it (images.renderPage, SSIM) and coloured as its page, and the caption; LinkedIn gets one PDF document.
 */
test.use({ viewport: { width: 1600, height: 1000 } });

const PAGES = [
  { color: '#d81b60', text: 'Tip 1' },
  { color: '#1e88e5', text: 'Tip 2' },
  { color: '#43a047', text: 'Tip 3' },
  { color: '#fdd835', text: 'Tip 4' },
  { color: '#6d4c41', text: 'Tip 5' },
];
const rgb = (h: string) => [1, 3, 5].map((i) => parseInt(h.slice(i, i + 2), 16));

test('a 5-page carousel made in the image editor goes through the queue to the folder as five numbered files in order', async ({ app, server }) => {
  // Five pages drawn for the thumbnails, then twice per channel's export, and 5 SSIMs.
  test.setTimeout(testLimit({ files: 15 }));
  const outbox = fs.mkdtempSync(path.join(server.shared!, 'outbox-'));

  // Settings → Delivery: every channel to the folder.
  await app.getByTestId('settings-nav').click();
  const settings = app.getByTestId('delivery-settings');
  await settings.getByTestId('delivery-folder-input').fill(outbox);
  await settings.getByTestId('delivery-folder-save').click();
  await expect(settings.getByTestId('delivery-routes-summary')).toHaveText('Every channel goes to the folder.');

  // New image post, 4:5; five pages, each with its colour and its tip.
  await app.getByTestId('library-nav').click();
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-image-empty').click();
  await app.getByTestId('new-image-name').fill('Five tips');
  await app.getByTestId('image-preset-4:5').click();
  await app.getByTestId('new-image-create').click();
  await expect(app.getByTestId('image-editor')).toBeVisible();
  const canvas = app.getByTestId('ie-canvas');
  for (const [i, p] of PAGES.entries()) {
    if (i > 0) {
      await app.getByTestId('ie-page-add').click();
      await expect(app.getByTestId('ie-page')).toHaveCount(i + 1);
      await expect(app.getByTestId('ie-page').nth(i)).toHaveClass(/is-current/);
    }
    await expect(app.getByTestId('ie-empty-page')).toBeVisible();
    await app.getByTestId('ie-bg-colour').locator('input[type="color"]').fill(p.color);
    await app.getByTestId('ie-tab-text').click();
    await app.getByTestId('ie-add-text-title').click();
    await app.getByTestId('ie-text').fill(p.text);
    await expect(canvas.locator('[data-testid="ie-layer"][data-kind="text"]')).toHaveAttribute('data-ready', 'true');
    await app.keyboard.press('Escape');
  }
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const drafts = await callApi<{ id: string; name: string }[]>(app, 'drafts.list', {});
  const draftId = drafts.find((d) => d.name === 'Five tips')!.id;
  const doc = (await callApi<DraftRecord>(app, 'drafts.get', { id: draftId })).doc as ImageDraft;
  expect(doc.pages.map((pg) => [pg.background, pg.layers.map((l) => (l.type === 'text' ? l.text : l.type))])).toEqual(
    PAGES.map((p) => [{ type: 'colour', color: p.color }, [p.text]]),
  );

  // The team: an approver besides the owner.
  await app.getByTestId('queue-nav').click();
  await addUser(app, server, 'Abe', 'approver');

  // The composer: the draft's five pages in order; X refuses five images and says what to do.
  await app.getByTestId('new-post').click();
  const composer = app.getByTestId('composer');
  await composer.getByTestId('composer-draft').selectOption({ label: 'Five tips' });
  await composer.getByTestId('composer-title').fill('Five tips');
  await composer.getByTestId('composer-caption').fill('Five tips for better posts');
  await composer.getByTestId('composer-channel-instagram_feed').check();
  await composer.getByTestId('composer-channel-linkedin').check();
  await composer.getByTestId('composer-channel-x').check();
  await composer.getByTestId('composer-channel-tiktok').uncheck();
  const pages = composer.getByTestId('composer-pages');
  await expect(pages).toHaveAttribute('data-count', '5');
  await expect(pages.getByTestId('composer-page-thumb').and(app.locator('[data-ready="true"]'))).toHaveCount(5);
  await expect(composer.getByTestId('composer-pages-document')).toHaveText('LinkedIn gets the pages as one PDF document post.');
  const xCheck = composer.locator('[data-testid="channel-check"][data-channel="x"]');
  await expect(xCheck).toHaveAttribute('data-errors', '1');
  await expect(xCheck).toContainText('X takes up to 4 images a post; this carousel has 5 pages: remove 1 page, split it into two posts, or post it to TikTok, Instagram feed or LinkedIn (as one PDF document)');
  await expect(composer.locator('[data-testid="channel-check"][data-channel="instagram_feed"]')).toHaveAttribute('data-errors', '0');
  await expect(composer.locator('[data-testid="channel-check"][data-channel="linkedin"]')).toHaveAttribute('data-errors', '0');
  await dismissToasts(app);
  await pages.scrollIntoViewIfNeeded();
  await app.screenshot({ path: '/tmp/carq-composer.png' });
  // The creator takes X off, as the check says.
  await composer.getByTestId('composer-channel-x').uncheck();
  await composer.getByTestId('composer-save').click();
  await expect(composer).toHaveCount(0);

  // Submitted by the owner, approved by Abe, exported now by the owner.
  const row = app.locator('[data-testid="post-row"][data-title="Five tips"]');
  const panel = app.getByTestId('post-panel');
  await expect(row).toHaveAttribute('data-state', 'draft');
  await panel.getByTestId('post-action-submit').click();
  await expect(row).toHaveAttribute('data-state', 'in_review');
  await switchTo(app, server, 'Abe', 'approver');
  await row.click();
  await panel.getByTestId('post-action-approve').click();
  await expect(row).toHaveAttribute('data-state', 'approved');
  await switchTo(app, server, 'Owner', 'admin');
  await row.click();
  const block = app.getByTestId('delivery-block');
  const channel = (c: string) => block.locator(`[data-testid="delivery-channel"][data-channel="${c}"]`);
  await block.getByTestId('delivery-export-now').click();
  await waitStep('5 pages exported for two channels and delivered to the folder', { files: 10 }, async (timeout) => {
    await expect(channel('instagram_feed')).toHaveAttribute('data-state', 'delivered', { timeout });
    await expect(channel('linkedin')).toHaveAttribute('data-state', 'delivered', { timeout });
  });
  await expect(row).toHaveAttribute('data-state', 'exported');

  // Instagram feed: exactly five numbered JPEGs, each its page, in order; the caption; the cover.
  const [folder, ...more] = fs.readdirSync(path.join(outbox, 'instagram_feed')).filter((n) => !n.startsWith('.'));
  expect(more).toEqual([]);
  const dir = path.join(outbox, 'instagram_feed', folder!);
  const files = fs.readdirSync(dir).sort();
  expect(files.filter((f) => /^\d+\.jpg$/.test(f))).toEqual(['01.jpg', '02.jpg', '03.jpg', '04.jpg', '05.jpg']);
  expect(files).toEqual(['01.jpg', '02.jpg', '03.jpg', '04.jpg', '05.jpg', 'caption.txt', 'cover.jpg', 'post.json']);
  expect(fs.readFileSync(path.join(dir, 'caption.txt'), 'utf8')).toBe('Five tips for better posts\n');
  for (const [i, p] of PAGES.entries()) {
    const file = path.join(dir, `0${i + 1}.jpg`);
    const m = await sharp(file).metadata();
    expect([m.format, m.width, m.height], `page ${i + 1}`).toEqual(['jpeg', 1080, 1350]);
    // Its background is its page's colour…
    const corner = await sharp(file).extract({ left: 10, top: 10, width: 60, height: 60 }).stats();
    corner.channels.slice(0, 3).forEach((c, ch) => expect(Math.abs(c.mean - rgb(p.color)[ch]!), `page ${i + 1} colour`).toBeLessThan(10));
    // …and the whole picture is the page as the export draws it.
    const render = await callApi<{ key: string }>(app, 'images.renderPage', { id: draftId, page: i, scale: 1 });
    const score = await ssimOf(file, path.join(server.libraryPath, 'cache', 'text', `${render.key}.png`), { width: 540, height: 676 });
    expect(score, `page ${i + 1} SSIM`).toBeGreaterThanOrEqual(0.95);
  }

  // LinkedIn: one PDF document of the five pages.
  const [lfolder] = fs.readdirSync(path.join(outbox, 'linkedin')).filter((n) => !n.startsWith('.'));
  const ldir = path.join(outbox, 'linkedin', lfolder!);
  expect(fs.readdirSync(ldir).sort()).toEqual(['caption.txt', 'cover.jpg', 'document.pdf', 'post.json']);
  expect(fs.readFileSync(path.join(ldir, 'document.pdf'), 'latin1')).toMatch(/\/Type \/Pages \/Kids \[[^\]]+\] \/Count 5 >>/);
  fs.rmSync(outbox, { recursive: true, force: true });
});
