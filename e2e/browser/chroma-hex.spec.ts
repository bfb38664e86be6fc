import path from 'node:path';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { newMediaClip } from '../../electron/model/timeline';
import { importClips } from '../editor-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * A new user's walk: with Pick armed, the button read "Picking…" and pushed the key colour's hex off the panel's
 * edge ("#00ff0"). The hex stays whole inside the inspector, picking or not.
 */
test('the chroma key colour’s hex stays whole in the inspector while Pick is armed', async ({ app }) => {
  const { red } = await importClips(app);
  const created = await callApi<DraftRecord>(app, 'drafts.create', { name: 'Keyed', preset: '9:16', fps: 30 });
  const clip: MediaClip = { ...newMediaClip({ id: red, kind: 'video', durationSec: 2 }, 0, () => 'keyed-1'), chromaKey: { color: '#00ff00', similarity: 0.3, blend: 0.1 } };
  const doc: VideoDraft = { ...created.doc, tracks: created.doc.tracks.map((t) => (t.kind === 'main' ? { ...t, clips: [clip] } : t)) };
  await callApi(app, 'drafts.save', { id: created.id, baseRevision: created.revision, doc });
  await app.getByTestId('view-drafts').click();
  await app.locator('[data-testid="draft-row"][data-name="Keyed"]').getByTestId('draft-open').click();
  await app.locator('[data-clip-id="keyed-1"]').click();

  const hex = app.getByTestId('chroma-key-hex');
  const section = app.getByTestId('chroma-key-section');
  const whole = async () => {
    await expect(hex).toHaveText('#00ff00');
    // Not clipped by its own box, and its box inside the section (the inspector's edge).
    expect(await hex.evaluate((e) => e.scrollWidth <= e.clientWidth)).toBe(true);
    const [h, s] = [await hex.boundingBox(), await section.boundingBox()];
    expect(h!.x + h!.width).toBeLessThanOrEqual(s!.x + s!.width + 0.5);
    expect(h!.x).toBeGreaterThanOrEqual(s!.x);
  };
  await section.scrollIntoViewIfNeeded();
  await whole();
  await app.getByTestId('chroma-key-eyedropper').click();
  await expect(app.getByTestId('chroma-key-eyedropper')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByTestId('chroma-key-eyedropper')).toContainText('Picking');
  await whole();
  if (SHOTS) await section.screenshot({ path: path.join(SHOTS, 'editor-chroma-picking.png') });
});
