import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { alphaOf, outlineAlpha, paintOver, tint, type Rgba } from './text-pixels';

/** Brute force: the distance from (x, y) to the nearest pixel at least half opaque, or Infinity. */
function nearest(alpha: Uint8Array, w: number, h: number, x: number, y: number): number {
  let best = Infinity;
  for (let j = 0; j < h; j++) for (let i = 0; i < w; i++) if (alpha[j * w + i]! >= 128) best = Math.min(best, Math.hypot(i - x, j - y));
  return best;
}

describe('outlineAlpha', () => {
  it('grows a single pixel into a disc of the outline width with a one-pixel soft edge', () => {
    const o = outlineAlpha(Uint8Array.of(255), 1, 1, 3);
    expect(o.pad).toBe(4);
    expect([o.width, o.height]).toEqual([9, 9]);
    const at = (dx: number, dy: number) => o.alpha[(o.pad + dy) * o.width + o.pad + dx]!;
    expect(at(0, 0)).toBe(255);
    expect(at(3, 0)).toBe(255); // within the width
    expect(at(0, -4)).toBe(0); // beyond width + 1
    expect(at(2, 2)).toBe(255); // √8 ≈ 2.83 ≤ 3
    expect(at(3, 2)).toBeGreaterThan(0); // √13 ≈ 3.61: on the soft edge
    expect(at(3, 2)).toBeLessThan(255);
  });

  it('is the exact Euclidean growth of any shape, and never less than the shape itself', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 9 }), fc.integer({ min: 0, max: 4 }), fc.array(fc.integer({ min: 0, max: 255 }), { minLength: 81, maxLength: 81 }), (w, h, width, values) => {
        const alpha = Uint8Array.from(values.slice(0, w * h));
        const o = outlineAlpha(alpha, w, h, width);
        for (let y = 0; y < o.height; y++) {
          for (let x = 0; x < o.width; x++) {
            const ix = x - o.pad;
            const iy = y - o.pad;
            const inner = ix >= 0 && iy >= 0 && ix < w && iy < h ? alpha[iy * w + ix]! : 0;
            const expected = Math.max(inner, Math.round(Math.min(1, Math.max(0, width + 1 - nearest(alpha, w, h, ix, iy))) * 255));
            if (Math.abs(o.alpha[y * o.width + x]! - expected) > 1) return false;
          }
        }
        return true;
      }),
      { numRuns: 150 },
    );
  });
});

describe('paintOver', () => {
  const solid = (w: number, h: number, rgba: [number, number, number, number]): Rgba => {
    const data = new Uint8Array(w * h * 4);
    for (let i = 0; i < w * h; i++) data.set(rgba, i * 4);
    return { data, width: w, height: h };
  };

  it('puts an opaque source over anything, and a translucent one over transparency keeps its colour', () => {
    const dst = solid(4, 4, [0, 0, 255, 255]);
    paintOver(dst, solid(2, 2, [255, 0, 0, 255]), 1, 1);
    expect([...dst.data.subarray((1 * 4 + 1) * 4, (1 * 4 + 1) * 4 + 4)]).toEqual([255, 0, 0, 255]);
    expect([...dst.data.subarray(0, 4)]).toEqual([0, 0, 255, 255]);
    const clear = solid(2, 2, [0, 0, 0, 0]);
    paintOver(clear, solid(2, 2, [10, 200, 30, 128]), 0, 0);
    expect([...clear.data.subarray(0, 4)]).toEqual([10, 200, 30, 128]);
  });

  it('blends half over opaque, and drops what falls outside', () => {
    const dst = solid(3, 1, [0, 0, 0, 255]);
    paintOver(dst, solid(3, 1, [255, 255, 255, 128]), -2, 0);
    expect([...dst.data.subarray(0, 4)]).toEqual([128, 128, 128, 255]);
    expect([...dst.data.subarray(4, 8)]).toEqual([0, 0, 0, 255]);
    paintOver(dst, solid(5, 5, [255, 0, 0, 255]), 3, 0); // entirely outside: nothing happens
    expect([...dst.data.subarray(8, 12)]).toEqual([0, 0, 0, 255]);
  });

  it('tints a mask and reads it back', () => {
    const img = tint(Uint8Array.of(0, 77, 255), 3, 1, '#e4002b');
    expect([...img.data]).toEqual([0xe4, 0, 0x2b, 0, 0xe4, 0, 0x2b, 77, 0xe4, 0, 0x2b, 255]);
    expect([...alphaOf(img)]).toEqual([0, 77, 255]);
  });
});
