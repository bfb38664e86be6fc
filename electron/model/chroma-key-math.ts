import type { ChromaKey } from './chroma-key';

/**
 * The chroma key as maths (docs/looks.md "Chroma key"), ONE definition for preview and export. The export runs
 * ffmpeg's `chromakey` filter; this file is that filter's sum, so the preview computes the same alpha:
 * - a pixel's chroma (U, V) on the 8-bit limited-range BT.709 scale (what untagged HD video holds, and what the
 *   export converts photos to before keying);
 * - its distance to the key's chroma: sqrt((du² + dv²) / (255² · 2)), 0 … 1;
 * - averaged over the pixel's 3×3 neighbourhood (ffmpeg does this: it softens noise and edges);
 * - alpha = clamp((distance − similarity) / blend, 0, 1), or a hard cut (distance > similarity) when blend is 0.
 * The key colour goes to ffmpeg already as U and V (`yuv=1`), computed here: a colour picked from the preview is
 * then exactly the chroma the export's pixels of that colour have (ffmpeg's own RGB conversion is BT.601 and
 * would move the key a little off the picked colour).
 */

const KR = 0.2126;
const KB = 0.0722;
const KG = 1 - KR - KB;
/** ffmpeg treats a blend at or under this as none (a hard edge). */
const HARD_BLEND = 0.0001;
const NORM = 1 / Math.sqrt(255 * 255 * 2);

/** 8-bit limited-range BT.709 Y, U (Cb), V (Cr) of an 8-bit RGB colour, rounded as a stored pixel is. */
export function yuv709(r: number, g: number, b: number): [number, number, number] {
  const R = r / 255;
  const G = g / 255;
  const B = b / 255;
  const y = KR * R + KG * G + KB * B;
  const u = (B - y) / (2 * (1 - KB));
  const v = (R - y) / (2 * (1 - KR));
  return [Math.round(16 + 219 * y), Math.round(128 + 224 * u), Math.round(128 + 224 * v)];
}

/** `#rrggbb` as 8-bit RGB. */
export function hexRgb(hex: string): [number, number, number] {
  const n = parseInt(hex.slice(1, 7), 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

/** 8-bit RGB as `#rrggbb`. */
export function rgbHex(r: number, g: number, b: number): string {
  return `#${[r, g, b].map((c) => Math.max(0, Math.min(255, Math.round(c))).toString(16).padStart(2, '0')).join('')}`;
}

/** Alpha 0 … 1 for a neighbourhood's mean chroma distance `diff`: ffmpeg's mapping. */
export function keyAlpha(diff: number, similarity: number, blend: number): number {
  if (blend > HARD_BLEND) {
    const a = (diff - similarity) / blend;
    return a < 0 ? 0 : a > 1 ? 1 : a;
  }
  return diff > similarity ? 1 : 0;
}

/**
 * The key on RGBA pixels in place: alpha is replaced by the key's (as ffmpeg's filter writes the alpha plane),
 * colours are kept. The 3×3 mean takes the nearest edge pixel outside the picture (ffmpeg reuses a stale
 * sample there: the outer ring of pixels may differ slightly).
 */
export function applyChromaKeyToPixels(data: Uint8ClampedArray, w: number, h: number, key: ChromaKey): void {
  const [, ku, kv] = yuv709(...hexRgb(key.color));
  const n = w * h;
  // Each pixel's own distance, then a separable 3×3 box mean of it (the mean of distances, as ffmpeg sums).
  const dist = new Float32Array(n);
  // yuv709's U and V inlined (no array per pixel: this runs on every preview frame).
  const cu = 224 / (2 * (1 - KB) * 255);
  const cv = 224 / (2 * (1 - KR) * 255);
  for (let i = 0; i < n; i++) {
    const o = i * 4;
    const r = data[o]!;
    const g = data[o + 1]!;
    const b = data[o + 2]!;
    const y = KR * r + KG * g + KB * b;
    const du = Math.round(128 + cu * (b - y)) - ku;
    const dv = Math.round(128 + cv * (r - y)) - kv;
    dist[i] = Math.sqrt(du * du + dv * dv) * NORM;
  }
  const rows = new Float32Array(n);
  for (let y = 0; y < h; y++) {
    const r = y * w;
    for (let x = 0; x < w; x++) rows[r + x] = dist[r + (x > 0 ? x - 1 : 0)]! + dist[r + x]! + dist[r + (x < w - 1 ? x + 1 : w - 1)]!;
  }
  for (let y = 0; y < h; y++) {
    const up = (y > 0 ? y - 1 : 0) * w;
    const down = (y < h - 1 ? y + 1 : h - 1) * w;
    const r = y * w;
    for (let x = 0; x < w; x++) {
      const diff = (rows[up + x]! + rows[r + x]! + rows[down + x]!) / 9;
      data[(r + x) * 4 + 3] = keyAlpha(diff, key.similarity, key.blend) * 255;
    }
  }
}

const fmt = (x: number) => String(Math.round(x * 1e6) / 1e6);
const hex2 = (n: number) => Math.max(0, Math.min(255, n)).toString(16).padStart(2, '0');

/**
 * The key as ffmpeg filters for a clip's picture (after its look, before crop and placement). Video keeps its
 * own YUV (alpha plane added); a photo is turned into limited-range BT.709 YUV first, the scale the maths uses.
 */
export function chromaKeyFilters(key: ChromaKey | undefined, video: boolean): string[] {
  if (!key) return [];
  const [y, u, v] = yuv709(...hexRgb(key.color));
  const head = video ? ['format=yuva420p'] : ['scale=out_color_matrix=bt709:out_range=tv', 'format=yuva444p'];
  return [...head, `chromakey=color=0x${hex2(y)}${hex2(u)}${hex2(v)}:similarity=${fmt(key.similarity)}:blend=${fmt(key.blend)}:yuv=1`];
}
