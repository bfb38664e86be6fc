import type { ClipLook } from '../../../../../electron/model/draft';
import type { CubeLut } from '../../../../../electron/model/cube-lut';
import { applyLookToPixels, hasColour, isIdentityLook, lookTable } from '../../../../../electron/model/look';
import type { ChromaKey } from '../../../../../electron/model/chroma-key';
import { applyChromaKeyToPixels } from '../../../../../electron/model/chroma-key-math';
import type { Drawable } from './draw';
import { editorLutSource, useImportedLooks } from '../importedLooks';

/**
 * The preview's side of a clip's look (docs/looks.md): the clip's whole picture drawn at about the size it is
 * shown (never larger than the source), then the look's pixel pass from model/look.ts (the export's table,
 * sampled trilinearly; vignette; a 3×3 unsharp). Only clips with a look pay for it. A still picture with the
 * same look and size is not redone.
 */

type Entry = { canvas: HTMLCanvasElement; tableKey: string; table: CubeLut | null; lastSource: CanvasImageSource | null; lastKey: string };
const entries = new Map<string, Entry>();
/** Clips whose looked picture is kept (the most recently drawn): a removed or long-unseen clip's canvas is let go. */
const MAX_ENTRIES = 24;
/** Preview pixels at most on the picture's longer side: bounds the per-pixel pass on big previews. */
const MAX_SIDE = 1280;

// The imported looks' version: a table that arrived since is built again with it.
const tableKeyOf = (look: ClipLook) => JSON.stringify([look.adjust.exposure, look.adjust.contrast, look.adjust.saturation, look.adjust.temperature, look.adjust.tint, look.lut, useImportedLooks.getState().version]);

/** The table for a look, or null when it cannot be built (an unknown LUT: the picture is shown without it). */
function tableFor(e: Entry, look: ClipLook): CubeLut | null {
  const key = tableKeyOf(look);
  if (e.tableKey !== key) {
    e.tableKey = key;
    try {
      e.table = hasColour(look) ? lookTable(look, editorLutSource) : null;
    } catch {
      e.table = null;
    }
  }
  return e.table;
}

/**
 * `d` with `look` then `key` (the chroma key, chroma-key-math.ts: the export's chromakey sum) applied, at `width`
 * preview pixels wide (the picture keeps its shape); `d` itself when neither changes anything. `still`: the
 * source does not change between frames (a photo).
 */
export function lookedDrawable(clipId: string, look: ClipLook | undefined, d: Drawable, width: number, still: boolean, key?: ChromaKey): Drawable {
  const looked = look && !isIdentityLook(look) ? look : null;
  if (!looked && !key) return d;
  const scale = Math.min(1, Math.max(1, width) / d.width, MAX_SIDE / Math.max(d.width, d.height));
  const w = Math.max(1, Math.round(d.width * scale));
  const h = Math.max(1, Math.round(d.height * scale));
  let e = entries.get(clipId);
  if (e) entries.delete(clipId);
  else e = { canvas: document.createElement('canvas'), tableKey: '', table: null, lastSource: null, lastKey: '' };
  // Re-inserted on every use, so the Map's first key is the least recently drawn clip.
  entries.set(clipId, e);
  if (entries.size > MAX_ENTRIES) entries.delete(entries.keys().next().value!);
  const cacheKey = `${JSON.stringify([looked, key, useImportedLooks.getState().version])}|${w}x${h}`;
  if (still && e.lastSource === d.source && e.lastKey === cacheKey) return { source: e.canvas, width: w, height: h };
  const c = e.canvas;
  if (c.width !== w || c.height !== h) [c.width, c.height] = [w, h];
  const ctx = c.getContext('2d', { willReadFrequently: true });
  if (!ctx) return d;
  ctx.clearRect(0, 0, w, h);
  ctx.imageSmoothingQuality = 'high';
  ctx.drawImage(d.source, 0, 0, d.width, d.height, 0, 0, w, h);
  const img = ctx.getImageData(0, 0, w, h);
  if (looked) applyLookToPixels(img.data, w, h, looked, tableFor(e, looked));
  if (key) applyChromaKeyToPixels(img.data, w, h, key);
  ctx.putImageData(img, 0, 0);
  e.lastSource = d.source;
  e.lastKey = cacheKey;
  return { source: c, width: w, height: h };
}
