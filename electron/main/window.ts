import path from 'node:path';
import { app, BrowserWindow, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl, isAppUrl, type RendererTarget } from './trust';
import { inBackground } from '../model/background';

/** The secure preferences every Postframe window gets (tested in e2e/electron/app.spec.ts). */
export function secureWebPreferences(preloadPath: string): Electron.WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    webviewTag: false,
    spellcheck: false,
    experimentalFeatures: false,
    navigateOnDragDrop: false,
    safeDialogs: true,
    // Screen recordings draw the camera bubble on a timer while this window is hidden behind what is recorded.
    backgroundThrottling: false,
  };
}

export function preloadPath(): string {
  return path.join(import.meta.dirname, '../preload/index.cjs');
}

export function createMainWindow(target: RendererTarget): BrowserWindow {
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 960,
    minHeight: 600,
    show: false,
    title: 'Postframe',
    backgroundColor: '#111114',
    webPreferences: secureWebPreferences(preloadPath()),
  });
  guardWebContents(win.webContents, target);
  win.once('ready-to-show', () => win.show());
  // loadURL rejects when the load fails (a missing build, ERR_ABORTED): logged, never an unhandled rejection.
  inBackground(`the window could not load ${target.url}`, win.loadURL(target.url), (m, e) => console.error(`[main] ${m}:`, e));
  return win;
}

/**
 * Applied to every WebContents the app creates (app 'web-contents-created'), so nothing escapes it:
 * navigation away is refused, new windows are refused (https links open in the user's browser),
 * <webview> never attaches.
 */
export function guardWebContents(contents: WebContents, target: RendererTarget): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) inBackground('the link could not be opened', shell.openExternal(url), (m, e) => console.error(`[main] ${m}:`, e));
    return { action: 'deny' };
  });
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url, target)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!event.isMainFrame && !isAppUrl(event.url, target)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url, target)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}

export function installGlobalGuards(target: RendererTarget): void {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents, target));
}
