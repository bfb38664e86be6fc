/**
 * Pixel work for text layers drawn by Pango (text-draw.ts), pure and on plain RGBA buffers (straight alpha) so it
 * is unit-tested without fonts: the outline grown from the glyphs' shape, and "over" compositing of lines.
 */

export type Rgba = { data: Uint8Array; width: number; height: number };

/** Pixels at least this opaque are glyph; the outline is measured from them. */
const INSIDE = 128;
/** Larger than any squared distance in an image we draw (MAX_SIDE² · 2), and finite: no Infinity − Infinity. */
const FAR = 1e12;

/**
 * The outline of `width` pixels around a shape: every pixel within `width` of the shape, with a soft (one pixel)
 * outer edge; what an SVG round-join stroke of twice the width, painted under the fill, shows. Grown with an
 * exact Euclidean distance transform (Felzenszwalb & Huttenlocher), linear in the pixels whatever the width.
 * The result is `pad` pixels larger than the input on every side, so the outline is never cut.
 */
export function outlineAlpha(alpha: Uint8Array, w: number, h: number, width: number): { alpha: Uint8Array; width: number; height: number; pad: number } {
  const pad = Math.ceil(width) + 1;
  const W = w + 2 * pad;
  const H = h + 2 * pad;
  const dist = new Float64Array(W * H).fill(FAR);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) if (alpha[y * w + x]! >= INSIDE) dist[(y + pad) * W + x + pad] = 0;
  const n = Math.max(W, H);
  const f = new Float64Array(n);
  const d = new Float64Array(n);
  const v = new Int32Array(n);
  const z = new Float64Array(n + 1);
  for (let x = 0; x < W; x++) {
    for (let y = 0; y < H; y++) f[y] = dist[y * W + x]!;
    edt1d(f, H, d, v, z);
    for (let y = 0; y < H; y++) dist[y * W + x] = d[y]!;
  }
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) f[x] = dist[y * W + x]!;
    edt1d(f, W, d, v, z);
    for (let x = 0; x < W; x++) dist[y * W + x] = d[x]!;
  }
  const out = new Uint8Array(W * H);
  for (let y = 0; y < H; y++) {
    for (let x = 0; x < W; x++) {
      // A glyph pixel's centre is about half a pixel inside the glyph's edge: the outline reaches `width` past it.
      const cover = Math.min(1, Math.max(0, width + 1 - Math.sqrt(dist[y * W + x]!)));
      const inner = y >= pad && y < pad + h && x >= pad && x < pad + w ? alpha[(y - pad) * w + x - pad]! : 0;
      out[y * W + x] = Math.max(inner, Math.round(cover * 255));
    }
  }
  return { alpha: out, width: W, height: H, pad };
}

/** One dimension of the squared distance transform: d[q] = min over p of (q − p)² + f[p]. */
function edt1d(f: Float64Array, n: number, d: Float64Array, v: Int32Array, z: Float64Array): void {
  let k = 0;
  v[0] = 0;
  z[0] = -FAR;
  z[1] = FAR;
  const meet = (q: number, p: number) => (f[q]! + q * q - (f[p]! + p * p)) / (2 * q - 2 * p);
  for (let q = 1; q < n; q++) {
    let s = meet(q, v[k]!);
    while (s <= z[k]!) {
      k--;
      s = meet(q, v[k]!);
    }
    k++;
    v[k] = q;
    z[k] = s;
    z[k + 1] = FAR;
  }
  k = 0;
  for (let q = 0; q < n; q++) {
    while (z[k + 1]! < q) k++;
    const p = v[k]!;
    d[q] = (q - p) * (q - p) + f[p]!;
  }
}

/** The alpha channel of an RGBA image. */
export function alphaOf(img: Rgba): Uint8Array {
  const out = new Uint8Array(img.width * img.height);
  for (let i = 0; i < out.length; i++) out[i] = img.data[i * 4 + 3]!;
  return out;
}

/** A solid colour ('#rrggbb') with the given alpha mask. */
export function tint(alpha: Uint8Array, width: number, height: number, hex: string): Rgba {
  const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const data = new Uint8Array(width * height * 4);
  for (let i = 0; i < alpha.length; i++) {
    data[i * 4] = r!;
    data[i * 4 + 1] = g!;
    data[i * 4 + 2] = b!;
    data[i * 4 + 3] = alpha[i]!;
  }
  return { data, width, height };
}

/** Paints `src` over `dst` with its top-left at (left, top); whatever falls outside `dst` is dropped. */
export function paintOver(dst: Rgba, src: Rgba, left: number, top: number): void {
  const x0 = Math.max(0, left);
  const y0 = Math.max(0, top);
  const x1 = Math.min(dst.width, left + src.width);
  const y1 = Math.min(dst.height, top + src.height);
  for (let y = y0; y < y1; y++) {
    for (let x = x0; x < x1; x++) {
      const s = ((y - top) * src.width + (x - left)) * 4;
      const sa = src.data[s + 3]! / 255;
      if (sa === 0) continue;
      const t = (y * dst.width + x) * 4;
      const da = dst.data[t + 3]! / 255;
      const oa = sa + da * (1 - sa);
      for (let c = 0; c < 3; c++) dst.data[t + c] = Math.round((src.data[s + c]! * sa + dst.data[t + c]! * da * (1 - sa)) / oa);
      dst.data[t + 3] = Math.round(oa * 255);
    }
  }
}
