import { addPerson, openSignedIn } from '../accounts-kit';
import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

test('a reload comes back to the open draft in the Editor, and the Library opens on its media from there', async ({ app, server }) => {
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Come back', count: 2, clipSec: 2 });
  await expect(app.getByTestId('editor-screen')).toBeVisible();

  // A reload (browser mode) lands in the Editor on the same draft, not in the Library (walk #59).
  await app.reload();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await expect(app.getByTestId('draft-name')).toHaveValue('Come back');
  await expect(app.getByTestId('lane-main')).toHaveAttribute('data-clip-count', '2');

  // The Editor's Drafts list, then the Library: the Library shows its media with Import, not the Drafts list.
  await app.getByTestId('editor-back').click();
  await expect(app.locator('[data-testid="draft-row"][data-name="Come back"]')).toBeVisible();
  await app.getByTestId('library-nav').click();
  await expect(app.getByTestId('asset-cell')).toHaveCount(2);
  await expect(app.getByTestId('draft-row')).toHaveCount(0);

  // Another room is kept across a reload too.
  await app.getByTestId('editor-nav').click();
  await expect(app.getByTestId('editor-screen')).toBeVisible();
  await app.reload();
  await expect(app.getByTestId('editor-screen')).toBeVisible();

  // Someone else signing in in this tab starts in the Library, not in the room (and draft) of the one before.
  await addPerson(app, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
  await openSignedIn(app, server, 'cleo');
  await expect(app.getByTestId('library-nav')).toHaveAttribute('aria-current', 'page');
  await expect(app.getByTestId('view-drafts')).toBeVisible();
});

test('a reload keeps the draft\'s timeline zoom and scroll; the ruler at the highest zoom counts frames', async ({ app }) => {
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Zoomed in', count: 2, clipSec: 2 });
  const slider = app.getByTestId('zoom-slider');
  await slider.fill('100');
  const scroller = app.locator('.timeline__scroll');
  await scroller.evaluate((el) => (el.scrollLeft = 900));
  // 600 px a second at 30 fps: a tick every 5 frames, each second labelled, the frames between it and the next (walk #69).
  const labels = () => app.getByTestId('ruler').locator('.ruler__tick').allTextContents();
  expect((await labels()).slice(0, 8)).toEqual(['0:00', '5f', '10f', '15f', '20f', '25f', '0:01', '5f']);

  // A reload comes back to the draft at the zoom and scroll it had (it was back at the default zoom, at 0 s: walk #70).
  await app.reload();
  await expect(app.getByTestId('draft-name')).toHaveValue('Zoomed in');
  await expect(slider).toHaveValue('100');
  await expect.poll(() => scroller.evaluate((el) => el.scrollLeft)).toBe(900);
  const seconds = (await labels()).filter((l) => !l.endsWith('f'));
  expect(new Set(seconds).size, 'every second labelled once').toBe(seconds.length);
});
