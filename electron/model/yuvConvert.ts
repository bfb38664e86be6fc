/**
 * YUV → RGBA at the size the preview draws a video (the preview's held copies, renderer/.../preview/heldFrame.ts), from the planes `VideoFrame.copyTo` gives.
 *
 * Why ourselves: Chromium's `drawImage(video)` converts the WHOLE frame in software (~14 ms for a 540x960 proxy
 * at any drawn size), while the held copy needs 252x448 or fewer pixels. Here each plane is area-averaged
 * straight to the output size (the box each output pixel covers, fractional edges weighted: what 'high'
 * smoothing looks like when shrinking), and the matrix is applied to the averaged Y, U and V. The matrix is
 * linear, so that equals converting every pixel and averaging, but for clamping. Chroma covers the 2x2 (or 2x1)
 * block of luma it belongs to, as Chromium's (libyuv's) conversion treats it. Tables and work buffers are kept
 * per source/output size, so a frame allocates nothing.
 */

import { untaggedMatrix } from './video-colour';

export type YuvFormat = 'I420' | 'I420A' | 'I422' | 'I444' | 'NV12';
export const YUV_FORMATS: readonly YuvFormat[] = ['I420', 'I420A', 'I422', 'I444', 'NV12'];

export type PlaneLayout = { offset: number; stride: number };
/** The colour space a frame declares (VideoFrame.colorSpace); null fields are unknown. */
export type YuvColour = { matrix: string | null; fullRange: boolean | null };
/** Planes of `width`x`height` luma pixels (the rect copyTo copied) in `data`, laid out as copyTo reported. */
export type YuvImage = { format: YuvFormat; width: number; height: number; layout: readonly PlaneLayout[]; data: Uint8Array };

/** One plane to sample: which layout entry, the byte of its first sample, bytes between samples, subsampling. */
type PlaneSpec = { plane: number; first: number; step: number; subX: number; subY: number };

const PLANES: Record<YuvFormat, { y: PlaneSpec; u: PlaneSpec; v: PlaneSpec; a?: PlaneSpec; layouts: number }> = {
  I420: { y: spec(0, 0, 1, 1, 1), u: spec(1, 0, 1, 2, 2), v: spec(2, 0, 1, 2, 2), layouts: 3 },
  I420A: { y: spec(0, 0, 1, 1, 1), u: spec(1, 0, 1, 2, 2), v: spec(2, 0, 1, 2, 2), a: spec(3, 0, 1, 1, 1), layouts: 4 },
  I422: { y: spec(0, 0, 1, 1, 1), u: spec(1, 0, 1, 2, 1), v: spec(2, 0, 1, 2, 1), layouts: 3 },
  I444: { y: spec(0, 0, 1, 1, 1), u: spec(1, 0, 1, 1, 1), v: spec(2, 0, 1, 1, 1), layouts: 3 },
  // U and V interleaved in one plane.
  NV12: { y: spec(0, 0, 1, 1, 1), u: spec(1, 0, 2, 2, 2), v: spec(1, 1, 2, 2, 2), layouts: 2 },
};

function spec(plane: number, first: number, step: number, subX: number, subY: number): PlaneSpec {
  return { plane, first, step, subX, subY };
}

/** Luma/chroma weights (Kr, Kb) per matrix name (WebCodecs' VideoMatrixCoefficients). */
const BT709 = { kr: 0.2126, kb: 0.0722 };
const BT601 = { kr: 0.299, kb: 0.114 };
const MATRICES: Record<string, { kr: number; kb: number } | undefined> = {
  bt709: BT709,
  bt470bg: BT601,
  smpte170m: BT601,
  'bt2020-ncl': { kr: 0.2627, kb: 0.0593 },
};

/** Whether a frame in this format and colour space can be converted here (otherwise the caller draws it itself). */
export function canConvert(format: string | null, colour: YuvColour): format is YuvFormat {
  return format !== null && (YUV_FORMATS as readonly string[]).includes(format) && (colour.matrix === null || MATRICES[colour.matrix] !== undefined);
}

/**
 * The matrix and range to convert with. A frame that names no matrix gets Chromium's own guess for untagged video
 * (BT.709 from a coded height of 720 up, BT.601 below: model/video-colour.ts, which the export follows too),
 * limited range. Chromium names a matrix for H.264 frames itself, so this is for frames from elsewhere.
 */
export function resolvedColour(colour: YuvColour, codedHeight: number): { kr: number; kb: number; fullRange: boolean } {
  const m = (colour.matrix !== null ? MATRICES[colour.matrix] : undefined) ?? (untaggedMatrix(codedHeight) === 'bt709' ? BT709 : BT601);
  return { ...m, fullRange: colour.fullRange ?? false };
}

/** Bytes a plane's samples span in `data` (for the bounds check). */
function planeEnd(img: YuvImage, p: PlaneSpec): number {
  const l = img.layout[p.plane]!;
  const cols = Math.ceil(img.width / p.subX);
  const rows = Math.ceil(img.height / p.subY);
  return l.offset + p.first + (rows - 1) * l.stride + (cols - 1) * p.step + 1;
}

