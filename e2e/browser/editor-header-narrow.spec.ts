import { importClips, openDraftWithClips } from '../editor-kit';
import type { Page } from '@playwright/test';
import { expect, test } from '../serve';

/**
 * The editor's header on 1366 and 1280 px laptops: every command fits, Export whole (at 1280 px it was cut to
 * "Expo"), the compacted ones keep their names. The second test: the app's smallest windows.
 */
test('the editor header fits 1366 and 1280 px windows, every command whole and named', async ({ app }) => {
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'A fairly long draft name for the header', count: 2, clipSec: 2 });
  for (const width of [1440, 1366, 1280]) {
    await app.setViewportSize({ width, height: 800 });
    const fit = await app.evaluate(() => {
      const h = document.querySelector<HTMLElement>('.editor-header')!;
      const box = h.getBoundingClientRect();
      const cut = [...h.querySelectorAll<HTMLElement>('button, input')].filter((el) => {
        const r = el.getBoundingClientRect();
        return r.width > 0 && (r.right > box.right + 0.5 || r.left < box.left - 0.5);
      });
      return { overflow: h.scrollWidth - h.clientWidth, cut: cut.map((el) => el.dataset.testid ?? el.getAttribute('aria-label')) };
    });
    expect(fit, `the header at ${width} px`).toEqual({ overflow: 0, cut: [] });
    await expect(app.getByTestId('export-button')).toBeInViewport({ ratio: 1 });
    await expect(app.getByRole('button', { name: 'Add logo' })).toBeVisible();
    await expect(app.getByRole('button', { name: 'Save as template' })).toBeVisible();
  }
});

/**
 * The controls in `selector` (each of them) that are cut by the window's edges or lie over one another: none, for
 * every control to be reachable.
 */
async function crowded(app: Page, selector: string): Promise<string[]> {
  return app.evaluate((sel) => {
    const name = (el: Element) => (el as HTMLElement).dataset.testid ?? el.getAttribute('aria-label') ?? el.textContent?.trim() ?? el.tagName;
    const out: string[] = [];
    for (const area of document.querySelectorAll(sel)) {
      const els = [...area.querySelectorAll('button, input, select')].filter((el) => el.getBoundingClientRect().width > 0 && !el.closest('dialog, [role="menu"]'));
      const boxes = els.map((el) => el.getBoundingClientRect());
      boxes.forEach((r, i) => {
        if (r.left < -0.5 || r.right > innerWidth + 0.5 || r.top < -0.5 || r.bottom > innerHeight + 0.5) out.push(`${name(els[i]!)} cut`);
        for (let j = i + 1; j < boxes.length; j++) {
          const q = boxes[j]!;
          const overlap = Math.min(r.right, q.right) - Math.max(r.left, q.left) > 0.5 && Math.min(r.bottom, q.bottom) - Math.max(r.top, q.top) > 0.5;
          if (overlap && !els[i]!.contains(els[j]!) && !els[j]!.contains(els[i]!)) out.push(`${name(els[i]!)} over ${name(els[j]!)}`);
        }
      });
    }
    return out;
  }, selector);
}

test('at the app\'s smallest windows (960 px) both editors keep every control on screen, none over another, and a usable picture', async ({ app }) => {
  test.setTimeout(150_000);
  const sizes = [
    { width: 960, height: 640 },
    { width: 1024, height: 700 },
    { width: 1100, height: 720 },
  ];
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'A fairly long draft name for the header', count: 2, clipSec: 2 });
  for (const size of sizes) {
    await app.setViewportSize(size);
    const at = `${size.width}x${size.height}`;
    expect(await crowded(app, '.editor-header, .transport, .timeline__toolbar, .bin__kinds'), `the video editor at ${at}`).toEqual([]);
    await expect(app.getByTestId('export-button')).toBeInViewport({ ratio: 1 });
    // The kit commands in the narrowest header are icons, still named.
    await expect(app.getByRole('button', { name: 'Add logo' })).toBeInViewport({ ratio: 1 });
    const canvas = (await app.getByTestId('preview-canvas').boundingBox())!;
    expect(canvas.height, `the picture's height at ${at}`).toBeGreaterThanOrEqual(200);
  }

  // The image editor, a 4:5 post.
  await app.setViewportSize({ width: 1280, height: 800 });
  await app.getByTestId('editor-back').click();
  await app.getByTestId('new-image').click();
  await app.getByTestId('new-image-name').fill('An image post with a fairly long name');
  await app.getByTestId('image-preset-4:5').click();
  await app.getByTestId('new-image-create').click();
  await expect(app.getByTestId('image-editor')).toBeVisible();
  for (const size of sizes) {
    await app.setViewportSize(size);
    const at = `${size.width}x${size.height}`;
    expect(await crowded(app, '.editor-header'), `the image editor at ${at}`).toEqual([]);
    await expect(app.getByTestId('ie-export-button')).toBeInViewport({ ratio: 1 });
    await expect(app.getByRole('button', { name: 'From template' })).toBeInViewport({ ratio: 1 });
    const page = (await app.getByTestId('ie-canvas').boundingBox())!;
    expect(page.height, `the page's height at ${at}`).toBeGreaterThanOrEqual(200);
  }
});
