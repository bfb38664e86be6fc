import os from 'node:os';
import path from 'node:path';
import { GOOD_DIR } from '../../scripts/fixtures';
import { importClips, openDraftWithClips } from '../editor-kit';
import { testLimit } from '../limits';
import { expect, test } from '../serve';
import { SHOTS } from '../screenshots';

/**
 * Copy and labels a creator reads (issue 9, item 17): safe-zone labels stay inside the canvas at every size,
 * pixel sizes read 1080×1920, and example paths are of the host's kind.
 */

test('safe-zone labels stay inside the canvas at every size; the export dialog writes 1080×1920', async ({ app }) => {
  // Two clips imported, then three sizes × three zones of UI steps.
  test.setTimeout(testLimit({ files: 2 }));
  const assets = await importClips(app);
  await openDraftWithClips(app, assets, { name: 'Zones', count: 2, clipSec: 1 });
  const canvas = app.getByTestId('preview-canvas');
  for (const [width, height] of [
    [1440, 900],
    [1100, 720],
    [900, 640],
  ] as const) {
    await app.setViewportSize({ width, height });
    for (const zone of ['tiktok', 'reels', 'shorts']) {
      await app.getByTestId('safe-zone-select').selectOption(zone);
      await expect(app.getByTestId('safe-zones')).toHaveAttribute('data-zone', zone);
      const frame = (await canvas.boundingBox())!;
      const labels = app.getByTestId('safe-zones').locator('span');
      await expect(labels).toHaveCount(3);
      // The label's ink, not its box: what the text needs (scrollWidth) measured from where it starts.
      const boxes = await labels.evaluateAll((els) =>
        els.map((el) => {
          const r = el.getBoundingClientRect();
          const zone = el.parentElement!.getBoundingClientRect();
          // What is painted: the label clipped by its zone (which clips its content).
          const clip = getComputedStyle(el.parentElement!).overflow !== 'visible';
          const right = clip ? Math.min(r.right, zone.right) : r.left + Math.max(r.width, el.scrollWidth);
          const bottom = clip ? Math.min(r.bottom, zone.bottom) : r.top + Math.max(r.height, el.scrollHeight);
          // Cut short (an ellipsis) along the text's own direction?
          const vertical = getComputedStyle(el).writingMode.startsWith('vertical');
          const cut = vertical ? el.scrollHeight > el.clientHeight + 1 : el.scrollWidth > el.clientWidth + 1;
          return { text: el.textContent, left: r.left, top: r.top, right, bottom, cut };
        }),
      );
      for (const b of boxes) {
        const where = `${b.text} (${zone}) at ${width}×${height}`;
        expect(b.left, where).toBeGreaterThanOrEqual(frame.x - 0.5);
        expect(b.top, where).toBeGreaterThanOrEqual(frame.y - 0.5);
        expect(b.right, where).toBeLessThanOrEqual(frame.x + frame.width + 0.5);
        expect(b.bottom, where).toBeLessThanOrEqual(frame.y + frame.height + 0.5);
        // Where the preview is of a usual size, every label reads in full.
        if (width === 1440) expect(b.cut, `${where} is cut short`).toBe(false);
      }
    }
  }
  if (SHOTS) await app.getByTestId('preview-canvas').locator('..').screenshot({ path: path.join(os.tmpdir(), 'pf-safe-zones.png') });

  await app.setViewportSize({ width: 1440, height: 900 });
  await app.getByTestId('export-button').click();
  await expect(app.getByTestId('export-res-canvas')).toHaveText('Canvas (1080×1920)');
});

test('example paths follow the host: paths of this host, inside the folder it allows', async ({ app }) => {
  test.skip(process.platform === 'darwin', 'the host is a Mac: its example paths are macOS paths');
  // A browser names paths only inside an allowed folder (`--allow-folder`): the examples are made from the first
  // one (the fixture's first is the fixtures folder), a real path of this host, never a macOS path. The OS-based
  // "e.g." examples of the app, which has no such folder, are host-os.test.ts's.
  const allowed = GOOD_DIR;
  await app.getByTestId('settings-nav').click();
  await expect(app.getByTestId('library-path-input')).toHaveAttribute('placeholder', path.join(allowed, 'Library'));
  await expect(app.getByTestId('delivery-folder-input')).toHaveAttribute('placeholder', path.join(allowed, 'Deliveries'));
  for (const input of await app.getByTestId('settings-screen').locator('input[placeholder]').all()) {
    expect(await input.getAttribute('placeholder')).not.toMatch(/\/Users\/|~\/Movies/);
  }
});
