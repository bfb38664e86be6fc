import { xfadeNoise } from '../../../../../electron/model/xfade';

/**
 * The dissolve's mask at the preview's size. xfade decides per export pixel (its noise against the progress);
 * the preview has fewer pixels, so each preview pixel gets the share of the export pixels under it that already
 * show the incoming clip — what the export looks like scaled down to the preview, not a coarser noise.
 *
 * Built once per (canvas, preview) size: the noise of every export pixel, grouped by the preview pixel it falls
 * in and sorted, so a frame's mask is one binary search per preview pixel.
 */
export class DissolveField {
  private readonly values: Float32Array;
  /** Start of each preview pixel's group in `values`; one more entry than pixels. */
  private readonly starts: Uint32Array;

  constructor(
    readonly canvasWidth: number,
    readonly canvasHeight: number,
    readonly width: number,
    readonly height: number,
  ) {
    const W = canvasWidth;
    const H = canvasHeight;
    // Export pixel → preview column/row: each export pixel belongs to exactly one preview pixel.
    const col = new Uint32Array(W);
    for (let x = 0; x < W; x++) col[x] = Math.min(width - 1, Math.floor((x * width) / W));
    const row = new Uint32Array(H);
    for (let y = 0; y < H; y++) row[y] = Math.min(height - 1, Math.floor((y * height) / H));
    const counts = new Uint32Array(width * height);
    for (let y = 0; y < H; y++) for (let x = 0; x < W; x++) counts[row[y]! * width + col[x]!]!++;
    this.starts = new Uint32Array(width * height + 1);
    for (let i = 0; i < counts.length; i++) this.starts[i + 1] = this.starts[i]! + counts[i]!;
    const fill = this.starts.slice(0, -1);
    this.values = new Float32Array(W * H);
    for (let y = 0; y < H; y++) {
      for (let x = 0; x < W; x++) {
        const i = row[y]! * width + col[x]!;
        this.values[fill[i]!++] = xfadeNoise(x, y);
      }
    }
    for (let i = 0; i < counts.length; i++) this.values.subarray(this.starts[i], this.starts[i + 1]).sort();
  }

  /** Share (0..1) of preview pixel i's export pixels whose noise is below `threshold`. */
  shareBelow(i: number, threshold: number): number {
    const s = this.starts[i]!;
    const e = this.starts[i + 1]!;
    let lo = s;
    let hi = e;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.values[mid]! < threshold) lo = mid + 1;
      else hi = mid;
    }
    return e > s ? (lo - s) / (e - s) : 0;
  }

  /** Writes the mask as RGBA (alpha = the incoming clip's share) into `out` (width·height·4 bytes). */
  alphaInto(threshold: number, out: Uint8ClampedArray): void {
    const n = this.width * this.height;
    for (let i = 0; i < n; i++) {
      out[i * 4 + 3] = Math.round(this.shareBelow(i, threshold) * 255);
    }
  }
}
