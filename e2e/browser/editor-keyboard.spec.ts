import path from 'node:path';
import { clipDuration, type TextClip } from '../../electron/model/draft';
import { importClips, openDraftWithClips } from '../editor-kit';
import { storedDoc } from '../manipulate-kit';
import { decodeWork, seekPreview } from '../preview-kit';
import { allOf, testLimit } from '../limits';
import { SHOTS } from '../screenshots';
import { expect, test } from '../serve';

/**
 * The editor from the keyboard (docs/walks/editor-i14-walk.md, fourth walk): timeline clips are reached by Tab,
 * selected as they take focus, show a focus ring, and move by Alt+arrows (one frame, Shift: one second) in one
 * undo step, or on the magnetic Main track swap places with a neighbour. The clips are one Tab stop: Ctrl+arrows
 * move between them (walk #64); plain arrows still step the playhead.
 */
test('timeline clips are reached by Tab, selected, and moved by Alt+arrows', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(2))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Keyboard clips', count: 2, clipSec: 2 });

  // From the Main track's own buttons, Tab goes to a clip (the clips are one Tab stop), Ctrl+→ to the next, each
  // selected as it takes focus.
  const main = app.getByTestId('lane-main').getByTestId('clip');
  await main.nth(0).click();
  await app.getByRole('button', { name: 'Hide Main' }).focus();
  await app.keyboard.press('Tab');
  await expect(main.nth(0)).toBeFocused();
  await expect(main.nth(0)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Control+ArrowRight');
  await expect(main.nth(1)).toBeFocused();
  await expect(main.nth(1)).toHaveAttribute('aria-selected', 'true');
  await expect(main.nth(0)).toHaveAttribute('aria-selected', 'false');
  // A visible ring while focused (the selection's border alone is not a focus ring).
  expect(await main.nth(1).evaluate((el) => getComputedStyle(el).outlineStyle)).toBe('solid');

  // The first clip again (Ctrl+←), the playhead on it: a keyframe from the Animate block by keyboard, its button
  // named in plain English ("a keyframe for Opacity", not "a Opacity keyframe").
  await app.keyboard.press('Control+ArrowLeft');
  await expect(main.nth(0)).toHaveAttribute('aria-selected', 'true');
  const addOpacity = app.getByRole('button', { name: 'Add a keyframe for Opacity at the playhead', exact: true });
  await addOpacity.focus();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Remove the Opacity keyframe at the playhead', exact: true })).toBeFocused();

  // A title (selected as it is added), then its clip by Tab (after the Text track's button): Alt+→ one frame, Alt+Shift+→ one second.
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
  // Plain → still steps the playhead a frame, and neither moves the clip nor the focus (walk #64 kept it).
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:01 /');
  await expect(title).toBeFocused();
  await expect(title).toHaveAttribute('data-start', '1.000');
  // A run of moves is one undo step. The history joins presses less than 600 ms apart, which the presses above
  // (each awaited) need not be on a loaded machine: an undo ends any run, then three presses come in one task.
  await app.keyboard.press('ControlOrMeta+z');
  await expect(title).not.toHaveAttribute('data-start', '1.000');
  const before = Number(await title.getAttribute('data-start'));
  await title.evaluate((el) => {
    for (let i = 0; i < 3; i++) el.dispatchEvent(new KeyboardEvent('keydown', { key: 'ArrowRight', code: 'ArrowRight', altKey: true, bubbles: true, cancelable: true }));
  });
  await expect(title).toHaveAttribute('data-start', (before + 3 / 30).toFixed(3));
  await app.keyboard.press('ControlOrMeta+z');
  await expect(title).toHaveAttribute('data-start', before.toFixed(3));

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

/**
 * Walk findings #24 (rest), #29, #30: Alt+↑/↓ moves the focused clip to the nearest track above or below that takes
 * it (one undo step each, the focus kept, a said no-op when none does); Shift+Space picks several clips, which Ctrl+→
 * then keeps; Delete hands the focus to the next clip left, else to the track's head.
 */
test('clips change tracks by Alt+↑/↓, Shift+Space picks several, Delete hands the focus on', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(3))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Keyboard tracks', count: 3, clipSec: 2 });
  const main = app.getByTestId('lane-main').getByTestId('clip');
  const overlay = app.getByTestId('lane-overlay').getByTestId('clip');
  const ids = await main.evaluateAll((els) => els.map((el) => el.getAttribute('data-clip-id') ?? ''));
  expect(ids).toHaveLength(3);
  const block = (id: string) => app.locator(`[data-testid="clip"][data-clip-id="${id}"]`);
  const mainIds = () => main.evaluateAll((els) => els.map((el) => el.getAttribute('data-clip-id') ?? ''));

  // The middle clip down to Overlay at its own time; Main closes the gap; the clip keeps the focus.
  await block(ids[1]!).focus();
  await app.keyboard.press('Alt+ArrowDown');
  await expect(overlay).toHaveCount(1);
  await expect(overlay).toHaveAttribute('data-clip-id', ids[1]!);
  await expect(overlay).toHaveAttribute('data-start', '2.000');
  await expect(main).toHaveCount(2);
  await expect(block(ids[1]!)).toBeFocused();
  // Nothing below Overlay takes a video: it says so and nothing moves.
  await app.keyboard.press('Alt+ArrowDown');
  await expect(app.getByTestId('toast').filter({ hasText: 'No track below takes' })).toBeVisible();
  await expect(overlay).toHaveCount(1);
  await expect(block(ids[1]!)).toBeFocused();
  // Up again: Main takes it where a drop at 2 s would, between the other two.
  await app.keyboard.press('Alt+ArrowUp');
  await expect(main).toHaveCount(3);
  await expect(overlay).toHaveCount(0);
  expect(await mainIds()).toEqual(ids);
  await expect(block(ids[1]!)).toBeFocused();
  if (SHOTS) await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'timeline-clip-track-move.png') });
  // Each move is one undo step.
  await app.keyboard.press('ControlOrMeta+z');
  await expect(overlay).toHaveCount(1);
  await expect(main).toHaveCount(2);
  await app.keyboard.press('ControlOrMeta+Shift+z');
  await expect(main).toHaveCount(3);
  expect(await mainIds()).toEqual(ids);

  // Shift+Space keeps the first clip; Ctrl+→ then moves the focus without replacing the selection; Shift+Space adds the second.
  await block(ids[0]!).focus();
  await app.keyboard.press('Shift+Space');
  await app.keyboard.press('Control+ArrowRight');
  await expect(block(ids[1]!)).toBeFocused();
  await expect(block(ids[0]!)).toHaveAttribute('aria-selected', 'true');
  await expect(block(ids[1]!)).toHaveAttribute('aria-selected', 'false');
  await app.keyboard.press('Shift+Space');
  await expect(block(ids[1]!)).toHaveAttribute('aria-selected', 'true');
  await expect(block(ids[0]!)).toHaveAttribute('aria-selected', 'true');
  // Shift+Space is the pick's, not play.
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:00 /');
  // Delete takes both, as after Shift+click; the focus goes to the clip left after them, not the page.
  await app.keyboard.press('Delete');
  await expect(main).toHaveCount(1);
  await expect(block(ids[2]!)).toBeFocused();
  await expect(block(ids[2]!)).toHaveAttribute('aria-selected', 'true');
  // The track's last clip: the focus goes to its head.
  await app.keyboard.press('Delete');
  await expect(main).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Hide Main' })).toBeFocused();
});

