import path from 'node:path';
import type { Page } from '@playwright/test';
import type { VideoDraft } from '../../electron/model/draft';
import { importClips } from '../editor-kit';
import { testLimit } from '../limits';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * A new user's walk (Version history): a creator pressed Ctrl+Z until the draft was empty, autosave saved the empty
 * draft, and after a reload undo and redo were gone with the whole edit. Every save is a revision the engine keeps:
 * Version history lists them and restores one as a new revision on top, which the open editor shows at once as
 * one undo step, and which a reload keeps.
 */

const mainClips = (page: Page) => page.getByTestId('lane-main');
const saved = (page: Page) => expect(page.getByTestId('save-status')).toHaveAttribute('data-status', 'saved');
const storedClips = async (page: Page, id: string) => (await callApi<DraftRecord>(page, 'drafts.get', { id })).doc.tracks.find((t) => t.kind === 'main')!.clips.length;

test('undo everything, autosave, reload: Version history brings the clips back, and a reload keeps them', async ({ app }) => {
  test.setTimeout(testLimit({ files: 2 }));
  await importClips(app);

  // Build an edit in the editor: a new video, red and blue from the media bin.
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-draft').click();
  await app.getByTestId('new-draft-name').fill('Undo walk');
  await app.getByTestId('new-draft-create').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  const bin = app.getByTestId('media-bin');
  await bin.locator('[data-testid="bin-item"][data-name="red-clip.mp4"]').getByTestId('bin-add').click();
  await bin.locator('[data-testid="bin-item"][data-name="blue-clip.mp4"]').getByTestId('bin-add').click();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '2');
  await saved(app);
  const drafts = await callApi<{ id: string; name: string }[]>(app, 'drafts.list', {});
  const draftId = drafts.find((d) => d.name === 'Undo walk')!.id;
  expect(await storedClips(app, draftId)).toBe(2);

  // Undo everything: the draft is empty, and autosave saves it so.
  const undo = app.getByTestId('undo');
  while (await undo.isEnabled()) await undo.click();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '0');
  await saved(app);
  await expect.poll(() => storedClips(app, draftId), { message: 'the empty draft is saved' }).toBe(0);

  // A reload: no undo any more.
  await app.reload();
  await app.getByTestId('editor-nav').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '0');
  await expect(app.getByTestId('undo')).toBeDisabled();

  // Version history: newest first, the current one marked, the safety said; Esc closes it.
  const history = app.locator('[data-testid="version-history"][open]');
  await app.getByTestId('history-button').click();
  await expect(history).toBeVisible();
  const rows = history.getByTestId('history-row');
  await expect(rows.first()).toHaveAttribute('data-current', 'true');
  await expect(rows.first()).toContainText('Current');
  await expect(history.getByTestId('history-safe')).toContainText('nothing is lost');
  await expect(history.getByTestId('history-safe')).toContainText('Undo (Ctrl+Z)');
  // Each row says what changed against the one before: the empty draft is the clips removed.
  await expect(rows.first().getByTestId('history-changes')).toHaveText(/^Removed \d+ clips?$/);
  const revisions = await rows.evaluateAll((els): number[] => els.map((e) => Number(e.getAttribute('data-revision'))));
  expect(revisions, 'newest first').toEqual([...revisions].sort((a, b) => b - a));
  await app.keyboard.press('Escape');
  await expect(history).toBeHidden();

  // Again, by keyboard: the list has the focus, arrows move to the newest version with both clips (4 s), Enter restores.
  await app.getByTestId('history-button').click();
  const list = history.getByTestId('history-list');
  await expect(list).toBeFocused();
  const lengths = await rows.evaluateAll((els) => els.map((e) => e.querySelector('.vh__length')?.textContent ?? ''));
  const withClips = lengths.indexOf('0:04');
  expect(withClips, `a version with both clips among ${lengths.join(', ')}`).toBeGreaterThan(0);
  await app.keyboard.press('Home');
  await expect(rows.nth(0)).toHaveAttribute('aria-selected', 'true');
  await expect(history.getByTestId('history-restore'), 'the current version is not restored over itself').toBeDisabled();
  for (let i = 0; i < withClips; i++) await app.keyboard.press('ArrowDown');
  await expect(rows.nth(withClips)).toHaveAttribute('aria-selected', 'true');
  await expect(history.getByTestId('history-restore')).toBeEnabled();
  await expect(rows.nth(withClips).locator('.vh__when')).toHaveAttribute('title', /\d{4}/);
  const restoredFrom = revisions[withClips]!;
  await app.keyboard.press('Enter');

  // The editor shows it at once; the engine has it as a new revision on top.
  await expect(history).toBeHidden();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '2');
  await expect(app.getByTestId('toast').filter({ hasText: 'Restored the version' })).toBeVisible();
  await saved(app);
  const after = await callApi<DraftRecord>(app, 'drafts.get', { id: draftId });
  expect(after.revision).toBeGreaterThan(revisions[0]!);
  expect(after.doc.tracks.find((t) => t.kind === 'main')!.clips).toHaveLength(2);
  expect(restoredFrom).toBeLessThan(after.revision);

  // One undo goes back to what was shown before restoring (empty), and redo brings the clips again.
  await expect(app.getByTestId('undo')).toBeEnabled();
  await app.getByTestId('undo').click();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '0');
  await expect(app.getByTestId('undo')).toBeDisabled();
  await app.getByTestId('redo').click();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '2');
  await saved(app);
  await expect.poll(() => storedClips(app, draftId), { message: 'the clips are saved again after redo' }).toBe(2);

  // A reload keeps them.
  await app.reload();
  await app.getByTestId('editor-nav').click();
  await expect(mainClips(app)).toHaveAttribute('data-clip-count', '2');
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(2);

  // The restore reads as one (walk #78): its row names the version it brought back by that version's time, the
  // saves after it (undo, redo) and before it do not.
  const listed = await callApi<{ revision: number; restoredFrom: number | null }[]>(app, 'drafts.revisions', { id: draftId });
  expect(listed.filter((r) => r.restoredFrom !== null).map((r) => [r.revision, r.restoredFrom])).toEqual([[after.revision, restoredFrom]]);
  await app.getByTestId('history-button').click();
  await expect(history.getByTestId('history-list')).toBeFocused();
  const restoreRow = history.locator(`[data-testid="history-row"][data-revision="${after.revision}"]`);
  const fromFull = await history.locator(`[data-testid="history-row"][data-revision="${restoredFrom}"] .vh__when`).getAttribute('title');
  await expect(restoreRow.getByTestId('history-restored')).toHaveText(/^Restored the version of \d{1,2}:\d{2}/);
  await expect(restoreRow.getByTestId('history-restored')).toHaveAttribute('title', `Restored the version of ${fromFull}`);
  await expect(history.getByTestId('history-restored')).toHaveCount(1);
  if (SHOTS) await history.screenshot({ path: path.join(SHOTS, 'version-history.png') });
});

