import { useEffect, useState } from 'react';
import type { HostOs } from '../../../electron/model/host-os';
import { call } from './client';

/**
 * The OS of the machine the engine runs on, from `app.info` (asked once per page): in browser mode the folders a
 * person types are on the host, so example paths follow the host, not the browser's own system. Null until known.
 */
let asked: Promise<HostOs | null> | null = null;
let known: HostOs | null = null;

export function useHostOs(): HostOs | null {
  const [os, setOs] = useState<HostOs | null>(known);
  useEffect(() => {
    if (known) return;
    let live = true;
    asked ??= call('app.info', {}).then(
      (info) => (known = info.os),
      () => {
        asked = null; // ask again next time (the connection may have been down)
        return null;
      },
    );
    void asked.then((v) => live && v && setOs(v));
    return () => {
      live = false;
    };
  }, []);
  return os;
}
