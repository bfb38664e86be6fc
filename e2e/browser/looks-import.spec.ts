import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { tabulate, writeCube } from '../../electron/model/cube-lut';
import { allOf, testLimit } from '../limits';
import { colourGap, decodeWork, exportDraft, footageWork, frameAt, meanColour, seekPreview, ssimOf } from '../preview-kit';
import { openOneClipDraft } from '../looks-kit';
import { SHOTS } from '../screenshots';
import { expect, test } from '../serve';

/**
 * Imported looks (issue 14 §3, docs/looks.md "Imported looks"): a creator imports their own strong warm .cube
 * through the Look section, it is picked for the clip, strength lowered by keyboard; preview vs export SSIM ≥ 0.90
 * on textured moving footage at two times, colours within 6 levels; removing the look while the draft uses it is
 * refused naming the draft.
 */
const TIMES = [0.6, 2.2];

test('an imported .cube look previews as it exports; removing it while a draft uses it is refused', async ({ app }) => {
  const fps = 30;
  const duration = 3;
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(1), { mediaSec: duration }, ...TIMES.map((t) => allOf(decodeWork(1), { decodeSec: t })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-looks-import-'));
  // A strong warm grade, as a colourist's app would export it (17³, with a TITLE).
  const cube = writeCube(tabulate(17, (r, g, b) => [Math.min(1, r * 1.3 + 0.05), Math.min(1, g * 1.02 + 0.02), b * 0.55], 'Creator Gold'));
  const cubeFile = path.join(tmp, 'creator-gold.cube');
  fs.writeFileSync(cubeFile, cube);
  const id = createHash('sha256').update(cube).digest('hex');

  const name = 'My own look';
  const { clip, draftId, saved, section } = await openOneClipDraft(app, name, duration);
  // A 1D LUT is refused with a message saying so; nothing joins the row.
  await app.getByTestId('look-import-file').setInputFiles({ name: 'curve.cube', mimeType: 'text/plain', buffer: Buffer.from('LUT_1D_SIZE 2\n0 0 0\n1 1 1\n') });
  await expect(app.getByTestId('look-import-error')).toContainText('curve.cube: This is not a LUT Postframe can use: it is a 1D LUT');
  await app.getByTestId('look-import-file').setInputFiles(cubeFile);
  const mine = app.getByTestId(`look-${id}`);
  await expect(mine).toHaveAttribute('aria-pressed', 'true');
  await expect(mine).toContainText('Creator Gold');
  const strength = app.getByTestId('look-strength');
  await strength.focus();
  for (let i = 0; i < 20; i++) await strength.press('ArrowLeft');
  await expect(strength).toHaveAttribute('aria-valuetext', '80%');
  await expect.poll(saved, { message: 'the look is saved' }).toEqual({ adjust: {}, lut: { id, strength: 0.8 } });
  if (SHOTS) await section.screenshot({ path: path.join(SHOTS, 'looks-import.png') });

  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('Escape');
  await expect(section).toHaveCount(0);
  const file = await exportDraft(app, draftId, duration);
  const size = await app.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  const scores: Record<string, number> = {};
  for (const t of TIMES) {
    await seekPreview(app, t, 1);
    const shot = path.join(tmp, `preview-${t}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const frame = path.join(tmp, `export-${t}.png`);
    await frameAt(file, t, fps, frame, { bt709: true });
    scores[String(t)] = Number((await ssimOf(shot, frame, size)).toFixed(4));
    const [p, e] = [meanColour(shot), meanColour(frame)];
    expect(colourGap(p, e), `mean colour of preview ${p.map(Math.round).join(',')} vs export ${e.map(Math.round).join(',')} at ${t} s`).toBeLessThan(6);
    // The grade really shows: red well above blue (at 80% the grade adds about 80 levels of red over blue at mid-grey).
    expect(p[0]! - p[2]!, `preview ${p.map(Math.round).join(',')} is warm`).toBeGreaterThan(20);
  }
  console.log('imported look SSIM', JSON.stringify(scores));
  expect(Object.entries(scores).filter(([, s]) => s < 0.9), 'preview vs export below SSIM 0.90').toEqual([]);

  // Removing it while this draft uses it is refused, naming the draft; nothing leaves the row.
  await app.locator(`[data-clip-id="${clip.id}"]`).click();
  await app.getByTestId(`look-remove-${id.slice(0, 12)}`).click();
  await app.getByTestId('look-remove-confirm').click();
  await expect(app.getByTestId('look-remove-error')).toContainText(`The look “Creator Gold” is used by the draft “${name}”`);
  await app.keyboard.press('Escape');
  await expect(mine).toBeVisible();
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
