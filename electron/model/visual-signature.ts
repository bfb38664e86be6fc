import { type Lab, deltaE, rgbToLab } from './colour';

/**
 * An asset's visual signature (docs/library-search.md): its dominant colours and two 64-bit perceptual hashes,
 * computed from pixels already decoded for its thumbnail. Pure: raw pixels in, numbers out.
 */

/** Interleaved 8-bit pixels, as sharp's `.raw()` gives them (3 = RGB, 4 = RGBA; 1–2 = grey, grey+alpha). */
export type RawPixels = { data: Uint8Array; width: number; height: number; channels: number };

export type DominantColour = Lab & { share: number };

export type VisualSignature = {
  /** Up to MAX_COLOURS, largest share first; shares are of the visible (not transparent) picture. */
  colours: DominantColour[];
  /** 64-bit hashes as 16 hex digits. */
  phash: string;
  dhash: string;
};

/** Bumped when the algorithms change, so stored signatures can be recomputed by the backfill. */
export const SIGNATURE_VERSION = 1;
export const MAX_COLOURS = 5;
/** A colour smaller than this share of the picture is noise, not a dominant colour. */
export const MIN_COLOUR_SHARE = 0.03;
/** k-means clusters closer than this (ΔE) are one colour to a person. */
const MERGE_DELTA_E = 8;
const COLOUR_GRID = 48;

/** A downscaled picture: per cell the mean R, G, B of its visible pixels and its mean opacity (0–1). */
type Cells = { w: number; h: number; r: Float64Array; g: Float64Array; b: Float64Array; alpha: Float64Array };

/**
 * Box-average downscale to w×h: each target cell takes the mean of the source pixels whose centres fall in
 * it (a smaller source is sampled: a cell with no pixel centre takes its nearest pixel). Colours are weighted
 * by opacity, so transparent pixels (a logo's background) do not colour the picture.
 */
export function downscale(px: RawPixels, w: number, h: number): Cells {
  const { data, width, height, channels } = px;
  if (width <= 0 || height <= 0 || w <= 0 || h <= 0 || data.length < width * height * channels) throw new Error('downscale: pixel buffer does not match its size');
  const n = w * h;
  const sr = new Float64Array(n);
  const sg = new Float64Array(n);
  const sb = new Float64Array(n);
  const sa = new Float64Array(n);
  const count = new Float64Array(n);
  const hasAlpha = channels === 2 || channels === 4;
  const grey = channels <= 2;
  const cellX = (x: number) => Math.min(w - 1, Math.floor(((x + 0.5) * w) / width));
  const cellY = (y: number) => Math.min(h - 1, Math.floor(((y + 0.5) * h) / height));
  const colOf = Int32Array.from({ length: width }, (_, x) => cellX(x));
  for (let y = 0; y < height; y++) {
    const row = cellY(y) * w;
    let i = y * width * channels;
    for (let x = 0; x < width; x++, i += channels) {
      const c = row + colOf[x]!;
      const r = data[i]!;
      const a = hasAlpha ? data[i + channels - 1]! / 255 : 1;
      count[c]!++;
      sa[c]! += a;
      sr[c]! += r * a;
      sg[c]! += (grey ? r : data[i + 1]!) * a;
      sb[c]! += (grey ? r : data[i + 2]!) * a;
    }
  }
  const out: Cells = { w, h, r: new Float64Array(n), g: new Float64Array(n), b: new Float64Array(n), alpha: new Float64Array(n) };
  for (let c = 0; c < n; c++) {
    let src = c;
    if (count[c] === 0) {
      // Upscaling: this cell holds no pixel centre; use the cell of its nearest pixel.
      const sx = Math.min(width - 1, Math.floor((((c % w) + 0.5) * width) / w));
      const sy = Math.min(height - 1, Math.floor(((Math.floor(c / w) + 0.5) * height) / h));
      src = cellY(sy) * w + cellX(sx);
    }
    const a = sa[src]!;
    out.alpha[c] = a / count[src]!;
    if (a > 0) {
      out.r[c] = sr[src]! / a;
      out.g[c] = sg[src]! / a;
      out.b[c] = sb[src]! / a;
    }
  }
  return out;
}

/** Grey levels over white: a logo on transparency hashes as it looks on a page. */
function luma(cells: Cells): Float64Array {
  return Float64Array.from({ length: cells.w * cells.h }, (_, i) => {
    const a = cells.alpha[i]!;
    const y = 0.299 * cells.r[i]! + 0.587 * cells.g[i]! + 0.114 * cells.b[i]!;
    return y * a + 255 * (1 - a);
  });
}

