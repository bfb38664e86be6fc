import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltaE, hexToLab, parseHex } from './colour';
import { type RawPixels, SIGNATURE_GRID, dHash, dominantColours, downscale, pHash, signatureOf } from './visual-signature';
import { hamming, nearDistance, parseHash } from './near-dup';

/** A picture painted by a function of (x, y) → [r, g, b, a?]. */
function paint(w: number, h: number, f: (x: number, y: number) => number[], channels = 3): RawPixels {
  const data = new Uint8Array(w * h * channels);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) f(x, y).slice(0, channels).forEach((v, c) => (data[(y * w + x) * channels + c] = v));
  return { data, width: w, height: h, channels };
}
const rgb = (hex: string) => {
  const c = parseHex(hex)!;
  return [c.r, c.g, c.b, 255];
};

describe('visual signature', () => {
  it('finds the colours of a picture and their shares, largest first', () => {
    // 60 % red, 30 % white, 10 % blue, in bands.
    const px = paint(200, 100, (x) => (x < 120 ? rgb('#e4002b') : x < 180 ? rgb('#ffffff') : rgb('#1040c0')));
    const colours = dominantColours(px);
    expect(colours).toHaveLength(3);
    expect(deltaE(colours[0]!, hexToLab('#e4002b')!)).toBeLessThan(2);
    expect(colours[0]!.share).toBeCloseTo(0.6, 1);
    expect(deltaE(colours[1]!, hexToLab('#ffffff')!)).toBeLessThan(2);
    expect(colours[1]!.share).toBeCloseTo(0.3, 1);
    expect(deltaE(colours[2]!, hexToLab('#1040c0')!)).toBeLessThan(2);
  });

  it('leaves transparent pixels out of the colours', () => {
    const px = paint(100, 100, (x) => (x < 30 ? [0, 200, 0, 255] : [255, 0, 0, 0]), 4);
    const colours = dominantColours(px);
    expect(colours).toHaveLength(1);
    expect(colours[0]!.share).toBe(1);
    expect(deltaE(colours[0]!, hexToLab('#00c800')!)).toBeLessThan(2);
  });

  it('is deterministic and ignores how the same picture is sized', () => {
    // Shapes on a gradient, drawn at two sizes: the same picture to a person.
    const draw = (w: number, h: number) =>
      paint(w, h, (x, y) => {
        const u = x / w;
        const v = y / h;
        const disc = Math.hypot(u - 0.3, v - 0.4) < 0.2;
        const bar = u > 0.6 && u < 0.85 && v > 0.2;
        return disc ? [230, 0, 40] : bar ? [20, 60, 200] : [Math.round(255 * u), Math.round(200 * v), 90];
      });
    const a = signatureOf(draw(300, 200));
    expect(signatureOf(draw(300, 200))).toEqual(a);
    const b = signatureOf(draw(150, 100));
    expect(hamming(parseHash(a.phash), parseHash(b.phash))).toBeLessThanOrEqual(4);
    expect(hamming(parseHash(a.dhash), parseHash(b.dhash))).toBeLessThanOrEqual(4);
    expect(nearDistance(a, b)).not.toBeNull();
  });

  it('tells different pictures apart', () => {
    const stripes = signatureOf(paint(128, 128, (x) => (Math.floor(x / 16) % 2 ? [255, 255, 255] : [0, 0, 0])));
    const rings = signatureOf(paint(128, 128, (x, y) => (Math.floor(Math.hypot(x - 64, y - 64) / 12) % 2 ? [255, 255, 255] : [0, 0, 0])));
    expect(hamming(parseHash(stripes.phash), parseHash(rings.phash))).toBeGreaterThan(16);
  });

  it('downscale keeps the mean of any picture (box average)', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 2 ** 31 }), (w, h, seed) => {
        let s = seed;
        const px = paint(w * 2, h * 2, () => {
          s = (s * 1103515245 + 12345) % 2 ** 31;
          return [s % 256, (s >> 8) % 256, (s >> 16) % 256];
        });
        const cells = downscale(px, w, h);
        const mean = (arr: Float64Array) => arr.reduce((p, q) => p + q, 0) / arr.length;
        let src = 0;
        for (let i = 0; i < px.width * px.height; i++) src += px.data[i * 3]!;
        // Each cell covers exactly 2×2 source pixels here, so the means agree.
        expect(mean(cells.r)).toBeCloseTo(src / (px.width * px.height), 6);
      }),
      { numRuns: 50 },
    );
  });

  it('computes hashes and colours of the signature grid directly, and of any size through it', () => {
    const px = paint(SIGNATURE_GRID, SIGNATURE_GRID, (x, y) => [x * 4, y * 4, 128]);
    const sig = signatureOf(px);
    expect(sig.phash).toBe(pHash(px));
    expect(sig.dhash).toBe(dHash(px));
    expect(sig.phash).toMatch(/^[0-9a-f]{16}$/);
    expect(() => signatureOf({ data: new Uint8Array(10), width: 10, height: 10, channels: 3 })).toThrow(/does not match/);
  });
});
