import type { TextClip } from '../../../../../../electron/model/draft';
import { call } from '../../../../api/client';
import type { TextMetrics } from './manipulateLogic';

/**
 * Sizes of text blocks for hit-testing and handles: the engine's own rasterisation (`text.render`, cached by
 * content on the engine side), asked once per content, not per position: moving a title changes only where the
 * same block sits, so a drag needs no request at all.
 */
const contentKey = (canvas: { width: number; height: number }, c: TextClip) => JSON.stringify([canvas.width, canvas.height, c.text, c.style, c.maxWidth]);

export class TextMetricsCache {
  private entries = new Map<string, TextMetrics | 'loading' | 'error'>();
  constructor(private onReady: () => void) {}

  get(canvas: { width: number; height: number }, c: TextClip): TextMetrics | null {
    const key = contentKey(canvas, c);
    const e = this.entries.get(key);
    if (e !== undefined) return typeof e === 'string' ? null : e;
    this.entries.set(key, 'loading');
    call('text.render', { canvas: { width: canvas.width, height: canvas.height }, text: { text: c.text, style: c.style, x: c.x, y: c.y, maxWidth: c.maxWidth } })
      .then((layer) => {
        // The block's centre relative to its top-left, as the engine placed it around (x, y).
        this.entries.set(key, { width: layer.width, height: layer.height, centerX: c.x * canvas.width - layer.left, centerY: c.y * canvas.height - layer.top });
        this.onReady();
      })
      .catch(() => {
        this.entries.set(key, 'error');
        // Ask again later (the connection may come back); until then the text cannot be clicked on the preview. The
        // boxes are worked out again then: nothing else may change meanwhile, and a title seen must not stay unpickable.
        setTimeout(() => {
          this.entries.delete(key);
          this.onReady();
        }, 2000);
      });
    if (this.entries.size > 100) {
      const oldest = this.entries.keys().next().value;
      if (oldest !== undefined && oldest !== key) this.entries.delete(oldest);
    }
    return null;
  }
}
