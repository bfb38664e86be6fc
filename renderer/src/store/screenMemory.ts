import type { Screen } from './uiSlice';

const KEY = 'postframe.screen';
const SCREENS: readonly Screen[] = ['library', 'editor', 'brand', 'queue', 'capture', 'settings'];

/**
 * The room kept for `user` in a stored value (`{"user": …, "screen": …}`), if it is theirs and a room: another
 * person signing in in the same tab starts in the Library, not in the room (and draft) of the one before.
 */
export function screenFrom(raw: string | null, user: string): Screen | null {
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as { user?: unknown; screen?: unknown };
    return v.user === user ? (SCREENS.find((s) => s === v.screen) ?? null) : null;
  } catch {
    return null;
  }
}

/**
 * The room this tab was in, kept for a reload (sessionStorage: per tab, gone with it). A reload in browser mode
 * landed on the Library, away from the draft being edited (walk #59); the Editor reopens its last draft.
 */
export function recalledScreen(user: string): Screen | null {
  try {
    return screenFrom(window.sessionStorage.getItem(KEY), user);
  } catch {
    return null;
  }
}

export function rememberScreen(user: string, screen: Screen): void {
  try {
    window.sessionStorage.setItem(KEY, JSON.stringify({ user, screen }));
  } catch {
    // Storage off: a reload starts in the Library, as before.
  }
}
