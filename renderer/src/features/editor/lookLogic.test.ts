import { describe, expect, it } from 'vitest';
import { SHIPPED_LOOK_NAMES } from '../../../../electron/model/imported-look';
import { shippedLookIds } from '../../../../electron/model/look-catalogue';
import { t, type MessageKey } from '../../i18n';
import { adjustStep, formatAdjust, formatStrength, lookThumbnailPixels, referenceSwatch } from './lookLogic';

/** Mean absolute difference per channel (0..255) of two RGBA images. */
function meanDiff(a: Uint8ClampedArray, b: Uint8ClampedArray): number {
  let sum = 0;
  let n = 0;
  for (let i = 0; i < a.length; i += 4) for (let c = 0; c < 3; c++, n++) sum += Math.abs(a[i + c]! - b[i + c]!);
  return sum / n;
}
const through = (px: Uint8ClampedArray, id: string | null, w: number, h: number) => {
  const copy = new Uint8ClampedArray(px);
  lookThumbnailPixels(copy, w, h, id);
  return copy;
};

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
  it('the reference strip: hues across the top half, a black-to-white ramp along the bottom', () => {
    const w = 56;
    const px = referenceSwatch(w, 16);
    const at = (x: number, y: number) => Array.from(px.slice((y * w + x) * 4, (y * w + x) * 4 + 4));
    expect(at(0, 15)).toEqual([0, 0, 0, 255]);
    expect(at(w - 1, 15)).toEqual([255, 255, 255, 255]);
    for (let x = 1; x < w; x++) expect(at(x, 12)[0]!).toBeGreaterThanOrEqual(at(x - 1, 12)[0]!);
    const red = at(0, 2);
    expect(red[0]!).toBeGreaterThan(red[1]! + 60);
    const blue = at(Math.round((w - 1) * (240 / 360)), 2);
    expect(blue[2]!).toBeGreaterThan(blue[0]! + 60);
  });
  it('on a green-screen picture the closest looks nearly agree; through the reference strip every pair differs more', () => {
    const w = 56;
    const h = 16;
    const strip = referenceSwatch(w, h);
    const pairs: [string, string][] = [];
    for (let i = 0; i < shippedLookIds.length; i++) for (let j = i + 1; j < shippedLookIds.length; j++) pairs.push([shippedLookIds[i]!, shippedLookIds[j]!]);
    const onStrip = pairs.map(([a, b]) => meanDiff(through(strip, a, w, h), through(strip, b, w, h)));
    for (const [k, [a, b]] of pairs.entries()) expect(onStrip[k], `${a} vs ${b} on the strip`).toBeGreaterThan(10);
    for (const colour of [
      [40, 190, 60],
      [70, 160, 80],
      [30, 120, 40],
    ]) {
      const green = new Uint8ClampedArray(w * h * 4);
      for (let i = 0; i < green.length; i += 4) green.set([...colour, 255], i);
      const onGreen = pairs.map(([a, b]) => meanDiff(through(green, a, w, h), through(green, b, w, h)));
      // The walk's complaint: the two looks closest on the picture alone are further apart on the strip.
      expect(Math.min(...onStrip), `green ${colour.join(',')}`).toBeGreaterThan(Math.min(...onGreen));
    }
    // The strip's grey ramp shows a look's tint: Warm's mid grey leans red, Cool's leans blue.
    const mid = (id: string) => {
      const px = through(strip, id, w, h);
      const o = ((h - 1) * w + Math.round(w / 2)) * 4;
      return { r: px[o]!, b: px[o + 2]! };
    };
    expect(mid('warm').r).toBeGreaterThan(mid('warm').b + 10);
    expect(mid('cool').b).toBeGreaterThan(mid('cool').r + 10);
    // With no look the strip is itself.
    expect(through(strip, null, w, h)).toEqual(strip);
  });
});

describe('shipped look names', () => {
  it('the engine keeps imports off the names the Looks row shows for the shipped looks', () => {
    expect(shippedLookIds.map((id) => t(`look.name.${id}` as MessageKey))).toEqual([...SHIPPED_LOOK_NAMES]);
  });
});
