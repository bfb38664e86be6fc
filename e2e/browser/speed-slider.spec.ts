import path from 'node:path';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { newMediaClip } from '../../electron/model/timeline';
import { GOOD_DIR } from '../../scripts/fixtures';
import { waitStep } from '../limits';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * The Speed slider, stepped up and back down with the arrow keys as a creator does: each step used to round the
 * clip's length down to whole frames and so cut source off its end, a frame at a time (a new user's walk: 6 s
 * became 5.1 s after a drag to 2.35× and back). Back at 1× the clip has all its source again.
 */
test('stepping the Speed slider up and back keeps the whole clip', async ({ app }) => {
  await app.getByTestId('import-file-input').setInputFiles([path.join(GOOD_DIR, 'red-clip.mp4')]);
  await waitStep('the clip imported', { files: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(1, { timeout }));
  const { items } = await callApi<{ items: { id: string }[] }>(app, 'assets.list', {});
  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Speedy', preset: '9:16', fps: 30 });
  const clip = newMediaClip({ id: items[0]!.id, kind: 'video', durationSec: 2 }, 0, () => 'clip-1');
  const doc: VideoDraft = { ...created.doc, tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Speedy"]').getByTestId('draft-open').click();
  await app.locator('[data-clip-id="clip-1"]').click();

  const slider = app.getByTestId('insp-speed');
  await slider.focus();
  for (let i = 0; i < 7; i++) await slider.press('ArrowRight');
  await expect(app.getByTestId('inspector')).toContainText('1.35×');
  for (let i = 0; i < 7; i++) await slider.press('ArrowLeft');
  await expect(app.getByTestId('inspector')).toContainText('1.00×');
  await expect(app.locator('[data-testid="clip"][data-clip-id="clip-1"]')).toHaveAttribute('data-duration', '2.000');
  await expect
    .poll(async () => {
      const saved = (await callApi<DraftRecord>(app, 'drafts.get', { id: created.id })).doc.tracks.find((t) => t.kind === 'main')!.clips[0] as MediaClip;
      return [saved.in, saved.out, saved.speed];
    })
    .toEqual([0, 2, 1]);
});
