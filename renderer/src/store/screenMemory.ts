import type { Screen } from './uiSlice';

const KEY = 'postframe.screen';
const SCREENS: readonly Screen[] = ['library', 'editor', 'brand', 'queue', 'capture', 'settings'];

/** A stored room name, if it is one (anything else, or nothing, is no room). */
export function screenFrom(raw: string | null): Screen | null {
  return SCREENS.find((s) => s === raw) ?? null;
}

/**
 * The room this tab was in, kept for a reload (sessionStorage: per tab, gone with it). A reload in browser mode
 * landed on the Library, away from the draft being edited (walk #59); the Editor reopens its last draft.
 */
export function recalledScreen(): Screen | null {
  try {
    return screenFrom(window.sessionStorage.getItem(KEY));
  } catch {
    return null;
  }
}

export function rememberScreen(screen: Screen): void {
  try {
    window.sessionStorage.setItem(KEY, screen);
  } catch {
    // Storage off: a reload starts in the Library, as before.
  }
}
