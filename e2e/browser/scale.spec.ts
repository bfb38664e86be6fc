import { openSignedIn } from '../accounts-kit';
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { limitFor, testLimit, waitStep } from '../limits';
import { expect, startServe, test, type Server } from '../serve';

/**
 * A library of 20,000 assets: the grid stays virtual (a bounded number of cells in the DOM wherever you
 * are), reaches the last asset from the keyboard, selects all of them, and search narrows it as you type.
 */
const N = 20_000;
let server: Server;
let tmp: string;

test.beforeAll(async () => {
  test.setTimeout(testLimit({ rows: N }));
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-scale-'));
  const lib = path.join(tmp, 'Library');
  const home = path.join(tmp, 'home');
  // A synchronous child blocks the worker (no test limit can stop it), so it gets its own limit.
  await waitStep(`seed a library of ${N} assets`, { rows: N }, async (timeout) =>
    execFileSync(process.execPath, ['--import', 'tsx', 'scripts/seed-library.ts', lib, String(N)], { env: { ...process.env, POSTFRAME_HOME: home }, timeout }),
  );
  server = await startServe(lib, home);
});

test.afterAll(async () => {
  await server?.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

test('20,000 assets: a virtual grid, keyboard to the end, select all, search', async ({ page }) => {
  // Each bulk step reads the whole library at most a few times.
  test.setTimeout(testLimit({ rows: 4 * N }));
  const bulk = limitFor({ rows: N });
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await openSignedIn(page, server);
  const live = N - Math.floor(N / 97); // the seeder puts every 97th asset in the trash
  const count = page.getByTestId('result-count');
  await expect(count).toHaveText(`${live.toLocaleString('en-US')} items`, { timeout: bulk });

  const cells = page.getByTestId('asset-cell');
  await expect(cells.first()).toBeVisible();
  expect(await cells.count()).toBeLessThan(400);

  await cells.first().click();
  await page.keyboard.press('End');
  await expect(page.locator(`[data-testid="asset-cell"][data-index="${live - 1}"]`)).toBeFocused({ timeout: bulk });
  expect(await cells.count()).toBeLessThan(400);

  await page.keyboard.press('Control+a');
  await expect(page.getByTestId('selection-count')).toHaveText(`${live.toLocaleString('en-US')} selected`, { timeout: bulk });
  await page.keyboard.press('Escape');

  const search = page.getByTestId('search-input');
  await search.fill('glac');
  await expect(count).not.toHaveText(`${live.toLocaleString('en-US')} items`);
  const narrowed = Number((await count.textContent())!.replace(/\D/g, ''));
  expect(narrowed).toBeGreaterThan(0);
  expect(narrowed).toBeLessThan(live);
  for (const name of await cells.evaluateAll((els) => els.slice(0, 20).map((e) => e.getAttribute('data-name') ?? ''))) {
    expect(name.toLowerCase()).toMatch(/\bglac/);
  }
  expect(errors).toEqual([]);
});
