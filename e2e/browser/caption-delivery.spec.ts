import fs from 'node:fs';
import path from 'node:path';
import type { Page } from '@playwright/test';
import type { CaptionTrack } from '../../electron/model/caption-track';
import { parseSubtitles } from '../../electron/model/subtitle-parse';
import { GOOD_DIR } from '../../scripts/fixtures';
import { testLimit, waitStep } from '../limits';
import { addUser, switchTo } from '../queue-kit';
import { callApi, expect, test } from '../serve';
import { dismissToasts } from '../toasts';

/**
 * Issue 12 §6 in the app: a captioned video posted to YouTube Shorts through the folder connector arrives with its
 * SRT beside the MP4 (the draft's cues, read back by subtitle-parse), and "Use transcript" fills the description
 * with the captions' words. The composer's checks name the caption file, and advise captions for a channel that
 * takes them when a draft has none.
 */
test.use({ viewport: { width: 1440, height: 1000 } });

const SHOTS = process.env.POSTFRAME_SCREENSHOTS === '1' ? path.join(process.cwd(), 'docs', 'screenshots') : null;

const TRACK: CaptionTrack = {
  id: 'captions-1',
  language: 'en',
  name: 'English',
  cues: [
    { id: 'cue-1', text: 'Spring is here,\nand so is our', startSec: 0, endSec: 0.3 },
    { id: 'cue-2', text: 'new seasonal menu.', startSec: 0.3, endSec: 0.6 },
    { id: 'cue-3', text: 'Come by this weekend!', startSec: 0.65, endSec: 1 },
  ],
};

/** A 1-second 360x640 draft of the red clip (small, so the variant renders in a moment), with `captions`. */
async function makeDraft(page: Page, name: string, captions: CaptionTrack[]): Promise<string> {
  let [assetId] = await callApi<string[]>(page, 'assets.ids', {});
  if (!assetId) {
    const { jobId } = await callApi<{ jobId: string }>(page, 'imports.start', { paths: [path.join(GOOD_DIR, 'red-clip.mp4')], uploads: [] });
    await waitStep('red-clip.mp4 imported', { files: 1 }, (timeout) =>
      expect.poll(async () => (await callApi<{ id: string; status: string }[]>(page, 'jobs.list', {})).find((j) => j.id === jobId)?.status, { timeout }).toBe('done'),
    );
    [assetId] = await callApi<string[]>(page, 'assets.ids', {});
  }
  const draft = await callApi<{ id: string; revision: number; doc: { canvas: object; tracks: { kind: string; clips: unknown[] }[]; captions?: unknown } }>(page, 'drafts.create', { name });
  const doc = structuredClone(draft.doc);
  doc.canvas = { ...doc.canvas, width: 360, height: 640 };
  doc.tracks.find((t) => t.kind === 'main')!.clips.push({
    id: 'c1', type: 'media', assetId, start: 0, in: 0, out: 1, speed: 1, volume: 1, fadeIn: 0, fadeOut: 0, transitionIn: null,
    transform: { reframe: 'fill', x: 0.5, y: 0.5, scale: 1, crop: { left: 0, top: 0, right: 0, bottom: 0 }, padColor: '#000000', opacity: 1 },
  });
  doc.captions = captions;
  await callApi(page, 'drafts.save', { id: draft.id, baseRevision: draft.revision, doc });
  return draft.id;
}