/**
 * Per output pixel along one axis: the source samples it covers and their weights. Shrinking (an output pixel
 * covers ≥ 1 sample) is an area average with fractional edges; enlarging (chroma when the output is nearly the
 * luma's size) is linear between sample centres. Out-of-range samples are clamped to the edge.
 */
export type AxisTaps = { start: Int32Array; count: Int32Array; weight: Float32Array; maxTaps: number };

export function axisTaps(lumaLen: number, sub: number, outLen: number): AxisTaps {
  const planeLen = Math.ceil(lumaLen / sub);
  const span = lumaLen / sub / outLen;
  const maxTaps = span >= 1 ? Math.ceil(span) + 1 : 2;
  const start = new Int32Array(outLen);
  const count = new Int32Array(outLen);
  const weight = new Float32Array(outLen * maxTaps);
  const clampIdx = (j: number) => Math.min(planeLen - 1, Math.max(0, j));
  for (let i = 0; i < outLen; i++) {
    const taps: [number, number][] = [];
    if (span >= 1) {
      const a = i * span;
      const b = Math.min((i + 1) * span, planeLen);
      for (let j = Math.floor(a); j < b; j++) {
        const w = (Math.min(b, j + 1) - Math.max(a, j)) / (b - a);
        if (w > 1e-7) taps.push([j, w]);
      }
    } else {
      const c = (i + 0.5) * span - 0.5;
      const j0 = Math.floor(c);
      const f = c - j0;
      taps.push([clampIdx(j0), 1 - f], [clampIdx(j0 + 1), f]);
    }
    // Taps are consecutive from the first (clamping at an edge can repeat one: merged by the offsets below).
    const first = taps[0]![0];
    start[i] = first;
    count[i] = 0;
    for (const [j, w] of taps) {
      const k = j - first;
      weight[i * maxTaps + k] = weight[i * maxTaps + k]! + w;
      count[i] = Math.max(count[i]!, k + 1);
    }
  }
  return { start, count, weight, maxTaps };
}

/** Taps per plane across (x) and down (y), and one row of each plane summed down (cols: see convert). */
type Tables = { key: string; x: AxisTaps[]; y: AxisTaps[]; cols: Float64Array[] };

export class YuvConverter {
  private tables: Tables | null = null;
  private view: Uint32Array | null = null;