/**
 * Walk findings #27, #28: without a brand kit, the Brand kit menu's note takes the focus (Esc gives it back to the
 * button), and the kit commands stay in the Tab order, aria-disabled, their reason as description, said when pressed.
 */
test('without a brand kit, the menu note takes focus and the kit commands say why they are off', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(1))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Keyboard kit', count: 1, clipSec: 2 });

  const menuButton = app.getByTestId('kit-menu-button');
  await menuButton.focus();
  await app.keyboard.press('Enter');
  const note = app.getByTestId('kit-menu-note');
  await expect(note).toBeFocused();
  await expect(note).toHaveText(/No brand kits yet/);
  await expect(app.getByRole('status').filter({ hasText: 'No brand kits yet' })).toBeVisible();
  if (SHOTS) await app.getByTestId('kit-menu').screenshot({ path: path.join(SHOTS, 'kit-menu-empty-focus.png') });
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('kit-menu')).toBeHidden();
  await expect(menuButton).toBeFocused();

  // Tab reaches each command; each is off, says why as its description, and says it again when pressed.
  for (const [id, name] of [['kit-add-logo', 'Add logo'], ['kit-add-watermark', 'Add watermark'], ['kit-add-intro-outro', 'Add intro/outro']] as const) {
    await app.keyboard.press('Tab');
    const command = app.getByTestId(id);
    await expect(command).toBeFocused();
    await expect(command).toHaveAttribute('aria-disabled', 'true');
    await expect(command).toHaveAccessibleName(new RegExp(name.replace('/', '\\/')));
    await expect(command).toHaveAccessibleDescription('Pick a brand kit first (Brand kit ▾).');
  }
  if (SHOTS) await app.getByTestId('kit-bar').screenshot({ path: path.join(SHOTS, 'kit-command-focus.png') });
  await app.keyboard.press('Enter');
  await expect(app.getByTestId('toast').filter({ hasText: 'Pick a brand kit first' })).toBeVisible();
  await expect(app.getByTestId('lane-overlay').getByTestId('clip')).toHaveCount(0);
  await expect(app.getByTestId('lane-main').getByTestId('clip')).toHaveCount(1);
});

