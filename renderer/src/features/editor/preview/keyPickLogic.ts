import { rgbHex } from '../../../../../electron/model/chroma-key-math';

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
