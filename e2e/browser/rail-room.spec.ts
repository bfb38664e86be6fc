import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

/**
 * A new user's walk: after Editor → its Drafts list (the editor's back arrow), the rail highlighted Library. The
 * rail shows the room the user is in: the Drafts list reached from the Editor is the Editor's; from the Library's
 * own Media ↔ Drafts switch, the Library's.
 */
test('the rail highlights the room the user is in, the Editor’s Drafts list included', async ({ app }) => {
  const assets = await importClips(app);
  const current = (id: string) => expect(app.getByTestId(id)).toHaveAttribute('aria-current', 'page');
  const notCurrent = (id: string) => expect(app.getByTestId(id)).not.toHaveAttribute('aria-current', 'page');

  await openDraftWithClips(app, assets, { name: 'Rooms', count: 1, clipSec: 2 });
  await current('editor-nav');
  await app.getByTestId('editor-back').click();
  await expect(app.getByTestId('drafts-view')).toBeVisible();
  await current('editor-nav');
  await notCurrent('library-nav');

  // The rail's Library: the Library's room, whichever view it shows, and its own switch keeps it there.
  await app.getByTestId('library-nav').click();
  await current('library-nav');
  await notCurrent('editor-nav');
  await app.getByTestId('view-assets').click();
  await app.getByTestId('view-drafts').click();
  await expect(app.getByTestId('drafts-view')).toBeVisible();
  await current('library-nav');
  await notCurrent('editor-nav');
});
