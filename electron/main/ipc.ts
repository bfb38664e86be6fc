import { BrowserWindow, dialog, ipcMain, shell, type IpcMainInvokeEvent, type OpenDialogOptions } from 'electron';
import type { CallResult, EventName } from '../api/contract';
import { parseChunkArgs } from '../api/chunks';
import { type AppAuthAnswer, IPC_AUTH_CHANNEL, IPC_CALL_CHANNEL, IPC_CHUNK_CHANNEL, IPC_EVENT_CHANNEL, IPC_PICK_CHANNEL, IPC_REVEAL_EXPORT_CHANNEL } from '../api/transport';
import { isAppError } from '../model/errors';
import type { ChunkAck } from '../model/recording';
import { isAppUrl, type RendererTarget } from './trust';

export type Route = (name: unknown, input: unknown) => Promise<CallResult<unknown>>;
/** Takes one chunk of a take (Studio.appendRecordingChunk). */
export type ChunkSink = (id: string, seq: number, data: Uint8Array) => Promise<ChunkAck>;
/** Where a finished export's file is (Studio.locateExport): by job id, never a path from the page. */
export type ExportLocator = (jobId: string) => Promise<string | null>;

const UNAUTHORIZED: Extract<CallResult<never>, { ok: false }> = {
  ok: false,
  error: { code: 'unauthorized', message: 'This page is not allowed to use Postframe. Reload the app window.' },
};

const NOT_READY: Extract<CallResult<never>, { ok: false }> = {
  ok: false,
  error: { code: 'library_unavailable', message: 'The library is still opening. Try again in a moment.' },
};

/**
 * The IPC the renderer can reach (VS Code's validated ipcMain): calls, events, the file picker, recording chunks
 * (and capture.ts's screen picker);
 * every message must come from the main frame of a Postframe window showing the app's own page.
 * Sub-frames, foreign origins and destroyed frames are refused before anything is parsed.
 */
export function isTrustedSender(event: IpcMainInvokeEvent, target: RendererTarget): boolean {
  const frame = event.senderFrame;
  if (!frame || frame.isDestroyed()) return false;
  const main = event.sender.mainFrame;
  if (frame.parent !== null) return false;
  if (frame.processId !== main.processId || frame.routingId !== main.routingId) return false;
  if (!BrowserWindow.fromWebContents(event.sender)) return false;
  return isAppUrl(frame.url, target);
}

/** The app's sign-in (electron/main/app-session.ts), or null while no library is open. */
export type AuthHandler = (request: unknown) => Promise<AppAuthAnswer>;

export function registerIpc(target: RendererTarget, route: () => Route | null, chunks: () => ChunkSink | null, exports: () => ExportLocator | null, auth: () => AuthHandler | null): () => void {
  ipcMain.handle(IPC_AUTH_CHANNEL, async (event, request: unknown): Promise<AppAuthAnswer> => {
    if (!isTrustedSender(event, target)) return { ok: false, error: UNAUTHORIZED.error };
    const handle = auth();
    return handle ? handle(request) : { ok: false, error: NOT_READY.error };
  });

  ipcMain.handle(IPC_CALL_CHANNEL, async (event, name: unknown, input: unknown) => {
    if (!isTrustedSender(event, target)) {
      console.warn(`[ipc] refused call from ${event.senderFrame?.url ?? 'a destroyed frame'}`);
      return UNAUTHORIZED;
    }
    const r = route();
    return r ? r(name, input) : NOT_READY;
  });

  // Recording chunks: bytes never go through the API router, but they pass the same sender check.
  ipcMain.handle(IPC_CHUNK_CHANNEL, async (event, id: unknown, seq: unknown, data: unknown): Promise<CallResult<ChunkAck>> => {
    if (!isTrustedSender(event, target)) return UNAUTHORIZED;
    const args = parseChunkArgs(id, seq, data);
    if (!args) return { ok: false, error: { code: 'invalid_input', message: 'That recording chunk is not valid. Stop and record again.' } };
    const sink = chunks();
    if (!sink) return NOT_READY;
    try {
      return { ok: true, value: await sink(args.id, args.seq, args.data) };
    } catch (e) {
      if (isAppError(e)) return { ok: false, error: { code: e.code, message: e.message } };
      console.error('[ipc] recording chunk failed', e);
      return { ok: false, error: { code: 'internal', message: 'The recording could not be saved just now. Postframe will retry.' } };
    }
  });

  ipcMain.handle(IPC_PICK_CHANNEL, async (event, raw: unknown): Promise<string[] | null> => {
    if (!isTrustedSender(event, target)) return null;
    const opts = parsePickOptions(raw);
    const properties: OpenDialogOptions['properties'] = [opts.directory ? 'openDirectory' : 'openFile'];
    if (opts.multiple) properties.push('multiSelections');
    const dialogOptions: OpenDialogOptions = {
      title: opts.directory ? 'Choose a folder' : 'Choose files',
      properties,
    };
    const win = BrowserWindow.fromWebContents(event.sender);
    const result = win ? await dialog.showOpenDialog(win, dialogOptions) : await dialog.showOpenDialog(dialogOptions);
    return result.canceled || result.filePaths.length === 0 ? null : result.filePaths;
  });

  // Reveal in folder: the page names a job, the studio finds its file; the page never passes a path.
  ipcMain.handle(IPC_REVEAL_EXPORT_CHANNEL, async (event, jobId: unknown): Promise<boolean> => {
    if (!isTrustedSender(event, target) || typeof jobId !== 'string' || jobId.length === 0 || jobId.length > 64) return false;
    const locate = exports();
    const file = locate ? await locate(jobId) : null;
    if (!file) return false;
    shell.showItemInFolder(file);
    return true;
  });

  return () => {
    ipcMain.removeHandler(IPC_AUTH_CHANNEL);
    ipcMain.removeHandler(IPC_CALL_CHANNEL);
    ipcMain.removeHandler(IPC_REVEAL_EXPORT_CHANNEL);
    ipcMain.removeHandler(IPC_PICK_CHANNEL);
    ipcMain.removeHandler(IPC_CHUNK_CHANNEL);
  };
}

function parsePickOptions(raw: unknown): { directory: boolean; multiple: boolean } {
  if (typeof raw !== 'object' || raw === null) return { directory: false, multiple: false };
  const r = raw as Record<string, unknown>;
  return { directory: r.directory === true, multiple: r.multiple === true };
}

/** Pushes engine events to every app window whose page is the app's own. */
export function broadcastEvent(target: RendererTarget, name: EventName, payload: unknown): void {
  for (const win of BrowserWindow.getAllWindows()) {
    const wc = win.webContents;
    if (wc.isDestroyed() || !isAppUrl(wc.getURL(), target)) continue;
    wc.send(IPC_EVENT_CHANNEL, name, payload);
  }
}
