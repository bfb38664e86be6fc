import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import { GOOD_DIR } from '../../scripts/fixtures';
import { expect, startServe, test, type Server } from '../serve';

// Item 9 of issue 9, in a real browser: cookies ignore ports, so every server on 127.0.0.1 receives Postframe's
// session cookie. (a) A cookie replayed by another local server gets no API and no media: the page's keys live in
// its own origin's storage. (b) Two Postframes on two ports in one browser keep their own sessions. (c) A tab
// whose server was restarted says it is signed out and stops, instead of reconnecting forever.

let tmp: string;
const servers: Server[] = [];

async function serve(name: string, extraArgs: string[] = []): Promise<Server> {
  const lib = path.join(tmp, name);
  const home = path.join(tmp, 'home');
  if (!fs.existsSync(lib)) execFileSync(process.execPath, ['bin/postframe.mjs', 'library', 'init', lib], { env: { ...process.env, POSTFRAME_HOME: home } });
  const s = await startServe(lib, home, extraArgs);
  servers.push(s);
  return s;
}

test.beforeEach(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'pf-e2e-session-'));
});
test.afterEach(async () => {
  for (const s of servers.splice(0)) await s.stop();
  fs.rmSync(tmp, { recursive: true, force: true });
});

/** The library's folder name as the signed-in app shows it in Settings (its API works). */
async function shownLibrary(page: Page): Promise<string> {
  await page.getByTestId('settings-nav').click();
  return (await page.getByTestId('library-path').textContent()) ?? '';
}

test('two Postframes on two ports keep their own sessions in one browser', async ({ context }) => {
  const a = await serve('Alpha');
  const b = await serve('Beta');
  const pageA = await context.newPage();
  await pageA.goto(a.openUrl);
  expect(await shownLibrary(pageA)).toBe(a.libraryPath);
  const pageB = await context.newPage();
  await pageB.goto(b.openUrl);
  expect(await shownLibrary(pageB)).toBe(b.libraryPath);

  // Signing in to B did not sign the browser out of A (one shared cookie name used to: B's replaced A's).
  await pageA.reload();
  expect(await shownLibrary(pageA)).toBe(a.libraryPath);
  const names = (await context.cookies('http://127.0.0.1/')).map((c) => c.name).sort();
  expect(names).toEqual([`pf_session_${new URL(a.url).port}`, `pf_session_${new URL(b.url).port}`].sort());
  // A second tab of A, opened without the link, finds the page keys A's first tab kept.
  const pageA2 = await context.newPage();
  await pageA2.goto(a.url);
  expect(await shownLibrary(pageA2)).toBe(a.libraryPath);
});

test('a cookie another local server receives and replays opens no API and no media', async ({ context, page }) => {
  const a = await serve('Alpha');
  await page.goto(a.openUrl);
  await expect(page.getByTestId('library-screen')).toBeVisible();
  const port = Number(new URL(a.url).port);

  // Another server on this machine, on another port: the browser sends it Postframe's cookie.
  let received = '';
  const other = http.createServer((req, res) => {
    received = req.headers.cookie ?? '';
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><title>another local app</title>');
  });
  await new Promise<void>((resolve) => other.listen(0, '127.0.0.1', resolve));
  try {
    const otherUrl = `http://127.0.0.1:${(other.address() as AddressInfo).port}/`;
    const visit = await context.newPage();
    await visit.goto(otherUrl);
    expect(received).toMatch(/pf_session/);
    // That page cannot read the keys Postframe's page keeps: storage is per origin, port included.
    expect(await visit.evaluate(() => localStorage.getItem('postframe.hostKeys'))).toBeNull();

    // Replayed with every header a browser would send, the cookie gets the shell, and nothing else.
    const cookie = received.split(';').map((c) => c.trim()).find((c) => c.startsWith('pf_session'))!;
    const origin = `http://127.0.0.1:${port}`;
    const get = (p: string) => new Promise<number>((resolve) => http.get(`${origin}${p}`, { headers: { cookie } }, (res) => resolve(res.resume().statusCode!)));
    expect(await get('/')).toBe(200);
    for (const p of ['/media/x/thumb', '/text/x.png', '/exports/x']) expect(await get(p), p).toBe(403);
    const upgrade = await new Promise<string>((resolve) => {
      const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { cookie, origin } });
      ws.once('open', () => resolve('open'));
      ws.once('error', (e) => resolve(e.message));
    });
    expect(upgrade).toMatch(/403/);
    // Postframe's own page still works.
    expect(await shownLibrary(page)).toBe(a.libraryPath);
  } finally {
    await new Promise<void>((resolve) => other.close(() => resolve()));
  }
});

test('a tab whose server was restarted says it is signed out and stops; an upload then fails with the same words', async ({ page }) => {
  const signedOut = 'This tab is no longer signed in to Postframe (the server was restarted or the link was used elsewhere). Open the link printed by postframe serve.';
  const first = await serve('Alpha');
  const consoleErrors: string[] = [];
  page.on('pageerror', (e) => consoleErrors.push(String(e)));
  await page.goto(first.openUrl);
  expect(await shownLibrary(page)).toBe(first.libraryPath);
  await page.getByTestId('library-nav').click();

  // The same library on the same port, restarted: new cookie, new keys; the old tab's are no longer good.
  const port = new URL(first.url).port;
  await first.stop();
  servers.splice(servers.indexOf(first), 1);
  await serve('Alpha', ['--port', port]);

  const banner = page.getByTestId('connection-banner');
  await expect(banner).toHaveAttribute('data-state', 'signed-out');
  await expect(banner).toHaveText(signedOut);
  await expect(banner).toHaveAttribute('role', 'alert');
  if (process.env.POSTFRAME_SCREENSHOTS) await page.screenshot({ path: path.join(process.env.POSTFRAME_SCREENSHOTS, 'signed-out.png') });

  // An upload started now does not sit at 0 B: it fails at once, saying why.
  await page.getByTestId('import-file-input').setInputFiles(path.join(GOOD_DIR, 'logo.png'));
  await expect(page.getByTestId('toast').last()).toContainText(signedOut);
  await expect(page.getByTestId('import-progress')).toHaveCount(0);
  // It stays signed out (no reconnecting): the banner is the same after another look.
  await expect(banner).toHaveAttribute('data-state', 'signed-out');
  expect(consoleErrors).toEqual([]);
});
