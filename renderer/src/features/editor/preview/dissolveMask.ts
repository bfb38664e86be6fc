import { xfadeNoise } from '../../../../../electron/model/xfade';

/**
 * The dissolve's mask at the preview's size. xfade decides per export pixel (its noise against the progress);
 * the preview has fewer pixels, so each preview pixel gets the share of the export pixels under it that already
 * show the incoming clip — what the export looks like scaled down to the preview, not a coarser noise.
 *
 * The noise of every export pixel is kept grouped by the preview pixel it falls in, each group sorted, so a
 * frame's mask is one binary search per preview pixel. Filling it takes ~2 million noise values (a few hundred
 * milliseconds on a slow machine), so it is filled a few rows at a time (`advance`) while the editor idles or
 * plays towards a dissolve, and only finished at once when a dissolve frame is needed before that.
 */
export class DissolveField {
  private readonly values: Float32Array;
  /** Start of each preview pixel's group in `values`; one more entry than pixels. */
  private readonly starts: Uint32Array;
  /** Next free slot of each group while filling. */
  private readonly fill: Uint32Array;
  private readonly col: Uint32Array;
  private readonly row: Uint32Array;
  private nextRow = 0;

  constructor(
    readonly canvasWidth: number,
    readonly canvasHeight: number,
    readonly width: number,
    readonly height: number,
  ) {
    // Export pixel → preview column/row: each export pixel belongs to exactly one preview pixel.
    this.col = new Uint32Array(canvasWidth);
    for (let x = 0; x < canvasWidth; x++) this.col[x] = Math.min(width - 1, Math.floor((x * width) / canvasWidth));
    this.row = new Uint32Array(canvasHeight);
    for (let y = 0; y < canvasHeight; y++) this.row[y] = Math.min(height - 1, Math.floor((y * height) / canvasHeight));
    const perCol = new Uint32Array(width);
    for (const c of this.col) perCol[c]!++;
    const perRow = new Uint32Array(height);
    for (const r of this.row) perRow[r]!++;
    this.starts = new Uint32Array(width * height + 1);
    for (let j = 0; j < height; j++) for (let i = 0; i < width; i++) this.starts[j * width + i + 1] = this.starts[j * width + i]! + perRow[j]! * perCol[i]!;
    this.fill = this.starts.slice(0, -1);
    this.values = new Float32Array(canvasWidth * canvasHeight);
  }

  get complete(): boolean {
    return this.nextRow >= this.canvasHeight;
  }

  /** Fills up to `rows` more rows of export pixels (each value inserted in order into its group). */
  advance(rows: number): void {
    const { values, fill, starts, col } = this;
    const end = Math.min(this.canvasHeight, this.nextRow + rows);
    for (let y = this.nextRow; y < end; y++) {
      const base = this.row[y]! * this.width;
      for (let x = 0; x < this.canvasWidth; x++) {
        const i = base + col[x]!;
        const v = xfadeNoise(x, y);
        const first = starts[i]!;
        let j = fill[i]!++;
        while (j > first && values[j - 1]! > v) {
          values[j] = values[j - 1]!;
          j--;
        }
        values[j] = v;
      }
    }
    this.nextRow = end;
  }

  /** Share (0..1) of preview pixel i's export pixels whose noise is below `threshold`. */
  shareBelow(i: number, threshold: number): number {
    if (!this.complete) this.advance(this.canvasHeight);
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
    for (let i = 0; i < n; i++) out[i * 4 + 3] = Math.round(this.shareBelow(i, threshold) * 255);
  }
}
