import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Asset } from '../../electron/model/asset';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, footageWork, importFootage, mediaClip, openDraft, saveDraft } from '../preview-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };

/**
 * The chroma key's eyedropper reads the selected clip's own picture, not the composited preview (a new user's
 * walk: a click beside the clip picked the footage under it, and a green card picked through the clip's opacity
 * came out #00d800). A pure-green card on the overlay track, half size, turned 12° and at 70% opacity, over
 * moving footage: a click off the card picks nothing and says so; a click on it picks #00ff00 (within 2 code
 * values: the card is video, 4:2:0 YUV); the keyboard's cross lands on the same colour.
 */
const DURATION = 2;

/** A 720x1280 pure-green card made in RGB and stored as tagged BT.709 video, as a camera would. */
function greenCard(file: string): void {
  execFileSync('ffmpeg', [
    '-v', 'error', '-y',
    '-f', 'lavfi', '-i', `color=c=0x00ff00:s=720x1280:r=30:d=${DURATION},format=gbrp`,
    '-vf', 'scale=out_color_matrix=bt709:out_range=tv,format=yuv420p',
    '-c:v', 'libx264', '-preset', 'veryfast', '-crf', '12', '-colorspace', 'bt709', '-color_primaries', 'bt709', '-color_trc', 'bt709', file,
  ]);
}

const rgbOf = (hex: string) => [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
const offGreen = (hex: string) => Math.max(...rgbOf(hex).map((v, i) => Math.abs(v - [0, 255, 0][i]!)));

test('the eyedropper picks from the selected clip only, its own colour, not the composited preview', async ({ app }) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { files: 1, megabytes: 1 }, decodeWork(2))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-pick-'));
  const cardFile = path.join(tmp, 'greencard.mp4');
  greenCard(cardFile);
  const { pan } = await importFootage(app, ['pan']);
  await app.getByTestId('import-file-input').setInputFiles(cardFile);
  await waitStep('the green card imported', { files: 1, megabytes: 1 }, (timeout) => expect(app.getByTestId('asset-cell')).toHaveCount(2, { timeout }));
  const { items } = await callApi<{ items: Asset[] }>(app, 'assets.list', {});
  const card = items.find((a) => a.name.startsWith('greencard'))!;
  expect(card, 'the green card asset').toBeTruthy();

  const name = 'Green card pick';
  const fg = mediaClip(card, 0, 0, DURATION, { reframe: 'fit', scale: 0.5, rotation: 12, opacity: 0.7 });
  const draftId = await saveDraft(app, name, ({ main, overlay }) => {
    main.clips.push(mediaClip(pan, 0, 1, 1 + DURATION));
    overlay.clips.push(fg);
  });
  const saved = async () => ((await callApi<DraftRecord>(app, 'drafts.get', { id: draftId })).doc.tracks.flatMap((t) => t.clips).find((c) => c.id === fg.id) as MediaClip).chromaKey ?? null;
  await openDraft(app, name, 2);
  await app.locator(`[data-clip-id="${fg.id}"]`).click();
  const dropper = app.getByTestId('chroma-key-eyedropper');
  const layer = app.getByTestId('key-pick-layer');
  const hint = app.getByTestId('key-pick-hint');

  // Off the card (the footage at the top left): nothing is picked, the preview says why, the eyedropper stays.
  await dropper.click();
  const box = (await layer.boundingBox())!;
  await layer.click({ position: { x: box.width * 0.06, y: box.height * 0.06 } });
  await expect(hint).toContainText('outside the selected clip');
  await expect(layer).toBeVisible();
  await expect(app.getByTestId('chroma-key-toggle')).not.toBeChecked();
  expect(await saved()).toBeNull();
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'chroma-pick-outside.png') });

  // On the card, near its turned top edge: the card's own green, not blended with the footage by its opacity.
  await layer.click({ position: { x: box.width * 0.5, y: box.height * 0.33 } });
  await expect(layer).toHaveCount(0);
  await expect(app.getByTestId('chroma-key-toggle')).toBeChecked();
  await expect.poll(saved, { message: 'the key is saved' }).not.toBeNull();
  const clicked = (await saved())!.color;
  expect(offGreen(clicked), `picked ${clicked} on a #00ff00 card`).toBeLessThanOrEqual(2);

  // By keyboard: Enter with the cross in the middle (on the card) shows and picks the same green.
  await dropper.focus();
  await dropper.press('Enter');
  await expect(layer).toBeFocused();
  // Off the card first (Shift+← five times: the left edge), Enter picks nothing.
  for (let i = 0; i < 5; i++) await app.keyboard.press('Shift+ArrowLeft');
  await app.keyboard.press('Enter');
  await expect(hint).toContainText('outside the selected clip');
  await expect(layer).toBeFocused();
  for (let i = 0; i < 5; i++) await app.keyboard.press('Shift+ArrowRight');
  const shown = (await app.getByTestId('key-pick-cross').textContent()) ?? '';
  expect(offGreen(shown), `the cross shows ${shown}`).toBeLessThanOrEqual(2);
  await app.keyboard.press('Enter');
  await expect(layer).toHaveCount(0);
  await expect(app.getByTestId('chroma-key-announce')).toHaveText(`Background colour set to ${shown}`);
  if (!process.env.POSTFRAME_KEEP_E2E) fs.rmSync(tmp, { recursive: true, force: true });
});
