import path from 'node:path';
import { importClips, openDraftWithClips } from '../editor-kit';
import { decodeWork } from '../preview-kit';
import { allOf, testLimit } from '../limits';
import { SHOTS } from '../screenshots';
import { expect, test } from '../serve';

/**
 * The editor from the keyboard (docs/walks/editor-i14-walk.md, fourth walk): timeline clips are reached by Tab,
 * selected as they take focus, show a focus ring, and move by Alt+arrows (one frame, Shift: one second) in one
 * undo step, or on the magnetic Main track swap places with a neighbour; plain arrows still step the playhead.
 */
test('timeline clips are reached by Tab, selected, and moved by Alt+arrows', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(2))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Keyboard clips', count: 2, clipSec: 2 });

  // From the Main track's own buttons, Tab goes to its clips in order, each selected as it takes focus.
  await app.getByRole('button', { name: 'Hide Main' }).focus();
  const main = app.getByTestId('lane-main').getByTestId('clip');
  await app.keyboard.press('Tab');
  await expect(main.nth(0)).toBeFocused();
  await expect(main.nth(0)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Tab');
  await expect(main.nth(1)).toBeFocused();
  await expect(main.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(main.nth(0)).toHaveAttribute('aria-selected', 'false');
  // A visible ring while focused (the selection's border alone is not a focus ring).
  expect(await main.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

  // The first clip again (Shift+Tab), the playhead on it: a keyframe from the Animate block by keyboard, its button
  // named in plain English ("a keyframe for Opacity", not "a Opacity keyframe").
  await app.keyboard.press('Shift+Tab');
  await expect(main.nth(0)).toHaveAttribute('aria-selected', 'true');
  const addOpacity = app.getByRole('button', { name: 'Add a keyframe for Opacity at the playhead', exact: true });
  await addOpacity.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Remove the Opacity keyframe at the playhead', exact: true })).toBeFocused();

  // A title, then its clip by Tab (after the Text track's button): Alt+→ one frame, Alt+Shift+→ one second.
  await app.getByTestId('add-text').focus();
  await app.keyboard.press('Enter');
  const title = app.getByTestId('lane-text').getByTestId('clip');
  await expect(title).toHaveCount(1);
  await expect(title).toHaveAttribute('data-start', '0.000');
  await app.getByRole('button', { name: 'Hide Text' }).focus();
  await app.keyboard.press('Tab');
  await expect(title).toBeFocused();
  await expect(title).toHaveAccessibleDescription(/Alt\+arrows move it/);
  await app.keyboard.press('Alt+ArrowRight');
  await expect(title).toHaveAttribute('data-start', (1 / 30).toFixed(3));
  await app.keyboard.press('Alt+Shift+ArrowRight');
  await expect(title).toHaveAttribute('data-start', (1 + 1 / 30).toFixed(3));
  await app.keyboard.press('Alt+ArrowLeft');
  await expect(title).toHaveAttribute('data-start', '1.000');
  if (SHOTS) await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'timeline-clip-focus.png') });
  // Plain → still steps the playhead, and does not move the clip.
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:01 /');
  await expect(title).toHaveAttribute('data-start', '1.000');
  // The run of moves is one undo step.
  await app.keyboard.press('ControlOrMeta+z');
  await expect(title).toHaveAttribute('data-start', '0.000');

  // On the magnetic Main track Alt+arrows swap a clip with its neighbour (#24), and it keeps the focus.
  const [firstId, secondId] = await main.evaluateAll((els) => els.map((el) => el.getAttribute('data-clip-id') ?? ''));
  const second = app.locator(`[data-testid="lane-main"] [data-clip-id="${secondId}"]`);
  const first = app.locator(`[data-testid="lane-main"] [data-clip-id="${firstId}"]`);
  await second.focus();
  await app.keyboard.press('Alt+ArrowLeft');
  await expect(second).toHaveAttribute('data-start', '0.000');
  await expect(first).toHaveAttribute('data-start', '2.000');
  await expect(second).toBeFocused();
  // Already first: nothing moves.
  await app.keyboard.press('Alt+ArrowLeft');
  await expect(second).toHaveAttribute('data-start', '0.000');
  await app.keyboard.press('Alt+ArrowRight');
  await expect(second).toHaveAttribute('data-start', '2.000');
  await expect(first).toHaveAttribute('data-start', '0.000');
  await expect(second).toBeFocused();
});
