import { describe, expect, it } from 'vitest';
import { adjustStep, formatAdjust, formatStrength, lookThumbnailPixels } from './lookLogic';

describe('look section logic', () => {
  it('reads values as a creator expects', () => {
    expect(formatAdjust('exposure', 0.5)).toBe('+0.50 EV');
    expect(formatAdjust('exposure', -1)).toBe('\u22121.00 EV');
    expect(formatAdjust('saturation', 0.25)).toBe('+25');
    expect(formatAdjust('vignette', 0.4)).toBe('40');
    expect(formatAdjust('contrast', 0)).toBe('0');
    expect(formatStrength(0.8)).toBe('80%');
    expect(adjustStep('exposure')).toBeGreaterThan(adjustStep('tint'));
  });
  it('a thumbnail through Mono is grey; with no look it is unchanged', () => {
    const px = new Uint8ClampedArray([200, 100, 50, 255]);
    lookThumbnailPixels(px, 1, 1, null);
    expect(Array.from(px)).toEqual([200, 100, 50, 255]);
    lookThumbnailPixels(px, 1, 1, 'mono');
    expect(px[0]).toBe(px[1]);
    expect(px[1]).toBe(px[2]);
  });
});
