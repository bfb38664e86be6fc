import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { contrastLevel, contrastRatio, formatRatio, parseHex, relativeLuminance, swatchContrast } from './color';

const hex = fc.tuple(fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 })).map(([r, g, b]) => `#${[r, g, b].map((c) => c.toString(16).padStart(2, '0')).join('')}`);

describe('WCAG contrast', () => {
  it('knows the fixed points: black on white is 21, a colour on itself is 1', () => {
    expect(contrastRatio('#000000', '#ffffff')).toBe(21);
    expect(contrastRatio('#FFFFFF', '#000000')).toBe(21);
    expect(relativeLuminance('#000000')).toBe(0);
    expect(relativeLuminance('#ffffff')).toBeCloseTo(1, 12);
  });

  it('matches published values (WebAIM contrast checker)', () => {
    // #767676 is the classic "lightest grey that passes AA on white": 4.54:1. #777777 fails at 4.48:1.
    expect(contrastRatio('#767676', '#ffffff')).toBeCloseTo(4.54, 2);
    expect(contrastRatio('#777777', '#ffffff')).toBeCloseTo(4.48, 2);
    expect(contrastRatio('#0000ff', '#ffffff')).toBeCloseTo(8.59, 2);
  });

  it('is in [1, 21], symmetric, and 1 exactly for equal colours (property)', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const r = contrastRatio(a, b);
        expect(r).toBeGreaterThanOrEqual(1);
        expect(r).toBeLessThanOrEqual(21 + 1e-12);
        expect(contrastRatio(b, a)).toBe(r);
        expect(contrastRatio(a, a)).toBe(1);
      }),
    );
  });

  it('orders by luminance: a swatch contrasts more with white the darker it is, and with black the lighter (property)', () => {
    fc.assert(
      fc.property(hex, hex, (a, b) => {
        const la = relativeLuminance(a);
        const lb = relativeLuminance(b);
        fc.pre(la < lb);
        expect(contrastRatio(a, '#ffffff')).toBeGreaterThan(contrastRatio(b, '#ffffff'));
        expect(contrastRatio(a, '#000000')).toBeLessThan(contrastRatio(b, '#000000'));
        // (1.05/(L+0.05)) · ((L+0.05)/0.05) = 21 for every L, so the better of white and black text always reaches √21 ≈ 4.58.
        expect(Math.max(contrastRatio(a, '#ffffff'), contrastRatio(a, '#000000'))).toBeGreaterThanOrEqual(Math.sqrt(21) - 1e-9);
      }),
    );
  });

  it('gives AA and AAA verdicts at WCAG thresholds for normal and large text', () => {
    expect(contrastLevel(4.49, 'normal')).toBe('fail');
    expect(contrastLevel(4.5, 'normal')).toBe('AA');
    expect(contrastLevel(6.99, 'normal')).toBe('AA');
    expect(contrastLevel(7, 'normal')).toBe('AAA');
    expect(contrastLevel(2.99, 'large')).toBe('fail');
    expect(contrastLevel(3, 'large')).toBe('AA');
    expect(contrastLevel(4.5, 'large')).toBe('AAA');
    expect(swatchContrast('#777777')).toEqual({
      onWhite: { ratio: contrastRatio('#777777', '#ffffff'), normal: 'fail', large: 'AA' },
      onBlack: { ratio: contrastRatio('#777777', '#000000'), normal: 'AA', large: 'AAA' },
    });
  });

  it('shows ratios rounded down, so a fail never reads as 4.5', () => {
    expect(formatRatio(contrastRatio('#777777', '#ffffff'))).toBe('4.4:1');
    expect(formatRatio(21)).toBe('21.0:1');
    expect(formatRatio(4.5)).toBe('4.5:1');
    fc.assert(
      fc.property(hex, (a) => {
        expect(parseFloat(formatRatio(contrastRatio(a, '#ffffff')))).toBeLessThanOrEqual(contrastRatio(a, '#ffffff'));
      }),
    );
  });

  it('refuses anything but #rrggbb', () => {
    for (const bad of ['#fff', 'ff0000', '#gg0000', '#ff00001', '']) expect(() => parseHex(bad)).toThrow(/#rrggbb/);
  });
});
