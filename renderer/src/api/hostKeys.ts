import { type HostKeys, parseHostKeys } from '../../../electron/api/transport';

/** Where the page keeps its keys: localStorage is per origin (port included), so no other local server reads it. */
export const HOST_KEYS_STORAGE = 'postframe.hostKeys';

type Place = { hash: string; pathname: string; search: string };

/**
 * The browser-mode page keys (docs/security.md, "Browser-mode sessions"). Signing in lands on
 * `/#pf-keys=<page>.<media>`: the keys are stored and the fragment is taken out of the address bar (and out of
 * history). Later loads of the page (a reload, a second tab) read them back. Null when the page has none.
 */
export function takeHostKeys(place: Place, storage: Pick<Storage, 'getItem' | 'setItem'> | null, replaceAddress: (url: string) => void): HostKeys | null {
  const fresh = parseHostKeys(place.hash);
  if (fresh) {
    try {
      storage?.setItem(HOST_KEYS_STORAGE, `${fresh.page}.${fresh.media}`);
    } catch {
      // Storage refused (a locked-down profile): the keys still serve this page until it is reloaded.
    }
    replaceAddress(`${place.pathname}${place.search}`);
    return fresh;
  }
  try {
    const kept = storage?.getItem(HOST_KEYS_STORAGE);
    return kept ? parseHostKeys(`#pf-keys=${kept}`) : null;
  } catch {
    return null;
  }
}
