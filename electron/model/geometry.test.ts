import { describe, expect, it } from 'vitest';
import { defaultTransform } from './draft';
import { backdropSigma, displaySize, formatDimensions, place } from './geometry';

const vertical = { width: 1080, height: 1920 };

describe('place', () => {
  it('fill covers a vertical canvas with the centre of a landscape clip', () => {
    const p = place(defaultTransform('fill'), { width: 1920, height: 1080 }, vertical, true);
    expect(p.source).toEqual({ x: 0, y: 0, width: 1920, height: 1080 });
    // cover: 1920/1080 = 1.777…; 1920 px wide source becomes 3414 px, centred.
    expect(p.dest).toEqual({ x: -1167, y: 0, width: 3414, height: 1920 });
    expect(p.pad).toBeNull();
    expect(p.backdrop).toBeNull();
  });

  it('fit letterboxes on the pad colour when it is the bottom layer only', () => {
    const t = { ...defaultTransform('fit'), padColor: '#112233' };
    const bottom = place(t, { width: 1920, height: 1080 }, vertical, true);
    expect(bottom.dest).toEqual({ x: 0, y: 656, width: 1080, height: 608 });
    expect(bottom.pad).toBe('#112233');
    expect(place(t, { width: 1920, height: 1080 }, vertical, false).pad).toBeNull();
  });

  it('blur draws a covering, blurred backdrop under the fitted picture', () => {
    const p = place(defaultTransform('blur'), { width: 1920, height: 1080 }, vertical, true);
    expect(p.dest.width).toBe(1080);
    expect(p.backdrop).toEqual({ dest: { x: -1167, y: 0, width: 3414, height: 1920 }, sigma: backdropSigma(vertical) });
  });

  it('crops before scaling, and scale and position move the picture', () => {
    const t = { ...defaultTransform('fit'), crop: { left: 0.25, right: 0.25, top: 0, bottom: 0 }, scale: 0.5, x: 0.25, y: 0.75 };
    const p = place(t, { width: 1920, height: 1080 }, vertical, false);
    expect(p.source).toEqual({ x: 480, y: 0, width: 960, height: 1080 });
    // contain: min(1080/960, 1920/1080) = 1.125 → 1080×1216, halved → 540×608, centred at (270, 1440).
    expect(p.dest).toEqual({ x: 0, y: 1136, width: 540, height: 608 });
  });

  it('always gives even sizes', () => {
    for (const scale of [0.33, 0.5, 0.77, 1.01, 1.5]) {
      const p = place({ ...defaultTransform('fit'), scale }, { width: 1281, height: 719 }, { width: 1080, height: 1350 }, false);
      expect(p.dest.width % 2).toBe(0);
      expect(p.dest.height % 2).toBe(0);
    }
  });
});

describe('displaySize', () => {
  it('swaps sides for quarter turns', () => {
    expect(displaySize(1920, 1080, 90)).toEqual({ width: 1080, height: 1920 });
    expect(displaySize(1920, 1080, 180)).toEqual({ width: 1920, height: 1080 });
  });
});

describe('formatDimensions', () => {
  it('writes pixel sizes as people do: 1080×1920, no separators, whole pixels', () => {
    expect(formatDimensions(1080, 1920)).toBe('1080×1920');
    expect(formatDimensions(3840, 2160)).toBe('3840×2160');
    expect(formatDimensions(575.6, 1024)).toBe('576×1024');
  });
});
