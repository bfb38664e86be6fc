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
 * The matrix and range to convert with. A frame that names no matrix gets the usual convention, BT.709 for HD
 * and BT.601 for SD, limited range. Chromium itself names bt709 for untagged H.264 at any size (checked with
 * 540x960 and 1080x1920 frames, 2026-12-05), so proxies of untagged footage take the named path.
 */
export function resolvedColour(colour: YuvColour, width: number, height: number): { kr: number; kb: number; fullRange: boolean } {
  const hd = Math.max(width, height) >= 1280 || Math.min(width, height) >= 720;
  const m = (colour.matrix !== null ? MATRICES[colour.matrix] : undefined) ?? (hd ? BT709 : BT601);
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

type Tables = { key: string; x: AxisTaps[]; y: AxisTaps[]; rows: Float32Array; planes: Float32Array[] };

export class YuvConverter {
  private tables: Tables | null = null;

  /**
   * Writes `outWidth`x`outHeight` RGBA pixels of `img` into `out` (at least outWidth*outHeight*4 long; nothing
   * past that is written). Throws a RangeError when the layout does not fit in `data` (nothing is read out of it).
   */
  convert(img: YuvImage, colour: YuvColour, out: Uint8ClampedArray, outWidth: number, outHeight: number): void {
    const specs = PLANES[img.format];
    const planes = [specs.y, specs.u, specs.v, ...(specs.a ? [specs.a] : [])];
    if (img.width < 1 || img.height < 1 || outWidth < 1 || outHeight < 1) throw new RangeError('empty picture');
    if (img.layout.length < specs.layouts) throw new RangeError(`${img.format} needs ${specs.layouts} planes`);
    if (out.length < outWidth * outHeight * 4) throw new RangeError('output too small');
    for (const p of planes) {
      const l = img.layout[p.plane]!;
      if (l.offset < 0 || l.stride < Math.ceil(img.width / p.subX) * p.step || planeEnd(img, p) > img.data.length) throw new RangeError(`plane ${p.plane} does not fit`);
    }
    const t = this.tablesFor(img, planes, outWidth, outHeight);
    planes.forEach((p, i) => resample(img, p, t.x[i]!, t.y[i]!, t.rows, t.planes[i]!, outWidth, outHeight));
    const { kr, kb, fullRange } = resolvedColour(colour, img.width, img.height);
    const kg = 1 - kr - kb;
    // 8-bit code values → 0..255 RGB.
    const yOff = fullRange ? 0 : 16;
    const yScale = fullRange ? 1 : 255 / 219;
    const cScale = fullRange ? 1 : 255 / 224;
    const rCr = 2 * (1 - kr) * cScale;
    const bCb = 2 * (1 - kb) * cScale;
    const gCb = ((2 * (1 - kb) * kb) / kg) * cScale;
    const gCr = ((2 * (1 - kr) * kr) / kg) * cScale;
    const [Y, U, V] = t.planes as [Float32Array, Float32Array, Float32Array];
    const A = specs.a ? t.planes[3]! : null;
    const n = outWidth * outHeight;
    for (let i = 0, o = 0; i < n; i++, o += 4) {
      const y = (Y[i]! - yOff) * yScale;
      const cb = U[i]! - 128;
      const cr = V[i]! - 128;
      // The held canvas is opaque: a transparent pixel shows black, as drawImage onto it would.
      const a = A ? A[i]! / 255 : 1;
      out[o] = (y + rCr * cr) * a;
      out[o + 1] = (y - gCb * cb - gCr * cr) * a;
      out[o + 2] = (y + bCb * cb) * a;
      out[o + 3] = 255;
    }
  }

  private tablesFor(img: YuvImage, planes: PlaneSpec[], outW: number, outH: number): Tables {
    const key = `${img.format} ${img.width}x${img.height} ${outW}x${outH}`;
    if (this.tables?.key === key) return this.tables;
    const x = planes.map((p) => axisTaps(img.width, p.subX, outW));
    const y = planes.map((p) => axisTaps(img.height, p.subY, outH));
    const rows = new Float32Array(Math.ceil(img.height) * outW);
    this.tables = { key, x, y, rows, planes: planes.map(() => new Float32Array(outW * outH)) };
    return this.tables;
  }
}

/** One plane to `outW`x`outH`: each source row resampled across once, then the rows down. */
function resample(img: YuvImage, p: PlaneSpec, tx: AxisTaps, ty: AxisTaps, rows: Float32Array, out: Float32Array, outW: number, outH: number): void {
  const { offset, stride } = img.layout[p.plane]!;
  const data = img.data;
  const step = p.step;
  const planeRows = Math.ceil(img.height / p.subY);
  const base0 = offset + p.first;
  const { start: xs, count: xc, weight: xw, maxTaps: xm } = tx;
  for (let r = 0; r < planeRows; r++) {
    const base = base0 + r * stride;
    const ro = r * outW;
    for (let i = 0; i < outW; i++) {
      let acc = 0;
      let s = base + xs[i]! * step;
      const wo = i * xm;
      for (let k = 0, n = xc[i]!; k < n; k++, s += step) acc += data[s]! * xw[wo + k]!;
      rows[ro + i] = acc;
    }
  }
  const { start: ys, count: yc, weight: yw, maxTaps: ym } = ty;
  for (let j = 0; j < outH; j++) {
    const oo = j * outW;
    const wo = j * ym;
    const n = yc[j]!;
    let ro = ys[j]! * outW;
    const w0 = yw[wo]!;
    for (let i = 0; i < outW; i++) out[oo + i] = rows[ro + i]! * w0;
    for (let k = 1; k < n; k++) {
      ro += outW;
      const w = yw[wo + k]!;
      for (let i = 0; i < outW; i++) out[oo + i] = out[oo + i]! + rows[ro + i]! * w;
    }
  }
}
