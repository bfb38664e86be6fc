import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { allOf, testLimit } from '../limits';
import { colourGap, decodeWork, exportDraft, footageWork, frameAt, meanColour, seekPreview, ssimOf } from '../preview-kit';
import { openOneClipDraft } from '../looks-kit';
import { SHOTS } from '../screenshots';
import { expect, test } from '../serve';

/**
 * Looks (issue 14 §3): a creator selects a clip of phone footage, picks the Warm look and moves two Adjust
 * sliders with the keyboard; the preview at three times matches the export (SSIM ≥ 0.90); undo takes the
 * changes back one gesture at a time.
 */
const TIMES = [0.5, 1.6, 2.7];

test('a Warm look and two adjustments preview as they export, and undo restores the clip', async ({ app }, testInfo) => {
  const fps = 30;
  const duration = 3;
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(1), { mediaSec: duration }, ...TIMES.map((t) => allOf(decodeWork(1), { decodeSec: t })))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-looks-'));
  const name = 'Warm look';
  const { clip, draftId, saved, section } = await openOneClipDraft(app, name, duration);
  const warm = app.getByTestId('look-warm');
  await warm.focus();
  await warm.press('Enter');
  await expect(warm).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByTestId('look-strength')).toHaveValue('1');

  // Exposure +0.40 EV (8 steps of 0.05), saturation +25 (25 steps of 0.01), by keyboard.
  const exposure = app.getByTestId('look-adjust-exposure');
  await exposure.focus();
  for (let i = 0; i < 8; i++) await exposure.press('ArrowRight');
  const saturation = app.getByTestId('look-adjust-saturation');
  await saturation.focus();
  for (let i = 0; i < 25; i++) await saturation.press('ArrowRight');
  await expect(exposure).toHaveAttribute('aria-valuetext', '+0.40 EV');
  await expect(saturation).toHaveAttribute('aria-valuetext', '+25');
  await expect.poll(saved, { message: 'the look is saved' }).toEqual({ adjust: { exposure: 0.4, saturation: 0.25 }, lut: { id: 'warm', strength: 1 } });
  if (SHOTS) await section.screenshot({ path: path.join(SHOTS, 'looks-panel.png') });

  // Nothing selected, so no handles sit over the picture; then preview vs export at three times.
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('Escape');
  await expect(section).toHaveCount(0);
  const file = await exportDraft(app, draftId, duration);
  const size = await app.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  let first: { p: number[]; at: number } | null = null;
  const scores: Record<string, number> = {};
  for (const t of TIMES) {
    await seekPreview(app, t, 1);
    const shot = path.join(tmp, `preview-${t}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    const frame = path.join(tmp, `export-${t}.png`);
    // Decoded with BT.709, as the browser decodes the untagged footage (ffmpeg's default would be BT.601).
    await frameAt(file, t, fps, frame, { bt709: true });
    scores[String(t)] = Number((await ssimOf(shot, frame, size)).toFixed(4));
    // The colours agree too, and the look really shows (the source frame's colours are far from both).
    const [p, e] = [meanColour(shot), meanColour(frame)];
    expect(colourGap(p, e), `mean colour of preview ${p.map(Math.round).join(",")} vs export ${e.map(Math.round).join(",")} at ${t} s`).toBeLessThan(6);
    if (t === TIMES[0]) first = { p, at: t };
  }
  testInfo.annotations.push({ type: 'ssim', description: JSON.stringify(scores) });
  console.log('looks SSIM', JSON.stringify(scores));
  expect(Object.entries(scores).filter(([, s]) => s < 0.9), 'preview vs export below SSIM 0.90').toEqual([]);

  // Undo: the saturation gesture, the exposure gesture, then the look, one step each.
  await app.locator(`[data-clip-id="${clip.id}"]`).click();
  await app.getByTestId('undo').click();
  await expect(saturation).toHaveAttribute('aria-valuetext', '0');
  await expect(exposure).toHaveAttribute('aria-valuetext', '+0.40 EV');
  await app.getByTestId('undo').click();
  await expect(exposure).toHaveAttribute('aria-valuetext', '0.00 EV');
  await expect(warm).toHaveAttribute('aria-pressed', 'true');
  await app.getByTestId('undo').click();
  await expect(warm).toHaveAttribute('aria-pressed', 'false');
  await expect(app.getByTestId('look-none')).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(saved, { message: 'the undone clip is saved without a look' }).toBeNull();
  // Without the look, the preview's colours at the first time are clearly different.
  await app.keyboard.press('Escape');
  await seekPreview(app, TIMES[1]!, 1);
  await seekPreview(app, first!.at, 1);
  const plain = path.join(tmp, 'preview-plain.png');
  await app.getByTestId('preview-canvas').screenshot({ path: plain });
  expect(colourGap(meanColour(plain), first!.p), 'the look changed the picture').toBeGreaterThan(12);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
