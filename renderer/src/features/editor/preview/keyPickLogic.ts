import { rgbHex } from '../../../../../electron/model/chroma-key-math';
import { place, reframeFactor, type Size } from '../../../../../electron/model/geometry';
import { clipStateAt, needsMovingPath, scaledSize } from '../../../../../electron/model/keyframes';
import type { ActiveLayer } from '../../../../../electron/model/timeline';

/**
 * The eyedropper's sample: the mean colour of the (2r+1)² pixels around (x, y) of an RGBA picture (clipped to
 * its edges), as #rrggbb. A patch, not one pixel: a green screen's grain would make one pixel a poor key.
 */
export function sampleHex(data: Uint8ClampedArray, w: number, h: number, x: number, y: number, r = 2): string {
  const cx = Math.min(w - 1, Math.max(0, Math.round(x)));
  const cy = Math.min(h - 1, Math.max(0, Math.round(y)));
  let [sr, sg, sb, n] = [0, 0, 0, 0];
  for (let yy = Math.max(0, cy - r); yy <= Math.min(h - 1, cy + r); yy++) {
    for (let xx = Math.max(0, cx - r); xx <= Math.min(w - 1, cx + r); xx++) {
      const o = (yy * w + xx) * 4;
      sr += data[o]!;
      sg += data[o + 1]!;
      sb += data[o + 2]!;
      n++;
    }
  }
  return rgbHex(sr / n, sg / n, sb / n);
}

/** Where the eyedropper's cross is, as shares of the preview (0..1 each way). */
export type Crosshair = { x: number; y: number };

/** The cross starts in the middle of the picture. */
export const CROSSHAIR_START: Crosshair = { x: 0.5, y: 0.5 };
/** One arrow press moves the cross 1% of the preview; with Shift, 10%. */
export const CROSSHAIR_STEP = 0.01;
export const CROSSHAIR_BIG_STEP = 0.1;

const clamp01 = (v: number) => Math.min(1, Math.max(0, v));

/** The cross after an arrow key (Shift: a bigger step), kept inside the picture; null for any other key. */
export function moveCrosshair(p: Crosshair, key: string, shift: boolean): Crosshair | null {
  const step = shift ? CROSSHAIR_BIG_STEP : CROSSHAIR_STEP;
  const [dx, dy] = key === 'ArrowLeft' ? [-1, 0] : key === 'ArrowRight' ? [1, 0] : key === 'ArrowUp' ? [0, -1] : key === 'ArrowDown' ? [0, 1] : [0, 0];
  if (dx === 0 && dy === 0) return null;
  // Rounded to the step grid, so ten small steps land where one big one does.
  const snap = (v: number) => Math.round(v / CROSSHAIR_STEP) * CROSSHAIR_STEP;
  return { x: clamp01(snap(p.x + dx * step)), y: clamp01(snap(p.y + dy * step)) };
}

/** The canvas pixels the sample reads around (x, y): the (2r+1)² square, clipped to a w×h picture. */
export function patchRect(x: number, y: number, w: number, h: number, r = 2): { x0: number; y0: number; w: number; h: number } {
  const x0 = Math.min(Math.max(0, w - 1), Math.max(0, Math.round(x) - r));
  const y0 = Math.min(Math.max(0, h - 1), Math.max(0, Math.round(y) - r));
  return { x0, y0, w: Math.max(1, Math.min(w - x0, Math.round(x) + r + 1 - x0)), h: Math.max(1, Math.min(h - y0, Math.round(y) + r + 1 - y0)) };
}

/**
 * The point of a media clip's own picture under canvas point (cx, cy), in the picture's display pixels (the
 * units of `place()`'s source rectangle: the original's, whatever size the preview decodes), or null when the
 * point is outside the clip's box (another layer, the pad or blurred backdrop of a fitted clip, the canvas).
 * The inverse of how draw.ts places the clip: its crop and reframe (`place()`), and for a clip that moves or
 * turns, its keyframed position, scale and rotation at the layer's time, about its centre (drawMoving).
 */
export function clipPointAt(layer: ActiveLayer, size: Size, canvas: Size, cx: number, cy: number): { x: number; y: number } | null {
  const c = layer.clip;
  if (c.type !== 'media') return null;
  const tr = c.transform;
  const p = place(tr, size, canvas, layer.trackKind === 'main');
  let u: number;
  let v: number;
  if (needsMovingPath(c)) {
    const st = clipStateAt(c, layer.time ?? c.start);
    const k = reframeFactor(tr.reframe, p.source, canvas);
    const box = scaledSize({ width: p.source.width * k, height: p.source.height * k }, st.scale);
    // drawMoving's centre: the animated position, the box's corner on a whole pixel.
    const mx = Math.round(st.x * canvas.width - box.width / 2) + box.width / 2;
    const my = Math.round(st.y * canvas.height - box.height / 2) + box.height / 2;
    const a = (-st.rotation * Math.PI) / 180;
    const [dx, dy] = [cx - mx, cy - my];
    u = (dx * Math.cos(a) - dy * Math.sin(a)) / box.width + 0.5;
    v = (dx * Math.sin(a) + dy * Math.cos(a)) / box.height + 0.5;
  } else {
    u = (cx - p.dest.x) / p.dest.width;
    v = (cy - p.dest.y) / p.dest.height;
  }
  if (!(u >= 0 && u < 1 && v >= 0 && v < 1)) return null;
  return { x: p.source.x + u * p.source.width, y: p.source.y + v * p.source.height };
}
