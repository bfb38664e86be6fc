import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axisTaps, canConvert, resolvedColour, YuvConverter, type YuvFormat, type PlaneLayout } from './yuvConvert';

/** One frame's planes at the given strides, padded with zeros (a pixel read from padding would be black). */
function frame(format: YuvFormat, w: number, h: number, pad: number, lead: number, fill: { y: number; u: number; v: number; a?: number }) {
  const cw = format === 'I444' ? w : Math.ceil(w / 2);
  const ch = format === 'I420' || format === 'I420A' || format === 'NV12' ? Math.ceil(h / 2) : h;
  const planes: { rows: number; stride: number; row: number[] }[] = [{ rows: h, stride: w + pad, row: Array<number>(w).fill(fill.y) }];
  if (format === 'NV12') planes.push({ rows: ch, stride: cw * 2 + pad, row: Array.from({ length: cw * 2 }, (_, i) => (i % 2 ? fill.v : fill.u)) });
  else planes.push({ rows: ch, stride: cw + pad, row: Array<number>(cw).fill(fill.u) }, { rows: ch, stride: cw + pad, row: Array<number>(cw).fill(fill.v) });
  if (format === 'I420A') planes.push({ rows: h, stride: w + pad, row: Array<number>(w).fill(fill.a ?? 255) });
  const layout: PlaneLayout[] = [];
  let at = lead;
  for (const p of planes) {
    layout.push({ offset: at, stride: p.stride });
    // The last row ends at its last sample: nothing after it to read by mistake.
    at += p.stride * (p.rows - 1) + p.row.length + lead;
  }
  const data = new Uint8Array(at - lead);
  planes.forEach((p, i) => {
    for (let r = 0; r < p.rows; r++) data.set(p.row, layout[i]!.offset + r * p.stride);
  });
  return { format, width: w, height: h, layout, data };
}

const anyFormat = fc.constantFrom<YuvFormat>('I420', 'I420A', 'I422', 'I444', 'NV12');
/** A picture's side in pixels, 1 to max. */
const side = (max: number) => fc.integer({ min: 1, max });

const convert = (img: ReturnType<typeof frame>, matrix: string | null, fullRange: boolean | null, ow: number, oh: number) => {
  const out = new Uint8ClampedArray(ow * oh * 4);
  new YuvConverter().convert(img, { matrix, fullRange }, out, ow, oh);
  return out;
};

