import fs from 'node:fs';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { _electron, type ElectronApplication, type Page, expect, test as base } from '@playwright/test';
import type { PreloadBridge } from '../../electron/api/transport';
import { limitFor } from '../limits';

/**
 * Electron-mode specs: the real app (out/main + out/preload + out/renderer) on a fresh user-data folder
 * per test. They skip themselves where the Electron binary was not downloaded
 * (ELECTRON_SKIP_BINARY_DOWNLOAD=1); the browser-mode specs cover the UI there.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const require = createRequire(import.meta.url);

/**
 * Path of the Electron executable, or null when it was never downloaded. Reads node_modules/electron/path.txt
 * itself: `require('electron')` would try to download the binary when it is missing.
 */
function electronBinary(): string | null {
  try {
    const pkgDir = path.dirname(require.resolve('electron/package.json'));
    const pathFile = path.join(pkgDir, 'path.txt');
    if (!fs.existsSync(pathFile)) return null;
    const rel = fs.readFileSync(pathFile, 'utf8').trim();
    const distDir = process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(pkgDir, 'dist');
    const full = path.join(distDir, rel);
    return fs.existsSync(full) ? full : null;
  } catch {
    return null;
  }
}
const electronPath = electronBinary();
const electronBinaryExists = electronPath !== null;

type Fixtures = {
  electronApp: ElectronApplication;
  page: Page;
  /** Console errors and page errors seen so far; a test that expects some filters them itself. */
  consoleErrors: string[];
};

const test = base.extend<Fixtures>({
  // eslint-disable-next-line no-empty-pattern -- Playwright reads fixture dependencies from this pattern
  consoleErrors: async ({}, use) => {
    await use([]);
  },
  electronApp: async ({ consoleErrors }, use) => {
    const main = path.join(repoRoot, 'out/main/index.js');
    if (!fs.existsSync(main)) throw new Error('The app is not built: run "npm run build" first.');
    const userData = fs.mkdtempSync(path.join(os.tmpdir(), 'postframe-e2e-'));
    const app = await _electron.launch({
      executablePath: electronPath ?? 'electron-binary-missing',
      // Fake camera and microphone (Chromium switches), so the capture spec records without hardware.
      args: [...(process.getuid?.() === 0 ? ['--no-sandbox'] : []), '--use-fake-device-for-media-stream', repoRoot],
      cwd: repoRoot,
      env: { ...process.env, POSTFRAME_USER_DATA: userData, NODE_ENV: 'production', ELECTRON_RENDERER_URL: '' },
      // Starting Electron (and the engine inside it) is fixed work; the limit grows with the machine's slowness.
      timeout: limitFor({ baseMs: 60_000 }),
    });
    app.process().stderr?.on('data', (chunk: Buffer) => {
      const text = chunk.toString();
      if (/\[main\].*could not start/.test(text)) consoleErrors.push(text);
    });
    try {
      await use(app);
    } finally {
      await app.close().catch(() => app.process().kill('SIGKILL'));
      fs.rmSync(userData, { recursive: true, force: true });
    }
  },
  page: async ({ electronApp, consoleErrors }, use) => {
    const page = await electronApp.firstWindow();
    page.on('console', (msg) => {
      if (msg.type() === 'error') consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => consoleErrors.push(String(err)));
    await page.waitForLoadState('domcontentloaded');
    await use(page);
  },
});

test.skip(!electronBinaryExists, 'Electron binary not installed (ELECTRON_SKIP_BINARY_DOWNLOAD); run npm run build and install electron to run these');

const bridge = (page: Page) => page.evaluate(() => Object.keys((window as unknown as { postframe: PreloadBridge }).postframe).sort());

test('the window opens with secure web preferences and only the curated bridge', async ({ electronApp, page, consoleErrors }) => {
  const prefs = await electronApp.evaluate(({ BrowserWindow }) => {
    const win = BrowserWindow.getAllWindows()[0];
    if (!win) throw new Error('no window');
    const wc = win.webContents as unknown as { getLastWebPreferences(): Record<string, unknown> };
    const p = wc.getLastWebPreferences();
    return {
      contextIsolation: p.contextIsolation,
      sandbox: p.sandbox,
      nodeIntegration: p.nodeIntegration,
      nodeIntegrationInSubFrames: p.nodeIntegrationInSubFrames,
      webSecurity: p.webSecurity,
      webviewTag: p.webviewTag,
      spellcheck: p.spellcheck,
      allowRunningInsecureContent: p.allowRunningInsecureContent,
    };
  });
  expect(prefs).toEqual({
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    webviewTag: false,
    spellcheck: false,
    allowRunningInsecureContent: false,
  });
  // The page sees no Node and no ipcRenderer; only the curated bridge functions.
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual(['undefined', 'undefined']);
  expect(await bridge(page)).toEqual(['call', 'chooseScreen', 'listScreens', 'onEvent', 'pathForFile', 'pickPaths', 'revealExport', 'sendRecordingChunk']);
  // …and the bridge reaches the studio.
  const info = await page.evaluate(() => (window as unknown as { postframe: PreloadBridge }).postframe.call('app.info', {}));
  expect(info).toMatchObject({ ok: true, value: { shell: 'electron' } });
  expect(consoleErrors).toEqual([]);
});

test('the CSP blocks eval and new Function', async ({ page, consoleErrors }) => {
  const results = await page.evaluate(() => {
    const attempt = (fn: () => unknown) => {
      try {
        fn();
        return 'allowed';
      } catch (e) {
        return e instanceof Error ? e.name : 'blocked';
      }
    };
    return {
      // eslint-disable-next-line no-eval -- the point of the test: CSP must refuse it
      eval: attempt(() => (0, eval)('1 + 1')),
      // eslint-disable-next-line no-new-func, @typescript-eslint/no-implied-eval -- same, for the Function constructor
      fn: attempt(() => new Function('return 1')()),
    };
  });
  expect(results).toEqual({ eval: 'EvalError', fn: 'EvalError' });
  expect(consoleErrors.filter((e) => !/Content Security Policy|unsafe-eval/i.test(e))).toEqual([]);
});

test('window.open is denied and opens no window', async ({ electronApp, page, consoleErrors }) => {
  const opened = await page.evaluate(() => window.open('http://example.invalid/', '_blank') === null);
  expect(opened).toBe(true);
  expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  expect(electronApp.windows()).toHaveLength(1);
  expect(consoleErrors).toEqual([]);
});

test('navigating away is refused and the app page stays', async ({ electronApp, page, consoleErrors }) => {
  const appUrl = page.url();
  // Listen in the main process for the navigation attempt, then trigger it from the page.
  await electronApp.evaluate(({ BrowserWindow }) => {
    const wc = BrowserWindow.getAllWindows()[0]?.webContents;
    if (!wc) throw new Error('no window');
    (globalThis as unknown as { pfNav: Promise<string> }).pfNav = new Promise((resolve) => {
      wc.once('will-navigate', (event) => resolve(event.url));
    });
  });
  await page.evaluate(() => {
    window.location.href = 'http://example.invalid/elsewhere';
  });
  const attempted = await electronApp.evaluate(() => (globalThis as unknown as { pfNav: Promise<string> }).pfNav);
  expect(attempted).toBe('http://example.invalid/elsewhere');
  await expect(page.getByTestId('library-screen')).toBeVisible();
  expect(page.url()).toBe(appUrl);
  expect(await electronApp.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows()[0]?.webContents.getURL())).toBe(appUrl);
  expect(consoleErrors).toEqual([]);
});

