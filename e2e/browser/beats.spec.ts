import path from 'node:path';
import type { VideoDraft } from '../../electron/model/draft';
import { formatTimecode, newMediaClip, snapToFrame } from '../../electron/model/timeline';
import { makeClickTrack } from '../../scripts/click-track';
import { GOOD_DIR } from '../../scripts/fixtures';
import { addPerson, openSignedIn } from '../accounts-kit';
import { waitStep } from '../limits';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * Beat markers (issue 14 §4; docs/timeline.md "Beats"): a creator imports a generated 120 BPM click track and a
 * photo; the import finds the music's beats in the background (a job), the ticks are on the music clip without a
 * click, and the photo dragged near a beat lands exactly on that beat's frame, in the block and in the saved draft.
 * Removed, the inspector's button finds them again (as for music imported before beats were found at import).
 */
test('music imported by a creator gets its beats, shows them on the timeline, and a dragged photo lands on a beat', async ({ app, server }) => {
  // A creator, really signed in: finding beats is open to everyone who edits drafts.
  await addPerson(app, server, { name: 'Cleo', login: 'cleo', role: 'creator' });
  await openSignedIn(app, server, 'cleo');

  const song = test.info().outputPath('click-120.mp3');
  const clicks = makeClickTrack(song, { bpm: 120, seconds: 8, offsetSec: 0.25 });
  await app.getByTestId('import-file-input').setInputFiles([song, path.join(GOOD_DIR, 'logo.png')]);
  await waitStep('the click track and the photo imported', { files: 2 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string; durationSec: number | null }[] }>(app, 'assets.list', {});
  const songAsset = items.find((a) => a.name.startsWith('click-120'))!;
  const photoAsset = items.find((a) => a.name.startsWith('logo'))!;

  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'On the beat', preset: '9:16', fps: 30 });
  const music = newMediaClip({ id: songAsset.id, kind: 'audio', durationSec: songAsset.durationSec }, 0, () => 'music-1');
  const photo = { ...newMediaClip({ id: photoAsset.id, kind: 'image', durationSec: null }, 1.3, () => 'photo-1'), out: 0.8 };
  const doc: VideoDraft = {
    ...created.doc,
    tracks: created.doc.tracks.map((t) => (t.role === 'music' ? { ...t, clips: [music] } : t.kind === 'overlay' ? { ...t, clips: [photo] } : t)),
  };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });

  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="On the beat"]').getByTestId('draft-open').click();
  const musicBlock = app.locator('[data-clip-id="music-1"]');
  await musicBlock.click();

  // Found at import, without a click: the section says how many, and the tempo.
  const section = app.getByTestId('beats');
  await waitStep('the beats found at import', { decodeSec: 8 }, (timeout) => expect(section.getByTestId('beats-found')).toHaveText(`${clicks.length} beats · 120 BPM`, { timeout }));
  await expect(musicBlock.getByTestId('clip-beats')).toHaveAttribute('data-count', String(clicks.length));
  if (SHOTS) await section.screenshot({ path: path.join(SHOTS, 'beats-inspector.png') });
  const [stored] = await callApi<{ beats: number[] }[]>(app, 'beats.get', { assetIds: [songAsset.id] });
  stored!.beats.forEach((b, i) => expect(Math.abs(b - clicks[i]!), `beat ${i}`).toBeLessThan(0.03));

  // Drag the photo so its start is 40 ms past the beat at about 2.25 s: it lands on that beat's frame.
  const beat = stored!.beats[4]!;
  const block = app.locator('[data-clip-id="photo-1"]');
  const box = (await block.boundingBox())!;
  const pps = box.width / 0.8;
  const dx = (beat + 0.04 - 1.3) * pps;
  const y = box.y + box.height / 2;
  await app.mouse.move(box.x + 10, y);
  await app.mouse.down();
  for (let i = 1; i <= 6; i++) await app.mouse.move(box.x + 10 + (dx * i) / 6, y);
  await expect(app.getByTestId('snap-line')).toBeVisible();
  if (SHOTS) await app.getByTestId('timeline').screenshot({ path: path.join(SHOTS, 'beats.png') });
  await app.mouse.up();
  const want = snapToFrame(beat, 30);
  await expect(block).toHaveAttribute('data-start', want.toFixed(3));
  await expect
    .poll(async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: created.id })).doc.tracks.flatMap((t) => t.clips).find((c) => c.id === 'photo-1')?.start, { message: 'the landed start is saved' })
    .toBe(want);

  await expect(app.getByTestId('snap-line')).toHaveCount(0);

  // By keyboard: B puts the playhead on the next beat, Shift+B back on the previous one.
  const playheadAt = app.getByTestId('timecode').locator('span').first();
  await app.getByTestId('ruler').click({ position: { x: 1, y: 8 } });
  await expect(playheadAt).toHaveText(formatTimecode(0, 30));
  await app.keyboard.press('b');
  await app.keyboard.press('b');
  await expect(playheadAt).toHaveText(formatTimecode(snapToFrame(stored!.beats[1]!, 30), 30));
  await app.keyboard.press('Shift+B');
  await expect(playheadAt).toHaveText(formatTimecode(snapToFrame(stored!.beats[0]!, 30), 30));

  // Remove beats: the ticks go.
  await musicBlock.click();
  await section.getByTestId('beats-remove').click();
  await expect(musicBlock.getByTestId('clip-beats')).toHaveCount(0);
  await expect(section.getByTestId('beats-find')).toHaveText('Find beats');
  // The button finds them again (music imported before beats were found at import has only the button).
  await section.getByTestId('beats-find').click();
  await waitStep('the beats found again', { decodeSec: 8 }, (timeout) => expect(musicBlock.getByTestId('clip-beats')).toHaveAttribute('data-count', String(clicks.length), { timeout }));
});
