import { desktopCapturer, ipcMain, type Session } from 'electron';
import { IPC_CHOOSE_SCREEN_CHANNEL, IPC_SCREENS_CHANNEL, type ScreenSource } from '../api/transport';
import { isTrustedSender } from './ipc';
import { isAppUrl, type RendererTarget } from './trust';

/** A choice is for the getDisplayMedia() that follows it, not for one much later. */
const CHOICE_TTL_MS = 60_000;

/**
 * Screen recording in the app: Chromium's getDisplayMedia() has no picker inside Electron, so the Capture room
 * shows its own (sources from desktopCapturer over IPC), says which one was chosen, and then calls
 * getDisplayMedia(); this handler hands that source over once. Requests from anything but the app's own main
 * frame, or without a fresh choice, are refused. System sound is offered where Chromium can capture it
 * (Windows loopback); elsewhere the microphone is the sound.
 */
export function installScreenCapture(ses: Session, target: RendererTarget): () => void {
  let chosen: { id: string; at: number } | null = null;

  ipcMain.handle(IPC_SCREENS_CHANNEL, async (event): Promise<ScreenSource[]> => {
    if (!isTrustedSender(event, target)) return [];
    const sources = await desktopCapturer.getSources({ types: ['screen', 'window'], thumbnailSize: { width: 320, height: 180 }, fetchWindowIcons: false });
    return sources.map((s) => ({ id: s.id, name: s.name, kind: s.id.startsWith('screen:') ? 'screen' : 'window', thumbnail: s.thumbnail.isEmpty() ? '' : s.thumbnail.toDataURL() }));
  });

  ipcMain.handle(IPC_CHOOSE_SCREEN_CHANNEL, async (event, id: unknown): Promise<boolean> => {
    if (!isTrustedSender(event, target) || typeof id !== 'string' || id.length === 0 || id.length > 200) return false;
    chosen = { id, at: Date.now() };
    return true;
  });

  ses.setDisplayMediaRequestHandler((request, callback) => {
    const pick = chosen;
    chosen = null;
    const fromApp = request.frame !== null && request.frame.parent === null && isAppUrl(request.frame.url, target);
    if (!fromApp || !pick || Date.now() - pick.at > CHOICE_TTL_MS) {
      callback(null);
      return;
    }
    desktopCapturer.getSources({ types: ['screen', 'window'] }).then(
      (sources) => {
        const source = sources.find((s) => s.id === pick.id);
        if (!source) return callback(null);
        callback({ video: source, ...(request.audioRequested && process.platform === 'win32' ? { audio: 'loopback' as const } : {}) });
      },
      () => callback(null),
    );
  });

  return () => {
    ipcMain.removeHandler(IPC_SCREENS_CHANNEL);
    ipcMain.removeHandler(IPC_CHOOSE_SCREEN_CHANNEL);
    ses.setDisplayMediaRequestHandler(null);
  };
}
