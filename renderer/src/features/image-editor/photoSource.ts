import { useEffect, useRef, useState } from 'react';
import type { AssetSummary } from '../../../../electron/model/asset';
import { call } from '../../api/client';
import { textLayerUrl } from '../../api/media';
import { imageUrl } from '../brand/assets';
import { type PhotoRequest, photoRequestKey } from './photoRequest';

export { type PhotoRequest, photoRequest, photoRequestKey } from './photoRequest';

/**
 * How the canvas shows a photo layer or a photo background: THE one place that turns an asset and its edit into
 * something to draw. The picture is the compositor's own (`images.photo` with the layer's frame: the export's
 * pixels made smaller, docs/image-render.md), so crop, straighten, flip, adjustments and filters look on the
 * canvas as they will in the export. The bitmap fills the layer's box; the box's rotation is the layer's CSS.
 */

export type PhotoPicture = { key: string; url: string };

const cache = new Map<string, Promise<PhotoPicture>>();
const CACHE_MAX = 200;

function fetchPicture(r: PhotoRequest): Promise<PhotoPicture> {
  const k = photoRequestKey(r);
  let p = cache.get(k);
  if (!p) {
    p = call('images.photo', r).then((img) => ({ key: k, url: textLayerUrl(img.key) }));
    p.catch(() => cache.delete(k));
    cache.set(k, p);
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  }
  return p;
}

/** How long an edit must rest before the engine is asked to draw it (a slider's drag asks once it pauses). */
export const PHOTO_DEBOUNCE_MS = 150;

/**
 * The compositor's picture for a request. The last picture stays up while the next one is drawn (a slider drag
 * shows the last bitmap, stretched to the box while it resizes), and requests wait for the edit to rest. `stale`
 * says the picture shown is not yet the one asked for.
 */
export function usePhotoPicture(req: PhotoRequest | null): { picture: PhotoPicture | null; stale: boolean; error: string | null } {
  const key = req ? photoRequestKey(req) : null;
  const [state, setState] = useState<{ picture: PhotoPicture | null; error: string | null }>({ picture: null, error: null });
  const shown = useRef<string | null>(null);
  useEffect(() => {
    const r = req;
    if (!r || !key) return;
    let live = true;
    const run = () =>
      fetchPicture(r).then(
        (picture) => {
          if (!live) return;
          shown.current = picture.key;
          setState({ picture, error: null });
        },
        (e: unknown) => live && setState((s) => ({ picture: s.picture, error: e instanceof Error ? e.message : String(e) })),
      );
    // The first picture (and one already drawn) without waiting; later ones once the edit rests.
    const timer = shown.current === null || cache.has(key) ? null : setTimeout(() => void run(), PHOTO_DEBOUNCE_MS);
    if (!timer) void run();
    return () => {
      live = false;
      if (timer) clearTimeout(timer);
    };
    // The key holds everything that changes the picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return { picture: state.picture, stale: state.picture?.key !== key, error: state.error };
}

/** The original file, for the moment before the compositor's first picture arrives (no edit applied). */
export function originalUrl(asset: Pick<AssetSummary, 'id' | 'ext'>): string {
  return imageUrl(asset);
}
