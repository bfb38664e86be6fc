import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { DraftRecord, DraftSummary } from '../../electron/model/draft-record';
import type { ImageDraft, ImageMediaLayer, ImageTextLayer } from '../../electron/model/image-draft';
import type { TemplateSummary } from '../../electron/model/template-fill';
import { GOOD_DIR } from '../../scripts/fixtures';
import { testLimit, waitStep } from '../limits';
import { addPerson, openSignedIn } from '../accounts-kit';
import { callApi, expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * "New from template" driven like a creator: the picker (thumbnails drawn by the compositor, groups, search),
 * the quote card's photo and words replaced with a live preview, the draft opened in the image editor with the
 * template's locked brand elements kept, which the mouse cannot drag and the API refuses to move.
 */
test.use({ viewport: { width: 1600, height: 1000 } });

/** POSTFRAME_SCREENSHOTS=1 writes the README's picture into docs/screenshots; otherwise it goes to the temp folder. */
const SHOTS_TO = SHOTS ?? os.tmpdir();

async function imageDoc(page: Page, id: string): Promise<DraftRecord & { doc: ImageDraft }> {
  const rec = await callApi<DraftRecord>(page, 'drafts.get', { id });
  if (rec.doc.kind !== 'image') throw new Error('expected an image draft');
  return rec as DraftRecord & { doc: ImageDraft };
}

test('a creator makes a quote card from the starter: photo and words replaced, locked elements kept and immovable', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 2 }));
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'beach-sunset.jpg')]);
  await waitStep('the photo imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  // The library's first profile is its owner, an admin, who may move brand elements: work as a creator.
  // Cleo really signs in (this page switches to her session): the host, not the page, says who is acting.
  await addPerson(app, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
  await openSignedIn(app, server, 'cleo');
  await app.getByTestId('library-nav').click();

  // The drafts list is empty: its empty state offers the templates.
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-from-template-empty').click();
  const picker = app.getByTestId('template-picker');
  await expect(picker).toBeVisible();
  const cards = picker.getByTestId('template-card');
  await waitStep('the starters imported and listed', { files: 4 }, (timeout) => expect(cards).toHaveCount(4, { timeout }));
  await expect(picker.getByRole('region', { name: 'Starters' })).toBeVisible();
  const quote = cards.and(app.locator('[data-name="Quote card"]'));
  await expect(quote).toContainText('1080 × 1350 px');
  // Every thumbnail drawn by the compositor (videos: a poster).
  await waitStep('the thumbnails drawn', { files: 4 }, (timeout) => expect(picker.locator('[data-testid="template-thumb"][data-ready="true"]')).toHaveCount(4, { timeout }));
  await app.screenshot({ path: path.join(SHOTS_TO, 'template-picker.png') });

  // Search by name.
  await picker.getByTestId('template-search').fill('quote');
  await expect(cards).toHaveCount(1);
  await picker.getByTestId('template-search').fill('no such template');
  await expect(picker.getByTestId('templates-nomatch')).toBeVisible();
  await picker.getByTestId('template-search').fill('');

  // The quote card: its placeholders, filled.
  await quote.getByTestId('template-pick').click();
  await expect(picker.getByTestId('template-fill')).toBeVisible();
  // The starters' own pictures are in the library now too: the beach is found by name.
  const photo = (await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', { kind: 'image' })).items.find((a) => a.name.startsWith('beach-sunset'))!;
  const tpl = (await callApi<TemplateSummary[]>(app, 'templates.list', {})).find((x) => x.name === 'Quote card')!;
  await expect(picker.getByTestId('template-slot')).toHaveCount(tpl.placeholders.length);
  const preview = picker.getByTestId('template-preview');
  await expect(preview).toHaveAttribute('data-ready', 'true');
  const before = await preview.locator('img').getAttribute('src');
  await picker.locator('[data-testid="template-slot"][data-placeholder="quote-photo"]').locator(`[data-testid="template-slot-photo"][data-name="${photo.name}"]`).click();
  const words = 'Small teams ship big ideas.';
  await picker.locator('[data-testid="template-slot"][data-placeholder="quote-text"]').getByTestId('template-slot-text').fill(words);
  // The live preview is drawn again with the new photo and words.
  await expect.poll(async () => preview.locator('img').getAttribute('src'), { message: 'the preview redrawn' }).not.toBe(before);
  await picker.getByTestId('template-draft-name').fill('Monday quote');
  await picker.getByTestId('template-create').click();

  // The new draft opens in the image editor.
  await expect(picker).toBeHidden();
  await expect(app.getByTestId('image-editor')).toBeVisible();
  const drafts = await callApi<DraftSummary[]>(app, 'drafts.list', {});
  const draft = drafts.find((d) => d.name === 'Monday quote')!;
  expect(draft).toMatchObject({ kind: 'image', preset: '4:5' });
  const rec = await imageDoc(app, draft.id);
  const layers = rec.doc.pages[0]!.layers;
  const byId = (id: string) => layers.find((l) => l.id === id)!;
  expect((byId('quote-photo') as ImageMediaLayer).assetId).toBe(photo.id);
  expect((byId('quote-text') as ImageTextLayer).text).toBe(words);
  const logo = byId('quote-logo') as ImageMediaLayer;
  expect(logo.template).toBe('locked');
  expect(byId('quote-accent').template).toBe('locked');

  // The locked logo cannot be dragged: it stays where the template put it.
  const canvas = app.getByTestId('ie-canvas');
  await expect(canvas.locator('[data-testid="ie-layer"][data-kind="text"][data-ready="true"]')).toHaveCount(2);
  const logoEl = canvas.locator('[data-testid="ie-layer"][data-layer-id="quote-logo"]');
  const logoBefore = (await logoEl.boundingBox())!;
  const from = { x: logoBefore.x + logoBefore.width / 2, y: logoBefore.y + logoBefore.height / 2 };
  await app.mouse.move(from.x, from.y);
  await app.mouse.down();
  for (let i = 1; i <= 10; i++) await app.mouse.move(from.x - 30 * i, from.y + 30 * i);
  await app.mouse.up();
  expect(await logoEl.boundingBox()).toEqual(logoBefore);

  // The photo placeholder moves freely; the save after it still has the logo where the template put it.
  const photoEl = canvas.locator('[data-testid="ie-layer"][data-layer-id="quote-photo"]');
  const pb = (await photoEl.boundingBox())!;
  await app.mouse.move(pb.x + pb.width / 2, pb.y + pb.height / 2);
  await app.mouse.down();
  for (let i = 1; i <= 10; i++) await app.mouse.move(pb.x + pb.width / 2 + 4 * i, pb.y + pb.height / 2 + 3 * i);
  await app.mouse.up();
  await expect.poll(async () => (await imageDoc(app, draft.id)).revision, { message: 'the move saved' }).toBeGreaterThan(rec.revision);
  await expect(app.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
  const after = await imageDoc(app, draft.id);
  expect(after.doc.pages[0]!.layers.find((l) => l.id === 'quote-logo')).toEqual(logo);
  expect((after.doc.pages[0]!.layers.find((l) => l.id === 'quote-photo') as ImageMediaLayer).box).not.toEqual((byId('quote-photo') as ImageMediaLayer).box);

  // The API refuses a creator's move of the logo too, and keeps nothing.
  const moved: ImageDraft = { ...after.doc, pages: [{ ...after.doc.pages[0]!, layers: after.doc.pages[0]!.layers.map((l) => (l.id === 'quote-logo' && l.type === 'media' ? { ...l, box: { ...l.box, x: 0.2 } } : l)) }] };
  await expect(callApi(app, 'drafts.save', { id: draft.id, baseRevision: after.revision, doc: moved })).rejects.toThrow(/locked by the template/);
  expect((await imageDoc(app, draft.id)).revision).toBe(after.revision);
});

test('the carousel of tips starter opens in the image editor as five pages, its logo locked on each', async ({ app }) => {
  test.setTimeout(testLimit({ files: 4 }));
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-from-template').click();
  const picker = app.getByTestId('template-picker');
  await waitStep('the starters listed', { files: 4 }, (timeout) => expect(picker.getByTestId('template-card')).toHaveCount(4, { timeout }));
  await picker.getByTestId('template-search').fill('tips');
  await picker.getByTestId('template-card').getByTestId('template-pick').click();
  await expect(picker.getByTestId('template-preview')).toHaveAttribute('data-ready', 'true');
  await picker.getByTestId('template-create').click();
  await expect(app.getByTestId('image-editor')).toBeVisible();
  await expect(app.getByTestId('ie-page')).toHaveCount(5);
  const draft = (await callApi<DraftSummary[]>(app, 'drafts.list', {})).find((d) => d.name === 'Carousel of tips')!;
  const rec = await imageDoc(app, draft.id);
  expect(rec.doc.pages.map((p) => p.layers.filter((l) => l.template === 'locked' && l.type === 'media').length)).toEqual([1, 1, 1, 1, 1]);
  // The second page (the first tip) for the README.
  await app.getByTestId('ie-page').nth(1).getByTestId('ie-page-open').click();
  await expect(app.getByTestId('ie-canvas')).toHaveAttribute('data-page-id', rec.doc.pages[1]!.id);
  await waitStep('the page drawn', { files: 1 }, (timeout) => expect(app.locator('[data-testid="ie-canvas"] [data-testid="ie-layer"][data-kind="text"][data-ready="true"]')).toHaveCount(3, { timeout }));
  await app.screenshot({ path: path.join(SHOTS_TO, 'carousel.png') });

  // Save as template: it is listed under Our templates, and its author deletes it after confirming.
  await app.getByTestId('save-as-template').click();
  await app.getByTestId('save-template-name').fill('Team tips');
  await app.getByTestId('save-template-confirm').click();
  await expect(app.getByTestId('save-template-dialog')).toHaveCount(0);
  const ours = (await callApi<TemplateSummary[]>(app, 'templates.list', {})).find((x) => x.name === 'Team tips')!;
  expect(ours).toMatchObject({ starter: null, author: 'owner', kind: 'image' });
  await app.getByTestId('ie-new-from-template').click();
  const card = picker.getByRole('region', { name: 'Our templates' }).locator('[data-testid="template-card"][data-name="Team tips"]');
  await expect(card).toContainText('5 pages');
  await card.getByTestId('template-delete').click();
  await card.getByTestId('template-delete-confirm').click();
  await expect(card).toHaveCount(0);
  expect((await callApi<TemplateSummary[]>(app, 'templates.list', {})).some((x) => x.name === 'Team tips')).toBe(false);
});