  /**
   * Writes `outWidth`x`outHeight` RGBA pixels of `img` into `out` (at least outWidth*outHeight*4 long, starting at
   * a byte offset that is a multiple of 4, as an ImageData's is; nothing past that is written). Throws a
   * RangeError when the layout does not fit in `data` (nothing is read out of it).
   *
   * Per output row: each plane's source rows under it are summed down into one row of samples (a tight loop over
   * contiguous bytes), then each output pixel sums its taps across that row for Y, U, V (and A) and applies the
   * matrix at once, written as one 32-bit store. No plane is ever held at the output size.
   */
  convert(img: YuvImage, colour: YuvColour, out: Uint8ClampedArray, outWidth: number, outHeight: number): void {
    const specs = PLANES[img.format];
    const planes = [specs.y, specs.u, specs.v, ...(specs.a ? [specs.a] : [])];
    if (img.width < 1 || img.height < 1 || outWidth < 1 || outHeight < 1) throw new RangeError('empty picture');
    if (img.layout.length < specs.layouts) throw new RangeError(`${img.format} needs ${specs.layouts} planes`);
    if (out.length < outWidth * outHeight * 4) throw new RangeError('output too small');
    if (out.byteOffset % 4 !== 0) throw new RangeError('output not aligned to 4 bytes');
    for (const p of planes) {
      const l = img.layout[p.plane]!;
      if (l.offset < 0 || l.stride < Math.ceil(img.width / p.subX) * p.step || planeEnd(img, p) > img.data.length) throw new RangeError(`plane ${p.plane} does not fit`);
    }
    const t = this.tablesFor(img, planes, outWidth, outHeight);
    const { kr, kb, fullRange } = resolvedColour(colour, img.height);
    const kg = 1 - kr - kb;
    // 8-bit code values → 0..255 RGB; the +0.5 rounds as the store truncates.
    const yScale = fullRange ? 1 : 255 / 219;
    const yOff = (fullRange ? 0 : -16 * yScale) + 0.5;
    const cScale = fullRange ? 1 : 255 / 224;
    const rCr = 2 * (1 - kr) * cScale;
    const bCb = 2 * (1 - kb) * cScale;
    const gCb = ((2 * (1 - kb) * kb) / kg) * cScale;
    const gCr = ((2 * (1 - kr) * kr) / kg) * cScale;
    // Chroma's offset folded in: r = y' + rCr * (u - 128) = y' + rCr * u - 128 * rCr.
    const rOff = yOff - 128 * rCr;
    const gOff = yOff + 128 * (gCb + gCr);
    const bOff = yOff - 128 * bCb;
    const out32 = this.viewOf(out, outWidth * outHeight);
    const [cy, cu, cv] = t.cols as [Float64Array, Float64Array, Float64Array];
    const ca = specs.a ? t.cols[3]! : null;
    const [xy, xu] = t.x as [AxisTaps, AxisTaps];
    const xa = specs.a ? t.x[3]! : null;
    const { start: ys, count: yc, weight: yw, maxTaps: yn } = xy;
    const { start: us, count: uc, weight: uw, maxTaps: un } = xu;
    for (let j = 0; j < outHeight; j++) {
      sumDown(img, specs.y, t.y[0]!, j, cy);
      sumDown(img, specs.u, t.y[1]!, j, cu);
      sumDown(img, specs.v, t.y[2]!, j, cv);
      if (ca && specs.a) sumDown(img, specs.a, t.y[3]!, j, ca);
      const row = j * outWidth;
      for (let i = 0; i < outWidth; i++) {
        let y = 0;
        for (let k = 0, s = ys[i]!, w = i * yn, n = yc[i]!; k < n; k++) y += cy[s + k]! * yw[w + k]!;
        let u = 0;
        let v = 0;
        for (let k = 0, s = us[i]!, w = i * un, n = uc[i]!; k < n; k++) {
          const wk = uw[w + k]!;
          u += cu[s + k]! * wk;
          v += cv[s + k]! * wk;
        }
        y *= yScale;
        let r = y + rCr * v + rOff;
        let g = y - gCb * u - gCr * v + gOff;
        let b = y + bCb * u + bOff;
        if (ca && xa) {
          // The held canvas is opaque: a transparent pixel shows black, as drawImage onto it would.
          let a = 0;
          for (let k = 0, s = xa.start[i]!, w = i * xa.maxTaps, n = xa.count[i]!; k < n; k++) a += ca[s + k]! * xa.weight[w + k]!;
          a /= 255;
          // The rounding half stays outside the product.
          r = (r - 0.5) * a + 0.5;
          g = (g - 0.5) * a + 0.5;
          b = (b - 0.5) * a + 0.5;
        }
        // Little-endian RGBA (every platform Electron runs on): R in the low byte, opaque alpha on top.
        out32[row + i] = (0xff000000 | (clampByte(b) << 16) | (clampByte(g) << 8) | clampByte(r)) >>> 0;
      }
    }
  }

  /** `out` as 32-bit pixels, the view kept while the caller passes the same ImageData (a frame allocates nothing). */
  private viewOf(out: Uint8ClampedArray, pixels: number): Uint32Array {
    const v = this.view;
    if (v?.buffer === out.buffer && v.byteOffset === out.byteOffset && v.length === pixels) return v;
    this.view = new Uint32Array(out.buffer, out.byteOffset, pixels);
    return this.view;
  }

  private tablesFor(img: YuvImage, planes: PlaneSpec[], outW: number, outH: number): Tables {
    const key = `${img.format} ${img.width}x${img.height} ${outW}x${outH}`;
    if (this.tables?.key === key) return this.tables;
    const x = planes.map((p) => axisTaps(img.width, p.subX, outW));
    const y = planes.map((p) => axisTaps(img.height, p.subY, outH));
    const cols = planes.map((p) => new Float64Array(Math.ceil(img.width / p.subX)));
    this.tables = { key, x, y, cols };
    return this.tables;
  }
}

/** Truncates a value that already holds its rounding half into 0..255. */
function clampByte(v: number): number {
  return v <= 0 ? 0 : v >= 255 ? 255 : v | 0;
}

/** The plane's source rows under output row `j`, weighted and summed into `col` (one value per plane column). */
function sumDown(img: YuvImage, p: PlaneSpec, ty: AxisTaps, j: number, col: Float64Array): void {
  const { offset, stride } = img.layout[p.plane]!;
  const data = img.data;
  const step = p.step;
  const cols = Math.ceil(img.width / p.subX);
  const n = ty.count[j]!;
  let base = offset + p.first + ty.start[j]! * stride;
  const w0 = ty.weight[j * ty.maxTaps]!;
  if (step === 1) {
    for (let x = 0; x < cols; x++) col[x] = data[base + x]! * w0;
    for (let k = 1; k < n; k++) {
      base += stride;
      const w = ty.weight[j * ty.maxTaps + k]!;
      for (let x = 0; x < cols; x++) col[x] = col[x]! + data[base + x]! * w;
    }
    return;
  }
  for (let x = 0, s = base; x < cols; x++, s += step) col[x] = data[s]! * w0;
  for (let k = 1; k < n; k++) {
    base += stride;
    const w = ty.weight[j * ty.maxTaps + k]!;
    for (let x = 0, s = base; x < cols; x++, s += step) col[x] = col[x]! + data[s]! * w;
  }
}
