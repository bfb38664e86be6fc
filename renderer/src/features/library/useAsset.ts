import { useCallback, useEffect, useState } from 'react';
import type { Asset } from '../../../../electron/model/asset';
import { call, errorText, onEvent } from '../../api/client';

/** The full record of one asset, kept fresh by `assets.changed`. */
export function useAsset(id: string) {
  const [asset, setAsset] = useState<Asset | null>(null);
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const a = await call('assets.get', { id });
      setAsset(a);
      setError(null);
    } catch (e) {
      setError(errorText(e));
    }
  }, [id]);

  useEffect(() => {
    let live = true;
    call('assets.get', { id }).then(
      (a) => live && (setAsset(a), setError(null)),
      (e: unknown) => live && setError(errorText(e)),
    );
    const off = onEvent('assets.changed', (e) => {
      if (e.ids.includes(id)) void reload();
    });
    return () => {
      live = false;
      off();
    };
  }, [id, reload]);

  return { asset, error, setAsset, reload };
}
