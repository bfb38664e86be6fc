import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChromaKeyToPixels, chromaKeyFilters, hexRgb, keyAlpha, rgbHex, yuv709 } from './chroma-key-math';

const solid = (w: number, h: number, rgb: [number, number, number]) => {
  const px = new Uint8ClampedArray(w * h * 4);
  for (let i = 0; i < w * h; i++) px.set([...rgb, 255], i * 4);
  return px;
};

describe('chroma key maths', () => {
  it('BT.709 limited-range YUV of the primaries and greys', () => {
    expect(yuv709(0, 0, 0)).toEqual([16, 128, 128]);
    expect(yuv709(255, 255, 255)).toEqual([235, 128, 128]);
    // Green: Y 16 + 219·0.7152, U 128 − 224·0.3854, V 128 − 224·0.4542.
    expect(yuv709(0, 255, 0)).toEqual([173, 42, 26]);
  });

  it('hex and RGB round trip', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (r, g, b) => {
      expect(hexRgb(rgbHex(r, g, b))).toEqual([r, g, b]);
    }));
  });

  it('alpha: a hard cut without blend, a ramp of width blend with it', () => {
    expect(keyAlpha(0.1, 0.1, 0)).toBe(0);
    expect(keyAlpha(0.1001, 0.1, 0)).toBe(1);
    expect(keyAlpha(0.15, 0.1, 0.1)).toBeCloseTo(0.5);
    expect(keyAlpha(0.05, 0.1, 0.1)).toBe(0);
    expect(keyAlpha(0.5, 0.1, 0.1)).toBe(1);
    // Alpha never falls as the distance grows.
    fc.assert(fc.property(fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), fc.double({ min: 0.01, max: 1, noNaN: true }), fc.double({ min: 0, max: 1, noNaN: true }), (a, b, s, bl) => {
      const [lo, hi] = a < b ? [a, b] : [b, a];
      expect(keyAlpha(lo, s, bl)).toBeLessThanOrEqual(keyAlpha(hi, s, bl));
    }));
  });

  it('the key colour itself is transparent and a far colour opaque; RGB is kept', () => {
    const green = solid(5, 4, [0, 255, 0]);
    applyChromaKeyToPixels(green, 5, 4, { color: '#00ff00', similarity: 0.05, blend: 0.1 });
    expect([...green.filter((_, i) => i % 4 === 3)].every((a) => a === 0)).toBe(true);
    expect([...green.slice(0, 3)]).toEqual([0, 255, 0]);
    const red = solid(5, 4, [220, 30, 40]);
    applyChromaKeyToPixels(red, 5, 4, { color: '#00ff00', similarity: 0.05, blend: 0.1 });
    expect([...red.filter((_, i) => i % 4 === 3)].every((a) => a === 255)).toBe(true);
  });

  it('the 3×3 mean softens a one-pixel speck of subject colour on the screen', () => {
    const px = solid(5, 5, [0, 255, 0]);
    px.set([255, 0, 255, 255], 12 * 4);
    applyChromaKeyToPixels(px, 5, 5, { color: '#00ff00', similarity: 0.2, blend: 0 });
    // Magenta is ~0.9 away; one of nine samples gives a mean of ~0.1, under the similarity: keyed out.
    expect(px[12 * 4 + 3]).toBe(0);
  });

  it('filters: the key as U and V for ffmpeg (yuv=1); photos go to BT.709 YUV first', () => {
    const key = { color: '#00ff00', similarity: 0.2, blend: 0.05 };
    expect(chromaKeyFilters(key, true)).toEqual(['format=yuva420p', 'chromakey=color=0xad2a1a:similarity=0.2:blend=0.05:yuv=1']);
    expect(chromaKeyFilters(key, false)[0]).toBe('scale=out_color_matrix=bt709:out_range=tv');
    expect(chromaKeyFilters(undefined, true)).toEqual([]);
  });
});
