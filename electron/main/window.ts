import path from 'node:path';
import { app, BrowserWindow, shell, type WebContents } from 'electron';
import { isAllowedExternalUrl, isAppUrl, type RendererTarget } from './trust';

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
  void win.loadURL(target.url);
  return win;
}

/**
 * Applied to every WebContents the app creates (app 'web-contents-created'), so nothing escapes it:
 * navigation away is refused, new windows are refused (https links open in the user's browser),
 * <webview> never attaches.
 */
export function guardWebContents(contents: WebContents, target: RendererTarget): void {
  contents.setWindowOpenHandler(({ url }) => {
    if (isAllowedExternalUrl(url)) void shell.openExternal(url);
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
