import { describe, expect, it } from 'vitest';
import { sampleHex } from './keyPickLogic';

describe('eyedropper sample', () => {
  it('averages the patch around the point, clipped at the edges', () => {
    const w = 4;
    const h = 3;
    const px = new Uint8ClampedArray(w * h * 4);
    for (let i = 0; i < w * h; i++) px.set(i % w < 2 ? [0, 200, 0, 255] : [100, 0, 50, 255], i * 4);
    expect(sampleHex(px, w, h, 0, 0, 1)).toBe('#00c800');
    expect(sampleHex(px, w, h, 3, 2, 1)).toBe('#640032');
    // x 1.6 is pixel 2: one green column and two purple ones around it.
    expect(sampleHex(px, w, h, 1.6, 1, 1)).toBe('#434321');
  });
});
