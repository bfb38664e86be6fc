import { useEffect, useState } from 'react';
import { call, shell } from './client';

/**
 * The folders on the host a browser tab may name by path (`postframe serve --allow-folder`), from `app.info`,
 * asked once per page: they are fixed for a server's run. Empty until known, in Electron (which picks paths
 * with its own dialogs) and when none were allowed.
 */
let asked: Promise<string[]> | null = null;
let known: string[] | null = null;

export function useAllowedFolders(): string[] {
  const [folders, setFolders] = useState<string[]>(known ?? []);
  useEffect(() => {
    if (known || shell !== 'browser') return;
    let live = true;
    asked ??= call('app.info', {}).then(
      (info) => (known = info.allowedFolders ?? []),
      () => {
        asked = null; // ask again next time (the connection may have been down)
        return [];
      },
    );
    void asked.then((v) => live && setFolders(v));
    return () => {
      live = false;
    };
  }, []);
  return folders;
}
