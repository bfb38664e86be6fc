import path from 'node:path';
import { app, BrowserWindow, dialog, safeStorage, session, utilityProcess } from 'electron';
import { defaultLibraryPath } from '../paths';
import { SettingsStore } from '../settings';
import { inBackground } from '../model/background';
import { Studio, fileKeyProvider } from '../studio';
import { installProcessGuards } from '../studio/process-guards';
import { installScreenCapture } from './capture';
import { installCspHeader } from './csp';
import { AppSession, SIGN_IN_FIRST } from './app-session';
import { keychainKeyProvider } from './keychain-key';
import { broadcastEvent, registerIpc, type Route } from './ipc';
import { installAppMenu } from './menu';
import { installPermissionHandlers } from './permissions';
import { handleMediaProtocol, registerMediaScheme } from './protocol';
import { utilityRecognizerSpawner } from './recognizer-spawner';
import { utilityProcessSpawner } from './text-worker-spawner';
import { resolveRendererTarget } from './trust';
import { createMainWindow, installGlobalGuards } from './window';

/**
 * Electron lifecycle. Order matters:
 *  1. before ready: user-data override (tests), single-instance lock, privileged `media:` scheme, sandbox;
 *  2. on ready: session hardening (permissions, CSP header, media protocol), IPC, studio, window;
 *  3. on quit: the studio closes (which stops every ffmpeg process) before the process exits.
 */

// Tests and portable runs point the app at a fresh folder; must happen before anything reads userData.
const userDataOverride = process.env.POSTFRAME_USER_DATA;
if (userDataOverride) app.setPath('userData', path.resolve(userDataOverride));

// Last resorts (studio/process-guards.ts): an unhandled rejection is logged and the app goes on; an uncaught
// exception stops every ffmpeg at once, closes the library and quits with code 1.
installProcessGuards({
  write: (text) => process.stderr.write(text),
  exit: (code) => {
    if (app.isPackaged) dialog.showErrorBox('Postframe stopped', 'An unexpected error stopped Postframe. Your saved work is kept; start Postframe again.');
    app.exit(code);
  },
  open: () => Studio.openStudios(),
});

app.enableSandbox();
registerMediaScheme();

const target = resolveRendererTarget({
  isPackaged: app.isPackaged,
  devServerUrl: process.env.ELECTRON_RENDERER_URL,
  indexHtmlPath: path.join(import.meta.dirname, '../renderer/index.html'),
});

let studio: Studio | null = null;
const appSession = new AppSession();
let route: Route | null = null;
let stopEvents: (() => void) | null = null;
let mainWindow: BrowserWindow | null = null;
let shutdown: Promise<void> | null = null;
let closed = false;

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    if (!mainWindow || mainWindow.isDestroyed()) return;
    if (mainWindow.isMinimized()) mainWindow.restore();
    mainWindow.focus();
  });
  installGlobalGuards(target);
  app.whenReady().then(start, (e: unknown) => fail(e));
}

async function start(): Promise<void> {
  try {
    const ses = session.defaultSession;
    installPermissionHandlers(ses, target);
    installCspHeader(ses, target);
    handleMediaProtocol(ses, (id, variant) => (studio ? studio.resolveMedia(id, variant) : Promise.resolve(null)), target, {
      text: (key) => (studio ? studio.resolveTextLayer(key) : Promise.resolve(null)),
      exports: (jobId, output) => (studio ? studio.resolveExport(jobId, output) : Promise.resolve(null)),
      fonts: (fontId) => (studio ? studio.resolveFont(fontId) : Promise.resolve(null)),
    });
    registerIpc(
      target,
      () => route,
      () => (studio ? (id, seq, data) => studio!.appendRecordingChunk(id, seq, data) : null),
      () => (studio ? (jobId) => studio!.locateExport(jobId) : null),
      () => (studio ? (request) => appSession.handle(studio!, request) : null),
    );
    installScreenCapture(ses, target);
    installAppMenu({ dev: !app.isPackaged });

    studio = await openStudio();
    const opened = studio;
    // A personal library: the app acts as its owner; a team library asks who you are (main/app-session.ts).
    route = async (name, input) => {
      const caller = appSession.callerIn(opened);
      return caller ? opened.route(name, input, caller) : SIGN_IN_FIRST;
    };
    stopEvents = studio.onEvent((name, payload) => broadcastEvent(target, name, payload));
    // Due posts are exported while the app runs; the first pass catches up on what came due while it was closed.
    inBackground('the scheduler could not start', studio.startScheduler(), studio.log);

    mainWindow = createMainWindow(target);
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) mainWindow = createMainWindow(target);
    });
  } catch (e) {
    fail(e);
  }
}

/** The last library the user opened (the studio keeps the recent list), else the default one — created on first run. */
async function openStudio(): Promise<Studio> {
  const settingsDir = app.getPath('userData');
  const base = {
    settingsDir,
    shell: 'electron' as const,
    resourcesPath: app.isPackaged ? process.resourcesPath : path.join(app.getAppPath(), 'resources'),
    // The text rasteriser as a utility process: packaged Electron cannot fork itself as Node (RunAsNode is off).
    textWorkerSpawner: utilityProcessSpawner((file, args, options) => utilityProcess.fork(file, args, options)),
    // The speech recogniser (auto-captions) likewise: whisper.cpp runs in its own utility process.
    recognizerSpawner: utilityRecognizerSpawner((file, args, options) => utilityProcess.fork(file, args, options)),
    // The key that signs the audit head and seals secrets, wrapped by the OS keychain (main/keychain-key.ts).
    secretKey: keychainKeyProvider(settingsDir, safeStorage, fileKeyProvider(settingsDir)),
  };
  const last = new SettingsStore(settingsDir).lastLibrary();
  if (last) {
    try {
      return await Studio.open({ ...base, libraryPath: last, createLibrary: false });
    } catch (e) {
      console.warn(`[main] could not reopen ${last}; opening the default library instead:`, e);
    }
  }
  return Studio.open({ ...base, libraryPath: defaultLibraryPath(settingsDir), createLibrary: true });
}

function fail(e: unknown): void {
  console.error('[main] Postframe could not start:', e);
  if (app.isPackaged) {
    const message = e instanceof Error ? e.message : String(e);
    dialog.showErrorBox('Postframe could not start', `${message}\n\nCheck that the library folder is reachable and writable, then start Postframe again.`);
  }
  app.exit(1);
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});

// Quitting waits for the studio to close (jobs stop, ffmpeg processes are killed, SQLite is closed).
app.on('will-quit', (event) => {
  if (closed) return;
  event.preventDefault();
  shutdown ??= (async () => {
    stopEvents?.();
    stopEvents = null;
    route = null;
    const s = studio;
    studio = null;
    try {
      await s?.close();
    } catch (e) {
      console.error('[main] error while closing the studio:', e);
    }
  })();
  void shutdown.finally(() => {
    closed = true;
    app.quit();
  });
});

for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => app.quit());
