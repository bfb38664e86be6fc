import type { TextClip } from '../../../../../electron/model/draft';
import type { TextLayerImage } from '../../../../../electron/model/draft-record';
import { call } from '../../../api/client';
import { textLayerUrl } from '../../../api/media';

/**
 * Rasterised text layers for the preview: the engine renders each text clip once (sharp, SVG → PNG, the very
 * image the export overlays) and the preview draws that PNG at its (left, top). Keyed by everything that
 * changes the picture, so editing the text fetches a new image and moving back reuses the old one.
 */
export type TextEntry = { status: 'loading' | 'ready' | 'error'; layer: TextLayerImage | null; img: HTMLImageElement | null };

export function textKey(canvas: { width: number; height: number }, c: TextClip): string {
  return JSON.stringify([canvas.width, canvas.height, c.text, c.style, c.x, c.y, c.maxWidth]);
}

export class TextLayerCache {
  private entries = new Map<string, TextEntry>();
  constructor(private onReady: () => void) {}

  get(canvas: { width: number; height: number }, c: TextClip): TextEntry {
    const key = textKey(canvas, c);
    let e = this.entries.get(key);
    if (e) return e;
    e = { status: 'loading', layer: null, img: null };
    this.entries.set(key, e);
    const entry = e;
    call('text.render', { canvas: { width: canvas.width, height: canvas.height }, text: { text: c.text, style: c.style, x: c.x, y: c.y, maxWidth: c.maxWidth } })
      .then((layer) => {
        const img = new Image();
        img.decoding = 'async';
        img.onload = () => {
          entry.layer = layer;
          entry.img = img;
          entry.status = 'ready';
          this.onReady();
        };
        img.onerror = () => {
          entry.status = 'error';
          this.onReady();
        };
        img.src = textLayerUrl(layer.key);
      })
      .catch(() => {
        entry.status = 'error';
        // Let a later draw try again (the connection may come back).
        setTimeout(() => this.entries.delete(key), 2000);
        this.onReady();
      });
    // Keep the cache small: text being typed produces a new key per keystroke.
    if (this.entries.size > 200) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined && oldest !== key) this.entries.delete(oldest);
    }
    return e;
  }
}
