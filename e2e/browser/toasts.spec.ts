import { openSignedIn } from '../accounts-kit';
import path from 'node:path';
import { GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * A toast waits while a person reads it (issue 9, item 21): the pointer over the stack or focus in it holds
 * every toast; when the person moves on, what was left of its time runs (at least a moment). The page's clock is
 * Playwright's, moved by the test: no step waits for real time to pass.
 */
test('a toast stays while the pointer is on it or focus is in it, then goes', async ({ page, server }) => {
  await page.clock.install();
  await openSignedIn(page, server);
  await expect(page.getByTestId('library-screen')).toBeVisible();
  // From here the page's timers fire only when the test runs its clock.
  await page.clock.pauseAt(await page.evaluate(() => Date.now() + 1000));
  const toasts = page.getByTestId('toast');

  // An import's summary (a success toast: 4 s).
  await page.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'logo.png')]);
  await waitStep('logo.png imported and reported', { files: 1 }, (timeout) => expect(toasts).toContainText('Imported 1', { timeout }));
  await page.clock.runFor(3000);
  await expect(toasts).toHaveCount(1);
  // The pointer on it: a minute passes and it is still there.
  await toasts.hover();
  await page.clock.runFor(60_000);
  await expect(toasts).toHaveCount(1);
  if (SHOTS) await page.screenshot({ path: path.join(SHOTS, 'toast-held.png') });
  // The pointer moves away: it goes after a moment, not at once.
  await page.mouse.move(5, 5);
  await page.clock.runFor(1000);
  await expect(toasts).toHaveCount(1);
  await page.clock.runFor(1000);
  await expect(toasts).toHaveCount(0);

  // Focus in the stack (a keyboard user on its close button) holds it the same way.
  await page.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'beach-sunset.jpg')]);
  await waitStep('beach-sunset.jpg imported and reported', { files: 1 }, (timeout) => expect(toasts).toContainText('Imported 1', { timeout }));
  await toasts.getByRole('button').focus();
  await page.clock.runFor(60_000);
  await expect(toasts).toHaveCount(1);
  // Focus moves on: its 4 s (none of which ran while it was held) run now.
  await page.getByTestId('search-input').focus();
  await page.clock.runFor(3900);
  await expect(toasts).toHaveCount(1);
  await page.clock.runFor(200);
  await expect(toasts).toHaveCount(0);
});