function bitsToHex(bits: boolean[]): string {
  let hex = '';
  for (let i = 0; i < 64; i += 4) hex += ((Number(bits[i]) << 3) | (Number(bits[i + 1]) << 2) | (Number(bits[i + 2]) << 1) | Number(bits[i + 3])).toString(16);
  return hex;
}

/** dHash: 9×8 grey, one bit per horizontal neighbour pair (is the left one brighter?). */
export function dHash(px: RawPixels): string {
  const g = luma(downscale(px, 9, 8));
  const bits: boolean[] = [];
  for (let y = 0; y < 8; y++) for (let x = 0; x < 8; x++) bits.push(g[y * 9 + x]! > g[y * 9 + x + 1]!);
  return bitsToHex(bits);
}

const DCT_N = 32;
/** cos((2x+1)uπ / 2N) for the 8 lowest frequencies u, as a table. */
const COS = Array.from({ length: 8 }, (_, u) => Float64Array.from({ length: DCT_N }, (_, x) => Math.cos(((2 * x + 1) * u * Math.PI) / (2 * DCT_N))));

/**
 * pHash: the 8×8 lowest frequencies of the DCT of a 32×32 grey image; a bit says whether a coefficient is
 * above the median of the 63 AC coefficients. Low frequencies survive resizing, recompression and a light crop.
 */
export function pHash(px: RawPixels): string {
  const g = luma(downscale(px, DCT_N, DCT_N));
  // Separable DCT-II, rows then columns, only the 8 lowest frequencies each way.
  const rows = new Float64Array(DCT_N * 8);
  for (let y = 0; y < DCT_N; y++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      const cos = COS[u]!;
      for (let x = 0; x < DCT_N; x++) s += g[y * DCT_N + x]! * cos[x]!;
      rows[y * 8 + u] = s;
    }
  }
  const coeffs: number[] = [];
  for (let v = 0; v < 8; v++) {
    for (let u = 0; u < 8; u++) {
      let s = 0;
      const cos = COS[v]!;
      for (let y = 0; y < DCT_N; y++) s += rows[y * 8 + u]! * cos[y]!;
      coeffs.push(s);
    }
  }
  const ac = coeffs.slice(1).sort((p, q) => p - q);
  const median = ac[31]!;
  return bitsToHex(coeffs.map((c) => c > median));
}

/**
 * Dominant colours: a 48×48 downscale in CIELAB, k-means (k = 5, deterministic: seeded from the most
 * populated cells of a coarse Lab grid, spread apart), near clusters merged, tiny ones dropped.
 */
export function dominantColours(px: RawPixels, k = MAX_COLOURS): DominantColour[] {
  const cells = downscale(px, Math.min(COLOUR_GRID, Math.max(1, px.width)), Math.min(COLOUR_GRID, Math.max(1, px.height)));
  const points: Lab[] = [];
  const weights: number[] = [];
  for (let i = 0; i < cells.w * cells.h; i++) {
    const a = cells.alpha[i]!;
    if (a < 0.5) continue; // transparent: not part of the picture's colours
    points.push(rgbToLab({ r: cells.r[i]!, g: cells.g[i]!, b: cells.b[i]! }));
    weights.push(a);
  }
  if (points.length === 0) return [];
  const total = weights.reduce((s, w) => s + w, 0);
  let centres = seedCentres(points, weights, k);
  const assign = new Int32Array(points.length);
  for (let iter = 0; iter < 12; iter++) {
    let moved = iter === 0;
    for (let i = 0; i < points.length; i++) {
      const best = nearest(points[i]!, centres);
      if (best !== assign[i]) {
        assign[i] = best;
        moved = true;
      }
    }
    if (!moved) break;
    centres = centresOf(points, weights, assign, centres);
  }
  let clusters = centres.map((c, j) => ({ ...c, w: 0, j }));
  for (let i = 0; i < points.length; i++) clusters[assign[i]!]!.w += weights[i]!;
  clusters = clusters.filter((c) => c.w > 0).sort((p, q) => q.w - p.w || p.j - q.j);
  // Merge clusters a person would call one colour, into the larger.
  const merged: typeof clusters = [];
  for (const c of clusters) {
    const into = merged.find((m) => deltaE(m, c) < MERGE_DELTA_E);
    if (into) {
      const w = into.w + c.w;
      into.l = (into.l * into.w + c.l * c.w) / w;
      into.a = (into.a * into.w + c.a * c.w) / w;
      into.b = (into.b * into.w + c.b * c.w) / w;
      into.w = w;
    } else merged.push({ ...c });
  }
  return merged
    .sort((p, q) => q.w - p.w)
    .filter((c) => c.w / total >= MIN_COLOUR_SHARE)
    .slice(0, MAX_COLOURS)
    .map((c) => ({ l: round2(c.l), a: round2(c.a), b: round2(c.b), share: round3(c.w / total) }));
}

