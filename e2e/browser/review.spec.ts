import path from 'node:path';
import type { PostRecordShape } from '../../electron/model/post-record';
import { allOf, testLimit } from '../limits';
import { blackRegions, CENTRE, decodeWork, footageWork, importFootage, mediaClip, saveDraft } from '../preview-kit';
import { callAs } from '../accounts-kit';
import { addUser, switchTo } from '../queue-kit';
import { SHOTS } from '../screenshots';
import { callApi, expect, test } from '../serve';

test.use({ viewport: { width: 1366, height: 768 } });

/** Mean absolute difference of two RGBA samples (0–255). */
const meanDiff = (a: number[], b: number[]) => a.reduce((n, v, i) => n + Math.abs(v - b[i]!), 0) / a.length;

test('an approver reviews a post in a playing phone frame, requests changes, sees the diff, and approves', async ({ app, server }) => {
  // One import of moving, textured phone footage; a few seconds of real playback in the review.
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(2), { realSec: 8 })));
  const { pan } = await importFootage(app, ['pan']);
  const draftId = await saveDraft(app, 'Harbour pan', ({ main }) => main.clips.push(mediaClip(pan, 0, 0.5, 6.5)));

  // The creator composes and submits through the API; the policy bans a phrase and caps hashtags.
  // Cora works from her own session (callAs); the page is the owner's until it signs in as Abe.
  const cora = await addUser(app, server, 'Cora', 'creator');
  await addUser(app, server, 'Abe', 'approver');
  await callApi(app, 'policy.set', { policy: { bannedPhrases: ['guaranteed'], requireDisclosure: { enabled: true, tags: ['ad'] }, hashtagCap: 5, allowedLinkDomains: [], blockExpiredLicences: true, requireWatermark: [] } });
  let post = await callAs<PostRecordShape>(server, cora.login, 'posts.create', { draftId, title: 'Harbour morning', targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: { caption: 'Morning at the harbour (X cut)' } }], timeZone: 'UTC', campaignId: null });
  const content = { caption: 'Morning light over the harbour', hashtags: ['harbour', 'morning'], mentions: [], firstComment: '', link: null };
  post = await callAs<PostRecordShape>(server, cora.login, 'posts.update', { id: post.id, content });
  await callAs(server, cora.login, 'posts.transition', { id: post.id, event: 'submit' });

  // Abe opens the Queue: the bell says one post waits for him; its entry opens the review in one click.
  await app.getByTestId('queue-nav').click();
  await switchTo(app, server, 'Abe', 'approver');
  const bell = app.getByTestId('notify-bell');
  await expect(bell).toHaveAttribute('data-count', '1');
  await bell.click();
  await expect(app.getByTestId('notify-item')).toHaveAttribute('data-kind', 'waiting');
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'notifications.png') });
  await app.getByTestId('notify-item').click();
  const review = app.getByTestId('review-view');
  await expect(review).toBeVisible();

  // TikTok's phone plays the draft live with the caption and hashtags over it and TikTok's safe zones.
  const phone = review.getByTestId('review-phone');
  await expect(phone).toHaveAttribute('data-channel', 'tiktok');
  await expect(phone).toHaveAttribute('data-source', 'live');
  await expect(phone.getByTestId('review-caption')).toContainText('Morning light over the harbour');
  await expect(phone.getByTestId('review-hashtags')).toHaveText('#harbour #morning');
  await expect(phone.getByTestId('review-safe-zones')).toHaveAttribute('data-zone', 'tiktok');
  const canvas = review.getByTestId('review-canvas');
  await expect(canvas).toHaveAttribute('data-ready', 'true', { timeout: testLimit(decodeWork(1)) });
  // Sample the review's canvas on every animation frame while it plays (as the editor's playback test does).
  await app.evaluate(() => {
    const src = document.querySelector<HTMLCanvasElement>('[data-testid="review-canvas"]')!;
    const tiny = document.createElement('canvas');
    [tiny.width, tiny.height] = [18, 32];
    const ctx = tiny.getContext('2d', { willReadFrequently: true })!;
    const samples: { t: number; px: number[] }[] = [];
    let on = true;
    const loop = () => {
      if (!on) return;
      ctx.drawImage(src, 0, 0, 18, 32);
      samples.push({ t: Number(src.dataset.time), px: Array.from(ctx.getImageData(0, 0, 18, 32).data) });
      requestAnimationFrame(loop);
    };
    requestAnimationFrame(loop);
    (window as unknown as { pfReview: { stop(): typeof samples } }).pfReview = { stop: () => ((on = false), samples) };
  });
  await review.getByTestId('review-play').click();
  await expect(review.getByTestId('review-play')).toHaveAttribute('data-playing', 'false', { timeout: testLimit({ realSec: 8 }) });
  const samples = await app.evaluate(() => (window as unknown as { pfReview: { stop(): { t: number; px: number[] }[] } }).pfReview.stop());
  const playing = samples.filter((s) => s.t > 0 && s.t < 6);
  expect(playing.length, 'frames drawn while playing').toBeGreaterThan(5);
  expect(Math.max(...playing.map((s) => s.t)), 'playback reached the second half').toBeGreaterThan(3);
  expect(playing.filter((s) => blackRegions(Uint8Array.from(s.px), 18, 32, [CENTRE]).length > 0).map((s) => s.t), 'black frames while playing').toEqual([]);
  // The picture moves: samples at different times differ, and the last is far from the first (the pan crossed it).
  const distinct = playing.filter((s, i) => i === 0 || s.t !== playing[i - 1]!.t);
  const steps = distinct.slice(1).map((s, i) => meanDiff(s.px, distinct[i]!.px));
  console.log('review playback', JSON.stringify({ frames: playing.length, distinct: distinct.length, moved: steps.filter((d) => d > 0.25).length, span: meanDiff(distinct[0]!.px, distinct.at(-1)!.px).toFixed(2) }));
  expect(steps.filter((d) => d > 0.25).length, 'frames that changed while playing').toBeGreaterThan(steps.length / 2);
  expect(meanDiff(distinct[0]!.px, distinct.at(-1)!.px), 'the picture moved over the playback').toBeGreaterThan(2);

  // X's phone has X's own caption (the override), as a feed card without safe zones.
  await review.locator('[data-testid="review-tab"][data-channel="x"]').click();
  await expect(phone).toHaveAttribute('data-channel', 'x');
  await expect(phone.getByTestId('review-caption')).toContainText('Morning at the harbour (X cut)');
  await expect(phone.getByTestId('review-safe-zones')).toHaveCount(0);

  // Every rule the policy has, with its verdict.
  const checks = review.getByTestId('review-check');
  await expect(checks).toHaveCount(6);
  await expect(review.locator('[data-testid="review-check"][data-rule="bannedPhrase"]')).toHaveAttribute('data-status', 'pass');
  await expect(review.locator('[data-testid="review-check"][data-rule="hashtagCap"]')).toHaveAttribute('data-status', 'pass');
  await expect(review.locator('[data-testid="review-check"][data-rule="disclosure"]')).toHaveAttribute('data-status', 'off');
  await expect(review.getByTestId('review-diff')).toHaveCount(0); // Abe has not reviewed it before

  // Request changes needs a comment; one click sends it.
  await expect(review.getByTestId('review-request')).toBeDisabled();
  await review.getByTestId('review-comment').fill('Say which harbour, please.');
  await review.getByTestId('review-request').click();
  await expect(review).toHaveCount(0);
  const row = app.locator('[data-testid="post-row"][data-title="Harbour morning"]');
  await expect(row).toHaveAttribute('data-state', 'changes_requested');
  await expect(bell).toHaveAttribute('data-count', '0');

  // Cora sees the decision in her inbox; she edits the caption, a hashtag and the X override, and resubmits.
  await switchTo(app, server, 'Cora', 'creator');
  await expect(bell).toHaveAttribute('data-count', '1');
  await bell.click();
  await expect(app.getByTestId('notify-item')).toHaveAttribute('data-kind', 'changes_requested');
  await app.getByTestId('notify-item').click();
  await expect(app.getByTestId('post-panel')).toHaveAttribute('data-post-id', post.id);
  await expect(bell).toHaveAttribute('data-count', '0');
  await callApi(app, 'posts.update', {
    id: post.id, content: { ...content, caption: 'Morning light over Helsinki harbour', hashtags: ['harbour', 'helsinki'] },
    targets: [{ channel: 'tiktok', overrides: {} }, { channel: 'x', overrides: { caption: 'Helsinki harbour at dawn (X cut)' } }],
  });
  await callApi(app, 'posts.transition', { id: post.id, event: 'submit' });

  // Abe's review shows what changed since he asked, then he approves with one click.
  await switchTo(app, server, 'Abe', 'approver');
  await expect(row).toHaveAttribute('data-state', 'in_review');
  await row.click();
  await app.getByTestId('post-panel').getByTestId('post-review').click();
  await expect(review).toBeVisible();
  const diff = review.getByTestId('review-diff');
  await expect(diff).toHaveAttribute('data-changes', '3');
  await expect(diff).toContainText('You asked for changes');
  await expect(diff.locator('[data-kind="text"]')).toContainText('Morning light over Helsinki harbour');
  await expect(diff.locator('[data-kind="list"]')).toContainText('added #helsinki; removed #morning');
  await expect(diff.locator('[data-kind="override"]')).toContainText('Caption for X');
  await expect(review.getByTestId('review-canvas')).toHaveAttribute('data-ready', 'true', { timeout: testLimit(decodeWork(1)) });
  if (SHOTS) await app.screenshot({ path: path.join(SHOTS, 'review-panel.png') });
  await review.getByTestId('review-approve').click();
  await expect(review).toHaveCount(0);
  await expect(row).toHaveAttribute('data-state', 'approved');

  // The creator is told: her inbox has the approval.
  await switchTo(app, server, 'Cora', 'creator');
  await expect(bell).toHaveAttribute('data-count', '1');
  await bell.click();
  await expect(app.getByTestId('notify-item')).toHaveAttribute('data-kind', 'approved');
});
