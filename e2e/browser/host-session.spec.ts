import { openSignedIn } from '../accounts-kit';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Page } from '@playwright/test';
import WebSocket from 'ws';
import path from 'node:path';
import { limitFor, settlesWithin } from '../limits';
import { expect, type Hosts, type Server, test } from '../serve';
import { SHOTS } from '../screenshots';

// Item 9 of issue 9, in a real browser: cookies ignore ports, so every server on 127.0.0.1 receives Postframe's
// session cookie. (a) A cookie replayed by another local server without the page key gets no API and no media:
// the page's keys live in its own origin's storage. (b) Two Postframes on two ports in one browser keep their own
// sessions. (c) Signing out ends the session's sockets in every tab; another browser must sign in (issue 13).

async function serve(hosts: Hosts, name: string): Promise<Server> {
  const { lib, home } = hosts.library(name);
  return hosts.start(lib, home);
}

/** The signed-in app shows this library in Settings (its API works): waited for, not read once. */
async function showsLibrary(page: Page, libraryPath: string): Promise<void> {
  await page.getByTestId('settings-nav').click();
  await expect(page.getByTestId('library-path')).toHaveText(libraryPath);
}

test('two Postframes on two ports keep their own sessions in one browser', async ({ context, hosts }) => {
  const a = await serve(hosts, 'Alpha');
  const b = await serve(hosts, 'Beta');
  const pageA = await context.newPage();
  await openSignedIn(pageA, a);
  await showsLibrary(pageA, a.libraryPath);
  const pageB = await context.newPage();
  await openSignedIn(pageB, b);
  await showsLibrary(pageB, b.libraryPath);

  // Signing in to B did not sign the browser out of A (one shared cookie name used to: B's replaced A's).
  await pageA.reload();
  await showsLibrary(pageA, a.libraryPath);
  const names = (await context.cookies('http://127.0.0.1/')).map((c) => c.name).sort();
  expect(names).toEqual([`pf_session_${new URL(a.url).port}`, `pf_session_${new URL(b.url).port}`].sort());
  // A second tab of A, opened without the link, finds the page keys A's first tab kept.
  const pageA2 = await context.newPage();
  await pageA2.goto(a.url);
  await showsLibrary(pageA2, a.libraryPath);
});

test('a cookie another local server receives and replays opens no API and no media', async ({ context, page, hosts }) => {
  const a = await serve(hosts, 'Alpha');
  await openSignedIn(page, a);
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
    // Each a round trip to the host: the fixed part of a step's limit, and named if the host never answers.
    const get = (p: string) =>
      settlesWithin(
        new Promise<number>((resolve, reject) => http.get(`${origin}${p}`, { headers: { cookie } }, (res) => resolve(res.resume().statusCode!)).once('error', reject)),
        limitFor({}),
        `the host to answer GET ${p}`,
      );
    expect(await get('/')).toBe(200);
    for (const p of ['/media/x/thumb', '/text/x.png', '/exports/x']) expect(await get(p), p).toBe(403);
    const upgrade = await settlesWithin(
      new Promise<string>((resolve) => {
        const ws = new WebSocket(`ws://127.0.0.1:${port}/api`, { headers: { cookie, origin } });
        ws.once('open', () => resolve('open'));
        ws.once('error', (e) => resolve(e.message));
      }),
      limitFor({}),
      'the host to answer the WebSocket upgrade',
    );
    expect(upgrade).toMatch(/403/);
    // Postframe's own page still works.
    await showsLibrary(page, a.libraryPath);
  } finally {
    await new Promise<void>((resolve) => other.close(() => resolve()));
  }
});

test('signing out in one tab ends the other tab\'s socket; a second browser must sign in', async ({ browser, context, hosts }) => {
  const a = await serve(hosts, 'Alpha');
  const tab1 = await context.newPage();
  await openSignedIn(tab1, a);
  await showsLibrary(tab1, a.libraryPath);
  // A second tab of the same browser shares the session (its keys in the origin's storage).
  const tab2 = await context.newPage();
  await tab2.goto(a.url);
  await showsLibrary(tab2, a.libraryPath);

  // Another browser (its own cookies and storage) gets the sign-in card, not the app and not its socket.
  const other = await browser.newContext();
  const stranger = await other.newPage();
  await stranger.goto(a.url);
  await expect(stranger.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
  await expect(stranger.getByTestId('library-nav')).toHaveCount(0);
  await other.close();

  // Signing out in tab 1 ends the session everywhere: tab 2's socket is closed and it says so, live.
  await tab1.getByTestId('account-button').click();
  await tab1.getByTestId('account-sign-out').click();
  await expect(tab1.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
  await expect(tab2.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
  // The server says why: this very session was signed out (the page only words the reason it is sent).
  await expect(tab2.getByTestId('auth-screen')).toContainText('You were signed out in this browser.');
  await expect(tab2.getByTestId('library-nav')).toHaveCount(0);
  if (SHOTS) await tab2.screenshot({ path: path.join(SHOTS, 'signed-out.png') });
  // A reload does not bring it back: the old cookie opens nothing.
  await tab2.reload();
  await expect(tab2.getByTestId('auth-screen')).toHaveAttribute('data-route', 'sign-in');
});