/**
 * Walk finding #26: the segmented choices of the New video and Export dialogs are radio groups with one Tab stop
 * each (the checked choice); arrows move the choice, wrapping.
 */
test('segmented choices are one Tab stop per question, and arrows move the choice', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(1))));
  const focusedChoice = () => app.evaluate(() => ({ id: document.activeElement?.getAttribute('data-testid') ?? '', checked: document.activeElement?.getAttribute('aria-checked') ?? '' }));

  const assets = await importClips(app);
  await app.getByTestId('view-drafts').click();
  await app.getByTestId('new-draft-empty').click();
  await app.getByTestId('new-draft-name').focus();
  await app.keyboard.press('Tab');
  await expect(app.getByTestId('preset-9:16')).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('preset-1:1')).toBeFocused();
  await expect(app.getByTestId('preset-1:1')).toHaveAttribute('aria-checked', 'true');
  await app.keyboard.press('ArrowLeft');
  await app.keyboard.press('ArrowLeft');
  await expect(app.getByTestId('preset-16:9')).toHaveAttribute('aria-checked', 'true');
  // One Tab from the shapes reaches the chosen frame rate, not the next shape.
  await app.keyboard.press('Tab');
  await expect(app.getByTestId('fps-30')).toBeFocused();
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('fps-60')).toHaveAttribute('aria-checked', 'true');
  await app.keyboard.press('Tab');
  expect((await focusedChoice()).id).not.toMatch(/^fps-/);
  await app.keyboard.press('Escape');
  await expect(app.getByTestId('new-draft-name')).toBeHidden();

  await openDraftWithClips(app, assets, { name: 'Keyboard export', count: 1, clipSec: 2 });
  await app.getByTestId('export-button').click();
  const dialog = app.getByTestId('export-dialog');
  const groups = dialog.getByRole('radiogroup');
  // Quality (the third question): every choice can be taken whatever the source (resolutions above it cannot).
  await groups.nth(2).locator('[aria-checked="true"]').focus();
  const before = await focusedChoice();
  await app.keyboard.press('ArrowRight');
  const after = await focusedChoice();
  expect(after.id).not.toBe(before.id);
  expect(after.checked).toBe('true');
  // Tab goes to the next question's chosen option.
  await app.keyboard.press('Tab');
  await expect(groups.nth(3).locator('[aria-checked="true"]')).toBeFocused();
  if (SHOTS) await dialog.screenshot({ path: path.join(SHOTS, 'export-radio-focus.png') });
});

/**
 * A new-user walk finding: after Add text the keyboard stayed on the button, so typed words ran shortcuts (L
 * played, O trimmed). A title added takes the keyboard: its words are typed in place on the preview (the
 * placeholder selected, so typing replaces it), and the Inspector's Words box shows them as they are typed; off
 * the preview (its track hidden) they are typed in the Words box. Undo takes back the words, then the title.
 */