describe('YuvConverter', () => {
  it('turns limited-range black, white and grey into 0, 255 and the middle', () => {
    expect([...convert(frame('I420', 4, 4, 0, 0, { y: 16, u: 128, v: 128 }), 'bt709', false, 2, 2).slice(0, 4)]).toEqual([0, 0, 0, 255]);
    expect([...convert(frame('I420', 4, 4, 0, 0, { y: 235, u: 128, v: 128 }), 'bt709', false, 2, 2).slice(0, 4)]).toEqual([255, 255, 255, 255]);
    expect([...convert(frame('I420', 4, 4, 0, 0, { y: 128, u: 128, v: 128 }), 'bt709', true, 2, 2).slice(0, 4)]).toEqual([128, 128, 128, 255]);
  });

  it('uses the matrix the frame declares (a saturated red differs between BT.709 and BT.601)', () => {
    // BT.709 limited red: Y 63, Cb 102, Cr 240. Read as BT.601 it comes out a darker red.
    const red = frame('I444', 2, 2, 0, 0, { y: 63, u: 102, v: 240 });
    const as709 = convert(red, 'bt709', false, 1, 1);
    const as601 = convert(red, 'smpte170m', false, 1, 1);
    expect(as709[0]).toBeGreaterThanOrEqual(253);
    expect(as709[1]).toBeLessThanOrEqual(2);
    expect(as601[0]).toBeLessThan(240);
  });

  it('premultiplies I420A onto black, as drawing it on the opaque copy would', () => {
    const half = convert(frame('I420A', 4, 4, 0, 0, { y: 235, u: 128, v: 128, a: 128 }), 'bt709', false, 2, 2);
    expect(half[0]).toBe(128);
    expect(half[3]).toBe(255);
  });

  it('knows what it can convert', () => {
    expect(canConvert('I420', { matrix: 'bt709', fullRange: false })).toBe(true);
    expect(canConvert('NV12', { matrix: null, fullRange: null })).toBe(true);
    expect(canConvert('RGBX', { matrix: 'rgb', fullRange: true })).toBe(false);
    expect(canConvert('I420', { matrix: 'rgb', fullRange: true })).toBe(false);
    expect(canConvert(null, { matrix: 'bt709', fullRange: false })).toBe(false);
  });

  it("assumes Chromium's guess for untagged video: BT.709 from 720 coded lines up, else BT.601, limited range", () => {
    expect(resolvedColour({ matrix: null, fullRange: null }, 1920)).toEqual({ kr: 0.2126, kb: 0.0722, fullRange: false });
    expect(resolvedColour({ matrix: null, fullRange: null }, 960)).toEqual({ kr: 0.2126, kb: 0.0722, fullRange: false });
    expect(resolvedColour({ matrix: null, fullRange: null }, 480)).toEqual({ kr: 0.299, kb: 0.114, fullRange: false });
    expect(resolvedColour({ matrix: null, fullRange: null }, 540)).toEqual({ kr: 0.299, kb: 0.114, fullRange: false });
  });

  it('refuses a layout that does not fit its buffer instead of reading past it', () => {
    const img = frame('I420', 8, 8, 0, 0, { y: 128, u: 128, v: 128 });
    const short = { ...img, data: img.data.subarray(0, img.data.length - 1) };
    expect(() => convert(short, 'bt709', false, 4, 4)).toThrow(RangeError);
  });

  it('area weights of every output pixel sum to one and stay within the plane', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 2000 }), fc.constantFrom(1, 2), fc.integer({ min: 1, max: 2000 }), (len, sub, outLen) => {
        const t = axisTaps(len, sub, outLen);
        const planeLen = Math.ceil(len / sub);
        let worstSum = 0;
        let outside = 0;
        for (let i = 0; i < outLen; i++) {
          let sum = 0;
          for (let k = 0; k < t.count[i]!; k++) sum += t.weight[i * t.maxTaps + k]!;
          worstSum = Math.max(worstSum, Math.abs(sum - 1));
          if (t.start[i]! < 0 || t.start[i]! + t.count[i]! > planeLen) outside++;
        }
        expect(worstSum).toBeLessThan(1e-4);
        expect(outside).toBe(0);
      }),
      { numRuns: 200 },
    );
  });

  it('reads only the picture’s samples and writes exactly w*h*4 values, for any size, stride and offset', () => {
    fc.assert(
      fc.property(
        anyFormat,
        side(67),
        side(67),
        fc.integer({ min: 0, max: 9 }),
        fc.integer({ min: 0, max: 9 }),
        side(80),
        side(80),
        (format, w, h, pad, lead, ow, oh) => {
          // Limited-range grey: ~130 everywhere. A sample read from padding (0) or past the buffer (NaN → 0)
          // would pull some pixel well below that.
          const img = frame(format, w, h, pad, lead, { y: 128, u: 128, v: 128, a: 255 });
          const out = new Uint8ClampedArray(ow * oh * 4 + 8).fill(7);
          new YuvConverter().convert(img, { matrix: 'bt709', fullRange: false }, out, ow, oh);
          let worst = 0;
          for (let i = 0; i < ow * oh * 4; i++) worst = Math.max(worst, Math.abs(out[i]! - (i % 4 === 3 ? 255 : 130)));
          expect(worst).toBeLessThanOrEqual(1);
          expect([...out.subarray(ow * oh * 4)]).toEqual([7, 7, 7, 7, 7, 7, 7, 7]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('equals the definition: every plane area-averaged to the pixel, then the matrix (random frames, any format and size)', () => {
    // The converter sums down then across in one pass per row; the definition here is the plain double sum of
    // each output pixel's taps on both axes (axisTaps, tested above), then the matrix, premultiplied by alpha.
    fc.assert(
      fc.property(
        anyFormat,
        side(40),
        side(40),
        side(50),
        side(50),
        fc.boolean(),
        fc.integer({ min: 0, max: 2 ** 31 - 1 }),
        (format, w, h, ow, oh, fullRange, seed) => {
          const img = frame(format, w, h, 3, 1, { y: 0, u: 0, v: 0, a: 0 });
          let x = seed;
          for (let i = 0; i < img.data.length; i++) {
            x = (Math.imul(x, 1103515245) + 12345) >>> 0;
            img.data[i] = x >>> 24;
          }
          const out = new Uint8ClampedArray(ow * oh * 4);
          new YuvConverter().convert(img, { matrix: 'bt709', fullRange }, out, ow, oh);
          const sub = { I420: [2, 2], I420A: [2, 2], I422: [2, 1], I444: [1, 1], NV12: [2, 2] }[format];
          const at = (plane: number, first: number, step: number, sx: number, sy: number, i: number, j: number) => {
            const tx = axisTaps(w, sx, ow);
            const ty = axisTaps(h, sy, oh);
            const l = img.layout[plane]!;
            let sum = 0;
            for (let b = 0; b < ty.count[j]!; b++) {
              for (let a = 0; a < tx.count[i]!; a++) {
                const sample = img.data[l.offset + first + (ty.start[j]! + b) * l.stride + (tx.start[i]! + a) * step]!;
                sum += sample * tx.weight[i * tx.maxTaps + a]! * ty.weight[j * ty.maxTaps + b]!;
              }
            }
            return sum;
          };
          const { kr, kb } = resolvedColour({ matrix: 'bt709', fullRange }, h);
          const kg = 1 - kr - kb;
          const [ys, cs, yo] = fullRange ? [1, 1, 0] : [255 / 219, 255 / 224, 16];
          let worst = 0;
          for (let j = 0; j < oh; j++) {
            for (let i = 0; i < ow; i++) {
              const y = (at(0, 0, 1, 1, 1, i, j) - yo) * ys;
              const nv = format === 'NV12';
              const cb = (at(1, 0, nv ? 2 : 1, sub[0]!, sub[1]!, i, j) - 128) * cs;
              const cr = (at(nv ? 1 : 2, nv ? 1 : 0, nv ? 2 : 1, sub[0]!, sub[1]!, i, j) - 128) * cs;
              const a = format === 'I420A' ? at(3, 0, 1, 1, 1, i, j) / 255 : 1;
              const rgb = [y + 2 * (1 - kr) * cr, y - ((2 * (1 - kb) * kb) / kg) * cb - ((2 * (1 - kr) * kr) / kg) * cr, y + 2 * (1 - kb) * cb];
              rgb.forEach((v, c) => {
                worst = Math.max(worst, Math.abs(out[(j * ow + i) * 4 + c]! - Math.min(255, Math.max(0, v * a))));
              });
              worst = Math.max(worst, Math.abs(out[(j * ow + i) * 4 + 3]! - 255));
            }
          }
          // Rounding to a code value is the only difference allowed (and float sums in another order).
          expect(worst).toBeLessThanOrEqual(0.51);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('refuses an output that does not start on a 4-byte boundary (it is written as 32-bit pixels)', () => {
    const img = frame('I420', 4, 4, 0, 0, { y: 128, u: 128, v: 128 });
    const out = new Uint8ClampedArray(2 * 2 * 4 + 1).subarray(1);
    expect(() => new YuvConverter().convert(img, { matrix: 'bt709', fullRange: false }, out, 2, 2)).toThrow(RangeError);
  });

  it('reuses its tables for the next frame of the same size and is exact again after a size change', () => {
    const c = new YuvConverter();
    const a = frame('I420', 16, 16, 3, 0, { y: 200, u: 90, v: 170 });
    const b = frame('I420', 10, 6, 0, 2, { y: 200, u: 90, v: 170 });
    const first = new Uint8ClampedArray(8 * 8 * 4);
    c.convert(a, { matrix: 'bt709', fullRange: false }, first, 8, 8);
    const other = new Uint8ClampedArray(5 * 3 * 4);
    c.convert(b, { matrix: 'bt709', fullRange: false }, other, 5, 3);
    const again = new Uint8ClampedArray(8 * 8 * 4);
    c.convert(a, { matrix: 'bt709', fullRange: false }, again, 8, 8);
    expect(again).toEqual(first);
    expect([...other.slice(0, 4)]).toEqual([...first.slice(0, 4)]);
  });
});
