import { describe, expect, it } from 'vitest';
import { place } from './geometry';
import { overlayTransform } from './timeline';

describe('overlayTransform: new overlays arrive a third of the canvas wide', () => {
  const canvas = { width: 1080, height: 1920 };
  it.each([
    [{ width: 1920, height: 1080 }],
    [{ width: 300, height: 300 }],
    [{ width: 1080, height: 1920 }],
    [{ width: 4000, height: 500 }],
  ])('%o is placed centred and 360 px wide, whole', (src) => {
    const tr = overlayTransform(src, canvas);
    const d = place(tr, src, canvas, false).dest;
    expect(Math.abs(d.width - 360)).toBeLessThanOrEqual(2);
    expect(d.x + d.width / 2).toBeCloseTo(540, 0);
    expect(d.y + d.height / 2).toBeCloseTo(960, 0);
    expect(tr.reframe).toBe('fit');
  });

  it('a source too tall for a third of the width stays inside the canvas', () => {
    const src = { width: 100, height: 2000 };
    const d = place(overlayTransform(src, canvas), src, canvas, false).dest;
    expect(d.height).toBeLessThanOrEqual(1920);
  });
});
