import type { ConnectionStatus } from '../api/client';
import type { ImportFailure } from '../../../electron/model/job';
import { ToastTimers } from './toastTimers';
import type { SliceCreator } from './types';

export type Screen = 'library' | 'editor' | 'brand' | 'queue' | 'capture' | 'settings';
export type Theme = 'dark' | 'light';
export type ToastTone = 'info' | 'success' | 'error';
export type ToastAction = { label: string; run: () => void };
export type Toast = { id: number; message: string; tone: ToastTone; action?: ToastAction };

export type UiSlice = {
  screen: Screen;
  theme: Theme;
  toasts: Toast[];
  jobsOpen: boolean;
  connection: ConnectionStatus;
  /** Failed files of an import, shown in the "Details" dialog. */
  failureReport: ImportFailure[] | null;
  setScreen: (s: Screen) => void;
  setTheme: (t: Theme) => void;
  setJobsOpen: (open: boolean) => void;
  setConnection: (s: ConnectionStatus) => void;
  showToast: (toast: { message: string; tone?: ToastTone; action?: ToastAction; durationMs?: number }) => number;
  dismissToast: (id: number) => void;
  /** Holds every toast on screen while a person reads the stack (pointer over it or focus in it). */
  holdToasts: (held: boolean) => void;
  setFailureReport: (r: ImportFailure[] | null) => void;
};

const THEME_KEY = 'postframe.theme';

export function readStoredTheme(): Theme {
  try {
    return window.localStorage.getItem(THEME_KEY) === 'light' ? 'light' : 'dark';
  } catch {
    return 'dark';
  }
}

let toastSeq = 0;
const MAX_TOASTS = 4;

export const createUiSlice: SliceCreator<UiSlice> = (set, get) => {
  const timers = new ToastTimers((id) => get().dismissToast(id));
  return {
    screen: 'library',
    theme: readStoredTheme(),
    toasts: [],
    jobsOpen: false,
    connection: 'connecting',
    failureReport: null,
    setScreen: (screen) => set({ screen }),
    setTheme: (theme) => {
      try {
        window.localStorage.setItem(THEME_KEY, theme);
      } catch {
        // Private mode or a full disk: the theme still applies for this session.
      }
      set({ theme });
    },
    setJobsOpen: (jobsOpen) => set({ jobsOpen }),
    setConnection: (connection) => set({ connection }),
    showToast: ({ message, tone = 'info', action, durationMs }) => {
      const id = ++toastSeq;
      const toast: Toast = action ? { id, message, tone, action } : { id, message, tone };
      const kept = [...get().toasts, toast];
      // The oldest leave when the stack is full: their timers go with them.
      for (const gone of kept.slice(0, -MAX_TOASTS)) timers.cancel(gone.id);
      set({ toasts: kept.slice(-MAX_TOASTS) });
      timers.start(id, durationMs ?? (action ? 8000 : tone === 'error' ? 8000 : 4000));
      return id;
    },
    dismissToast: (id) => {
      timers.cancel(id);
      set((s) => (s.toasts.some((t) => t.id === id) ? { toasts: s.toasts.filter((t) => t.id !== id) } : s));
    },
    holdToasts: (held) => timers.hold(held),
    setFailureReport: (failureReport) => set({ failureReport }),
  };
};