test('from the Drafts list: a draft with one version says so; restoring another draft’s version says the one before stays', async ({ app }) => {
  test.setTimeout(testLimit());
  const one = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Just made', preset: '9:16', fps: 30 });
  const two = await callApi<DraftRecord>(app, 'drafts.create', { name: 'First name', preset: '9:16', fps: 30 });
  await callApi(app, 'drafts.rename', { id: two.id, name: 'Second name' });
  await app.getByTestId('view-drafts').click();

  const history = app.locator('[data-testid="version-history"][open]');
  await app.locator(`[data-testid="draft-row"][data-draft-id="${one.id}"]`).getByTestId('history-button').click();
  await expect(history.getByTestId('history-only')).toContainText('only version so far');
  await expect(history.getByTestId('history-restore')).toBeDisabled();
  await history.getByTestId('history-cancel').click();
  await expect(history).toBeHidden();

  const row = app.locator(`[data-testid="draft-row"][data-draft-id="${two.id}"]`);
  await row.getByTestId('history-button').click();
  await expect(history.getByTestId('history-row')).toHaveCount(2);
  // The rename is said; the first version has nothing before it to compare with.
  await expect(history.locator('[data-testid="history-row"][data-revision="2"]').getByTestId('history-changes')).toHaveText('Renamed');
  await expect(history.locator('[data-testid="history-row"][data-revision="1"]').getByTestId('history-changes')).toHaveCount(0);
  await expect(history.getByTestId('history-safe')).toContainText('what you have now stays here in the history');
  // Opened from the row's actions cell (right-aligned, no wrapping), it still reads as the editor's does: the
  // note wraps inside the dialog, the title starts at the left (a new-user walk saw both taken from the cell).
  const laidOut = await history.evaluate((d) => {
    const safe = d.querySelector<HTMLElement>('[data-testid="history-safe"]')!;
    return { align: getComputedStyle(d).textAlign, noteFits: safe.scrollWidth <= safe.clientWidth + 1 };
  });
  expect(laidOut).toEqual({ align: 'start', noteFits: true });
  // The older one is chosen when it opens; a click chooses too.
  await history.locator('[data-testid="history-row"][data-revision="1"]').click();
  await history.getByTestId('history-restore').click();
  await expect(history).toBeHidden();
  await expect(app.locator(`[data-testid="draft-row"][data-draft-id="${two.id}"]`)).toHaveAttribute('data-name', 'First name');
  await expect(app.getByTestId('toast').filter({ hasText: 'stays in Version history' })).toBeVisible();
  const revs = await callApi<{ revision: number; name: string; restoredFrom: number | null }[]>(app, 'drafts.revisions', { id: two.id });
  expect(revs.map((r) => [r.revision, r.name, r.restoredFrom])).toEqual([
    [3, 'First name', 1],
    [2, 'Second name', null],
    [1, 'First name', null],
  ]);
  // Opened again, the restore says which version it brought back (walk #78).
  await row.getByTestId('history-button').click();
  const restoredRow = history.locator('[data-testid="history-row"][data-revision="3"]');
  await expect(restoredRow.getByTestId('history-restored')).toHaveText(/^Restored the version of /);
  const firstFull = await history.locator('[data-testid="history-row"][data-revision="1"] .vh__when').getAttribute('title');
  await expect(restoredRow.getByTestId('history-restored')).toHaveAttribute('title', `Restored the version of ${firstFull}`);
  await expect(history.getByTestId('history-restored')).toHaveCount(1);
});

