import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Job } from '../../electron/model/job';
import type { MediaClip, VideoDraft } from '../../electron/model/draft';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, exportDraft, footageWork, frameAt, importFootage, mediaClip, openDraft, saveDraft, seekPreview, ssimOf } from '../preview-kit';
import { FOOTAGE_DIR } from '../../scripts/fixtures';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

type DraftRecord = { id: string; revision: number; doc: VideoDraft };
/**
 * Seconds of footage the reverse job works through: the copy of all of pan.mp4 (440 frames at 30 fps, ~15 s), then
 * its 540x960 preview proxy (about a third more work: model/reverse.ts REVERSE_COPY_SHARE).
 */
const REVERSED_SEC = 20;

/**
 * Reverse and freeze frame (issue 14 §3): a creator turns Reverse on for a clip of moving phone footage; once the
 * reversed copy's job is done the preview matches the export; then F holds the frame at the playhead for 3 s, the
 * export shows the source frame there, and one undo takes the freeze back.
 */
test('Reverse plays the clip backwards in preview and export; Freeze frame holds the frame and undoes in one step', async ({ app }, testInfo) => {
  const fps = 30;
  const duration = 3;
  test.setTimeout(testLimit(allOf(footageWork(['pan']), { mediaSec: 10 + 3 * duration + REVERSED_SEC }, decodeWork(6))));
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-revfreeze-'));
  const assets = await importFootage(app, ['pan']);
  const name = 'Reverse and freeze';
  const clip = mediaClip(assets.pan, 0, 1, 1 + duration);
  const draftId = await saveDraft(app, name, ({ main }) => main.clips.push(clip));
  const saved = async () => (await callApi<DraftRecord>(app, 'drafts.get', { id: draftId })).doc;
  await openDraft(app, name, 1);

  // Every media file the page asks for: the preview must play the reversed copy's proxy, never the full copy.
  const requested: string[] = [];
  app.on('request', (r) => requested.push(new URL(r.url()).pathname));
  // Reverse on, by keyboard; the reversed copy's job runs and finishes.
  await app.locator(`[data-clip-id="${clip.id}"]`).click();
  const toggle = app.getByTestId('insp-reverse');
  await toggle.focus();
  await app.keyboard.press('Space');
  await expect(toggle).toBeChecked();
  // "From source" reads in play order: the clip now starts at source 4 s and ends at 1 s.
  await expect(app.getByTestId('insp-source')).toHaveText('4.00 → 1.00 s');
  await expect(app.getByTestId('insp-source')).toHaveAttribute('title', 'Plays backwards: from 4.00 s of the file down to 1.00 s');
  await expect.poll(async () => ((await saved()).tracks[0]!.clips[0] as MediaClip).reversed, { message: 'reversed is saved' }).toBe(true);
  // While the copy is made the preview says so over the picture (a fast machine may finish first: then it is gone).
  const card = app.getByTestId('preview-reversing');
  if ((await callApi<Job[]>(app, 'jobs.list', {})).find((j) => j.kind === 'reverse')?.status === 'running') await expect(card.or(app.getByTestId('reverse-outcome'))).toBeVisible();
  if (await card.isVisible()) {
    await expect(card).toContainText(/Reversing…/);
    if (SHOTS) await app.getByTestId('preview-canvas').locator('..').screenshot({ path: path.join(SHOTS, 'preview-reversing.png') });
  }
  // The whole asset is reversed (pan.mp4: ~15 s of 1080x1920), so the wait scales with that media and the machine.
  await waitStep('the reverse job finishes', { mediaSec: REVERSED_SEC }, (timeout) =>
    expect.poll(async () => (await callApi<Job[]>(app, 'jobs.list', {})).find((j) => j.kind === 'reverse')?.status, { timeout }).toBe('done'),
  );
  await expect(app.getByTestId('reverse-outcome')).toBeVisible();
  // Ready: the card goes, so the preview compared below is the picture alone.
  await expect(card).toHaveCount(0);
  if (SHOTS) await app.getByTestId('media-inspector').screenshot({ path: path.join(SHOTS, 'reverse-inspector.png') });

  // Preview vs export at 1.2 s: the clip plays source 4 s → 1 s, so that is source 2.8 s.
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('Escape');
  const t = 1.2;
  const file = await exportDraft(app, draftId, duration);
  const size = await app.getByTestId('preview-canvas').evaluate((c: HTMLCanvasElement) => ({ width: c.width, height: c.height }));
  await seekPreview(app, t, 1);
  const shot = path.join(tmp, 'preview.png');
  await app.getByTestId('preview-canvas').screenshot({ path: shot });
  const frame = path.join(tmp, 'export.png');
  await frameAt(file, t, fps, frame, { bt709: true });
  const reverseScore = await ssimOf(shot, frame, size);
  // pan.mp4 is 1080x1920, so the job made the copy's 540x960 proxy and the preview plays that (the full copy is
  // the export's); the export is still full size.
  const proxyPath = `/${encodeURIComponent(assets.pan.id)}/reversed-proxy`;
  expect(requested.filter((u) => u.endsWith(`/${encodeURIComponent(assets.pan.id)}/reversed`)), 'the preview never loads the full-size copy').toEqual([]);
  expect(requested.some((u) => u.endsWith(proxyPath)), 'the preview plays the reversed proxy').toBe(true);
  const proxySize = await app.evaluate(async (suffix) => {
    const url = performance.getEntriesByType('resource').map((e) => e.name).find((n) => new URL(n).pathname.endsWith(suffix));
    if (!url) return null;
    const v = document.createElement('video');
    v.muted = true;
    v.src = url;
    await new Promise((resolve, reject) => {
      v.onloadedmetadata = resolve;
      v.onerror = reject;
    });
    return [v.videoWidth, v.videoHeight];
  }, proxyPath);
  expect(proxySize, 'the reversed clip previews from a proxy-size file').toEqual([540, 960]);
  const exported = execFileSync('ffprobe', ['-v', 'error', '-select_streams', 'v:0', '-show_entries', 'stream=width,height', '-of', 'csv=p=0', file]).toString().trim();
  expect(exported, 'the export reads the full-size copy').toBe('1080,1920');
  // And the export really is backwards: its frame at 1.2 s is the source at 2.8 s, not at 2.2 s.
  const sourceFile = path.join(FOOTAGE_DIR, 'pan.mp4');
  const sourceAt = (sec: number, out: string) => execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', sec.toFixed(4), '-i', sourceFile, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709', out]);
  const src = path.join(tmp, 'source.png');
  const forwards = path.join(tmp, 'forwards.png');
  sourceAt(2.8 - 0.5 / fps, src);
  sourceAt(2.2 - 0.5 / fps, forwards);
  expect(await ssimOf(frame, src), 'the export at 1.2 s is the source at 2.8 s').toBeGreaterThan(await ssimOf(frame, forwards));
  console.log('reverse SSIM', reverseScore.toFixed(4));
  testInfo.annotations.push({ type: 'ssim', description: JSON.stringify({ reverse: reverseScore }) });
  expect(reverseScore, 'reversed preview vs export').toBeGreaterThanOrEqual(0.9);

  // Trims work in play order: I at 0.5 s cuts the first half second PLAYED (source 4 → 3.5 s), so `out` moves and
  // the frame that was at 1.2 s (source 2.8 s) is now at 0.7 s; O at 2.0 s then cuts the end, moving `in`.
  await app.locator(`[data-testid="clip"][data-clip-id="${clip.id}"]`).click();
  await seekPreview(app, 0.5, 1);
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('i');
  const range = async () => {
    const c = (await saved()).tracks[0]!.clips[0] as MediaClip;
    return [c.in, c.out].map((x) => Math.round(x * 1000) / 1000);
  };
  await expect.poll(range, { message: 'a start trim of a reversed clip moves out' }).toEqual([1, 3.5]);
  await seekPreview(app, 0.7, 1);
  const trimmed = path.join(tmp, 'trimmed.png');
  await app.getByTestId('preview-canvas').screenshot({ path: trimmed });
  const trimScore = await ssimOf(trimmed, frame, size);
  console.log('trimmed reverse SSIM', trimScore.toFixed(4));
  expect(trimScore, 'after the trim, 0.7 s shows what 1.2 s showed').toBeGreaterThanOrEqual(0.9);
  await seekPreview(app, 2, 1);
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('o');
  await expect.poll(range, { message: 'an end trim of a reversed clip moves in' }).toEqual([1.5, 3.5]);
  await app.keyboard.press('ControlOrMeta+z');
  await app.keyboard.press('ControlOrMeta+z');
  await expect.poll(range, { message: 'two undos give the whole clip back' }).toEqual([1, 4]);
  await app.keyboard.press('Escape');

  // Reverse off again, then a freeze frame at 1.0 s with F.
  await app.locator(`[data-clip-id="${clip.id}"]`).click();
  await toggle.focus();
  await app.keyboard.press('Space');
  await expect(toggle).not.toBeChecked();
  await seekPreview(app, 1, 1);
  await app.getByTestId('preview-canvas').focus();
  await app.keyboard.press('f');
  await expect.poll(async () => (await saved()).tracks[0]!.clips.length, { message: 'the freeze frame is placed' }).toBe(3);
  const doc = await saved();
  const [a, still, b] = doc.tracks[0]!.clips as MediaClip[];
  expect([a!.start, a!.out, still!.start, still!.out - still!.in, b!.start, b!.in]).toEqual([0, 2, 1, 3, 4, 2]);
  const stillAsset = await callApi<{ name: string; kind: string }>(app, 'assets.get', { id: still!.assetId });
  expect(stillAsset).toMatchObject({ kind: 'image', name: 'pan.mp4 · 0:02.00 (freeze)' });
  if (SHOTS) await app.getByTestId('editor-screen').screenshot({ path: path.join(SHOTS, 'freeze-frame.png') });

  // The export during the still (2.5 s) shows the source frame at the playhead (source 2.0 s).
  const frozen = await exportDraft(app, draftId, duration + 3);
  const during = path.join(tmp, 'during.png');
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-ss', '2.5', '-i', frozen, '-frames:v', '1', '-vf', 'scale=in_color_matrix=bt709', during]);
  const held = path.join(tmp, 'held.png');
  sourceAt(2, held);
  const freezeScore = await ssimOf(during, held);
  console.log('freeze SSIM', freezeScore.toFixed(4));
  expect(freezeScore, 'the still is the frame at the playhead').toBeGreaterThanOrEqual(0.9);

  // One undo: the still is gone and the clip is whole again.
  await app.getByTestId('undo').click();
  await expect.poll(async () => (await saved()).tracks[0]!.clips.map((c) => [(c as MediaClip).in, (c as MediaClip).out])).toEqual([[1, 4]]);
});