test('the library screen renders on a fresh library', async ({ page, consoleErrors }) => {
  await expect(page.getByTestId('library-screen')).toBeVisible();
  await expect(page.getByTestId('empty-state')).toBeVisible();
  expect(consoleErrors).toEqual([]);
});

test('capture: the app page gets the camera and microphone, and chunks reach the engine over IPC', async ({ page, consoleErrors }) => {
  const outcome = await page.evaluate(async () => {
    const bridge = (window as unknown as { postframe: PreloadBridge }).postframe;
    const stream = await navigator.mediaDevices.getUserMedia({ video: true, audio: true });
    const tracks = stream.getTracks().map((t) => t.kind).sort();
    stream.getTracks().forEach((t) => t.stop());
    const started = (await bridge.call('recordings.start', { kind: 'camera', mimeType: 'video/webm' })) as { ok: boolean; value: { id: string } };
    const id = started.value.id;
    const first = await bridge.sendRecordingChunk(id, 0, new Uint8Array([1, 2, 3]));
    const retry = await bridge.sendRecordingChunk(id, 0, new Uint8Array([1, 2, 3]));
    const gap = await bridge.sendRecordingChunk(id, 5, new Uint8Array([1]));
    const bad = await bridge.sendRecordingChunk('../../etc', 0, new Uint8Array([1]));
    const geolocation = await navigator.permissions.query({ name: 'geolocation' }).then((p) => p.state);
    return { tracks, first, retry, gap, bad, geolocation };
  });
  expect(outcome.tracks).toEqual(['audio', 'video']);
  expect(outcome.first).toEqual({ ok: true, value: { status: 'taken', nextSeq: 1 } });
  expect(outcome.retry).toEqual({ ok: true, value: { status: 'duplicate', nextSeq: 1 } });
  expect(outcome.gap).toEqual({ ok: true, value: { status: 'gap', expected: 1 } });
  expect(outcome.bad).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  expect(outcome.geolocation).not.toBe('granted');
  expect(consoleErrors).toEqual([]);
});
