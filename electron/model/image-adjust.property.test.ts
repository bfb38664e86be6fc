import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adjustPixels, type RgbaPixels, vignetteFactor } from './image-adjust';
import { type Adjustments, noAdjustments, noFilter, type PhotoFilter, photoFilters } from './image-draft';

/**
 * The photo maths' promises (docs/image-render.md "The maths"): identity at the neutral values, bytes in range,
 * no NaN, alpha untouched, and each control moving the picture one way only.
 */

const small = fc.record({ width: fc.integer({ min: 1, max: 9 }), height: fc.integer({ min: 1, max: 9 }) }).chain(({ width, height }) =>
  fc.uint8Array({ minLength: width * height * 4, maxLength: width * height * 4 }).map((data): RgbaPixels => ({ data, width, height })),
);
const unit = (min: number) => fc.double({ min, max: 1, noNaN: true, noDefaultInfinity: true });
const adjustArb: fc.Arbitrary<Adjustments> = fc.record({
  exposure: unit(-1),
  contrast: unit(-1),
  saturation: unit(-1),
  temperature: unit(-1),
  vibrance: unit(-1),
  sharpen: unit(0),
  vignette: unit(0),
});
const filterArb: fc.Arbitrary<PhotoFilter> = fc.record({ name: fc.constantFrom(...photoFilters), strength: unit(0) });
const channel = (px: Uint8ClampedArray | Uint8Array, i: number, c: number) => px[i * 4 + c]!;
const pixelsOf = (p: RgbaPixels) => p.width * p.height;