test('a captioned video to YouTube Shorts arrives with its SRT beside the MP4, and Use transcript fills the description', async ({ app, server }) => {
  test.setTimeout(testLimit({ files: 2, mediaSec: 2 }));
  const outbox = fs.mkdtempSync(path.join(server.shared!, 'outbox-'));
  await makeDraft(app, 'Spring menu', [TRACK]);
  await makeDraft(app, 'Silent teaser', []);

  await app.getByTestId('settings-nav').click();
  const settings = app.getByTestId('delivery-settings');
  await settings.getByTestId('delivery-folder-input').fill(outbox);
  await settings.getByTestId('delivery-folder-save').click();
  await expect(settings.getByTestId('delivery-routes-summary')).toHaveText('Every channel goes to the folder.');

  await app.getByTestId('queue-nav').click();
  await addUser(app, server, 'Abe', 'approver');
  await app.getByTestId('new-post').click();
  const composer = app.getByTestId('composer');
  const check = (ch: string) => composer.locator(`[data-testid="channel-check"][data-channel="${ch}"]`);

  // A draft without captions: YouTube advises them (not blocking); TikTok takes no caption file, so says nothing.
  await composer.getByTestId('composer-draft').selectOption({ label: 'Silent teaser' });
  await composer.getByTestId('composer-channel-youtube_shorts').check();
  await expect(check('youtube_shorts').getByTestId('caption-advice')).toHaveText('Most viewers watch without sound: add captions in the editor.');
  await expect(check('youtube_shorts')).toHaveAttribute('data-errors', '0');
  await expect(check('tiktok').getByTestId('caption-advice')).toHaveCount(0);
  await expect(composer.getByTestId('use-transcript')).toHaveCount(0);

  // The captioned draft: the check names the file; Use transcript puts the words in, after what was typed.
  await composer.getByTestId('composer-draft').selectOption({ label: 'Spring menu' });
  await composer.getByTestId('composer-channel-tiktok').uncheck();
  await expect(check('youtube_shorts').getByTestId('caption-files')).toHaveText('Captions go beside the video as media.srt.');
  await expect(check('youtube_shorts').getByTestId('caption-advice')).toHaveCount(0);
  await composer.getByTestId('composer-title').fill('Spring menu');
  await composer.getByTestId('composer-caption').fill('New menu!');
  await composer.getByTestId('use-transcript').click();
  await expect(composer.getByTestId('composer-caption')).toHaveValue('New menu!\n\nSpring is here, and so is our new seasonal menu. Come by this weekend!');
  await expect(composer.getByTestId('transcript-note')).toHaveText('Added the transcript (14 words).');

  // X's 280 characters cut it at a word, with an ellipsis and a note.
  await composer.getByTestId('composer-caption').fill('x'.repeat(250));
  await composer.getByTestId('composer-channel-x').check();
  await composer.getByTestId('use-transcript').click();
  await expect(composer.getByTestId('composer-caption')).toHaveValue(`${'x'.repeat(250)}\n\nSpring is here, and so is…`);
  await expect(composer.getByTestId('transcript-note')).toHaveAttribute('data-tone', 'cut');
  await expect(composer.getByTestId('transcript-note')).toContainText('Cut to fit X’s 280 characters: 6 of 14 words went in.');
  await expect(check('x')).toHaveAttribute('data-errors', '0');
  await composer.getByTestId('composer-channel-x').uncheck();

  // Back to the description as the creator wants it.
  await composer.getByTestId('composer-caption').fill('');
  await composer.getByTestId('use-transcript').click();
  await expect(composer.getByTestId('composer-caption')).toHaveValue('Spring is here, and so is our new seasonal menu. Come by this weekend!');
  await dismissToasts(app);
  if (SHOTS) await composer.screenshot({ path: path.join(SHOTS, 'caption-transcript.png') });
  await composer.getByTestId('composer-save').click();
  await expect(composer).toHaveCount(0);

  // Submitted, approved by Abe, exported now.
  const row = app.locator('[data-testid="post-row"][data-title="Spring menu"]');
  const panel = app.getByTestId('post-panel');
  await row.click();
  await panel.getByTestId('post-action-submit').click();
  await expect(row).toHaveAttribute('data-state', 'in_review');
  await switchTo(app, server, 'Abe', 'approver');
  await row.click();
  await panel.getByTestId('post-action-approve').click();
  await expect(row).toHaveAttribute('data-state', 'approved');
  await switchTo(app, server, 'Owner', 'admin');
  await row.click();
  const block = app.getByTestId('delivery-block');
  await block.getByTestId('delivery-export-now').click();
  await waitStep('the YouTube variant exported and delivered to the folder', { files: 1, mediaSec: 1 }, (timeout) =>
    expect(block.locator('[data-testid="delivery-channel"][data-channel="youtube_shorts"]')).toHaveAttribute('data-state', 'delivered', { timeout }),
  );

  // The SRT beside the MP4 holds the draft's cues; the description is the transcript.
  const [folder] = fs.readdirSync(path.join(outbox, 'youtube_shorts')).filter((n) => !n.startsWith('.'));
  const dir = path.join(outbox, 'youtube_shorts', folder!);
  expect(fs.readdirSync(dir).sort()).toEqual(['caption.txt', 'cover.jpg', 'media.mp4', 'media.srt', 'post.json']);
  const cues = parseSubtitles(fs.readFileSync(path.join(dir, 'media.srt')), { format: 'srt' }).cues;
  expect(cues.map((c) => [c.text, c.startSec, c.endSec])).toEqual(TRACK.cues.map((c) => [c.text, c.startSec, c.endSec]));
  expect(fs.readFileSync(path.join(dir, 'caption.txt'), 'utf8')).toBe('Spring is here, and so is our new seasonal menu. Come by this weekend!\n');
  const meta = JSON.parse(fs.readFileSync(path.join(dir, 'post.json'), 'utf8')) as { files: { captions: unknown } };
  expect(meta.files.captions).toEqual([{ file: 'media.srt', language: 'en', name: 'English', format: 'srt' }]);
});
