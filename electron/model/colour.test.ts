import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { deltaE, hexToLab, labToRgb, parseHex, rgbToLab, toHex } from './colour';
import { colourDistance } from './colour-search';

describe('colour maths', () => {
  it('converts known sRGB colours to CIELAB (D65)', () => {
    const white = rgbToLab({ r: 255, g: 255, b: 255 });
    expect(white.l).toBeCloseTo(100, 1);
    expect(Math.abs(white.a) + Math.abs(white.b)).toBeLessThan(0.05);
    const red = rgbToLab({ r: 255, g: 0, b: 0 });
    expect(red.l).toBeCloseTo(53.24, 1);
    expect(red.a).toBeCloseTo(80.09, 1);
    expect(red.b).toBeCloseTo(67.2, 1);
    expect(rgbToLab({ r: 0, g: 0, b: 0 }).l).toBeCloseTo(0, 5);
  });

  it('parses hex in its three spellings and refuses anything else', () => {
    expect(parseHex('#e4002b')).toEqual({ r: 228, g: 0, b: 43 });
    expect(parseHex('E4002B')).toEqual({ r: 228, g: 0, b: 43 });
    expect(parseHex('#f00')).toEqual({ r: 255, g: 0, b: 0 });
    for (const bad of ['', '#ff', 'red', '#gg0000', '#12345']) expect(parseHex(bad)).toBeNull();
  });

  it('round-trips every sRGB colour through Lab within one step per channel', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), (r, g, b) => {
        const back = labToRgb(rgbToLab({ r, g, b }));
        expect(Math.abs(back.r - r)).toBeLessThan(0.6);
        expect(Math.abs(back.g - g)).toBeLessThan(0.6);
        expect(Math.abs(back.b - b)).toBeLessThan(0.6);
        expect(toHex(back)).toBe(toHex({ r, g, b }));
      }),
    );
  });

  it('ΔE is a metric: zero on itself, symmetric, triangle inequality', () => {
    const lab = fc.record({ l: fc.double({ min: 0, max: 100, noNaN: true }), a: fc.double({ min: -128, max: 127, noNaN: true }), b: fc.double({ min: -128, max: 127, noNaN: true }) });
    fc.assert(
      fc.property(lab, lab, lab, (p, q, s) => {
        expect(deltaE(p, p)).toBe(0);
        expect(deltaE(p, q)).toBeCloseTo(deltaE(q, p), 9);
        expect(deltaE(p, s)).toBeLessThanOrEqual(deltaE(p, q) + deltaE(q, s) + 1e-9);
      }),
    );
  });

  it('a dominant colour matches within tolerance and with enough share only', () => {
    const red = hexToLab('#e4002b')!;
    const colours = [
      { ...hexToLab('#ffffff')!, share: 0.7 },
      { ...hexToLab('#e0062e')!, share: 0.2 },
      { ...hexToLab('#e4002b')!, share: 0.01 },
    ];
    const d = colourDistance(colours, red, 10, 0.05)!;
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(3);
    expect(colourDistance(colours, red, 10, 0)).toBe(0); // the tiny exact one counts once share is not asked for
    expect(colourDistance(colours, red, 10, 0.5)).toBeNull();
    expect(colourDistance(colours, hexToLab('#0040ff')!, 20, 0)).toBeNull();
  });
});
