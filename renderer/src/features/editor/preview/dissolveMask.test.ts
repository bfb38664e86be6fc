import { describe, expect, it } from 'vitest';
import { xfadeNoise, xfadePixel } from '../../../../../electron/model/xfade';
import { DissolveField } from './dissolveMask';

describe('DissolveField', () => {
  it("gives each preview pixel the share of the export's pixels under it that show the incoming clip", () => {
    const [W, H, w, h] = [60, 90, 23, 31];
    const field = new DissolveField(W, H, w, h);
    for (const P of [0.9, 0.5, 0.13]) {
      // Count by brute force from xfade's own per-pixel rule.
      const to = new Float64Array(w * h);
      const all = new Float64Array(w * h);
      for (let y = 0; y < H; y++) {
        for (let x = 0; x < W; x++) {
          const i = Math.floor((y * h) / H) * w + Math.floor((x * w) / W);
          all[i]!++;
          if (xfadePixel('dissolve', P, x, y, W, H)[0]!.from === 'to') to[i]!++;
        }
      }
      // Exact, but for a rare pixel whose single-precision comparison flips: at most one per preview pixel.
      for (let i = 0; i < w * h; i++) expect(Math.abs(field.shareBelow(i, Math.fround(1 - P)) - to[i]! / all[i]!)).toBeLessThanOrEqual(1 / all[i]! + 1e-9);
    }
  });

  it('covers every export pixel once, and is all outgoing at the start and all incoming at the end', () => {
    const field = new DissolveField(64, 36, 16, 9);
    const out = new Uint8ClampedArray(16 * 9 * 4);
    field.alphaInto(0, out);
    expect(out.filter((_, i) => i % 4 === 3).every((a) => a === 0)).toBe(true);
    field.alphaInto(1.01, out);
    expect(out.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
  });

  it('gives the same mask whether filled a few rows at a time or all at once', () => {
    const whole = new DissolveField(50, 70, 13, 17);
    const stepwise = new DissolveField(50, 70, 13, 17);
    while (!stepwise.complete) stepwise.advance(3);
    const [a, b] = [new Uint8ClampedArray(13 * 17 * 4), new Uint8ClampedArray(13 * 17 * 4)];
    whole.alphaInto(0.37, a);
    stepwise.alphaInto(0.37, b);
    expect(b).toEqual(a);
  });

  it('is the export pixel itself when the preview is as large as the canvas', () => {
    const field = new DissolveField(20, 10, 20, 10);
    for (let y = 0; y < 10; y++) for (let x = 0; x < 20; x++) expect(field.shareBelow(y * 20 + x, 0.5)).toBe(xfadeNoise(x, y) < 0.5 ? 1 : 0);
  });
});
