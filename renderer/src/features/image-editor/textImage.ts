import { useEffect, useState } from 'react';
import type { TextLayerImage } from '../../../../electron/model/draft-record';
import type { ImageTextLayer } from '../../../../electron/model/image-draft';
import { call } from '../../api/client';
import { textLayerUrl } from '../../api/media';

/**
 * A text layer's picture from the engine's text rasteriser (`text.render`): the same PNG, at the canvas's size,
 * that video titles use. Requests are shared by key, and the last picture stays up while the next one is drawn,
 * so typing and restyling never flash.
 */
export type TextPicture = TextLayerImage & { url: string };

const cache = new Map<string, Promise<TextPicture>>();
const CACHE_MAX = 300;

export function textPictureKey(canvas: { width: number; height: number }, l: ImageTextLayer): string {
  return JSON.stringify([canvas.width, canvas.height, l.text, l.style, l.maxWidth]);
}

function request(canvas: { width: number; height: number }, l: ImageTextLayer): Promise<TextPicture> {
  const key = textPictureKey(canvas, l);
  let p = cache.get(key);
  if (!p) {
    // Drawn at the centre; the canvas places it at the layer's centre, so moving never asks for a new picture.
    p = call('text.render', { canvas, text: { text: l.text, style: l.style, x: 0.5, y: 0.5, maxWidth: Math.max(0.1, l.maxWidth) } }).then((img) => ({ ...img, url: textLayerUrl(img.key) }));
    p.catch(() => cache.delete(key));
    cache.set(key, p);
    if (cache.size > CACHE_MAX) cache.delete(cache.keys().next().value!);
  }
  return p;
}

export function useTextPicture(canvas: { width: number; height: number }, layer: ImageTextLayer): { picture: TextPicture | null; error: string | null } {
  const key = textPictureKey(canvas, layer);
  const [state, setState] = useState<{ picture: TextPicture | null; error: string | null }>({ picture: null, error: null });
  useEffect(() => {
    let live = true;
    request(canvas, layer).then(
      (picture) => live && setState({ picture, error: null }),
      (e: unknown) => live && setState((s) => ({ picture: s.picture, error: e instanceof Error ? e.message : String(e) })),
    );
    return () => {
      live = false;
    };
    // The key holds everything that changes the picture.
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [key]);
  return state;
}
