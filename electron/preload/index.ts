import { contextBridge, ipcRenderer, webUtils, type IpcRendererEvent } from 'electron';
import type { CallResult, EventName } from '../api/contract';
import { BRIDGE_KEY, IPC_AUTH_CHANNEL, IPC_CALL_CHANNEL, IPC_CHOOSE_SCREEN_CHANNEL, IPC_CHUNK_CHANNEL, IPC_EVENT_CHANNEL, IPC_PICK_CHANNEL, IPC_REVEAL_EXPORT_CHANNEL, IPC_SCREENS_CHANNEL, type PreloadBridge, type ScreenSource } from '../api/transport';

/**
 * Sandboxed preload: exposes exactly the PreloadBridge as `window.postframe` and nothing else.
 * ipcRenderer itself never crosses the bridge; listeners receive (name, payload), never the IPC event.
 * Built as CommonJS (sandboxed preloads cannot be ES modules); see electron.vite.config.ts.
 */
const bridge: PreloadBridge = {
  call(name, input) {
    return ipcRenderer.invoke(IPC_CALL_CHANNEL, name, input) as Promise<CallResult<unknown>>;
  },
  onEvent(listener) {
    const handler = (_event: IpcRendererEvent, name: EventName, payload: unknown): void => listener(name, payload);
    ipcRenderer.on(IPC_EVENT_CHANNEL, handler);
    return () => {
      ipcRenderer.removeListener(IPC_EVENT_CHANNEL, handler);
    };
  },
  pathForFile(file) {
    try {
      return webUtils.getPathForFile(file);
    } catch {
      return '';
    }
  },
  pickPaths(options) {
    const opts = { directory: options.directory === true, multiple: options.multiple === true };
    return ipcRenderer.invoke(IPC_PICK_CHANNEL, opts) as Promise<string[] | null>;
  },
  sendRecordingChunk(id, seq, data) {
    // Copied into a plain Uint8Array: only the bytes cross, never an object from the page.
    return ipcRenderer.invoke(IPC_CHUNK_CHANNEL, String(id), Number(seq), new Uint8Array(data)) as ReturnType<PreloadBridge['sendRecordingChunk']>;
  },
  listScreens() {
    return ipcRenderer.invoke(IPC_SCREENS_CHANNEL) as Promise<ScreenSource[]>;
  },
  chooseScreen(id) {
    return ipcRenderer.invoke(IPC_CHOOSE_SCREEN_CHANNEL, String(id)) as Promise<boolean>;
  },
  revealExport(jobId) {
    return ipcRenderer.invoke(IPC_REVEAL_EXPORT_CHANNEL, String(jobId)) as Promise<boolean>;
  },
  auth(request) {
    // A plain copy: only data crosses, never an object from the page.
    return ipcRenderer.invoke(IPC_AUTH_CHANNEL, JSON.parse(JSON.stringify(request)) as unknown) as ReturnType<PreloadBridge['auth']>;
  },
};

contextBridge.exposeInMainWorld(BRIDGE_KEY, Object.freeze(bridge));