test('a title added with Add text takes the keyboard: typing gives it its words, the Inspector follows, a hidden Text track is shown, an emptied title goes', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(1))));
  const assets = await importClips(app);
  const draftId = await openDraftWithClips(app, assets, { name: 'Type a title', count: 2, clipSec: 2 });
  const titles = app.getByTestId('lane-text').getByTestId('clip');
  const words = app.getByTestId('insp-text');
  const editor = app.getByTestId('dm-text-edit');

  await app.getByTestId('add-text').click();
  await expect(editor).toBeFocused();
  await expect(editor).toHaveValue('Your text');
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'editor-add-text-typing.png') });
  await app.keyboard.type('Hello harbour');
  // The Words box and the title's block on the timeline follow the typing before anything is kept (walk #52).
  await expect(words).toHaveValue('Hello harbour');
  await expect(titles).toHaveAttribute('aria-label', 'Hello harbour');
  await expect(titles.locator('.clip__label')).toHaveText('Hello harbour');
  await app.keyboard.press('Enter');
  await expect(editor).toHaveCount(0);
  await expect(titles).toHaveCount(1);
  await expect(titles).toHaveAttribute('aria-label', 'Hello harbour');
  await expect(words).toHaveValue('Hello harbour');
  // Nothing else happened: one title, it alone selected, the playhead where it was, nothing playing.
  const id = await titles.getAttribute('data-clip-id');
  await expect(app.locator('[data-testid="clip"][aria-selected="true"]')).toHaveCount(1);
  await expect(app.getByTestId('manipulate')).toHaveAttribute('data-selected', id!);
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:00 /');
  const doc = await storedDoc(app, draftId);
  const text = doc.tracks.find((t) => t.kind === 'text')!.clips as TextClip[];
  expect(text.map((c) => c.text)).toEqual(['Hello harbour']);
  expect(doc.tracks.find((t) => t.kind === 'main')!.clips.map(clipDuration)).toEqual([2, 2]);

  // Undo: first the words, then the title.
  await app.keyboard.press('ControlOrMeta+z');
  await expect(titles).toHaveAttribute('aria-label', 'Your text');
  await app.keyboard.press('ControlOrMeta+z');
  await expect(titles).toHaveCount(0);

  // The Text track hidden: Add text shows it again, in the same step as the title, and says so; the words are
  // typed in place as ever.
  await app.getByRole('button', { name: 'Hide Text' }).click();
  await app.getByTestId('add-text').click();
  await expect(titles).toHaveCount(1);
  await expect(app.getByTestId('toast').filter({ hasText: 'The Text track was hidden: it is shown again' })).toBeVisible();
  await expect(app.getByRole('button', { name: 'Hide Text' })).toBeVisible();
  await expect(editor).toBeFocused();
  await app.keyboard.type('Hello harbour');
  await app.keyboard.press('Enter');
  await expect(titles).toHaveAttribute('aria-label', 'Hello harbour');
  await app.keyboard.press('ControlOrMeta+z');
  await app.keyboard.press('ControlOrMeta+z');
  await expect(titles).toHaveCount(0);
  await expect(app.getByRole('button', { name: 'Show Text' })).toBeVisible();

  // A title whose words are all taken out goes (as an emptied text box in Canva), and undo brings it back.
  await app.getByTestId('add-text').click();
  await expect(editor).toBeFocused();
  await app.keyboard.press('Backspace');
  await app.keyboard.press('Enter');
  await expect(titles).toHaveCount(0);
  await expect(app.getByTestId('toast').filter({ hasText: 'The title had no words left, so it was removed.' })).toBeVisible();
  await app.keyboard.press('ControlOrMeta+z');
  await expect(titles).toHaveCount(1);
  await expect(titles).toHaveAttribute('aria-label', 'Your text');
});

test('a title added where the Text track has no room goes to the nearest room: the playhead follows it, the video keeps its length', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(3))));
  const assets = await importClips(app);
  const draftId = await openDraftWithClips(app, assets, { name: 'Busy titles', count: 2, clipSec: 2 });
  const titles = app.getByTestId('lane-text').getByTestId('clip');
  const editor = app.getByTestId('dm-text-edit');
  const textClips = async () => ((await storedDoc(app, draftId)).tracks.find((t) => t.kind === 'text')!.clips as TextClip[]).map((c) => [c.text, c.start, clipDuration(c)]).sort((a, b) => Number(a[1]) - Number(b[1]));

  // A title from 1 s to the end (3 s of room there).
  await seekPreview(app, 1, 2);
  await app.getByTestId('add-text').click();
  await expect(editor).toBeFocused();
  await app.keyboard.type('Later');
  await app.keyboard.press('Enter');
  await expect.poll(textClips).toEqual([['Later', 1, 3]]);

  // On that title: before, the new one went after it and made the video 7 s long (title over black).
  await seekPreview(app, 2.5, 2);
  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('toast').filter({ hasText: 'No room on the Text track at the playhead: the title starts at 00:00:00:00.' })).toBeVisible();
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:00 / 00:00:04:00');
  // The playhead is on it, so its words are typed in place.
  await expect(editor).toBeFocused();
  await app.keyboard.type('First');
  await app.keyboard.press('Enter');
  await expect(titles).toHaveCount(2);
  await expect.poll(textClips).toEqual([['First', 0, 1], ['Later', 1, 3]]);

  // The track is full: the title goes after the end, and the toast says the video is longer now; undo takes it back.
  await seekPreview(app, 2.5, 2);
  await app.getByTestId('add-text').click();
  await expect(app.getByTestId('toast').filter({ hasText: 'The Text track is full' })).toBeVisible();
  await expect(app.getByTestId('timecode')).toContainText('00:00:04:00 / 00:00:07:00');
  await app.keyboard.press('Escape');
  await app.keyboard.press('ControlOrMeta+z');
  await expect(titles).toHaveCount(2);
  await expect(app.getByTestId('timecode')).toContainText('/ 00:00:04:00');
});

