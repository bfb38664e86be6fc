import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { allOf, testLimit } from '../limits';
import { openOneClipDraft } from '../looks-kit';
import { colourGap, decodeWork, footageWork, meanColour, seekPreview, ssimOf } from '../preview-kit';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * Freeze frame keeps the picture (docs/reverse-freeze.md): a creator gives a clip of phone footage the Warm look,
 * an exposure change and a chroma key, then freezes the frame 1 s in. The still's Inspector shows the same look,
 * adjustment and key, and the preview of the still looks like the same source frame played as video (the frame
 * right after the still is that frame). Before, the still was read from the footage as BT.601 while the preview
 * shows this untagged HD footage as BT.709: its green was ~11 levels off, so the frozen frame changed colour.
 * Undo takes the still out of the draft and leaves the photo in the library, where a second freeze finds it.
 */
test('a frozen frame keeps the clip’s look, adjustments and key, and looks like the frame it holds', async ({ app }, testInfo) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(2), { mediaSec: 4 }, { decodeSec: 4 })));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-freeze-look-'));
  const { clip, draftId } = await openOneClipDraft(app, 'Freeze keeps the look', 3);
  const saved = async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: draftId })).doc.tracks[0]!.clips as MediaClip[];
  const warm = app.getByTestId('look-warm');
  await warm.click();
  await expect(warm).toHaveAttribute('aria-pressed', 'true');
  const exposure = app.getByTestId('look-adjust-exposure');
  await exposure.focus();
  for (let i = 0; i < 4; i++) await exposure.press('ArrowRight');
  await expect(exposure).toHaveAttribute('aria-valuetext', '+0.20 EV');
  await app.getByTestId('chroma-key-toggle').click();
  await expect(app.getByTestId('chroma-key-toggle')).toBeChecked();

  // F at 1 s: source 2 s held for 3 s, between the halves of the clip.
  await seekPreview(app, 1, 1);
  await app.locator(`[data-testid="clip"][data-clip-id="${clip.id}"]`).click();
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('f');
  await expect.poll(async () => (await saved()).length, { message: 'the freeze frame is placed' }).toBe(3);
  const [first, still] = await saved();
  expect(still!.look).toEqual(first!.look);
  expect(still!.chromaKey).toEqual(first!.chromaKey);
  // The still is selected and its Inspector shows what the clip had.
  await expect(app.locator(`[data-testid="clip"][data-clip-id="${still!.id}"]`)).toHaveAttribute('aria-selected', 'true');
  await expect(app.getByTestId('look-warm')).toHaveAttribute('aria-pressed', 'true');
  await expect(app.getByTestId('look-adjust-exposure')).toHaveAttribute('aria-valuetext', '+0.20 EV');
  await expect(app.getByTestId('chroma-key-toggle')).toBeChecked();

  // The preview of the still (2.5 s) against the same source frame as video (4 s: the second half starts at source 2 s).
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('Escape');
  const shots: string[] = [];
  for (const t of [2.5, 4]) {
    await seekPreview(app, t, 2);
    const shot = path.join(tmp, `preview-${t}.png`);
    await app.getByTestId('preview-canvas').screenshot({ path: shot });
    shots.push(shot);
  }
  const [held, played] = shots.map((s) => meanColour(s));
  const gap = colourGap(held!, played!);
  const score = await ssimOf(shots[0]!, shots[1]!);
  console.log('freeze still vs the frame played', JSON.stringify({ gap: Number(gap.toFixed(2)), ssim: Number(score.toFixed(4)) }));
  testInfo.annotations.push({ type: 'ssim', description: JSON.stringify({ stillVsFrame: score, colourGap: gap }) });
  expect(gap, `mean colour of the still ${held!.map(Math.round).join(',')} vs the frame ${played!.map(Math.round).join(',')}`).toBeLessThan(3);
  expect(score, 'the still is the frame it holds').toBeGreaterThanOrEqual(0.95);

  // Undo takes the still out of the draft; the photo stays in the library (the media bin lists the library:
  // docs/reverse-freeze.md "Undo and the media bin"), and freezing that frame again uses it, not a copy.
  await seekPreview(app, 1, 1);
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('ControlOrMeta+z');
  await expect.poll(async () => (await saved()).length, { message: 'undo removes the still' }).toBe(1);
  await app.keyboard.press('f');
  await expect.poll(async () => (await saved())[1]?.assetId, { message: 'the same frame frozen again uses the same photo' }).toBe(still!.assetId);
  const images = await callApi<{ items: { id: string }[] }>(app, 'assets.list', { kind: 'image' });
  expect(images.items.map((a) => a.id)).toEqual([still!.assetId]);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
