import path from 'node:path';
import type { VideoDraft } from '../../electron/model/draft';
import { newMediaClip } from '../../electron/model/timeline';
import { GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * Ducking in the editor (issue 14 §4): a creator selects the music, sees that it drops under the voiceover and by
 * how much, lowers it further with the keyboard, switches it off and undoes that; the saved draft says the same.
 */
test('the music track ducks under the voiceover at a level set in the inspector, saved and undoable', async ({ app }) => {
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'music-loop.mp3'), path.join(GOOD_DIR, 'nested', 'deeper', 'voice-note.wav')]);
  await waitStep('the music and the voice note imported', { files: 2 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;

  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Ducked', preset: '9:16', fps: 30 });
  const music = newMediaClip({ id: id('music-loop.mp3'), kind: 'audio', durationSec: 2 }, 0, () => 'music-1');
  const voice = newMediaClip({ id: id('voice-note.wav'), kind: 'audio', durationSec: 1.5 }, 0.25, () => 'voice-1');
  const doc: VideoDraft = {
    ...created.doc,
    tracks: created.doc.tracks.map((t) => (t.role === 'music' ? { ...t, clips: [music] } : t.role === 'voiceover' ? { ...t, clips: [voice] } : t)),
  };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  const ducking = async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: created.id })).doc.tracks.find((t) => t.role === 'music')!.ducking;

  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Ducked"]').getByTestId('draft-open').click();
  await app.locator('[data-clip-id="music-1"]').click();

  // A new draft's music ducks already, to −10 dB, and the inspector says so.
  const toggle = app.getByTestId('ducking-toggle');
  await expect(toggle).toBeChecked();
  await expect(app.getByTestId('ducking-db')).toHaveText('\u221210 dB');
  await expect(app.getByTestId('ducking-hint')).toContainText('voiceover plays');

  // Lower it with the keyboard: each arrow step is 0.01 of full volume; 20 steps from 0.30 is 0.10 (−20 dB).
  const level = app.getByTestId('ducking-level');
  await level.focus();
  for (let i = 0; i < 20; i++) await level.press('ArrowLeft');
  await expect(app.getByTestId('ducking-db')).toHaveText('\u221220 dB');
  await expect.poll(ducking, { message: 'the lower level is saved' }).toEqual({ enabled: true, level: 0.1 });
  if (SHOTS) await app.getByTestId('inspector').screenshot({ path: path.join(SHOTS, 'editor-ducking.png') });

  // Off: the level row goes, the hint says what switching it on does; the level is kept for next time.
  await toggle.press('Space');
  await expect(toggle).not.toBeChecked();
  await expect(level).toHaveCount(0);
  await expect(app.getByTestId('ducking-hint')).toContainText('Switch on');
  await expect.poll(ducking, { message: 'ducking off is saved' }).toEqual({ enabled: false, level: 0.1 });

  // Undo brings it back on at the lowered level.
  await app.getByTestId('undo').click();
  await expect(toggle).toBeChecked();
  await expect(app.getByTestId('ducking-db')).toHaveText('\u221220 dB');
  await expect.poll(ducking, { message: 'the undo is saved' }).toEqual({ enabled: true, level: 0.1 });

  // A voice clip has no ducking of its own: it is what the music ducks under.
  await app.locator('[data-clip-id="voice-1"]').click();
  await expect(app.getByTestId('media-inspector')).toBeVisible();
  await expect(app.getByTestId('ducking')).toHaveCount(0);

  // With the Voiceover track muted nothing can lower the music (the export skips it): the switch shows off and
  // disabled, and says why, instead of ticked as if it worked (a new user's walk). Unmuted, it is back as saved.
  await app.getByRole('button', { name: 'Mute Voiceover' }).click();
  await app.locator('[data-clip-id="music-1"]').click();
  await expect(toggle).toBeDisabled();
  await expect(toggle).not.toBeChecked();
  await expect(app.getByTestId('ducking-hint')).toContainText('muted or hidden');
  await expect(level).toHaveCount(0);
  if (SHOTS) await app.getByTestId('ducking').screenshot({ path: path.join(SHOTS, 'editor-ducking-blocked.png') });
  await app.getByRole('button', { name: 'Unmute Voiceover' }).click();
  await app.locator('[data-clip-id="music-1"]').click();
  await expect(toggle).toBeEnabled();
  await expect(toggle).toBeChecked();
  await expect(app.getByTestId('ducking-db')).toHaveText('\u221220 dB');
});
