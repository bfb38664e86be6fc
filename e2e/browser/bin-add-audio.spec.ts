import path from 'node:path';
import type { VideoDraft } from '../../electron/model/draft';
import { draftDuration } from '../../electron/model/draft';
import { newMediaClip } from '../../electron/model/timeline';
import { GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * A new user's walk: "+" on a voice file in the media bin put it after the music at the end of the Music track, and
 * the video grew seconds of black. A sound added with + goes in at the playhead, on the first audio track with room
 * there (here the Music track is full, so the Voiceover track), and the video keeps its length.
 */
test('+ on a sound in the bin adds it at the playhead where an audio track has room, not after the end', async ({ app }) => {
  const files = ['red-clip.mp4', 'blue-clip.mp4', 'music-loop.mp3', 'nested/deeper/voice-note.wav'];
  await app.getByTestId('import-file-input').setInputFiles(files.map((f) => path.join(GOOD_DIR, f)));
  await waitStep('two clips, the music and the voice note imported', { files: 4 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(4, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;

  // 6 s of video (red, blue, red) with music under all of it (the 2 s loop three times).
  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Voice', preset: '9:16', fps: 30 });
  const video = [0, 1, 2].map((i) => newMediaClip({ id: id(i % 2 ? 'blue-clip.mp4' : 'red-clip.mp4'), kind: 'video', durationSec: 2 }, i * 2, () => `v-${i}`));
  const music = [0, 1, 2].map((i) => newMediaClip({ id: id('music-loop.mp3'), kind: 'audio', durationSec: 2 }, i * 2, () => `m-${i}`));
  const doc: VideoDraft = { ...created.doc, tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: video } : t.role === 'music' ? { ...t, clips: music } : t)) };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Voice"]').getByTestId('draft-open').click();
  await expect(app.getByTestId('lane-main')).toHaveAttribute('data-clip-count', '3');

  // The playhead to 2 s, then + on the voice note.
  await app.getByTestId('timecode').click();
  for (let i = 0; i < 2; i++) await app.keyboard.press('Shift+ArrowRight');
  await expect(app.getByTestId('timecode')).toContainText('00:00:02:00');
  await expect(app.getByTestId('bin-hint')).toContainText('at the playhead');
  await app.getByTestId('media-bin').locator('[data-testid="bin-item"][data-name="voice-note.wav"]').getByTestId('bin-add').click();

  const saved = async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: created.id })).doc;
  await expect.poll(async () => (await saved()).tracks.find((t) => t.role === 'voiceover')!.clips.map((c) => c.start), { message: 'the voice is on the Voiceover track at 2 s' }).toEqual([2]);
  const after = await saved();
  expect(after.tracks.find((t) => t.role === 'music')!.clips).toHaveLength(3);
  expect(draftDuration(after)).toBeCloseTo(6, 3);
  // Not recorded as a voiceover, it is on the Voiceover track only for want of room on Music: the toast says what
  // that means (the export counts it as voice).
  await expect(app.getByTestId('toast').filter({ hasText: 'so it is on the Voiceover track, where sound counts as voice' })).toBeVisible();
  if (SHOTS) await app.getByTestId('editor-screen').screenshot({ path: path.join(SHOTS, 'editor-bin-add-voice.png') });
});