/**
 * Walk #64: Tab on the timeline stopped on every track's buttons before the clips. Now the track buttons are one
 * Tab stop (arrows between them) and the clips another (Ctrl+arrows between them): from the timeline's toolbar a clip is
 * two presses away whatever the number of tracks, and the next Tab leaves the timeline.
 */
test('the timeline is one Tab stop for the track buttons and one for the clips; arrows move inside each', async ({ app }) => {
  test.setTimeout(testLimit(allOf({ files: 2 }, decodeWork(2))));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Roving', count: 2, clipSec: 2 });
  const main = app.getByTestId('lane-main').getByTestId('clip');
  const heads = app.locator('.track__head button');
  expect(await heads.count(), 'several tracks, each with buttons').toBeGreaterThan(4);

  // The toolbar's last control, then a track button, then a clip: two presses.
  await app.getByRole('button', { name: 'Zoom in (+)' }).focus();
  await app.keyboard.press('Tab');
  await expect(app.getByRole('button', { name: 'Mute Main' })).toBeFocused();
  await app.keyboard.press('Tab');
  await expect(app.locator('[data-testid="clip"]:focus')).toHaveCount(1);
  // Ctrl+arrows move across the clips (each selected as it takes the focus)…
  await main.nth(0).focus();
  await app.keyboard.press('Control+ArrowRight');
  await expect(main.nth(1)).toBeFocused();
  await expect(main.nth(1)).toHaveAttribute('aria-selected', 'true');
  await app.keyboard.press('Control+ArrowLeft');
  await expect(main.nth(0)).toBeFocused();
  // …while a plain → steps the playhead a frame and leaves the focus where it is…
  await app.keyboard.press('ArrowRight');
  await expect(app.getByTestId('timecode')).toContainText('00:00:00:01 /');
  await expect(main.nth(0)).toBeFocused();
  await app.keyboard.press('ArrowLeft');
  // …and the next Tab leaves the timeline: no other clip, no track button.
  await app.keyboard.press('Tab');
  const left = await app.evaluate(() => {
    const el = document.activeElement as HTMLElement | null;
    return { clip: el?.dataset.testid === 'clip', head: !!el?.closest('.track__head') };
  });
  expect(left).toEqual({ clip: false, head: false });

  // Back: Shift+Tab to the clip, Shift+Tab to the track buttons' stop; arrows reach another track's button, which works.
  await app.keyboard.press('Shift+Tab');
  await expect(main.nth(0)).toBeFocused();
  await app.keyboard.press('Shift+Tab');
  await expect(app.getByRole('button', { name: 'Mute Main' })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(app.getByRole('button', { name: 'Hide Main' })).toBeFocused();
  await app.keyboard.press('ArrowDown');
  await expect(app.getByRole('button', { name: 'Mute Overlay' })).toBeFocused();
  await app.keyboard.press('Enter');
  await expect(app.getByRole('button', { name: 'Unmute Overlay' })).toBeFocused();
  await expect(app.getByTestId('timecode'), 'arrows on the track buttons do not step the playhead').toContainText('00:00:00:00 /');
  // Tab from there goes on to the clips (the track buttons' stop is on the first track, before every clip).
  await app.keyboard.press('Tab');
  await expect(main.nth(0)).toBeFocused();
  if (SHOTS) await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'timeline-roving-focus.png') });

  // A click selects a clip without focusing it: Ctrl+→ goes on from the clip it selected (a walk found Ctrl+arrows
  // doing nothing after a click).
  await app.getByRole('button', { name: 'Zoom in (+)' }).focus();
  await main.nth(0).click();
  await app.keyboard.press('Control+ArrowRight');
  await expect(main.nth(1)).toBeFocused();
  await expect(main.nth(1)).toHaveAttribute('aria-selected', 'true');
});