describe('adjustPixels', () => {
  it('gives the input back, byte for byte, with no adjustment and no filter (or a filter at strength 0)', () => {
    fc.assert(
      fc.property(small, fc.constantFrom(...photoFilters), (p, name) => {
        expect(adjustPixels(p, noAdjustments, noFilter)).toEqual(new Uint8ClampedArray(p.data));
        expect(adjustPixels(p, noAdjustments, { name, strength: 0 })).toEqual(new Uint8ClampedArray(p.data));
      }),
    );
  });

  it('never changes alpha, never leaves the byte range and never makes NaN, whatever the settings', () => {
    fc.assert(
      fc.property(small, adjustArb, filterArb, (p, a, f) => {
        const out = adjustPixels(p, a, f);
        expect(out.length).toBe(p.data.length);
        for (let i = 0; i < pixelsOf(p); i++) {
          expect(out[i * 4 + 3]).toBe(p.data[i * 4 + 3]);
          for (let c = 0; c < 3; c++) expect(Number.isInteger(channel(out, i, c))).toBe(true);
        }
      }),
    );
  });

  it('does not touch its input', () => {
    fc.assert(
      fc.property(small, adjustArb, filterArb, (p, a, f) => {
        const before = Uint8Array.from(p.data);
        adjustPixels(p, a, f);
        expect(Uint8Array.from(p.data)).toEqual(before);
      }),
    );
  });

  // One control at a time from a to b > a: every pixel moves one way only.
  const pair = (min: number): fc.Arbitrary<[number, number]> => fc.tuple(unit(min), unit(min)).map(([x, y]) => (x <= y ? [x, y] : [y, x]));
  const only = (k: keyof Adjustments, v: number): Adjustments => ({ ...noAdjustments, [k]: v });

  it('exposure brightens every channel of every pixel as it grows', () => {
    fc.assert(
      fc.property(small, pair(-1), (p, [lo, hi]) => {
        const a = adjustPixels(p, only('exposure', lo), noFilter);
        const b = adjustPixels(p, only('exposure', hi), noFilter);
        for (let i = 0; i < p.data.length; i++) if (i % 4 !== 3) expect(b[i]!).toBeGreaterThanOrEqual(a[i]!);
      }),
    );
  });

  it('contrast moves every channel away from mid-grey as it grows', () => {
    fc.assert(
      fc.property(small, pair(-1), (p, [lo, hi]) => {
        const a = adjustPixels(p, only('contrast', lo), noFilter);
        const b = adjustPixels(p, only('contrast', hi), noFilter);
        for (let i = 0; i < p.data.length; i++) if (i % 4 !== 3) expect(Math.abs(b[i]! - 127.5)).toBeGreaterThanOrEqual(Math.abs(a[i]! - 127.5) - 0.5);
      }),
    );
  });

  it('temperature raises red and lowers blue as it grows', () => {
    fc.assert(
      fc.property(small, pair(-1), (p, [lo, hi]) => {
        const a = adjustPixels(p, only('temperature', lo), noFilter);
        const b = adjustPixels(p, only('temperature', hi), noFilter);
        for (let i = 0; i < pixelsOf(p); i++) {
          expect(channel(b, i, 0)).toBeGreaterThanOrEqual(channel(a, i, 0));
          expect(channel(b, i, 2)).toBeLessThanOrEqual(channel(a, i, 2));
          expect(channel(b, i, 1)).toBe(channel(p.data, i, 1));
        }
      }),
    );
  });

  for (const k of ['saturation', 'vibrance'] as const) {
    it(`${k} spreads a pixel's channels further apart as it grows, and −1 saturation is grey`, () => {
      fc.assert(
        fc.property(small, pair(-1), (p, [lo, hi]) => {
          const a = adjustPixels(p, only(k, lo), noFilter);
          const b = adjustPixels(p, only(k, hi), noFilter);
          const spread = (px: Uint8ClampedArray, i: number) => Math.max(channel(px, i, 0), channel(px, i, 1), channel(px, i, 2)) - Math.min(channel(px, i, 0), channel(px, i, 1), channel(px, i, 2));
          // One byte of rounding either way.
          for (let i = 0; i < pixelsOf(p); i++) expect(spread(b, i)).toBeGreaterThanOrEqual(spread(a, i) - 1);
        }),
      );
    });
  }

  it('−1 saturation turns every pixel grey', () => {
    fc.assert(
      fc.property(small, (p) => {
        const g = adjustPixels(p, only('saturation', -1), noFilter);
        for (let i = 0; i < pixelsOf(p); i++) expect(Math.max(channel(g, i, 0), channel(g, i, 1), channel(g, i, 2)) - Math.min(channel(g, i, 0), channel(g, i, 1), channel(g, i, 2))).toBeLessThanOrEqual(1);
      }),
    );
  });

  it('vignette darkens (never brightens) as it grows, most at the corners, and leaves the centre alone', () => {
    fc.assert(
      fc.property(small, pair(0), (p, [lo, hi]) => {
        const a = adjustPixels(p, only('vignette', lo), noFilter);
        const b = adjustPixels(p, only('vignette', hi), noFilter);
        for (let i = 0; i < p.data.length; i++) if (i % 4 !== 3) expect(b[i]!).toBeLessThanOrEqual(a[i]!);
      }),
    );
    expect(vignetteFactor(0.5, 0.5, 1)).toBe(1);
    expect(vignetteFactor(0, 0, 1)).toBeCloseTo(0.25, 6);
    expect(vignetteFactor(0.1, 0.1, 1)).toBeLessThan(vignetteFactor(0.3, 0.3, 1));
  });

  it('measures the vignette against the frame: a slice of a picture gets what the whole gave that slice', () => {
    fc.assert(
      fc.property(small, unit(0), (p, v) => {
        const whole = adjustPixels(p, only('vignette', v), noFilter);
        // The right-hand columns from x0 on, as a picture of their own.
        const x0 = Math.floor(p.width / 2);
        const w = p.width - x0;
        const part = new Uint8Array(w * p.height * 4);
        for (let y = 0; y < p.height; y++) part.set(p.data.subarray((y * p.width + x0) * 4, (y * p.width + p.width) * 4), y * w * 4);
        const sliced = adjustPixels({ data: part, width: w, height: p.height }, only('vignette', v), noFilter, { x: x0, y: 0, width: p.width, height: p.height });
        for (let y = 0; y < p.height; y++) expect(sliced.subarray(y * w * 4, (y + 1) * w * 4)).toEqual(whole.subarray((y * p.width + x0) * 4, (y * p.width + p.width) * 4));
      }),
    );
  });

  it('sharpen leaves a flat picture flat and makes an edge steeper', () => {
    const flat: RgbaPixels = { data: new Uint8Array(8 * 8 * 4).fill(120), width: 8, height: 8 };
    expect(adjustPixels(flat, only('sharpen', 1), noFilter)).toEqual(new Uint8ClampedArray(flat.data));
    // A step from 80 to 160 between columns 3 and 4.
    const step = new Uint8Array(8 * 8 * 4);
    for (let i = 0; i < 64; i++) {
      step.fill(i % 8 < 4 ? 80 : 160, i * 4, i * 4 + 3);
      step[i * 4 + 3] = 255;
    }
    const s = adjustPixels({ data: step, width: 8, height: 8 }, only('sharpen', 1), noFilter);
    expect(s[3 * 4]).toBeLessThan(80);
    expect(s[4 * 4]).toBeGreaterThan(160);
    expect(s[0]).toBe(80);
  });

  it('a filter moves each channel further towards its look as the strength grows', () => {
    fc.assert(
      fc.property(small, fc.constantFrom(...photoFilters.filter((n) => n !== 'none')), pair(0), (p, name, [lo, hi]) => {
        const a = adjustPixels(p, noAdjustments, { name, strength: lo });
        const b = adjustPixels(p, noAdjustments, { name, strength: hi });
        for (let i = 0; i < p.data.length; i++) if (i % 4 !== 3) expect(Math.abs(b[i]! - p.data[i]!)).toBeGreaterThanOrEqual(Math.abs(a[i]! - p.data[i]!) - 1);
      }),
    );
  });

  it('draws each filter as its formula says at full strength (written here from the formulas, not the matrices)', () => {
    const [r, g, b] = [200 / 255, 100 / 255, 50 / 255];
    const y = 0.2126 * r + 0.7152 * g + 0.0722 * b;
    const byte = (v: number) => Math.round(Math.min(1, Math.max(0, v)) * 255);
    const expected: Record<string, number[]> = {
      mono: [y, y, y],
      sepia: [0.393 * r + 0.769 * g + 0.189 * b, 0.349 * r + 0.686 * g + 0.168 * b, 0.272 * r + 0.534 * g + 0.131 * b],
      warm: [r * 1.08 + 0.03, g * 1.02, b * 0.86],
      cool: [r * 0.88, g, b * 1.08 + 0.03],
      fade: [r, g, b].map((v) => 0.1 + 0.8 * (y + 0.7 * (v - y))),
      vivid: [r, g, b].map((v) => 0.5 + 1.15 * (y + 1.4 * (v - y) - 0.5)),
      noir: [0.5 + 1.6 * (y - 0.5), 0.5 + 1.6 * (y - 0.5), 0.5 + 1.6 * (y - 0.5)],
    };
    const px: RgbaPixels = { data: Uint8Array.from([200, 100, 50, 255]), width: 1, height: 1 };
    for (const [name, want] of Object.entries(expected)) {
      const got = adjustPixels(px, noAdjustments, { name: name as PhotoFilter['name'], strength: 1 });
      expect([...got], name).toEqual([...want.map(byte), 255]);
    }
  });

  it('refuses pixels whose length is not width × height × 4', () => {
    expect(() => adjustPixels({ data: new Uint8Array(10), width: 2, height: 2 }, noAdjustments, noFilter)).toThrow(RangeError);
  });
});
