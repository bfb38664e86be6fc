import { type RawPixels, SIGNATURE_GRID } from '../model/visual-signature';

/**
 * The SIGNATURE_GRID square a signature reads, box-averaged from the thumbnail's raw pixels in one pass of
 * integer sums. At import this replaces a second libvips pipeline (raw in, resize, raw out), whose cost is
 * mostly fixed per call: the options handed to native code, a thread-pool hop, a libvips worker
 * (docs/benchmarks.md, "Where the extra time went"). libvips' own shrink of a 480 px picture to 64 px is a box
 * shrink by 7 plus a small Lanczos step, so the squares differ by a level or two, never by a picture.
 *
 * Each cell takes the pixels whose centres fall in it (as model/visual-signature.ts downscale does). Colours are
 * weighted by opacity, as libvips premultiplies before it shrinks, so transparent pixels do not colour a cell;
 * a cell with no opacity at all is black and transparent. Only shrinking: null when a side is below the grid
 * (the caller lets libvips scale such a picture up).
 */
/**
 * Per cell: the colour sums (weighted by opacity when there is an alpha channel), the opacity sum, the count;
 * whole numbers in doubles, exact up to 2^53, so any picture size sums without overflow. Allocated once and
 * reused (the function is synchronous): an import makes one grid per picture, and fresh arrays each time were
 * ~180 KB of garbage a picture for the collector.
 */
const scratch = {
  sums: new Float64Array(SIGNATURE_GRID * SIGNATURE_GRID * 3),
  opacity: new Float64Array(SIGNATURE_GRID * SIGNATURE_GRID),
  count: new Float64Array(SIGNATURE_GRID * SIGNATURE_GRID),
  colOf: new Int32Array(512),
};

export function signatureGrid(px: RawPixels): RawPixels | null {
  const { data, width, height, channels } = px;
  const n = SIGNATURE_GRID;
  if (width < n || height < n) return null;
  if (!Number.isInteger(channels) || channels < 1 || channels > 4 || data.length < width * height * channels) {
    throw new Error(`signatureGrid: ${data.length} bytes are not ${width}×${height}×${channels} pixels`);
  }
  const alpha = channels === 2 || channels === 4;
  const colours = alpha ? channels - 1 : channels;
  const { sums, opacity, count } = scratch;
  sums.fill(0);
  opacity.fill(0);
  count.fill(0);
  if (scratch.colOf.length < width) scratch.colOf = new Int32Array(width);
  const colOf = scratch.colOf;
  for (let x = 0; x < width; x++) colOf[x] = Math.min(n - 1, Math.floor(((x + 0.5) * n) / width));
  for (let y = 0; y < height; y++) {
    const row = Math.min(n - 1, Math.floor(((y + 0.5) * n) / height)) * n;
    let i = y * width * channels;
    for (let x = 0; x < width; x++, i += channels) {
      const cell = row + colOf[x]!;
      const a = alpha ? data[i + colours]! : 255;
      const s = cell * colours;
      for (let c = 0; c < colours; c++) sums[s + c]! += data[i + c]! * a;
      opacity[cell]! += a;
      count[cell]!++;
    }
  }
  const out = new Uint8Array(n * n * channels);
  for (let cell = 0; cell < n * n; cell++) {
    const w = opacity[cell]!;
    const o = cell * channels;
    for (let c = 0; c < colours; c++) out[o + c] = w > 0 ? Math.round(sums[cell * colours + c]! / w) : 0;
    if (alpha) out[o + colours] = Math.round(w / count[cell]!);
  }
  return { data: out, width: n, height: n, channels };
}
