import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { defaultTextStyle, fontFamilies } from './draft';
import { boldAvailability, type Face, syntheticBold, withFamily } from './font-weights';

const lobster: Face[] = [{ family: 'Lobster', weight: 400 }];
const brand: Face[] = [
  { family: 'Brand Sans', weight: 400 },
  { family: 'Brand Sans', weight: 700 },
];

describe('font weights', () => {
  it('built-ins have bold; a library family has it only with a SemiBold-or-heavier face; others are unknown', () => {
    for (const f of fontFamilies) expect(boldAvailability(f, [])).toBe('bold');
    expect(boldAvailability('Lobster', lobster)).toBe('regularOnly');
    expect(boldAvailability('lobster', lobster)).toBe('regularOnly');
    expect(boldAvailability('Brand Sans', brand)).toBe('bold');
    expect(boldAvailability('Brand Sans', [{ family: 'Brand Sans', weight: 600 }])).toBe('bold');
    expect(boldAvailability('Brand Sans', [{ family: 'Brand Sans', weight: 500 }])).toBe('regularOnly');
    expect(boldAvailability('Nowhere', brand)).toBe('unknown');
  });

  it('a style moved to a family takes the weight it has; bold on a regular-only family is synthetic', () => {
    const bold = { ...defaultTextStyle, bold: true };
    expect(withFamily(bold, 'Lobster', lobster)).toMatchObject({ font: 'Lobster', bold: false });
    expect(withFamily(bold, 'Brand Sans', brand)).toMatchObject({ font: 'Brand Sans', bold: true });
    expect(withFamily({ ...bold, bold: false }, 'Brand Sans', brand).bold).toBe(false);
    expect(syntheticBold({ font: 'Lobster', bold: true }, lobster)).toBe(true);
    expect(syntheticBold({ font: 'Lobster', bold: false }, lobster)).toBe(false);
    expect(syntheticBold({ font: 'DejaVu Sans', bold: true }, lobster)).toBe(false);
  });

  it('property: withFamily never leaves a synthetic bold and never turns bold on', () => {
    const face = fc.record({ family: fc.constantFrom('A', 'B', 'c', 'DejaVu Sans'), weight: fc.integer({ min: 100, max: 900 }) });
    fc.assert(
      fc.property(fc.array(face, { maxLength: 6 }), fc.constantFrom('A', 'b', 'C', 'DejaVu Sans', 'Lobster'), fc.boolean(), (faces, family, b) => {
        const out = withFamily({ font: 'X', bold: b }, family, faces);
        expect(syntheticBold(out, faces)).toBe(false);
        if (!b) expect(out.bold).toBe(false);
        expect(out.font).toBe(family);
      }),
    );
  });
});
