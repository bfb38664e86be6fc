import { importClips, openDraftWithClips } from '../editor-kit';
import { expect, test } from '../serve';

/**
 * The editor's header on 1366 and 1280 px laptops: every command fits, Export whole (at 1280 px it was cut to
 * "Expo"), the compacted ones keep their names. (At the app's smallest window, 960 px, the editor's panels are wider
 * than the window as a whole: a layout of its own, not done.)
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
