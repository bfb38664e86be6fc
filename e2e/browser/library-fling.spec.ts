import { openSignedIn } from '../accounts-kit';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { limitFor, testLimit, waitStep } from '../limits';
import { expect, startServe, test, type Server } from '../serve';

/**
 * A library grid flung through (docs/performance.md "Tile pictures held back while flung"): rows that fly past do
 * not ask for their pictures, and wherever the grid comes to rest, every picture in view shows. Scrolled at a
 * browsing pace, pictures load as rows come in and none waits.
 */
const N = 1500;
let server: Server;
let tmp: string;

test.beforeAll(async () => {
  test.setTimeout(testLimit({ rows: N, files: 2 }));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-fling-'));
  const lib = path.join(tmp, 'Library');
  const home = path.join(tmp, 'home');
  await waitStep(`seed a library of ${N} assets with pictures`, { rows: N, files: 2 }, async (timeout) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-library.ts', lib, String(N), '--pictures'], { env: { ...process.env, POSTFRAME_HOME: home }, timeout }),
  );
  server = await startServe(lib, home);
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** Cells in the grid's view: how many, how many show their picture, how many wait for it (audio has none). */
const IN_VIEW = `(() => {
  const view = document.querySelector('.grid-scroll').getBoundingClientRect();
  const cells = [...document.querySelectorAll('[data-testid="asset-cell"]')].filter((c) => { const b = c.getBoundingClientRect(); return b.bottom > view.top + 1 && b.top < view.bottom - 1; });
  return {
    cells: cells.length,
    shown: cells.filter((c) => c.querySelector('.cell__placeholder') || c.querySelector('.cell__img--loaded')).length,
    waiting: cells.filter((c) => c.querySelector('[data-testid="cell-picture-waiting"]')).length,
  };
})()`;

async function inView(page: Page): Promise<{ cells: number; shown: number; waiting: number }> {
  return page.evaluate(IN_VIEW);
}

async function openGrid(page: Page): Promise<void> {
  await openSignedIn(page, server);
  await expect(page.getByTestId('asset-cell').first()).toBeVisible({ timeout: limitFor({ rows: N }) });
  await expect.poll(async () => (await inView(page)).shown, { timeout: limitFor({ files: 2 }) }).toBeGreaterThan(0);
  await page.evaluate(`(() => {
    window.__waited = 0;
    window.__flewPast = 0;
    const count = (n, sel) => n.querySelectorAll(sel).length + (n.matches(sel) ? 1 : 0);
    new MutationObserver((ms) => {
      for (const m of ms) for (const n of m.addedNodes) if (n instanceof Element) {
        window.__waited += count(n, '[data-testid="cell-picture-waiting"]');
      }
      for (const m of ms) for (const n of m.removedNodes) if (n instanceof Element) window.__flewPast += count(n, '[data-testid="cell-picture-waiting"]');
    })
      .observe(document.querySelector('.grid'), { childList: true, subtree: true });
  })()`);
}

test('a flung grid holds pictures back while rows fly past and shows every picture in view once at rest', async ({ page }) => {
  test.setTimeout(testLimit({ rows: N, files: 4 }));
  await openGrid(page);
  const box = (await page.getByTestId('asset-grid').boundingBox())!;
  const cdp = await page.context().newCDPSession(page);
  // A fling: 100 px a frame at 60 Hz, ~7 screens a second (a mouse wheel turned briskly is 1–2), each event sent on
  // time without waiting for the page to take the one before (as a hand on a wheel does).
  const sent: Promise<unknown>[] = [];
  const start = Date.now();
  for (let i = 0; i < 150; i++) {
    await new Promise((r) => setTimeout(r, Math.max(0, start + (i * 1000) / 60 - Date.now())));
    sent.push(cdp.send('Input.dispatchMouseEvent', { type: 'mouseWheel', x: box.x + box.width / 2, y: box.y + 200, deltaX: 0, deltaY: 100 }));
  }
  await Promise.all(sent);
  await cdp.detach();
  const scrolled = await page.evaluate<number>(`document.querySelector('.grid-scroll').scrollTop`);
  expect(scrolled).toBeGreaterThan(5000);
  // Rows mounted while it flew past waited for their pictures…
  expect(await page.evaluate<number>('window.__waited')).toBeGreaterThan(0);
  // …and once at rest, every picture in view shows, none waits.
  await expect.poll(async () => inView(page), { timeout: limitFor({ files: 4 }) }).toEqual(expect.objectContaining({ waiting: 0 }));
  await expect.poll(async () => { const v = await inView(page); return v.cells > 0 && v.shown === v.cells; }, { timeout: limitFor({ files: 4 }) }).toBe(true);
  // Rows went out of view without ever asking for their pictures (docs/performance.md: on the bench's fling through
  // 2,000 assets, ~100 pictures asked for instead of ~1,700).
  expect(await page.evaluate<number>('window.__flewPast')).toBeGreaterThan(0);
});

test('scrolled at a browsing pace, pictures load as rows come in and none waits', async ({ page }) => {
  test.setTimeout(testLimit({ rows: N, files: 4 }));
  await openGrid(page);
  const grid = page.locator('.grid-scroll');
  await grid.hover();
  for (let i = 0; i < 12; i++) {
    const before = await grid.evaluate((el) => el.scrollTop);
    await page.mouse.wheel(0, 100);
    await expect.poll(() => grid.evaluate((el) => el.scrollTop)).toBeGreaterThan(before);
    // A notch every ~150 ms or slower: under a screen a second.
    await page.waitForTimeout(150);
  }
  expect(await page.evaluate<number>('window.__waited')).toBe(0);
  await expect.poll(async () => { const v = await inView(page); return v.cells > 0 && v.shown === v.cells; }, { timeout: limitFor({ files: 4 }) }).toBe(true);
});
