import type { Page } from '@playwright/test';
import { allOf, testLimit, waitStep } from '../limits';
import { decodeWork, footageWork, importFootage, mediaClip, openDraft, saveDraft, seekPreview } from '../preview-kit';
import { callApi, expect, test } from '../serve';

/**
 * Clips cut from one take (jump cuts) share the take's media elements (preview/slotPoolLogic.ts): a new element
 * for each clip loaded its file and started a decoder on the two shared cores just before each cut, and stalled
 * the preview's animation frames there (docs/performance.md, "Cuts without a hiccup, and one element per take"). A cut needs two (the
 * outgoing clip plays while the incoming one waits on its first frame), and they take turns. The element taken
 * over shows each clip's own frames: `data-ready` is true only when every layer's picture is its wanted frame.
 */

/** An 18x32 sample of the preview canvas (RGBA). */
const sample = (app: Page) =>
  app.evaluate(() => {
    const tiny = document.createElement('canvas');
    [tiny.width, tiny.height] = [18, 32];
    const ctx = tiny.getContext('2d', { willReadFrequently: true })!;
    ctx.drawImage(document.querySelector<HTMLCanvasElement>('[data-testid="preview-canvas"]')!, 0, 0, 18, 32);
    return Array.from(ctx.getImageData(0, 0, 18, 32).data);
  });
const meanDiff = (a: number[], b: number[]) => a.reduce((n, v, i) => n + Math.abs(v - b[i]!), 0) / a.length;

test('clips cut from one take play from two media elements taking turns, each showing its own frames', async ({ app }) => {
  test.setTimeout(testLimit(allOf(footageWork(['pan']), decodeWork(8), { realSec: 12 })));
  const { pan } = await importFootage(app, ['pan']);
  // The preview plays the proxy once it is made: wait for it, so every clip plays the same file.
  await waitStep('the proxy of the take', footageWork(['pan']), (timeout) =>
    expect.poll(async () => (await callApi<{ kind: string; status: string }[]>(app, 'jobs.list', {})).filter((j) => j.kind === 'proxy').map((j) => j.status).join(), { timeout }).toBe('done'),
  );
  // Three cuts of one take, out of order (the third goes back in the source).
  await saveDraft(app, 'Jump cuts', ({ main }) => main.clips.push(mediaClip(pan, 0, 0.5, 2.5), mediaClip(pan, 2, 5, 7), mediaClip(pan, 4, 1.5, 3.5)));
  await openDraft(app, 'Jump cuts', 1);
  const canvas = app.getByTestId('preview-canvas');

  await app.getByTestId('play-toggle').click();
  await expect(app.getByTestId('play-toggle')).toHaveAttribute('data-playing', 'false', { timeout: testLimit({ realSec: 12 }) });
  expect(Number(await canvas.getAttribute('data-time')), 'played to the end').toBeGreaterThan(5.9);
  await expect(canvas, 'two elements played the three clips (one each: three)').toHaveAttribute('data-media-elements', '2');

  // At rest, each clip shows its own frame from that element (data-ready), and the three pictures differ.
  const pictures: number[][] = [];
  for (const t of [5, 1, 3]) {
    await seekPreview(app, t, 1);
    pictures.push(await sample(app));
  }
  await expect(canvas).toHaveAttribute('data-media-elements', '2');
  expect(meanDiff(pictures[0]!, pictures[1]!), 'the third clip (source 2.5 s) is not the first (source 1.5 s)').toBeGreaterThan(2);
  expect(meanDiff(pictures[1]!, pictures[2]!), 'the second clip (source 6 s) is not the first').toBeGreaterThan(2);
});
