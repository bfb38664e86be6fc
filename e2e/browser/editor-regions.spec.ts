import type { Page } from '@playwright/test';
import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

/** The editor part (data-region) that holds the focus, and the focused element's test id. */
const focus = (app: Page) =>
  app.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { region: el?.closest<HTMLElement>('[data-region]')?.dataset.region ?? null, id: el?.dataset.testid ?? null };
  });

test('F6 and Shift+F6 move the keyboard between the media, the preview, the Inspector and the timeline', async ({ app }) => {
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Regions', count: 3, clipSec: 2 });
  // From the header (where Tab starts), the timeline is dozens of Tab presses away (walk #58); F6 four.
  await app.getByTestId('draft-name').focus();
  await app.keyboard.press('F6');
  expect((await focus(app)).region).toBe('media');
  // Out of a text field too: F6 types nothing.
  await app.getByTestId('bin-search').focus();
  await app.keyboard.press('F6');
  expect(await focus(app)).toEqual({ region: 'preview', id: 'manipulate' });
  await app.keyboard.press('F6');
  expect((await focus(app)).region).toBe('inspector');
  await app.keyboard.press('F6');
  expect(await focus(app)).toEqual({ region: 'timeline', id: 'clip' });
  // Ctrl+arrows then go from clip to clip (the clips are one Tab stop, walk #64).
  await app.keyboard.press('Control+ArrowRight');
  expect(await focus(app)).toEqual({ region: 'timeline', id: 'clip' });
  // Round and back.
  await app.keyboard.press('F6');
  expect((await focus(app)).region).toBe('media');
  await app.keyboard.press('Shift+F6');
  expect((await focus(app)).region).toBe('timeline');
  // The shortcut sheet says so.
  await app.keyboard.press('?');
  await expect(app.getByTestId('shortcut-sheet')).toContainText('Move between the media, the preview, the Inspector and the timeline');
});