function round2(v: number): number {
  return Math.round(v * 100) / 100;
}
function round3(v: number): number {
  return Math.round(v * 1000) / 1000;
}

function nearest(p: Lab, centres: Lab[]): number {
  let best = 0;
  let bestD = Infinity;
  for (let j = 0; j < centres.length; j++) {
    const c = centres[j]!;
    const d = (p.l - c.l) ** 2 + (p.a - c.a) ** 2 + (p.b - c.b) ** 2;
    if (d < bestD) {
      bestD = d;
      best = j;
    }
  }
  return best;
}

function centresOf(points: Lab[], weights: number[], assign: Int32Array, prev: Lab[]): Lab[] {
  const acc = prev.map(() => ({ l: 0, a: 0, b: 0, w: 0 }));
  for (let i = 0; i < points.length; i++) {
    const s = acc[assign[i]!]!;
    const w = weights[i]!;
    s.l += points[i]!.l * w;
    s.a += points[i]!.a * w;
    s.b += points[i]!.b * w;
    s.w += w;
  }
  return acc.map((s, j) => (s.w > 0 ? { l: s.l / s.w, a: s.a / s.w, b: s.b / s.w } : prev[j]!));
}

/** Seeds: means of the fullest cells of a coarse Lab grid (10 ΔE wide), each at least 15 ΔE from the others. */
function seedCentres(points: Lab[], weights: number[], k: number): Lab[] {
  const bins = new Map<number, { l: number; a: number; b: number; w: number }>();
  for (let i = 0; i < points.length; i++) {
    const p = points[i]!;
    const key = Math.floor(p.l / 10) * 10_000 + (Math.floor(p.a / 10) + 20) * 100 + (Math.floor(p.b / 10) + 20);
    const bin = bins.get(key) ?? { l: 0, a: 0, b: 0, w: 0 };
    const w = weights[i]!;
    bin.l += p.l * w;
    bin.a += p.a * w;
    bin.b += p.b * w;
    bin.w += w;
    bins.set(key, bin);
  }
  const ranked = [...bins.entries()].sort((p, q) => q[1].w - p[1].w || p[0] - q[0]).map(([, s]) => ({ l: s.l / s.w, a: s.a / s.w, b: s.b / s.w }));
  const seeds: Lab[] = [];
  for (const c of ranked) {
    if (seeds.length >= k) break;
    if (seeds.every((s) => deltaE(s, c) >= 15)) seeds.push(c);
  }
  return seeds;
}

/** Side of the small picture every part of the signature is computed from. */
export const SIGNATURE_GRID = 64;

/**
 * The signature of a picture. Callers pass a SIGNATURE_GRID square (sharp makes it from the thumbnail's pixels,
 * in C); anything else is box-averaged to one here first, so the three parts read the same small picture.
 */
export function signatureOf(input: RawPixels): VisualSignature {
  // One array type in the hot loops (a Buffer beside Uint8Arrays makes them polymorphic, and slow).
  const px = Object.getPrototypeOf(input.data) === Uint8Array.prototype ? input : { ...input, data: new Uint8Array(input.data.buffer, input.data.byteOffset, input.data.length) };
  const small = px.width === SIGNATURE_GRID && px.height === SIGNATURE_GRID ? px : toRaw(downscale(px, SIGNATURE_GRID, SIGNATURE_GRID));
  return { colours: dominantColours(small), phash: pHash(small), dhash: dHash(small) };
}

function toRaw(cells: Cells): RawPixels {
  const n = cells.w * cells.h;
  const data = new Uint8Array(n * 4);
  for (let i = 0; i < n; i++) {
    data[i * 4] = Math.round(cells.r[i]!);
    data[i * 4 + 1] = Math.round(cells.g[i]!);
    data[i * 4 + 2] = Math.round(cells.b[i]!);
    data[i * 4 + 3] = Math.round(cells.alpha[i]! * 255);
  }
  return { data, width: cells.w, height: cells.h, channels: 4 };
}
