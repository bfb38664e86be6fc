import path from 'node:path';
import type { VideoDraft } from '../../electron/model/draft';
import type { Job } from '../../electron/model/job';
import { newMediaClip, newTextClip } from '../../electron/model/timeline';
import { GOOD_DIR } from '../../scripts/fixtures';
import { exportInDialog } from '../editor-kit';
import { waitStep } from '../limits';
import { ffprobe } from '../exec';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * A song longer than the edit: the Export dialog says the video would end on black with the music playing, and
 * one click ends the sound with the picture (undoable); the export then ends with the last picture.
 */
test('the Export dialog flags sound past the last picture and ends it with the picture in one undoable step', async ({ app }) => {
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'music-loop.mp3'), path.join(GOOD_DIR, 'red-clip.mp4')]);
  await waitStep('the music and the clip imported', { files: 2 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const id = (name: string) => items.find((a) => a.name === name)!.id;
  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Long song', preset: '9:16', fps: 30 });
  // One second of picture, two of music.
  const clip = { ...newMediaClip({ id: id('red-clip.mp4'), kind: 'video', durationSec: 2 }, 0, () => 'clip-1'), out: 1 };
  const music = newMediaClip({ id: id('music-loop.mp3'), kind: 'audio', durationSec: 2 }, 0, () => 'music-1');
  const doc: VideoDraft = {
    ...created.doc,
    tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t.role === 'music' ? { ...t, clips: [music] } : t)),
  };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Long song"]').getByTestId('draft-open').click();
  await expect(app.getByTestId('timecode')).toContainText('00:00:02:00');

  await app.getByTestId('export-button').click();
  const tail = app.getByTestId('export-tail');
  await expect(tail).toContainText('The sound runs 1.0 s past the last picture');
  await app.getByTestId('export-tail-fix').click();
  await expect(tail).toHaveCount(0);
  await expect(app.getByTestId('timecode')).toContainText('00:00:01:00');
  const jobId = await exportInDialog(app, 1);
  const job = (await callApi<Job[]>(app, 'jobs.list', {})).find((j) => j.id === jobId)!;
  const out = job.result?.kind === 'export' ? job.result.outputPath : '';
  expect(Number((await ffprobe(out)).format.duration)).toBeCloseTo(1, 1);
  const saved = await callApi<DraftRecord>(app, 'drafts.get', { id: created.id });
  expect(saved.doc.tracks.find((t) => t.role === 'music')!.clips.map((c) => [c.id, c.start, c.type === 'media' ? c.out : null])).toEqual([['music-1', 0, 1]]);

  // One undo puts the song's end back, and the dialog says so again.
  await app.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).first().click();
  await app.getByTestId('undo').click();
  await expect(app.getByTestId('timecode')).toContainText('00:00:02:00');
  await app.getByTestId('export-button').click();
  await expect(tail).toContainText('1.0 s');
});

/** A title longer than the footage (a new user's walk): the dialog says the video ends on titles over black. */
test('the Export dialog flags titles past the footage and ends them with the video in one undoable step', async ({ app }) => {
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4')]);
  await waitStep('the clip imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  const { items } = await callApi<{ items: { id: string; name: string }[] }>(app, 'assets.list', {});
  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Long title', preset: '9:16', fps: 30 });
  // One second of picture, a 2 s title over it.
  const clip = { ...newMediaClip({ id: items[0]!.id, kind: 'video', durationSec: 2 }, 0, () => 'clip-1'), out: 1 };
  const title = { ...newTextClip('The end', 0, () => 'title-1'), duration: 2 };
  const doc: VideoDraft = {
    ...created.doc,
    tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t.kind === 'text' ? { ...t, clips: [title] } : t)),
  };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Long title"]').getByTestId('draft-open').click();
  await expect(app.getByTestId('timecode')).toContainText('00:00:02:00');

  await app.getByTestId('export-button').click();
  const tail = app.getByTestId('export-title-tail');
  await expect(tail).toContainText('The last 1.0 s show only titles over black');
  await expect(app.getByTestId('export-tail')).toHaveCount(0);
  await app.getByTestId('export-title-tail-fix').click();
  await expect(tail).toHaveCount(0);
  await expect(app.getByTestId('timecode')).toContainText('00:00:01:00');
  // Saved by the autosave.
  const titles = async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: created.id })).doc.tracks.find((t) => t.kind === 'text')!.clips.map((c) => [c.id, c.start, c.type === 'text' ? c.duration : null]);
  await expect.poll(titles).toEqual([['title-1', 0, 1]]);

  await app.getByTestId('export-dialog').getByRole('button', { name: 'Close' }).first().click();
  await app.getByTestId('undo').click();
  await expect(app.getByTestId('timecode')).toContainText('00:00:02:00');
});
