import { create } from 'zustand';
import { type Permission, can } from '../../../electron/model/permissions';
import type { User } from '../../../electron/model/post';
import { call, errorText, onConnectionStatus, onEvent } from '../api/client';

/**
 * Who this page works as: the session's user (`session.me`), never a choice made in the page. The host fills
 * every call's actor from the same session, so this is only for showing (the header's account menu) and for
 * offering what the role allows; the host decides. `team`: the library has accounts with passwords.
 */
type MeState = {
  me: User | null;
  team: boolean;
  error: string | null;
  refresh: () => Promise<void>;
};

export const useMeStore = create<MeState>()((set) => ({
  me: null,
  team: false,
  error: null,
  refresh: () =>
    call('session.me', {}).then(
      ({ user, team }) => set({ me: user, team, error: null }),
      (e: unknown) => set({ me: null, error: errorText(e) }),
    ),
}));

/** The signed-in user, or null until known. */
export function useMe(): User | null {
  return useMeStore((s) => s.me);
}

/** Whether my role offers `permission` (for showing a button; the host decides). */
export function useMay(permission: Permission): boolean {
  return useMeStore((s) => s.me !== null && can(s.me.role, permission));
}

/** The same, read once (keyboard handlers). */
export function mayNow(permission: Permission): boolean {
  const me = useMeStore.getState().me;
  return me !== null && can(me.role, permission);
}

let started = false;

/** Reads who I am now and again whenever it may have changed: another library opened, the socket came back. */
export function startMe(): void {
  if (started) return;
  started = true;
  const refresh = () => void useMeStore.getState().refresh();
  refresh();
  onEvent('library.changed', refresh);
  onEvent('users.changed', refresh); // my role or channels changed
  onConnectionStatus((s) => {
    if (s === 'open') refresh();
  });
}