test('the image editor: Version history restores an earlier name at once, and one undo takes it back', async ({ app }) => {
  test.setTimeout(testLimit());
  const made = await callApi<{ id: string }>(app, 'drafts.create', { kind: 'image', name: 'Launch post' });
  await app.getByTestId('view-drafts').click();
  await app.locator(`[data-testid="draft-row"][data-draft-id="${made.id}"]`).getByTestId('draft-open').click();
  const name = app.getByTestId('draft-name');
  await expect(name).toHaveValue('Launch post');
  await name.fill('Renamed post');
  await name.press('Enter');
  await saved(app);

  const history = app.locator('[data-testid="version-history"][open]');
  await app.getByTestId('history-button').click();
  await expect(history.getByTestId('history-row')).toHaveCount(2);
  await expect(history.getByTestId('history-safe')).toContainText('Undo (Ctrl+Z)');
  await app.keyboard.press('Enter');
  await expect(history).toBeHidden();
  await expect(name).toHaveValue('Launch post');
  await app.getByTestId('undo').click();
  await expect(name).toHaveValue('Renamed post');
  await saved(app);
  await expect.poll(async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: made.id })).doc.name).toBe('Renamed post');
});

test('each version says what changed against the one before, in at most three parts, video and image, at 960 px', async ({ app }) => {
  test.setTimeout(testLimit());
  await app.setViewportSize({ width: 960, height: 720 });
  const made = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Changes', preset: '9:16', fps: 30 });
  const title = (id: string, x: number) => ({
    id, type: 'text', start: 0, duration: 2, text: 'Sale', x, y: 0.5, maxWidth: 0.8, rotation: 0, fadeIn: 0, fadeOut: 0, styleRole: null,
    style: { font: 'DejaVu Sans', size: 96, color: '#ffffff', bold: true, italic: false, align: 'center', stroke: null, box: null },
  });
  const withTitles = (doc: VideoDraft, ...titles: ReturnType<typeof title>[]) => ({ ...doc, tracks: doc.tracks.map((t) => (t.kind === 'text' ? { ...t, clips: titles } : t)) });
  let cur = made;
  const save = async (doc: unknown) => {
    cur = await callApi<DraftRecord>(app, 'drafts.save', { id: made.id, baseRevision: cur.revision, doc });
  };
  await save(withTitles(made.doc, title('t1', 0.5), title('t2', 0.5))); // 2: two titles
  await save(withTitles(made.doc, title('t1', 0.2), title('t2', 0.5))); // 3: one moved
  await save({ ...withTitles(made.doc, title('t1', 0.2)), name: 'Changes v2', kitId: null, canvas: { ...made.doc.canvas, preset: '1:1', width: 1080, height: 1080, fps: 60, background: '#ffffff' } }); // 4: many
  await app.getByTestId('view-drafts').click();
  const history = app.locator('[data-testid="version-history"][open]');
  await app.locator(`[data-testid="draft-row"][data-draft-id="${made.id}"]`).getByTestId('history-button').click();
  const changes = (rev: number) => history.locator(`[data-testid="history-row"][data-revision="${rev}"]`).getByTestId('history-changes');
  await expect(changes(4)).toHaveText('Canvas 9:16 → 1:1 · Removed 1 title · 30 → 60 fps · …');
  await expect(changes(3)).toHaveText('Moved title');
  await expect(changes(2)).toHaveText('Added 2 titles');
  // At 960 px the summary is one line under the name, inside its row (cut with … rather than pushed out).
  const fits = await changes(4).evaluate((el) => {
    const row = el.closest('li')!.getBoundingClientRect();
    const r = el.getBoundingClientRect();
    return { inside: r.right <= row.right + 1 && r.left >= row.left, oneLine: r.height < 24 };
  });
  expect(fits).toEqual({ inside: true, oneLine: true });
  // The rows share their columns: a longer time ("10 seconds ago") moves every row's name alike (a walk saw one row off).
  const nameXs = await history.locator('.vh__name').evaluateAll((els) => els.map((el) => Math.round(el.getBoundingClientRect().left)));
  expect(new Set(nameXs).size).toBe(1);
  if (SHOTS) await history.screenshot({ path: path.join(SHOTS, 'version-history-changes.png') });
  await app.keyboard.press('Escape');

  // An image draft: its pages and layers are told the same way.
  const image = await callApi<{ id: string; revision: number; doc: { pages: { id: string; layers: unknown[] }[] } }>(app, 'drafts.create', { kind: 'image', name: 'Post' });
  const shape = { id: 's1', type: 'shape', shape: 'rect', box: { x: 0.5, y: 0.5, w: 0.5, h: 0.5, rotation: 0 }, fill: '#ff0000', stroke: null };
  const page = image.doc.pages[0]!;
  await callApi(app, 'drafts.save', { id: image.id, baseRevision: image.revision, doc: { ...image.doc, pages: [{ ...page, layers: [shape] }, { id: 'p2', background: { type: 'colour', color: '#000000' }, layers: [] }] } });
  await app.reload();
  await app.getByTestId('view-drafts').click();
  await app.locator(`[data-testid="draft-row"][data-draft-id="${image.id}"]`).getByTestId('history-button').click();
  await expect(history.locator('[data-testid="history-row"][data-revision="2"]').getByTestId('history-changes')).toHaveText('Added 1 layer · Added 1 page');
});
